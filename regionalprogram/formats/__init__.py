"""Dates written in Python (object names, history entries, file titles) in the active language's
format, as the templates write them: the format modules in this package decide, not the code.

``FORMAT_MODULE_PATH`` points Django here; ``ky``, ``ru`` and ``en`` each have a ``formats.py``.
"""

from __future__ import annotations

import datetime

from django.utils import formats, timezone


def _local(value: datetime.date) -> datetime.date:
    # An aware moment is shown on the Bishkek clock, as the template filters show it: a meeting
    # at 03:00 on the 12th must not print as the 11th (its UTC date).
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def short_date(value: datetime.date | None) -> str:
    """'31.12.2026': a date, or the local date of a moment; '' for nothing."""
    if not value:
        return ""
    return formats.date_format(_local(value), "SHORT_DATE_FORMAT")


def short_datetime(value: datetime.datetime | None, *, seconds: bool = False) -> str:
    """'31.12.2026 14:05' on the local clock; with seconds where two moments must be told apart."""
    if not value:
        return ""
    value = _local(value)
    if seconds:
        return f"{short_date(value)} {formats.time_format(value, 'H:i:s')}"
    return formats.date_format(value, "SHORT_DATETIME_FORMAT")
