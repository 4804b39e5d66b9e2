"""Reporting cycles and periods: generated from the cycle and the programme period, due dates from
the cycle's rule, labels written the official way in each language."""

from __future__ import annotations

import datetime
from datetime import date as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from measures.models import ProgressReport, ReportingCycle, ReportingPeriod
from measures.reporting import cycle_ensure, cycle_sync_periods
from measures.reporting.periods import cycle_name, due_date, period_label, period_spans
from programs.models import ProgrammeStatus
from tests.factories import MeasureFactory, ProgrammeFactory, ProgressReportFactory


@pytest.mark.parametrize(
    ("kind", "count", "first", "last"),
    [
        ("quarter", 8, (D(2025, 1, 1), D(2025, 3, 31)), (D(2026, 10, 1), D(2026, 12, 31))),
        ("half_year", 4, (D(2025, 1, 1), D(2025, 6, 30)), (D(2026, 7, 1), D(2026, 12, 31))),
        ("year", 2, (D(2025, 1, 1), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 12, 31))),
    ],
)
def test_periods_of_each_kind_cover_the_years_without_gaps(kind, count, first, last):
    spans = period_spans(kind, 2025, 2026)
    assert len(spans) == count
    assert (spans[0].start, spans[0].end) == first
    assert (spans[-1].start, spans[-1].end) == last
    for earlier, later in zip(spans, spans[1:], strict=False):
        assert later.start == earlier.end + datetime.timedelta(days=1)
    assert [s.number for s in spans if s.year == 2025] == list(range(1, count // 2 + 1))


@pytest.mark.parametrize(
    ("end", "day", "months_after", "due"),
    [
        (D(2026, 6, 30), 15, 1, D(2026, 7, 15)),  # Res. 80: the 15th of the month after
        (D(2026, 12, 31), 15, 1, D(2027, 1, 15)),  # into the next year
        (D(2026, 3, 31), 20, 1, D(2026, 4, 20)),  # a quarter
        (D(2026, 12, 31), 31, 2, D(2027, 2, 28)),  # a shorter month: its last day
        (D(2027, 12, 31), 31, 2, D(2028, 2, 29)),  # a leap year
        (D(2026, 9, 30), 1, 3, D(2026, 12, 1)),
    ],
)
def test_due_date_is_day_n_of_the_month_after_the_period(end, day, months_after, due):
    assert due_date(end, day, months_after) == due


@pytest.mark.parametrize(
    ("lang", "quarter", "half_year", "year"),
    [
        ("ky", "2026-жылдын IV чейреги", "2026-жылдын II жарым жылдыгы", "2026-жыл"),
        ("ru", "IV квартал 2026 года", "II полугодие 2026 года", "2026 год"),
        ("en", "Q4 2026", "H2 2026", "2026"),
    ],
)
def test_period_labels_are_written_the_official_way_in_each_language(
    lang, quarter, half_year, year
):
    with translation.override(lang):
        assert period_label("quarter", 2026, 4) == quarter
        assert period_label("half_year", 2026, 2) == half_year
        assert period_label("year", 2026, 1) == year


@pytest.mark.parametrize(
    ("lang", "first_quarter", "first_half"),
    [
        ("ky", "2026-жылдын I чейреги", "2026-жылдын I жарым жылдыгы"),
        ("ru", "I квартал 2026 года", "I полугодие 2026 года"),
        ("en", "Q1 2026", "H1 2026"),
    ],
)
def test_first_periods_in_each_language(lang, first_quarter, first_half):
    with translation.override(lang):
        assert period_label("quarter", 2026, 1) == first_quarter
        assert period_label("half_year", 2026, 1) == first_half


def test_cycle_name_says_its_rule_in_each_language():
    with translation.override("ru"):
        assert cycle_name("half_year", 15, 1).startswith("Полугодовые отчёты")
        assert "15" in cycle_name("half_year", 15, 1)
    with translation.override("ky"):
        assert "15" in cycle_name("quarter", 15, 1)
    with translation.override("en"):
        assert cycle_name("year", 20, 2) == (
            "Annual reports, due on day 20 of the month 2 months after the period"
        )


@pytest.mark.django_db
def test_an_adopted_programme_gets_the_half_yearly_cycle_of_resolution_80():
    programme = ProgrammeFactory(status=ProgrammeStatus.ADOPTED, period_start_year=2025)
    cycle = ReportingCycle.objects.get(programme=programme)
    assert (cycle.kind, cycle.due_day, cycle.due_months_after) == ("half_year", 15, 1)
    periods = list(cycle.periods.order_by("start"))
    assert len(periods) == 12  # 2025–2030, two a year
    assert (periods[0].start, periods[0].end, periods[0].due_date) == (
        D(2025, 1, 1),
        D(2025, 6, 30),
        D(2025, 7, 15),
    )
    assert periods[-1].due_date == D(2031, 1, 15)


@pytest.mark.django_db
def test_a_draft_gets_no_cycle_until_it_is_in_implementation():
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    assert not programme.reporting_cycles.exists()
    programme.status = ProgrammeStatus.IN_IMPLEMENTATION
    programme.save()
    assert programme.reporting_cycles.get().periods.count() == 12


@pytest.mark.django_db
def test_periods_follow_the_programme_period_and_keep_those_with_reports():
    programme = ProgrammeFactory(period_start_year=2025, period_end_year=2030)
    report = ProgressReportFactory(
        measure=MeasureFactory(objective__direction__programme=programme)
    )
    ProgressReportFactory(measure=report.measure, year=2030, number=2, percent_complete=10)
    cycle = programme.reporting_cycles.get()
    ids_before = set(cycle.periods.values_list("pk", flat=True))

    programme.period_end_year = 2031
    programme.save()
    assert cycle.periods.filter(year=2031).count() == 2
    assert set(cycle.periods.values_list("pk", flat=True)) >= ids_before  # nothing recreated

    programme.period_end_year = 2028
    programme.save()
    years = set(cycle.periods.values_list("year", flat=True))
    # 2029 and 2031 go; 2030's second half stays because a report was filed for it.
    assert years == {2025, 2026, 2027, 2028, 2030}
    assert cycle.periods.filter(year=2030).count() == 1
    assert ProgressReport.objects.count() == 2


@pytest.mark.django_db
def test_syncing_twice_changes_nothing_and_a_new_rule_moves_the_due_dates():
    programme = ProgrammeFactory()
    cycle = programme.reporting_cycles.get()
    before = list(cycle.periods.order_by("pk").values_list("pk", "start", "end", "due_date"))
    cycle_sync_periods(cycle=cycle)
    assert (
        list(cycle.periods.order_by("pk").values_list("pk", "start", "end", "due_date")) == before
    )

    cycle = cycle_ensure(programme=programme, kind="half_year", due_day=20, due_months_after=2)
    first = cycle.periods.get(year=2025, number=1)
    assert first.due_date == D(2025, 8, 20)
    assert cycle.periods.count() == 12


@pytest.mark.django_db
def test_a_second_cycle_runs_beside_the_first():
    programme = ProgrammeFactory()
    cycle_ensure(programme=programme, kind="quarter")
    cycle_ensure(programme=programme, kind="year", due_day=1, due_months_after=3)
    assert programme.reporting_cycles.count() == 3
    assert (
        ReportingPeriod.objects.filter(cycle__programme=programme, cycle__kind="quarter").count()
        == 24
    )
    assert ReportingPeriod.objects.get(
        cycle__programme=programme, cycle__kind="year", year=2025
    ).due_date == D(2026, 3, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(("day", "months"), [(0, 1), (32, 1), (15, 0), (15, 13)])
def test_a_cycle_with_an_impossible_rule_is_refused(day, months):
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError):
        cycle_ensure(programme=programme, kind="half_year", due_day=day, due_months_after=months)
