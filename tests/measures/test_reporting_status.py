"""The computed status, rule by rule, as of a given day; annual deadlines; the editor's override;
and the plan's filter by it. The programme runs 2025–2030 with half-yearly reports due the 15th
of the month after the period (H1 2026 closes on 15.07.2026, H2 2025 on 15.01.2026); a due date is
judged once those reports are due."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from measures.deadlines import parse_deadline
from measures.models import ComputedStatus, Measure, ReportingCycle, ReportStatus
from measures.services import measure_set_status_override
from tests.edit_helpers import editor_of
from tests.factories import (
    ExecutorFactory,
    IndicatorActualFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProgressReportFactory,
)

pytestmark = pytest.mark.django_db
S = ComputedStatus


def status(measure, today) -> str:
    return Measure.objects.with_computed_status(today).get(pk=measure.pk).computed_status


@pytest.fixture
def objective():
    return ObjectiveFactory(direction__programme=ProgrammeFactory())


def measure_due(objective, text: str, **kwargs):
    parsed = parse_deadline(text, period_start_year=2025, period_end_year=2030)
    return MeasureFactory(
        objective=objective, deadline_text=text, **parsed.as_measure_fields(), **kwargs
    )


def accepted(measure, *, year, number, execution="partly_done", percent=40, body=None, **kwargs):
    return ProgressReportFactory(
        measure=measure,
        year=year,
        number=number,
        reporting_body=body or measure.lead_body,
        status=ReportStatus.ACCEPTED,
        execution=execution,
        percent_complete=percent,
        **kwargs,
    )


# --- not started, on track, completed, overdue --------------------------------------------


def test_a_measure_whose_deadline_period_has_not_begun_is_not_started(objective):
    measure = measure_due(objective, "IV квартал 2026")
    assert status(measure, D(2026, 3, 1)) == S.NOT_STARTED


def test_no_accepted_report_yet_is_not_started(objective):
    measure = measure_due(objective, "2025–2030")
    assert status(measure, D(2025, 5, 1)) == S.NOT_STARTED  # no period has closed yet


def test_a_report_saying_not_started_keeps_it_not_started(objective):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2025, number=1, execution="not_started", percent=0)
    assert status(measure, D(2025, 9, 1)) == S.NOT_STARTED


def test_reported_and_moving_is_on_track(objective):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2026, number=1)
    assert status(measure, D(2026, 8, 1)) == S.ON_TRACK


def test_an_accepted_done_report_completes_the_measure_even_after_its_deadline(objective):
    measure = measure_due(objective, "IV квартал 2025")
    accepted(measure, year=2026, number=1, execution="done", percent=100)
    assert status(measure, D(2026, 9, 1)) == S.COMPLETED


def test_a_done_report_still_under_review_does_not_complete_it(objective):
    measure = measure_due(objective, "IV квартал 2025")
    ProgressReportFactory(
        measure=measure,
        year=2025,
        number=2,
        status=ReportStatus.SUBMITTED,
        execution="done",
        percent_complete=100,
    )
    assert status(measure, D(2026, 1, 16)) == S.OVERDUE  # H2 2025's reports were due 15.01.2026


def test_past_its_deadline_without_a_done_report_is_overdue(objective):
    measure = measure_due(objective, "IV квартал 2025")
    accepted(measure, year=2025, number=2, percent=80)
    assert status(measure, D(2025, 12, 31)) != S.OVERDUE  # the deadline day itself
    # Judged once the reports that could show it done were due: H2 2025's, on 15.01.2026.
    assert status(measure, D(2026, 1, 1)) == S.ON_TRACK
    assert status(measure, D(2026, 1, 15)) == S.ON_TRACK
    assert status(measure, D(2026, 1, 16)) == S.OVERDUE


def test_past_its_deadline_while_its_reports_are_not_due_less_than_half_done_is_at_risk(objective):
    measure = measure_due(objective, "IV квартал 2025")
    accepted(measure, year=2025, number=1, percent=30)
    assert status(measure, D(2025, 12, 1)) == S.AT_RISK
    assert status(measure, D(2026, 1, 5)) == S.AT_RISK  # not yet overdue, still short
    assert status(measure, D(2026, 1, 16)) == S.OVERDUE


def test_without_reporting_periods_a_deadline_is_judged_the_day_after(objective):
    ReportingCycle.objects.filter(programme=objective.direction.programme).delete()
    measure = measure_due(objective, "IV квартал 2025")
    assert status(measure, D(2025, 12, 31)) != S.OVERDUE
    assert status(measure, D(2026, 1, 1)) == S.OVERDUE


# --- not reported -------------------------------------------------------------------------


def test_no_report_for_the_last_closed_period_is_not_reported(objective):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2025, number=2)
    # H1 2026 was due on 15.07.2026.
    assert status(measure, D(2026, 7, 15)) == S.ON_TRACK
    assert status(measure, D(2026, 7, 16)) == S.NOT_REPORTED


def test_a_submitted_report_counts_as_reported(objective):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2025, number=2)
    ProgressReportFactory(measure=measure, year=2026, number=1, status=ReportStatus.SUBMITTED)
    assert status(measure, D(2026, 8, 1)) == S.ON_TRACK


@pytest.mark.parametrize("report_status", [ReportStatus.DRAFT, ReportStatus.RETURNED])
def test_a_draft_or_returned_report_is_not_reported(objective, report_status):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2025, number=2)
    ProgressReportFactory(measure=measure, year=2026, number=1, status=report_status)
    assert status(measure, D(2026, 8, 1)) == S.NOT_REPORTED


def test_only_the_lead_bodys_report_counts_for_the_status(objective):
    measure = measure_due(objective, "2025–2030")
    co = ExecutorFactory(measure=measure).body
    accepted(measure, year=2025, number=2)
    accepted(measure, year=2026, number=1, body=co)
    assert status(measure, D(2026, 8, 1)) == S.NOT_REPORTED


def test_a_measure_not_yet_begun_owes_no_report(objective):
    measure = measure_due(objective, "IV квартал 2026")
    assert status(measure, D(2026, 8, 1)) == S.NOT_STARTED


def test_a_completed_measure_owes_no_more_reports(objective):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2025, number=2, execution="done", percent=100)
    assert status(measure, D(2026, 8, 1)) == S.COMPLETED


# --- at risk ------------------------------------------------------------------------------


def test_a_report_saying_not_done_puts_it_at_risk(objective):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2026, number=1, execution="not_done", percent=10)
    assert status(measure, D(2026, 8, 1)) == S.AT_RISK


def test_a_reason_for_delay_puts_it_at_risk(objective):
    measure = measure_due(objective, "2025–2030")
    accepted(measure, year=2026, number=1, delay_reason_ru="Тендер сорван")
    assert status(measure, D(2026, 8, 1)) == S.AT_RISK


@pytest.mark.parametrize(
    ("baseline", "target", "actual", "expected"),
    [
        ("0", "20", "12", S.AT_RISK),  # short of the year's target
        ("0", "20", "20", S.ON_TRACK),
        ("33.2", "30", "31.5", S.AT_RISK),  # lower is better: a poverty rate not down enough
        ("33.2", "30", "29.8", S.ON_TRACK),
    ],
)
def test_a_year_end_value_short_of_the_years_target_puts_it_at_risk(
    objective, baseline, target, actual, expected
):
    measure = measure_due(objective, "2025–2030")
    indicator = MeasureIndicatorFactory(measure=measure, baseline_value=Decimal(baseline))
    IndicatorTargetFactory(indicator=indicator, year=2025, target_value=Decimal(target))
    report = accepted(measure, year=2025, number=2)
    IndicatorActualFactory(report=report, indicator=indicator, year=2025, value=Decimal(actual))
    assert status(measure, D(2026, 2, 1)) == expected


def test_a_mid_year_value_below_the_annual_target_is_not_a_risk(objective):
    measure = measure_due(objective, "2025–2030")
    indicator = MeasureIndicatorFactory(measure=measure)
    IndicatorTargetFactory(indicator=indicator, year=2026, target_value=Decimal("20"))
    report = accepted(measure, year=2026, number=1)
    IndicatorActualFactory(report=report, indicator=indicator, year=2026, value=Decimal("5"))
    assert status(measure, D(2026, 8, 1)) == S.ON_TRACK


def test_less_than_half_done_three_months_before_the_deadline_is_at_risk(objective):
    measure = measure_due(objective, "2026")
    accepted(measure, year=2026, number=1, percent=45)
    assert status(measure, D(2026, 9, 1)) == S.ON_TRACK  # four months to go
    assert status(measure, D(2026, 10, 15)) == S.AT_RISK
    measure2 = measure_due(objective, "2026", number="1.1.99")
    accepted(measure2, year=2026, number=1, percent=60)
    assert status(measure2, D(2026, 10, 15)) == S.ON_TRACK


# --- annual and continuous deadlines ------------------------------------------------------


@pytest.mark.parametrize("text", ["ежегодно", "жыл сайын", "постоянно", "annually"])
def test_an_annual_or_continuous_measure_falls_due_every_year(objective, text):
    measure = measure_due(objective, text)
    accepted(measure, year=2025, number=1)
    assert status(measure, D(2025, 12, 31)) == S.ON_TRACK
    # 2025's work is judged once H2 2025's reports were due (15.01.2026), not on 1 January.
    assert status(measure, D(2026, 1, 1)) == S.ON_TRACK
    assert status(measure, D(2026, 1, 16)) == S.OVERDUE  # 2025's work not reported as done
    accepted(measure, year=2025, number=2, execution="done", percent=100)
    assert status(measure, D(2026, 1, 16)) == S.ON_TRACK
    assert status(measure, D(2027, 1, 16)) == S.OVERDUE  # 2026 is another year
    accepted(measure, year=2026, number=1, execution="done", percent=100)
    assert status(measure, D(2027, 1, 1)) == S.ON_TRACK
    assert status(measure, D(2027, 1, 20)) == S.NOT_REPORTED  # H2 2026 was due on 15.01.2027
    ProgressReportFactory(measure=measure, year=2026, number=2, status=ReportStatus.SUBMITTED)
    assert status(measure, D(2027, 1, 20)) == S.ON_TRACK


def test_an_annual_deadline_keeps_its_day(objective):
    measure = measure_due(objective, "ежегодно, до 1 февраля")
    assert (measure.deadline_start, measure.deadline_end) == (D(2025, 1, 1), D(2030, 2, 1))
    row = Measure.objects.with_computed_status(D(2026, 1, 20)).get(pk=measure.pk)
    assert (row.last_due_date, row.next_due_date) == (D(2025, 2, 1), D(2026, 2, 1))
    accepted(measure, year=2025, number=1, execution="done", percent=100)  # done in January 2025
    assert status(measure, D(2026, 1, 20)) != S.OVERDUE
    # 1 February 2026 passed with nothing done: judged once H1 2026's reports were due, 15.07.2026.
    assert status(measure, D(2026, 2, 2)) != S.OVERDUE
    assert status(measure, D(2026, 7, 16)) == S.OVERDUE
    accepted(measure, year=2026, number=1, execution="done", percent=100)
    assert status(measure, D(2026, 7, 16)) != S.OVERDUE


def test_an_annual_measure_is_completed_when_its_last_year_is_done(objective):
    measure = measure_due(objective, "ежегодно")
    accepted(measure, year=2030, number=2, execution="done", percent=100)
    assert status(measure, D(2030, 12, 31)) != S.COMPLETED
    assert status(measure, D(2031, 2, 1)) == S.COMPLETED


# --- the editor's override ----------------------------------------------------------------


def test_the_editors_status_stands_beside_the_computed_one(objective):
    measure = measure_due(objective, "IV квартал 2025")
    editor = editor_of(measure.programme)
    measure_set_status_override(
        measure=measure, status=S.ON_TRACK, reason="Срок продлён постановлением", user=editor
    )
    row = Measure.objects.with_computed_status(D(2026, 3, 1)).get(pk=measure.pk)
    assert (row.computed_status, row.effective_status) == (S.OVERDUE, S.ON_TRACK)
    assert (row.status_override_by, row.status_override_reason) == (
        editor,
        "Срок продлён постановлением",
    )
    assert row.status_override_at is not None
    assert row.history.first().history_user == editor
    assert not Measure.objects.overdue(D(2026, 3, 1)).filter(pk=measure.pk).exists()

    measure_set_status_override(measure=measure, status="", reason="", user=editor)
    row = Measure.objects.with_computed_status(D(2026, 3, 1)).get(pk=measure.pk)
    assert row.effective_status == S.OVERDUE and row.status_override_by is None
    assert Measure.objects.overdue(D(2026, 3, 1)).filter(pk=measure.pk).exists()


def test_an_override_needs_a_reason(objective):
    measure = measure_due(objective, "IV квартал 2025")
    with pytest.raises(ValidationError) as excinfo:
        measure_set_status_override(measure=measure, status=S.COMPLETED, reason=" ", user=None)
    assert "status_override_reason" in excinfo.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(status_override=S.COMPLETED)


def test_is_overdue_reads_the_same_rule(objective):
    late = measure_due(objective, "IV квартал 2025")
    assert late.is_overdue(D(2026, 1, 16)) and not late.is_overdue(D(2025, 12, 1))
    annual = measure_due(objective, "ежегодно", number="1.1.98")
    assert annual.is_overdue(D(2026, 1, 16))  # no longer "never overdue"


# --- the plan's filter --------------------------------------------------------------------


def test_the_plan_filters_by_progress_and_shows_it(client, objective):
    late = measure_due(objective, "IV квартал 2025", title_en="Late road")
    done = measure_due(objective, "IV квартал 2025", title_en="Finished school", number="1.1.50")
    accepted(done, year=2025, number=2, execution="done", percent=100)
    code = objective.direction.programme.code
    page = client.get(f"/en/plan/?programme={code}&computed_status=overdue").content.decode()
    assert "Late road" in page and "Finished school" not in page
    assert 'class="badge cstatus-overdue"' in page
    page = client.get(f"/en/plan/?programme={code}&computed_status=completed").content.decode()
    assert "Finished school" in page and "Late road" not in page
    assert late.is_overdue()


def test_an_unknown_progress_value_is_a_400_with_a_message(client, objective):
    code = objective.direction.programme.code
    response = client.get(f"/en/plan/?programme={code}&computed_status=soon")
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
