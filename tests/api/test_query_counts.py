"""Every list runs the same number of SQL queries for 10 rows as for 200."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.models import FundingAllocation, ReportStatus
from meetings.models import MeetingStatus, ProposalStatus
from programs.models import LegalActRole, ProgrammeLegalAct
from regions.models import AdministrativeUnit, IndicatorValue, SocioEconomicIndicator
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DecisionFactory,
    DirectionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorActualFactory,
    IndicatorTargetFactory,
    LegalActFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    MeetingFactory,
    MemberFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ProposalFactory,
    ReportSpendingFactory,
    UnitFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


class Rows:
    """Adds n more rows of one kind, each with its related rows, sharing parents."""

    def __init__(self):
        self.programme = ProgrammeFactory()
        self.objective = ObjectiveFactory(direction=DirectionFactory(programme=self.programme))
        self.group = WorkingGroupFactory(programme=self.programme)
        self.body = BodyFactory()
        self.units = list(AdministrativeUnit.objects.filter(tree_path__startswith="41704")[:3])
        self.counter = 0

    def next(self) -> int:
        self.counter += 1
        return self.counter

    def measures(self, n):
        for _ in range(n):
            measure = MeasureFactory(
                objective=self.objective,
                number=f"1.1.{self.next()}",
                lead_body=self.body,
                target_units=self.units,
            )
            ExecutorFactory(measure=measure)
            line = FundingLineFactory(measure=measure, planned_amount=Decimal("1500.0"))
            for unit, amount in zip(self.units, ("1000.0", "500.0"), strict=False):
                FundingAllocation.objects.create(line=line, unit=unit, amount=Decimal(amount))
            IndicatorTargetFactory(indicator=MeasureIndicatorFactory(measure=measure))

    def reports(self, n):
        for _ in range(n):
            measure = MeasureFactory(objective=self.objective, number=f"2.1.{self.next()}")
            indicator = MeasureIndicatorFactory(measure=measure)
            for number, body in ((1, measure.lead_body), (2, measure.lead_body), (1, self.body)):
                report = ProgressReportFactory(
                    measure=measure,
                    reporting_body=body,
                    year=2026,
                    number=number,
                    status=ReportStatus.ACCEPTED,
                    submitted_at=timezone.now(),
                    reviewed_at=timezone.now(),
                )
                IndicatorActualFactory(report=report, indicator=indicator, year=2026)
                ReportSpendingFactory(report=report)

    def programmes(self, n):
        for _ in range(n):
            programme = ProgrammeFactory(lead_body=self.body)
            ProgrammeLegalAct.objects.create(
                programme=programme, legal_act=LegalActFactory(), role=LegalActRole.ADOPTION
            )

    def directions(self, n):
        for _ in range(n):
            ObjectiveFactory(direction=DirectionFactory(programme=self.programme))

    def units_(self, n):
        for _ in range(n):
            unit = UnitFactory(parent=self.units[0])
            unit.former_names.create(name="Old")

    def bodies(self, n):
        for _ in range(n):
            BodyFactory(territory=self.units[0], parent=self.body)

    def legal_acts(self, n):
        for _ in range(n):
            ProgrammeLegalAct.objects.create(
                programme=self.programme, legal_act=LegalActFactory(), role=LegalActRole.BASIS
            )

    def indicators(self, n):
        for _ in range(n):
            indicator = SocioEconomicIndicator.objects.create(
                code=f"ind-{self.next()}", name="I", unit_of_measure="%"
            )
            IndicatorValue.objects.create(
                indicator=indicator, unit=self.units[0], year=2022, value=1
            )

    def working_groups(self, n):
        for _ in range(n):
            MemberFactory(group=WorkingGroupFactory(programme=self.programme), body=self.body)

    def meetings(self, n):
        for _ in range(n):
            meeting = MeetingFactory(
                group=self.group,
                number=self.next(),
                status=MeetingStatus.HELD,
                news_published_at=timezone.now(),
            )
            AgendaItemFactory(meeting=meeting)
            DecisionFactory(meeting=meeting)

    def decisions(self, n):
        meeting = MeetingFactory(
            group=self.group, status=MeetingStatus.HELD, news_published_at=timezone.now()
        )
        measure = MeasureFactory(objective=self.objective, number=f"9.{self.next()}")
        for _ in range(n):
            decision = DecisionFactory(meeting=meeting, number=str(self.next()))
            decision.measures.add(measure)

    def proposals(self, n):
        for _ in range(n):
            ProposalFactory(group=self.group, author_body=self.body, status=ProposalStatus.ACCEPTED)


ENDPOINTS = [
    ("measures", "measures"),
    ("reports", "reports"),
    ("programmes", "programmes"),
    ("directions", "directions"),
    ("units", "units_"),
    ("bodies", "bodies"),
    ("legal-acts", "legal_acts"),
    ("indicators", "indicators"),
    ("working-groups", "working_groups"),
    ("meetings", "meetings"),
    ("decisions", "decisions"),
    ("proposals", "proposals"),
]


def count_queries(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


@pytest.mark.parametrize(("path", "maker"), ENDPOINTS)
def test_list_runs_the_same_queries_for_10_and_200_rows(api, path, maker):
    rows = Rows()
    url = f"/api/v1/{path}/?page_size=500&lang=all&count=true"
    getattr(rows, maker)(10)
    small, small_body = count_queries(api, url)
    getattr(rows, maker)(190)
    large, large_body = count_queries(api, url)
    assert large_body["count"] >= small_body["count"] + 190
    assert small == large, f"{path}: {small} queries for ~10 rows, {large} for ~200"


def test_measure_list_filtered_to_an_oblast_stays_within_its_query_budget(api):
    Rows().measures(20)
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/api/v1/measures/?unit=41704000000000")
    assert response.status_code == 200
    # unit lookup, COUNT, page, then one per related table: 9 prefetches.
    assert len(queries) <= 11, [q["sql"][:80] for q in queries]


def test_report_list_for_the_programmes_editor_runs_the_same_queries_for_10_and_200_rows():
    from tests.api.conftest import token_client
    from tests.edit_helpers import editor_of

    rows = Rows()
    client = token_client(editor_of(rows.programme))
    url = "/api/v1/reports/?page_size=500&lang=all&count=true"
    rows.reports(4)
    client.get(url)  # the token's first use records itself (last_used_at)
    small, small_body = count_queries(client, url)
    rows.reports(66)
    large, large_body = count_queries(client, url)
    assert large_body["count"] == small_body["count"] + 198
    assert small == large, f"{small} queries for ~12 reports, {large} for ~210"


def test_a_sync_page_reads_its_ids_first_and_computes_statuses_for_them_only(api):
    # Read whole, the status's subqueries were planned for every row the filter matched
    # (PostgreSQL hashed all reports of a 100,000-measure plan for a page of 50).
    rows = Rows()
    rows.measures(6)
    url = "/api/v1/measures/?pagination=cursor&updated_since=2020-01-01T00:00:00Z&page_size=4"
    with CaptureQueriesContext(connection) as queries:
        first = api.get(url).json()
    measure_reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "measures_measure"')]
    ids_query, rows_query = measure_reads[:2]
    assert ids_query.startswith('SELECT "measures_measure"."id" AS "pk" FROM')
    assert ids_query.endswith("LIMIT 5")
    assert "CASE" not in ids_query  # no status in the query that picks the page
    assert '"measures_measure"."id" IN (' in rows_query and not rows_query.endswith("LIMIT 5")
    second = api.get(first["next"]).json()
    keys = [m["key"] for m in first["results"] + second["results"]]
    assert len(keys) == len(set(keys)) == 6  # the cursor still walks every row once


def test_an_export_reads_its_ids_in_order_then_each_chunks_rows_by_id(api, monkeypatch):
    # Read whole through one cursor, the status's subqueries were planned for the whole list
    # and PostgreSQL hashed every report before the first row (3× slower at 3,334 measures).
    from regionalprogram.api import export

    monkeypatch.setattr(export, "EXPORT_CHUNK", 4)
    rows = Rows()
    rows.measures(10)
    with CaptureQueriesContext(connection) as queries:
        response = api.get("/api/v1/measures/?format=csv&lang=en")
        body = b"".join(response.streaming_content).decode()
    # (The ids come through a server-side cursor, which the capture does not record.)
    measure_reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "measures_measure"')]
    assert len(measure_reads) == 3  # chunks of 4, 4 and 2, each of its own rows only
    assert all('"measures_measure"."id" IN (' in sql for sql in measure_reads)
    assert body.count("\n") == 11  # the header and every measure, once
