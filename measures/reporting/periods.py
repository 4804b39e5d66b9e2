"""Reporting periods as pure functions: which periods a cycle has, when their reports are due and
how each language writes them ("2026-жылдын I жарым жылдыгы", "I полугодие 2026 года", "H1 2026").
"""

from __future__ import annotations

import calendar
import datetime
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
PERIODS_PER_YEAR = {"quarter": 4, "half_year": 2, "year": 1}


class PeriodSpan(NamedTuple):
    year: int
    number: int
    start: datetime.date
    end: datetime.date


def _last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_span(kind: str, year: int, number: int) -> PeriodSpan:
    count = PERIODS_PER_YEAR[kind]
    if not 1 <= number <= count:
        raise ValueError(f"{kind} {number} does not exist")
    months = 12 // count
    first_month = months * (number - 1) + 1
    return PeriodSpan(
        year, number, datetime.date(year, first_month, 1), _last_day(year, first_month + months - 1)
    )


def period_spans(kind: str, first_year: int, last_year: int) -> list[PeriodSpan]:
    """Every period of the kind from 1 January of ``first_year`` to 31 December of ``last_year``."""
    return [
        period_span(kind, year, number)
        for year in range(first_year, last_year + 1)
        for number in range(1, PERIODS_PER_YEAR[kind] + 1)
    ]


def due_date(end: datetime.date, due_day: int, months_after: int) -> datetime.date:
    """Day ``due_day`` of the month ``months_after`` months after the one ``end`` falls in (its
    last day when the month is shorter): 30.06.2026, 15, 1 → 15.07.2026."""
    index = end.year * 12 + (end.month - 1) + months_after
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


def period_label(kind: str, year: int, number: int) -> str:
    """The period as official texts write it, in the active language.

    Each form is a format string with a context, so that translators control the word order; the
    numeral style is translated too ("roman" in Kyrgyz and Russian: "IV квартал 2026 года",
    "arabic" in English: "Q4 2026").
    """
    numerals = pgettext("numerals of reporting periods: roman or arabic", "arabic")
    numeral = ROMAN.get(number, str(number)) if numerals == "roman" else str(number)
    params = {"year": str(year), "number": numeral}
    if kind == "quarter":
        text = pgettext("quarter of a year: Q1 2026", "Q%(number)s %(year)s")
    elif kind == "half_year":
        text = pgettext("half of a year: H1 2026", "H%(number)s %(year)s")
    else:
        text = pgettext("a whole year as a reporting period", "%(year)s")
    return text % params


def cycle_name(kind: str, due_day: int, months_after: int) -> str:
    """'Half-yearly reports, due on day 15 of the month after the period'."""
    names = {
        "quarter": pgettext("reporting cycle", "Quarterly reports"),
        "half_year": pgettext("reporting cycle", "Half-yearly reports"),
        "year": pgettext("reporting cycle", "Annual reports"),
    }
    name = names.get(kind, kind)
    if months_after == 1:
        rule = _("due on day %(day)s of the month after the period") % {"day": due_day}
    else:
        rule = _("due on day %(day)s of the month %(months)s months after the period") % {
            "day": due_day,
            "months": months_after,
        }
    return f"{name}, {rule}"


def period_in_title(kind: str, year: int, number: int) -> str:
    """The period as the title of a report on it names it, in the active language: "за
    I полугодие 2026 года", "2026-жылдын I жарым жылдыгындагы", "for H1 2026"."""
    numerals = pgettext("numerals of reporting periods: roman or arabic", "arabic")
    numeral = ROMAN.get(number, str(number)) if numerals == "roman" else str(number)
    params = {"year": str(year), "number": numeral}
    if kind == "quarter":
        text = pgettext("a quarter in the title of a report on it", "for Q%(number)s %(year)s")
    elif kind == "half_year":
        text = pgettext("a half-year in the title of a report on it", "for H%(number)s %(year)s")
    else:
        text = pgettext("a year in the title of a report on it", "for %(year)s")
    return text % params
