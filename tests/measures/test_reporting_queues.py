"""The monitoring pages run the same number of SQL queries for 10 rows as for 200: the reporter's
list, the editor's queue, the measure page's progress and the plan filtered by progress."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import ReportStatus
from programs.roles import REPORTERS
from tests.edit_helpers import editor_of, user_in
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorActualFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ReportSpendingFactory,
)

pytestmark = pytest.mark.django_db

STATES = [ReportStatus.DRAFT, ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED]


class Plan:
    """A programme whose measures a body leads, each with a report, added n at a time."""

    def __init__(self):
        self.programme = ProgrammeFactory(code="Q-1")
        self.objective = ObjectiveFactory(direction__programme=self.programme)
        self.body = BodyFactory()
        self.count = 0

    def add(self, n: int) -> None:
        for _ in range(n):
            self.count += 1
            measure = MeasureFactory(
                objective=self.objective,
                number=f"1.1.{self.count}",
                lead_body=self.body,
                deadline_text="2025–2030",
                deadline_kind="period",
                deadline_start=None,
                deadline_end=None,
            )
            ExecutorFactory(measure=measure)
            FundingLineFactory(measure=measure, year=2025)
            report = ProgressReportFactory(
                measure=measure,
                year=2025,
                number=2,
                status=STATES[self.count % len(STATES)],
                execution="partly_done",
            )
            ReportSpendingFactory(report=report)


def queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_my_reports_runs_the_same_queries_for_10_and_200_measures(client):
    plan = Plan()
    reporter = user_in(REPORTERS)
    reporter.profile.body = plan.body
    reporter.profile.save()
    client.force_login(reporter)
    plan.add(10)
    small, page = queries(client, "/en/reports/mine/")
    assert page.count('<tr class="state-') >= 10
    plan.add(190)
    large, page = queries(client, "/en/reports/mine/")
    assert page.count('<tr class="state-') >= 200
    assert small == large


def test_the_review_queue_runs_the_same_queries_for_10_and_200_reports(client):
    plan = Plan()
    client.force_login(editor_of(plan.programme))
    plan.add(10)
    small, _page = queries(client, "/en/reports/review/Q-1/")
    plan.add(190)
    large, page = queries(client, "/en/reports/review/Q-1/?page=2")
    assert small == large
    assert "Page 2 of" in page


def test_the_measure_page_runs_the_same_queries_for_1_and_20_reports(client):
    programme = ProgrammeFactory(code="Q-2")
    measure = MeasureFactory(objective=ObjectiveFactory(direction__programme=programme))
    client.force_login(editor_of(programme))
    indicator = MeasureIndicatorFactory(measure=measure)
    for year in range(2025, 2031):
        IndicatorTargetFactory(indicator=indicator, year=year, target_value=Decimal(year - 2020))
        FundingLineFactory(measure=measure, year=year)

    def report(body, year, number):
        made = ProgressReportFactory(
            measure=measure,
            reporting_body=body,
            year=year,
            number=number,
            status=ReportStatus.ACCEPTED,
            execution="partly_done",
        )
        IndicatorActualFactory(report=made, indicator=indicator, year=year)
        ReportSpendingFactory(report=made)

    report(measure.lead_body, 2025, 1)
    url = f"/en/plan/Q-2/{measure.number}/"
    small, _page = queries(client, url)
    for index in range(19):
        body = measure.lead_body if index < 9 else ExecutorFactory(measure=measure).body
        report(body, 2025 + (index + 1) // 2 % 6, (index + 1) % 2 + 1)
    large, page = queries(client, url)
    assert small == large
    assert page.count('class="badge report-accepted"') >= 20


def test_the_plan_filtered_by_progress_runs_the_same_queries_for_10_and_200(client):
    plan = Plan()
    plan.add(10)
    url = "/en/plan/?programme=Q-1&computed_status=not_reported"
    small, _page = queries(client, url)
    plan.add(190)
    large, _page = queries(client, url)
    assert small == large
