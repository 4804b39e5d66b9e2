"""Dates written in Python follow the language's format module, on the Bishkek clock."""

import ast
import datetime
from pathlib import Path

import pytest
from django.utils import formats, translation

from measures.deadlines import parse_deadline
from measures.plan_io.layout import cell_text
from regionalprogram.formats import short_date, short_datetime
from regionalprogram.languages import LANGUAGE_CODES
from tests.factories import LegalActFactory, MeetingFactory

ROOT = Path(__file__).resolve().parents[1]
UTC = datetime.UTC
# 21:30 UTC on the 11th is 03:30 on the 12th in Bishkek (UTC+6).
LATE_EVENING_UTC = datetime.datetime(2026, 6, 11, 21, 30, 15, tzinfo=UTC)


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_short_date_is_the_official_day_month_year(lang):
    with translation.override(lang):
        assert short_date(datetime.date(2026, 12, 31)) == "31.12.2026"
        assert short_date(None) == ""


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_moment_is_dated_on_the_bishkek_clock(lang):
    with translation.override(lang):
        assert short_date(LATE_EVENING_UTC) == "12.06.2026"
        assert short_datetime(LATE_EVENING_UTC) == "12.06.2026 03:30"
        assert short_datetime(LATE_EVENING_UTC, seconds=True) == "12.06.2026 03:30:15"


def test_short_date_follows_the_format_module(monkeypatch):
    real = formats.get_format

    def us_style(name, lang=None, use_l10n=None):
        return "m/d/Y" if name == "SHORT_DATE_FORMAT" else real(name, lang, use_l10n)

    monkeypatch.setattr(formats, "get_format", us_style)
    assert short_date(datetime.date(2026, 12, 31)) == "12/31/2026"


def test_russian_formats_are_the_kyrgyz_ones():
    names = ("SHORT_DATE_FORMAT", "DATE_INPUT_FORMATS", "DECIMAL_SEPARATOR", "THOUSAND_SEPARATOR")
    for name in names:
        assert formats.get_format(name, "ru") == formats.get_format(name, "ky")
    assert formats.get_format("DECIMAL_SEPARATOR", "ru") == ","


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_date_cell_of_an_imported_plan_reads_back_as_the_same_deadline(lang):
    with translation.override(lang):
        parsed = parse_deadline(cell_text(datetime.datetime(2026, 7, 1)))
    assert (parsed.start, parsed.end) == (datetime.date(2026, 7, 1), datetime.date(2026, 7, 1))


@pytest.mark.django_db
def test_a_meeting_late_in_the_evening_utc_is_named_by_its_local_day():
    meeting = MeetingFactory(number=3, starts_at=LATE_EVENING_UTC)
    assert str(meeting) == "№ 3, 12.06.2026"


@pytest.mark.django_db
def test_a_legal_act_is_named_with_its_date():
    act = LegalActFactory(number="135", date=datetime.date(2025, 3, 18))
    with translation.override("en"):
        assert str(act) == "resolution № 135 (18.03.2025)"


def _hand_formatted_dates(path: Path) -> list[int]:
    """Lines that print a day-first date by hand: .strftime("%d.%m...") or f"{day:%d.%m.%Y}".

    ISO keys (%Y-%m-%d) and input formats are machine formats, not what a person reads."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "strftime"
        ) or (
            isinstance(node, ast.FormattedValue)
            and node.format_spec is not None
            and "%d.%m" in ast.unparse(node.format_spec)
        ):
            lines.append(node.lineno)
    return lines


def test_no_module_formats_a_date_by_hand():
    offenders = {}
    for app in ("regionalprogram", "regions", "programs", "measures", "meetings"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            if lines := _hand_formatted_dates(path):
                offenders[str(path.relative_to(ROOT))] = lines
    assert offenders == {}
