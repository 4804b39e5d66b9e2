"""Measures in the API carry their computed and effective status, the editor's override and the
actuals of accepted reports; the status filters ask what the plan page's Progress filter asks;
the figures equal sums the database computes on its own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from measures.filters import MeasureFilter
from measures.models import ComputedStatus, ExecutionAssessment, FundingSource, Measure
from measures.reporting import measure_actuals, report_accept
from tests.edit_helpers import editor_of
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorActualFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ReportSpendingFactory,
)

pytestmark = pytest.mark.django_db

CODE = "MON-2025-2030"
AT_BASHY = "41704220000000"


@pytest.fixture
def programme(db):
    return ProgrammeFactory(code=CODE)


def measure_in(programme, number: str, **fields) -> Measure:
    return MeasureFactory(
        objective=ObjectiveFactory(direction__programme=programme), number=number, **fields
    )


def accept(report, editor):
    return report_accept(report=report, user=editor)


def submitted(measure, body=None, *, year, number, **fields):
    return ProgressReportFactory(
        measure=measure,
        reporting_body=body or measure.lead_body,
        year=year,
        number=number,
        status="submitted",
        submitted_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def reported(programme):
    """A measure over 2025–2030 with accepted reports of its lead body and a co-executor, a
    per-unit indicator value, and a submitted (not yet accepted) report that must not count."""
    from regions.models import AdministrativeUnit

    at_bashy = AdministrativeUnit.objects.get(soate=AT_BASHY)
    measure = measure_in(
        programme,
        "3.1.1",
        deadline_text="2025–2030",
        deadline_kind="period",
        deadline_start=date(2025, 1, 1),
        deadline_end=date(2030, 12, 31),
    )
    co_body = ExecutorFactory(measure=measure).body
    FundingLineFactory(measure=measure, source=FundingSource.REPUBLICAN, year=2025)
    FundingLineFactory(measure=measure, source=FundingSource.DONOR, year=2025)
    indicator = MeasureIndicatorFactory(measure=measure)
    editor = editor_of(programme)

    h1 = submitted(measure, year=2025, number=1, execution="partly_done", percent_complete=20)
    ReportSpendingFactory(report=h1, source=FundingSource.REPUBLICAN, amount=Decimal("100.0"))
    ReportSpendingFactory(report=h1, source=FundingSource.DONOR, amount=Decimal("50.0"))
    IndicatorActualFactory(report=h1, indicator=indicator, year=2025, value=Decimal("3"))
    accept(h1, editor)

    h2 = submitted(measure, year=2025, number=2, execution="partly_done", percent_complete=45)
    ReportSpendingFactory(report=h2, source=FundingSource.REPUBLICAN, amount=Decimal("250.0"))
    IndicatorActualFactory(report=h2, indicator=indicator, year=2025, value=Decimal("6"))
    accept(h2, editor)

    co = submitted(measure, co_body, year=2025, number=1, execution="partly_done")
    ReportSpendingFactory(report=co, source=FundingSource.REPUBLICAN, amount=Decimal("30.5"))
    IndicatorActualFactory(report=co, indicator=indicator, year=2025, value=Decimal("100"))
    accept(co, editor)

    h1_2026 = submitted(measure, year=2026, number=1, execution="partly_done")
    ReportSpendingFactory(report=h1_2026, source=FundingSource.REPUBLICAN, amount=Decimal("70"))
    IndicatorActualFactory(report=h1_2026, indicator=indicator, year=2026, value=Decimal("8"))
    IndicatorActualFactory(
        report=h1_2026, indicator=indicator, year=2026, unit=at_bashy, value=Decimal("2")
    )
    accept(h1_2026, editor)

    pending = submitted(measure, year=2026, number=2, execution="partly_done")
    ReportSpendingFactory(report=pending, source=FundingSource.REPUBLICAN, amount=Decimal("999"))
    IndicatorActualFactory(report=pending, indicator=indicator, year=2026, value=Decimal("99"))
    return measure


def sql_rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Written here from the rule in words (README, Monitoring): each body's latest accepted figure of
# a year (money is reported since 1 January), summed over the bodies.
SPENT_SQL = """
SELECT year, source, sum(amount)::text FROM (
    SELECT DISTINCT ON (r.reporting_body_id, p.year, s.source, s.donor_id)
           p.year, s.source, s.amount
      FROM measures_reportspending s
      JOIN measures_progressreport r ON r.id = s.report_id
      JOIN measures_reportingperiod p ON p.id = r.period_id
     WHERE r.measure_id = %s AND r.status = 'accepted'
     ORDER BY r.reporting_body_id, p.year, s.source, s.donor_id, p."end" DESC, r.id DESC
) latest GROUP BY year, source ORDER BY year, source
"""

# The lead body's latest accepted value per indicator, year and unit.
ACTUALS_SQL = """
SELECT DISTINCT ON (a.indicator_id, a.year, a.unit_id) a.indicator_id, a.year, u.soate,
       a.value::text
  FROM measures_indicatoractual a
  JOIN measures_progressreport r ON r.id = a.report_id
  JOIN measures_reportingperiod p ON p.id = r.period_id
  JOIN measures_measure m ON m.id = r.measure_id
  LEFT JOIN regions_administrativeunit u ON u.id = a.unit_id
 WHERE r.measure_id = %s AND r.status = 'accepted' AND r.reporting_body_id = m.lead_body_id
 ORDER BY a.indicator_id, a.year, a.unit_id, p."end" DESC, r.id DESC
