"""The dashboards: every figure equals an independent SQL sum, the pages and endpoints run a fixed
number of queries whatever the plan size, the data-quality page is for the programme's editors,
and the bodies' open decisions follow the meetings' visibility."""

# The raw SQL below is joined from constant fragments; every value goes in as a parameter.
# ruff: noqa: S608

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from measures.models import (
    ComputedStatus,
    FundingAllocation,
    FundingSource,
    Measure,
    ReportStatus,
)
from meetings.models import DecisionStatus, MeetingStatus, MemberRole
from portal.charts import bar_chart, grouped_chart, stacked_chart
from programs.models import ProgrammeStatus
from programs.roles import SECRETARIAT
from tests.edit_helpers import editor_of, user_in
from tests.factories import (
    BodyFactory,
    DecisionFactory,
    DirectionFactory,
    FundingLineFactory,
    IndicatorActualFactory,
    IndicatorTargetFactory,
    MeasureIndicatorFactory,
    MeetingFactory,
    MemberFactory,
    ObjectiveFactory,
    ProgressReportFactory,
    UnitFactory,
    WorkingGroupFactory,
    reporting_period,
)
from tests.portal.conftest import TODAY, Plan, programme_around_today

pytestmark = pytest.mark.django_db

FIRST = TODAY.year - 2  # the programme's first year: its H1 and H2 are closed periods


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class DashPlan(Plan):
    """Measures led by two bodies over two directions, with money, indicators, reports."""

    def __init__(self, programme):
        super().__init__(programme)
        self.bodies = [BodyFactory(name_en="Ministry A"), BodyFactory(name_en="Ministry B")]
        self.second = ObjectiveFactory(
            direction=DirectionFactory(programme=programme, number="2"), number="2.1"
        )
        self.unit = UnitFactory()

    def grow(self, n: int) -> None:
        """n measures of each kind: reported on time (accepted) and late in the first half-year,
        missing in the second; overdue; with money (one line allocated), an indicator and a
        target with an actual."""
        for i in range(n):
            body = self.bodies[i % 2]
            on_time, late = self.add(2, lead_body=body)
            late.objective = self.second
            late.direction = self.second.direction
            Measure.objects.filter(pk=late.pk).update(
                objective=self.second, direction=self.second.direction
            )
            (overdue,) = self.add_overdue(1)
            h1 = reporting_period(self.programme, "half_year", FIRST, 1)
            ProgressReportFactory(
                measure=on_time,
                period=h1,
                status=ReportStatus.ACCEPTED,
                submitted_at=at(h1.due_date),
                reviewed_at=at(h1.due_date),
                execution="partly_done",
            )
            ProgressReportFactory(
                measure=late,
                period=h1,
                status=ReportStatus.SUBMITTED,
                submitted_at=at(h1.due_date + datetime.timedelta(days=1)),
            )
            line = FundingLineFactory(
                measure=on_time,
                source=FundingSource.REPUBLICAN,
                year=FIRST,
                planned_amount=Decimal("1000.5"),
                actual_amount=Decimal("400.0"),
            )
            FundingAllocation.objects.create(line=line, unit=self.unit, amount=line.planned_amount)
            on_time.target_units.add(self.unit)
            FundingLineFactory(
                measure=late, source=FundingSource.DONOR, year=FIRST + 1, planned_amount=250
            )
            FundingLineFactory(
                measure=overdue, source=FundingSource.LOCAL, year=FIRST + 1, planned_amount=99.9
            )
            indicator = MeasureIndicatorFactory(measure=on_time, baseline_value=Decimal("0"))
            IndicatorTargetFactory(indicator=indicator, year=FIRST, target_value=Decimal("10"))
            IndicatorActualFactory(
                report=on_time.reports.get(), indicator=indicator, year=FIRST, value=Decimal("4")
            )


@pytest.fixture
def programme(db):
    return programme_around_today("D-1", title_en="Dashboard programme")


@pytest.fixture
def plan(programme):
    return DashPlan(programme)


