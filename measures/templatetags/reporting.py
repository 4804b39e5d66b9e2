"""Labels of the monitoring loop for templates: computed statuses and work states."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from measures.models import ComputedStatus

register = template.Library()


@register.filter
def status_label(value: str) -> str:
    """'overdue' → 'overdue' in the active language (a ComputedStatus value)."""
    try:
        return ComputedStatus(value).label
    except ValueError:
        return value or ""


@register.filter
def work_state_label(value: str) -> str:
    labels = {
        "returned": pgettext("report status", "returned for revision"),
        "overdue": pgettext("report reminder", "overdue"),
        "due_soon": _("due soon"),
        "due": _("to report"),
        "submitted": _("submitted, awaiting review"),
        "accepted": pgettext("report status", "accepted"),
    }
    return labels.get(value, value)