"""


def by_indicator_year_unit(row: dict):
    return (row["indicator"], row["year"], row["unit"] or "")


def api_measure(api, measure, query=""):
    response = api.get(f"/api/v1/measures/{CODE}/{measure.number}/{query}")
    assert response.status_code == 200, response.content
    return response.json()


def test_money_spent_equals_the_sql_sum_of_accepted_reports(api, reported):
    body = api_measure(api, reported)
    expected = [
        {"source": source, "year": year, "amount": amount}
        for year, source, amount in sql_rows(SPENT_SQL, [reported.pk])
    ]
    assert body["actuals"]["spent"] == expected
    # 2025: the lead body's latest (250.0) and 50.0 donor, plus the co-executor's 30.5; the
    # submitted 999 of 2026 does not count.
    assert expected == [
        {"source": "donor", "year": 2025, "amount": "50.0"},
        {"source": "republican", "year": 2025, "amount": "280.5"},
        {"source": "republican", "year": 2026, "amount": "70.0"},
    ]
    # The plan's funding lines carry the same spent amounts.
    spent_lines = {
        (line["source"], line["year"]): line["actual_amount"]
        for line in body["funding"]
        if line["actual_amount"] is not None
    }
    assert spent_lines == {(row["source"], row["year"]): row["amount"] for row in expected}


def test_indicator_actuals_equal_the_lead_bodys_latest_accepted_values(api, reported):
    body = api_measure(api, reported)
    expected = [
        {"indicator": indicator, "year": year, "unit": unit, "value": value}
        for indicator, year, unit, value in sql_rows(ACTUALS_SQL, [reported.pk])
    ]
    assert sorted(body["actuals"]["indicators"], key=by_indicator_year_unit) == sorted(
        expected, key=by_indicator_year_unit
    )
    indicator = reported.indicators.get()
    # Whole-measure values before the per-unit ones of the same year.
    assert body["actuals"]["indicators"] == [
        {"indicator": indicator.pk, "year": 2025, "unit": None, "value": "6.000"},
        {"indicator": indicator.pk, "year": 2026, "unit": None, "value": "8.000"},
        {"indicator": indicator.pk, "year": 2026, "unit": AT_BASHY, "value": "2.000"},
    ]
    assert body["indicators"][0]["id"] == indicator.pk
    # The measure page reads the same values (measures.reporting.measure_actuals).
    page = {
        (ind, year, unit): f"{value:.3f}"
        for (ind, year, unit), value in measure_actuals(reported).items()
    }
    assert len(page) == len(expected)
    assert sorted(page.values()) == sorted(row["value"] for row in expected)


def test_report_figures_in_the_reports_api_equal_the_sql_sums(api, reported):
    response = api.get(f"/api/v1/reports/?measure={CODE}/{reported.number}&page_size=100")
    reports = response.json()["results"]
    assert {r["status"] for r in reports} == {"accepted"}
    total = sum(Decimal(s["amount"]) for r in reports for s in r["spending"])
    (sql_total,) = sql_rows(
        "SELECT sum(s.amount) FROM measures_reportspending s "
        "JOIN measures_progressreport r ON r.id = s.report_id "
        "WHERE r.measure_id = %s AND r.status = 'accepted'",
        [reported.pk],
    )[0]
    assert total == sql_total == Decimal("500.5")


def test_list_and_detail_carry_the_same_status_and_actuals(api, reported):
    listed = api.get(f"/api/v1/measures/?programme={CODE}").json()["results"]
    detail = api_measure(api, reported)
    assert [m for m in listed if m["key"] == detail["key"]] == [detail]


@pytest.fixture
def statuses(programme):
    """One measure per status, and one whose editor's status differs from the computed one."""
    editor = editor_of(programme)
    overdue = measure_in(
        programme,
        "1.1.1",
        deadline_text="IV квартал 2025",
        deadline_start=date(2025, 10, 1),
        deadline_end=date(2025, 12, 31),
    )
    completed = measure_in(programme, "1.1.2")
    accept(
        submitted(
            completed,
            year=2026,
            number=1,
            execution=ExecutionAssessment.DONE,
            percent_complete=100,
        ),
        editor,
    )
    not_started = measure_in(
        programme,
        "1.1.3",
        deadline_text="2029",
        deadline_start=date(2029, 1, 1),
        deadline_end=date(2029, 12, 31),
    )
    overridden = measure_in(
        programme,
        "1.1.4",
        deadline_text="IV квартал 2025",
        deadline_start=date(2025, 10, 1),
        deadline_end=date(2025, 12, 31),
        status_override=ComputedStatus.ON_TRACK,
        status_override_reason="Закон принят, отчёт в пути",
        status_override_at=timezone.now(),
    )
    return {
        "overdue": overdue,
        "completed": completed,
        "not_started": not_started,
        "overridden": overridden,
    }


