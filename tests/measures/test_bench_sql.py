"""make bench's baseline: each same-JSON query returns exactly the document the API answers."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from measures.api import MeasureViewSet
from measures.api_reports import ReportViewSet
from measures.bench_sql import measure_detail_query, measure_list_query, report_list_query
from measures.models import DeadlineKind, FundingSource, Measure, ProgressReport, ReportStatus
from meetings.models import ProposalStatus, ProposalTarget
from regions.models import AdministrativeUnit
from tests.factories import (
    DecisionFactory,
    IndicatorActualFactory,
    MeetingFactory,
    ProposalFactory,
    ReportSpendingFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

# Deadlines of every form render_deadline writes, and the fall-backs it takes when none fits.
DEADLINES = [
    (DeadlineKind.ONCE, datetime.date(2026, 7, 1), datetime.date(2026, 7, 1), "до 1 июля 2026"),
    (DeadlineKind.ONCE, datetime.date(2026, 12, 1), datetime.date(2026, 12, 31), "декабрь 2026"),
    (DeadlineKind.ONCE, datetime.date(2027, 1, 1), datetime.date(2027, 12, 31), "2027"),
    (DeadlineKind.ONCE, datetime.date(2026, 7, 1), datetime.date(2026, 12, 31), "H2 2026"),
    (DeadlineKind.ONCE, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), "Q2 2026"),
    (DeadlineKind.ONCE, datetime.date(2026, 3, 15), datetime.date(2026, 5, 20), "весной 2026"),
    (DeadlineKind.ONCE, datetime.date(2026, 3, 15), datetime.date(2026, 5, 20), ""),
    (DeadlineKind.ONCE, None, None, ""),
    (
        DeadlineKind.ANNUAL,
        datetime.date(2025, 1, 1),
        datetime.date(2030, 2, 1),
        "ежегодно, до 1 февраля",
    ),
    (DeadlineKind.ANNUAL, datetime.date(2025, 1, 1), datetime.date(2030, 12, 31), "ежегодно"),
    (DeadlineKind.CONTINUOUS, None, None, "постоянно"),
    (DeadlineKind.PERIOD, datetime.date(2025, 1, 1), datetime.date(2030, 12, 31), "2025–2030"),
    (DeadlineKind.PERIOD, datetime.date(2025, 2, 1), datetime.date(2030, 12, 31), "с февраля 2025"),
]


@pytest.fixture
def plan():
    call_command("generate_synthetic", measures=40, seed=3, stdout=open("/dev/null", "w"))  # noqa: SIM115
    measures = list(
        Measure.objects.select_related("programme").order_by("programme_id", "sort_key", "id")
    )
    for measure, (kind, start, end, text) in zip(measures, DEADLINES, strict=False):
        Measure.objects.filter(pk=measure.pk).update(
            deadline_kind=kind, deadline_start=start, deadline_end=end, deadline_text=text
        )
    first = measures[0]
    Measure.objects.filter(pk=first.pk).update(
        status_override="at_risk",
        status_override_reason="Подрядчик сорвал сроки",
        status_override_at=timezone.now().replace(microsecond=123456),
    )
    group = WorkingGroupFactory(programme=first.programme)
    decision = DecisionFactory(meeting=MeetingFactory(group=group))
    decision.measures.add(first)
    answered = {"status": ProposalStatus.ACCEPTED, "group": group}
    ProposalFactory(**answered, target_kind=ProposalTarget.MEASURE, measure=first)
    ProposalFactory(**answered, resulting_measure=first)
    ProposalFactory(group=group, target_kind=ProposalTarget.MEASURE, measure=first)  # unanswered
    # Synthetic reports carry no figures: give the lead body's accepted reports some.
    reports = ProgressReport.objects.filter(
        measure__programme=first.programme, status=ReportStatus.ACCEPTED
    ).select_related("measure", "period")[:3]
    for report in reports:
        indicator = report.measure.indicators.first()
        unit = report.measure.target_units.order_by("tree_path").first()
        IndicatorActualFactory(report=report, indicator=indicator, value=Decimal("12.500"))
        IndicatorActualFactory(report=report, indicator=indicator, unit=unit, value=Decimal("3"))
        ReportSpendingFactory(report=report, amount=Decimal("250.5"))
        ReportSpendingFactory(report=report, source=FundingSource.LOCAL, amount=Decimal("7"))
    # On time is judged on Bishkek's clock (UTC+6): 17:00 UTC on the due date is 23:00 there, in
    # time; 20:00 UTC is 02:00 the next day there, late.
    for report, hour in zip(reports, (17, 20), strict=False):
        due = report.period.due_date
        submitted = datetime.datetime(due.year, due.month, due.day, hour, tzinfo=datetime.UTC)
        ProgressReport.objects.filter(pk=report.pk).update(submitted_at=submitted)
    return first


def same_json(sql: str, params: list):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (text,) = cursor.fetchone()
    return json.loads(text)


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_measure_list_in_one_query_is_the_apis_document(client, plan, lang):
    oblast = AdministrativeUnit.objects.filter(level="oblast", depth=0).order_by("tree_path")[0]
    for url in (
        f"/api/v1/measures/?page_size=50&lang={lang}",
        f"/api/v1/measures/?page_size=50&lang={lang}&unit={oblast.soate}",
        f"/api/v1/measures/?page_size=7&lang={lang}",
    ):
        answer = client.get(url)
        assert answer.status_code == 200
        assert same_json(*measure_list_query(MeasureViewSet, url)) == answer.json(), url
    full = client.get(f"/api/v1/measures/?page_size=50&lang={lang}").json()["results"]
    mine = next(m for m in full if m["key"] == f"{plan.programme.code}/{plan.number}")
    assert mine["status_override"]["set_at"].endswith(".123456+06:00")
    assert len(mine["proposals"]) == 1 and len(mine["source_proposals"]) == 1
    assert len({m["deadline"]["rendered"] for m in full}) >= len(DEADLINES) - 2


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_measure_detail_in_one_query_is_the_apis_document(client, plan, lang):
    for measure in Measure.objects.select_related("programme").order_by("id")[:12]:
        code, number = measure.programme.code, measure.number
        url = f"/api/v1/measures/{code}/{number}/?lang={lang}"
        query = measure_detail_query(MeasureViewSet, url, programme=code, number=number)
        assert same_json(*query) == client.get(url).json(), url


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_the_report_list_in_one_query_is_the_apis_document(client, plan, lang):
    for url in (
        "/api/v1/reports/?page_size=50",  # the language LocaleMiddleware picks: Kyrgyz
        f"/api/v1/reports/?page_size=50&lang={lang}",
        f"/api/v1/reports/?page_size=500&lang={lang}",  # every report: the last page
    ):
        answer = client.get(url)
        assert answer.status_code == 200
        assert same_json(*report_list_query(ReportViewSet, url)) == answer.json(), url
    reports = client.get(f"/api/v1/reports/?page_size=500&lang={lang}").json()["results"]
    assert any(r["actuals"] for r in reports) and any(r["spending"] for r in reports)
    assert {r["on_time"] for r in reports} >= {True, False}
