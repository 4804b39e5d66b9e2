"""Date and time inputs in the portal's own format (dd.mm.yyyy, 24-hour time) whatever the
browser's locale; the server reads them through the format modules' DATE_INPUT_FORMATS /
DATETIME_INPUT_FORMATS. Every form and filter of the portal uses these two."""

from __future__ import annotations

from django import forms
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