def sql(query: str, *params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


# --- every figure equals an independent SQL sum ---------------------------------------------


def test_programme_figures_equal_independent_sql_sums(client, plan, programme):
    plan.grow(3)
    body = client.get("/api/v1/programmes/D-1/dashboard/?lang=en").json()
    pid = programme.pk
    active = "m.programme_id = %s AND m.archived_at IS NULL"

    (total,) = sql(f"SELECT count(*) FROM measures_measure m WHERE {active}", pid)
    assert body["measures"] == total[0] == 9
    per_direction = dict(
        sql(
            f"SELECT d.number, count(*) FROM measures_measure m JOIN programs_direction d "
            f"ON d.id = m.direction_id WHERE {active} GROUP BY d.number",
            pid,
        )
    )
    assert {row["number"]: row["total"] for row in body["status_by_direction"]} == per_direction
    statuses = {}
    for measure in Measure.objects.filter(programme=programme).with_computed_status():
        statuses[measure.computed_status] = statuses.get(measure.computed_status, 0) + 1
    assert {k: v for k, v in body["status"].items() if v} == statuses
    assert body["status"][ComputedStatus.OVERDUE] == 3

    lines = (
        f"FROM measures_fundingline f JOIN measures_measure m ON m.id = f.measure_id WHERE {active}"
    )
    by_source = {
        source: (str(planned), str(actual or Decimal("0.0")))
        for source, planned, actual in sql(
            f"SELECT f.source, sum(f.planned_amount), sum(f.actual_amount) {lines} "
            "GROUP BY f.source",
            pid,
        )
    }
    assert {
        row["source"]: (row["planned"], row["actual"]) for row in body["funding"]["by_source"]
    } == by_source
    assert by_source["republican"] == ("3001.5", "1200.0")
    by_year = {
        year: str(planned)
        for year, planned in sql(
            f"SELECT f.year, sum(f.planned_amount) {lines} GROUP BY f.year", pid
        )
    }
    assert {row["year"]: row["planned"] for row in body["funding"]["by_year"]} == by_year
    ((allocated,),) = sql(
        f"SELECT sum(f.planned_amount) {lines} AND EXISTS "
        "(SELECT 1 FROM measures_fundingallocation a WHERE a.line_id = f.id)",
        pid,
    )
    ((planned,),) = sql(f"SELECT sum(f.planned_amount) {lines}", pid)
    assert body["funding"]["allocated"] == str(allocated)
    assert (
        Decimal(body["funding"]["unallocated_targeted"]) + Decimal(body["funding"]["untargeted"])
        == planned - allocated
    )

    targets = sql(
        "SELECT t.target_value, a.value FROM measures_indicatortarget t "
        "JOIN measures_measureindicator i ON i.id = t.indicator_id "
        "JOIN measures_measure m ON m.id = i.measure_id "
        "LEFT JOIN measures_indicatoractual a ON a.indicator_id = i.id AND a.year = t.year "
        f"WHERE {active} AND t.year = %s AND t.unit_id IS NULL",
        pid,
        FIRST,
    )
    assert body["indicators"]["year"] == FIRST
    assert sorted((r["target"], r["actual"]) for r in body["indicators"]["rows"]) == sorted(
        (str(t), str(a)) for t, a in targets
    )
    assert {r["percent"] for r in body["indicators"]["rows"]} == {40}

    # Reports per closed period. Every measure of this plan owes a report from the programme's
    # start until its deadline and none is done, so "due" is the count of measures whose deadline
    # starts by the period's end.
    periods = sql(
        "SELECT p.id, c.kind || '/' || p.year || '/' || p.number, p.due_date "
        "FROM measures_reportingperiod p JOIN measures_reportingcycle c ON c.id = p.cycle_id "
        "WHERE c.programme_id = %s AND p.due_date < %s ORDER BY p.start",
        pid,
        TODAY,
    )
    assert len(body["reports_by_period"]) == len(periods) >= 2
    rows = {row["period"]: row for row in body["reports_by_period"]}
    for period_id, key, _due in periods:
        ((due,),) = sql(
            f"SELECT count(*) FROM measures_measure m, measures_reportingperiod p "
            f"WHERE {active} AND p.id = %s AND m.deadline_start <= p.end",
            pid,
            period_id,
        )
        reported = (
            "FROM measures_progressreport r JOIN measures_measure m ON m.id = r.measure_id "
            "JOIN measures_reportingperiod p ON p.id = r.period_id "
            f"WHERE {active} AND r.period_id = %s AND r.reporting_body_id = m.lead_body_id "
            "AND r.status IN ('submitted', 'accepted')"
        )
        local_day = "(r.submitted_at AT TIME ZONE 'Asia/Bishkek')::date"
        ((on_time,),) = sql(
            f"SELECT count(*) {reported} AND {local_day} <= p.due_date", pid, period_id
        )
        ((late,),) = sql(f"SELECT count(*) {reported} AND {local_day} > p.due_date", pid, period_id)
        ((accepted,),) = sql(
            f"SELECT count(*) {reported} AND r.status = 'accepted'", pid, period_id
        )
        assert (rows[key]["due"], rows[key]["on_time"], rows[key]["late"]) == (due, on_time, late)
        assert rows[key]["accepted"] == accepted
        assert rows[key]["missing"] == due - on_time - late
    first = rows[f"half_year/{FIRST}/1"]
    assert (first["due"], first["on_time"], first["late"], first["missing"]) == (6, 3, 3, 0)
    assert body["reports"]["on_time"] == sum(r["on_time"] for r in rows.values())


def test_bodies_figures_equal_independent_sql_sums(client, plan, programme):
    plan.grow(2)
    body = client.get("/api/v1/bodies/dashboard/?programme=D-1").json()
    led = dict(
        sql(
            "SELECT lead_body_id, count(*) FROM measures_measure "
            "WHERE programme_id = %s AND archived_at IS NULL GROUP BY lead_body_id",
            programme.pk,
        )
    )
    assert {row["id"]: row["measures"] for row in body["bodies"]} == led
    on_time = dict(
        sql(
            "SELECT m.lead_body_id, count(*) FROM measures_progressreport r "
            "JOIN measures_measure m ON m.id = r.measure_id "
            "JOIN measures_reportingperiod p ON p.id = r.period_id "
            "WHERE m.programme_id = %s AND r.reporting_body_id = m.lead_body_id "
            "AND r.status IN ('submitted', 'accepted') AND p.due_date < %s "
            "AND (r.submitted_at AT TIME ZONE 'Asia/Bishkek')::date <= p.due_date "
            "GROUP BY m.lead_body_id",
            programme.pk,
            TODAY,
        )
    )
    assert {row["id"]: row["on_time"] for row in body["bodies"] if row["on_time"]} == on_time
    for row in body["bodies"]:
        assert row["due"] == row["on_time"] + row["late"] + row["missing"]


def test_data_quality_lists_what_the_plan_lacks(client, plan, programme):
    plan.grow(1)
    (outside,) = plan.add(
        deadline_start=datetime.date(FIRST - 1, 1, 1), deadline_end=datetime.date(FIRST - 1, 12, 31)
    )
    client.force_login(editor_of(programme, username="dq-editor"))
    body = client.get("/api/v1/programmes/D-1/data-quality/").json()
    no_indicator = sql(
        "SELECT number FROM measures_measure m WHERE programme_id = %s AND archived_at IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM measures_measureindicator i WHERE i.measure_id = m.id)",
        programme.pk,
    )
    assert sorted(r["number"] for r in body["no_indicator"]) == sorted(n for (n,) in no_indicator)
    assert [r["number"] for r in body["deadline_outside_period"]] == [outside.number]
    donorless = sql(
        "SELECT DISTINCT m.number FROM measures_fundingline f JOIN measures_measure m "
        "ON m.id = f.measure_id WHERE m.programme_id = %s AND f.source = 'donor' "
        "AND f.donor_id IS NULL",
        programme.pk,
    )
    assert [r["number"] for r in body["donor_without_donor"]] == [n for (n,) in donorless]
    ((unallocated,),) = sql(
        "SELECT sum(f.planned_amount) FROM measures_fundingline f JOIN measures_measure m "
        "ON m.id = f.measure_id WHERE m.programme_id = %s AND NOT EXISTS "
        "(SELECT 1 FROM measures_fundingallocation a WHERE a.line_id = f.id)",
        programme.pk,
    )
    assert body["unallocated_money"] == str(unallocated)
    assert sum(Decimal(r["amount"]) for r in body["unallocated"]) == unallocated
    assert body["reports_missing"] == sum(r["reports_missing"] for r in body["reports_overdue"])
    page = client.get("/en/programmes/D-1/data-quality/").content.decode()
    assert f'href="/en/plan/D-1/{outside.number}/"' in page


# --- a fixed number of queries whatever the plan size ------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/programmes/D-1/dashboard/",
        "/en/bodies/dashboard/?programme=D-1",
        "/en/programmes/D-1/data-quality/",
        "/api/v1/programmes/D-1/dashboard/",
        "/api/v1/bodies/dashboard/?programme=D-1",
        "/api/v1/programmes/D-1/data-quality/",
    ],
)
def test_queries_do_not_grow_with_the_plan(client, plan, programme, url):
    client.force_login(editor_of(programme, username="q-editor"))
    group = WorkingGroupFactory(programme=programme)

    def grow(n):
        plan.grow(n)
        for _ in range(n):
            meeting = MeetingFactory(
                group=group, status=MeetingStatus.HELD, news_published_at=timezone.now()
            )
            DecisionFactory(meeting=meeting, responsible_body=plan.bodies[0])

    def count(kept=False):
        if not kept:
            cache.clear()  # the figures kept per plan version are computed afresh
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    grow(1)
    client.get(url)  # sessions, permissions and caches settle
    small = count()
    grow(6)
    assert count() == small
    # Cold: the sums, and keeping them with the last-kept copy (measures.figures.kept).
    assert small <= 32
    assert count(kept=True) <= small


