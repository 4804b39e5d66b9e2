"""The trail that includes/breadcrumbs.html draws between Home and the current page.

Django's template language cannot build a list, and the trail belongs to the template that knows
the page, not to its view.
"""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

register = template.Library()


@register.simple_tag
def crumbs(*items) -> list[tuple[str, str]]:
    """``{% crumbs url label url label … as trail %}``: the links above the current page.

    A URL followed by its label is one crumb (an empty URL, a crumb that is not a link); a list of
    objects is one crumb per object, linked to its ``get_absolute_url()`` and labelled by ``str()``.
    """
    trail: list[tuple[str, str]] = []
    rest = list(items)
    while rest:
        item = rest.pop(0)
        if isinstance(item, list | tuple | QuerySet):
            trail += [(obj.get_absolute_url(), str(obj)) for obj in item]
        elif rest:
            trail.append((item, rest.pop(0)))
        else:
            raise template.TemplateSyntaxError(f"crumbs: the URL {item!r} has no label")
    return trail