def test_measure_carries_computed_and_effective_status_and_the_override(api, statuses):
    plain = api_measure(api, statuses["overdue"])
    assert plain["computed_status"] == plain["effective_status"] == "overdue"
    assert plain["overdue"] is True
    assert plain["status_override"] is None
    overridden = api_measure(api, statuses["overridden"])
    assert overridden["computed_status"] == "overdue"
    assert overridden["effective_status"] == "on_track"
    assert overridden["overdue"] is False
    assert overridden["status_override"]["status"] == "on_track"
    assert overridden["status_override"]["reason"] == "Закон принят, отчёт в пути"
    assert overridden["status_override"]["set_at"] is not None
    assert api_measure(api, statuses["completed"])["computed_status"] == "completed"
    assert api_measure(api, statuses["not_started"])["computed_status"] == "not_started"


def keys(api, query):
    response = api.get(f"/api/v1/measures/?programme={CODE}&{query}")
    assert response.status_code == 200, response.content
    return {m["number"] for m in response.json()["results"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("effective_status=overdue", {"1.1.1"}),
        ("computed_status=overdue", {"1.1.1", "1.1.4"}),
        ("effective_status=on_track", {"1.1.4"}),
        ("computed_status=on_track", set()),
        ("effective_status=completed&effective_status=not_started", {"1.1.2", "1.1.3"}),
        ("effective_status=completed&status=planned", {"1.1.2"}),
    ],
)
def test_status_filters(api, statuses, query, expected):
    assert keys(api, query) == expected


@pytest.mark.parametrize("value", ComputedStatus.values)
def test_effective_status_filter_finds_what_the_plan_pages_progress_filter_finds(
    api, statuses, value
):
    request = RequestFactory().get("/en/plan/")
    request.user = AnonymousUser()
    page = MeasureFilter(
        {"programme": CODE, "computed_status": value},
        queryset=Measure.objects.active(),
        request=request,
    )
    assert page.is_valid()
    assert keys(api, f"effective_status={value}") == {m.number for m in page.qs}


@pytest.mark.parametrize(
    "query",
    [
        "effective_status=late",
        "computed_status=overdue&computed_status=nope",
        "status=overdue",  # the status column of the plan has no "overdue"
    ],
)
def test_unknown_status_is_a_400_keyed_by_parameter(api, statuses, query):
    response = api.get(f"/api/v1/measures/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_measures_without_reports_have_empty_actuals(api, programme):
    measure = measure_in(programme, "5.1.1", lead_body=BodyFactory())
    assert api_measure(api, measure)["actuals"] == {"indicators": [], "spent": []}