# --- who sees what -------------------------------------------------------------------------


def test_data_quality_is_for_the_programmes_editors(client, programme):
    other = programme_around_today("D-2")
    url = "/en/programmes/D-1/data-quality/"
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/api/v1/programmes/D-1/data-quality/").status_code in (401, 403)
    client.force_login(editor_of(other, username="other-editor"))
    assert client.get(url).status_code == 403
    assert client.get("/api/v1/programmes/D-1/data-quality/").status_code == 403
    assert "Data quality" not in client.get("/en/programmes/D-1/dashboard/").content.decode()
    client.force_login(editor_of(programme, username="own-editor"))
    assert client.get(url).status_code == 200
    assert client.get("/api/v1/programmes/D-1/data-quality/").status_code == 200
    assert "Data quality" in client.get("/en/programmes/D-1/dashboard/").content.decode()


def test_the_dashboards_are_public_but_a_draft_is_not(client, programme):
    assert client.get("/en/programmes/D-1/dashboard/").status_code == 200
    assert client.get("/api/v1/programmes/D-1/dashboard/").status_code == 200
    assert client.get("/en/bodies/dashboard/").status_code == 200
    programme_around_today("D-DRAFT", status=ProgrammeStatus.DRAFT)
    assert client.get("/en/programmes/D-DRAFT/dashboard/").status_code == 404
    assert client.get("/api/v1/programmes/D-DRAFT/dashboard/").status_code == 404
    assert client.get("/api/v1/bodies/dashboard/?programme=D-DRAFT").status_code == 400
    assert client.get("/en/bodies/dashboard/?programme=D-DRAFT").status_code == 404


