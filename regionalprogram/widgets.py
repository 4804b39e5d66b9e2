"""Date and time inputs in the portal's own format (dd.mm.yyyy, 24-hour time) whatever the
browser's locale; the server reads them through the format modules' DATE_INPUT_FORMATS /
DATETIME_INPUT_FORMATS. Every form and filter of the portal uses these two. And how a select writes
its options."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

DATE = forms.DateInput(
    format="%d.%m.%Y",
    attrs={
        "pattern": r"\d{1,2}\.\d{1,2}\.\d{4}",
        "placeholder": _("dd.mm.yyyy"),
        "inputmode": "numeric",
        "autocomplete": "off",
    },
)
DATETIME = forms.DateTimeInput(
    format="%d.%m.%Y %H:%M",
    attrs={
        "pattern": r"\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}",
        "placeholder": _("dd.mm.yyyy hh:mm"),
        "autocomplete": "off",
    },
)


# A select's options, written in Python rather than one template include per option: the measure
# form's five lists of ~300 bodies took most of its page's time through the templates. Both
# templates/django/forms/widgets/select.html and select_option.html call these, so every select of
# the portal writes its options (and its empty choice) this one way.
EMPTY_CHOICE = "---------"  # the empty choice's label in Django's own choice fields
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def option_html(option: dict) -> str:
    label = option["label"]
    if label == EMPTY_CHOICE:
        label = _("— choose —")  # no select anywhere shows Django's bare "---------"
    return format_html(
        '<option value="{}"{}>{}</option>', str(option["value"]), flatatt(option["attrs"]), label
    )


def options_html(widget: dict) -> str:
    """Every option of a select's context (``widget``), in its optgroups; an option with a
    template of its own still renders through it."""
    parts = []
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        for option in options:
            if option.get("template_name", OPTION_TEMPLATE) == OPTION_TEMPLATE:
                parts.append(option_html(option))
            else:
                parts.append(render_to_string(option["template_name"], {"widget": option}))
        if group_name:
            parts.append("</optgroup>")
    return mark_safe("\n".join(parts))  # noqa: S308 - each part is escaped above
