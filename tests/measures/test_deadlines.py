"""Deadlines written the government way become a kind and a span of dates."""

import datetime as dt

import pytest
from django.utils import translation

from measures.deadlines import DeadlineParseError, ParsedDeadline, parse_deadline

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        # quarters, ru / ky / en
        ("IV квартал 2025", "once", D(2025, 10, 1), D(2025, 12, 31)),
        ("4 квартал 2025 года", "once", D(2025, 10, 1), D(2025, 12, 31)),
        ("4-й квартал 2025 г.", "once", D(2025, 10, 1), D(2025, 12, 31)),
        ("в I квартале 2026 года", "once", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-жылдын II чейреги", "once", D(2026, 4, 1), D(2026, 6, 30)),
        ("2026-жылдын III чейрегинде", "once", D(2026, 7, 1), D(2026, 9, 30)),
        ("Q4 2025", "once", D(2025, 10, 1), D(2025, 12, 31)),
        ("q1 2027", "once", D(2027, 1, 1), D(2027, 3, 31)),
        ("III quarter 2026", "once", D(2026, 7, 1), D(2026, 9, 30)),
        # half-years
        ("II полугодие 2026", "once", D(2026, 7, 1), D(2026, 12, 31)),
        ("I полугодие 2025 года", "once", D(2025, 1, 1), D(2025, 6, 30)),
        ("2026-жылдын I жарым жылдыгы", "once", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026-жылдын экинчи жарым жылдыгы", "once", D(2026, 7, 1), D(2026, 12, 31)),
        ("H2 2026", "once", D(2026, 7, 1), D(2026, 12, 31)),
        ("second half of 2026", "once", D(2026, 7, 1), D(2026, 12, 31)),
        # ranges of years
        ("2025–2030", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2025-2030", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2025 — 2030", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2025-2030-жылдар", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2025–2030 годы", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2026-2028 гг.", "period", D(2026, 1, 1), D(2028, 12, 31)),
        # single years
        ("2027", "once", D(2027, 1, 1), D(2027, 12, 31)),
        ("2027 год", "once", D(2027, 1, 1), D(2027, 12, 31)),
        ("2027-жыл", "once", D(2027, 1, 1), D(2027, 12, 31)),
        ("в течение 2027 года", "once", D(2027, 1, 1), D(2027, 12, 31)),
        ("2027-жылдын аягына чейин", "once", D(2027, 1, 1), D(2027, 12, 31)),
        # months
        ("декабрь 2026", "once", D(2026, 12, 1), D(2026, 12, 31)),
        ("в марте 2026 года", "once", D(2026, 3, 1), D(2026, 3, 31)),
        ("2026-жылдын декабры", "once", D(2026, 12, 1), D(2026, 12, 31)),
        ("December 2026", "once", D(2026, 12, 1), D(2026, 12, 31)),
        # dates
        ("31.12.2026", "once", D(2026, 12, 31), D(2026, 12, 31)),
        ("до 1 июля 2026 года", "once", D(2026, 7, 1), D(2026, 7, 1)),
        ("до 15 мая 2027 г.", "once", D(2027, 5, 15), D(2027, 5, 15)),
        ("2026-жылдын 1-июлуна чейин", "once", D(2026, 7, 1), D(2026, 7, 1)),
        ("by 1 July 2026", "once", D(2026, 7, 1), D(2026, 7, 1)),
        ("July 1, 2026", "once", D(2026, 7, 1), D(2026, 7, 1)),
        ("2026-12-31", "once", D(2026, 12, 31), D(2026, 12, 31)),
        # spacing and dashes as they come from Word documents
        ("IV\u00a0квартал\u00a02025", "once", D(2025, 10, 1), D(2025, 12, 31)),
        ("  2025\u20132030  ", "period", D(2025, 1, 1), D(2030, 12, 31)),
    ],
)
def test_dated_deadlines(text, kind, start, end):
    assert parse_deadline(text) == ParsedDeadline(kind, start, end)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ежегодно", "annual"),
        ("Ежегодно", "annual"),
        ("жыл сайын", "annual"),
        ("annually", "annual"),
        ("постоянно", "continuous"),
        ("на постоянной основе", "continuous"),
        ("туруктуу", "continuous"),
        ("continuous", "continuous"),
    ],
)
def test_recurring_deadlines_span_the_programme_period_when_given(text, kind):
    assert parse_deadline(text, period_start_year=2025, period_end_year=2030) == ParsedDeadline(
        kind, D(2025, 1, 1), D(2030, 12, 31)
    )
    assert parse_deadline(text) == ParsedDeadline(kind, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "скоро",
        "по мере необходимости",
        "V квартал 2025",
        "III полугодие 2026",
        "31.02.2026",
        "2030–2025",
        "1850",
        "market 2026",
    ],
)
def test_unreadable_deadlines_raise_with_the_understood_forms(text):
    with pytest.raises(DeadlineParseError) as excinfo:
        parse_deadline(text)
    assert isinstance(excinfo.value, ValueError)
    assert "IV квартал 2025" in str(excinfo.value)
    assert "ежегодно" in str(excinfo.value)


def test_error_message_goes_through_gettext(monkeypatch):
    import measures.deadlines as deadlines

    seen = []
    monkeypatch.setattr(deadlines, "_", lambda message: seen.append(message) or message)
    with translation.override("ru"), pytest.raises(DeadlineParseError):
        parse_deadline("скоро")
    assert any("Cannot read the deadline" in message for message in seen)