def test_open_decisions_count_only_meetings_the_reader_may_read(client, programme):
    body = BodyFactory(name_en="Ministry C")
    group = WorkingGroupFactory(programme=programme)
    published = MeetingFactory(
        group=group, status=MeetingStatus.HELD, news_published_at=timezone.now()
    )
    unpublished = MeetingFactory(group=group, status=MeetingStatus.HELD)
    past = TODAY - datetime.timedelta(days=5)
    DecisionFactory(meeting=published, responsible_body=body, deadline=past)
    DecisionFactory(meeting=published, responsible_body=body)
    DecisionFactory(meeting=published, responsible_body=body, status=DecisionStatus.DONE)
    DecisionFactory(meeting=unpublished, responsible_body=body)

    def decisions():
        rows = client.get("/api/v1/bodies/dashboard/?programme=D-1").json()["bodies"]
        return next(r["open_decisions"] for r in rows if r["id"] == body.pk)

    assert decisions() == {"open": 2, "overdue": 1}
    # A secretary of another group reads what the public reads; the group's own members read all.
    client.force_login(user_in(SECRETARIAT, username="other-sec"))
    assert decisions() == {"open": 2, "overdue": 1}
    member = user_in(SECRETARIAT, username="sec")
    MemberFactory(group=group, user=member, role=MemberRole.SECRETARY)
    client.force_login(member)
    assert decisions() == {"open": 3, "overdue": 1}


def test_sample_measures_are_marked_on_the_dashboard(client, plan):
    plan.add(2, sample=True)
    plan.add(1)
    page = client.get("/en/programmes/D-1/dashboard/").content.decode()
    assert "These figures include 2 sample measures of 3" in page
    assert client.get("/api/v1/programmes/D-1/dashboard/").json()["sample_measures"] == 2


def test_links_lead_to_the_dashboards(client, programme, plan):
    (measure,) = plan.add(1)
    assert "/en/programmes/D-1/dashboard/" in client.get("/en/programmes/D-1/").content.decode()
    assert "/en/programmes/D-1/dashboard/" in client.get("/en/").content.decode()
    page = client.get(f"/en/bodies/{measure.lead_body.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    links = re.findall(r'href="([^"]*bodies/dashboard/[^"]*)"', html)
    assert any(link.endswith(f"#body-{measure.lead_body.pk}") for link in links), links


# --- the chart component -------------------------------------------------------------------


def test_charts_write_numbers_as_the_language_does():
    with translation.override("ru"):
        chart = grouped_chart(
            "money",
            "Money",
            [("planned", "planned"), ("actual", "spent")],
            [("2026", {"planned": Decimal("1578500.0"), "actual": Decimal("328412.5")})],
            decimals=1,
        )
    texts = [segment.text for segment in chart.rows[0].segments]
    assert texts == ["1\xa0578\xa0500,0", "328\xa0412,5"]
    assert chart.rows[0].segments[0].width == "82.00%"
    assert chart.bar_count == 2


def test_a_stacked_bar_adds_its_segments_up():
    chart = stacked_chart(
        "mix", "Mix", [("a", "A"), ("b", "B")], [("one", {"a": 1, "b": 3}), ("two", {"a": 2})]
    )
    one, two = chart.rows
    assert (one.total, two.total) == (4, 2)
    assert [s.x for s in one.segments] == ["0.00%", "20.50%"]
    assert one.end == "82.00%" and two.end == "41.00%"
    assert chart.bar_count == 3


def test_a_chart_page_draws_bars_and_the_table_of_the_same_numbers(client, plan):
    plan.grow(1)
    page = client.get("/en/programmes/D-1/dashboard/").content.decode()
    assert page.count('<figure class="chart') >= 7
    assert "Funding planned and spent, by source" in page
    assert page.count("<caption>") >= 7


def test_a_bar_chart_with_nothing_says_so():
    chart = bar_chart("empty", "Empty", [])
    assert chart.rows == [] and chart.bar_count == 0


def test_ids_in_links_are_not_written_with_thousand_separators(client):
    """USE_THOUSAND_SEPARATOR localises every number a template prints: an id of 3511 came out as
    "#body-3,511" in English. Ids in links and form values are written plain."""
    body = BodyFactory(pk=23511)
    html = client.get(f"/en/bodies/{body.pk}/").content.decode()
    assert "#body-23511" in html
    assert "23,511" not in html and "23\xa0511" not in html


def test_a_big_plan_shows_the_indicators_furthest_from_target_in_plan_order():
    from measures.reporting.dashboard import INDICATORS_SHOWN, indicators_shown

    # 40 indicators in plan order: progress 100, 99, …, 61; the tenth has no actual yet.
    rows = [{"measure": f"1.1.{i}", "percent": 100 - i} for i in range(40)]
    rows[9]["percent"] = None
    shown = indicators_shown(rows)
    assert shown["indicator_count"] == 40
    assert shown["indicators_met"] == 1
    assert len(shown["indicators"]) == INDICATORS_SHOWN == 30
    # No actual counts as furthest; then the lowest progress; plan order kept.
    expected = [rows[9], *rows[-29:]]
    assert shown["indicators"] == expected
    small = indicators_shown(rows[:5])
    assert small["indicators"] == rows[:5]


def test_indicator_names_are_in_the_readers_language(client, plan, programme):
    # The names were read from the default language's column: Kyrgyz on the Russian page.
    plan.grow(1)
    names = {}
    for lang in ("ru", "ky", "en"):
        body = client.get(f"/api/v1/programmes/D-1/dashboard/?lang={lang}").json()
        names[lang] = {(r["name"], r["unit_of_measure"]) for r in body["indicators"]["rows"]}
    assert names["ru"] == {("Показатель", "единиц")}
    assert names["ky"] == {("Көрсөткүч", "бирдик")}
    assert names["en"] == {("Indicator", "units")}
    page = client.get("/ru/programmes/D-1/dashboard/").content.decode()
    assert "Показатель, единиц" in page
