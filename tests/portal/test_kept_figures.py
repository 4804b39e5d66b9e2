"""The whole-plan figures of the home and programme pages are kept (measures.figures) instead of
summed over the plan on every view: after every kind of write — create, edit, archive, import,
report acceptance, a funding line, a bulk row — the kept figures equal a fresh computation, and a
page that reads them runs the same queries whatever the size of the plan."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures import figures
from measures.models import ComputedStatus, FundingLine, Measure, ReportStatus
from measures.plan_io import exporter
from measures.plan_io.importer import apply_plan, build_plan
from measures.reporting.services import report_accept
from measures.services import MeasureContent, measure_archive, measure_create, measure_update
from tests.factories import (
    FundingLineFactory,
    MeasureFactory,
    ObjectiveFactory,
    ProgressReportFactory,
    UserFactory,
)
from tests.portal.conftest import PAST, TODAY, figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return UserFactory(username="figures-admin", is_staff=True, is_superuser=True)


@pytest.fixture
def kept_plan(plan):
    plan.add(2)
    plan.add_overdue(1)
    FundingLineFactory(measure=plan.programme.measures.first(), planned_amount=Decimal("10.5"))
    return plan


def assert_kept_equals_fresh(programme) -> dict:
    kept = figures.plan_figures(programme.pk)
    assert kept == figures.compute(programme.pk, TODAY)
    return kept


def test_kept_figures_are_read_again_without_summing_the_plan(kept_plan):
    first = assert_kept_equals_fresh(kept_plan.programme)
    with CaptureQueriesContext(connection) as queries:
        again = figures.plan_figures(kept_plan.programme.pk)
    assert again == first
    # The plan version, and the cache's read (its table is in PostgreSQL unless REDIS_URL is
    # set: regionalprogram.settings); nothing summed.
    assert len(queries) <= 2
    assert not any("measures_measure" in query["sql"] for query in queries.captured_queries)


def test_create_update_and_archive_move_the_figures(kept_plan, admin):
    programme = kept_plan.programme
    before = assert_kept_equals_fresh(programme)
    content = MeasureContent(
        fields={
            "direction": kept_plan.objective.direction,
            "objective": kept_plan.objective,
            "number": "1.1.9",
            "title_en": "A new measure",
            "title_ky": "Жаңы иш-чара",
            "title_ru": "Новое мероприятие",
            "deadline_text": f"II квартал {TODAY.year - 1}",
            "deadline_kind": "once",
            "deadline_start": datetime.date(TODAY.year - 1, 4, 1),
            "deadline_end": datetime.date(TODAY.year - 1, 6, 30),
            "lead_body": programme.measures.first().lead_body,
        }
    )
    created = measure_create(programme=programme, content=content, user=admin)
    after_create = assert_kept_equals_fresh(programme)
    assert after_create["total"] == before["total"] + 1

    measure_update(
        measure=created,
        content=MeasureContent(
            fields={
                "deadline_text": f"{TODAY.year + 1}",
                "deadline_kind": "period",
                "deadline_start": datetime.date(TODAY.year + 1, 1, 1),
                "deadline_end": datetime.date(TODAY.year + 1, 12, 31),
            }
        ),
        user=admin,
        expected_version=created.version,
    )
    after_update = assert_kept_equals_fresh(programme)
    assert after_update["by_status"][ComputedStatus.OVERDUE] == (
        after_create["by_status"][ComputedStatus.OVERDUE] - 1
    )

    measure_archive(measure=Measure.objects.get(pk=created.pk), user=admin)
    assert assert_kept_equals_fresh(programme)["total"] == before["total"]


def test_a_funding_line_and_a_bulk_row_move_the_figures(kept_plan):
    programme = kept_plan.programme
    before = assert_kept_equals_fresh(programme)
    FundingLine.objects.create(
        measure=programme.measures.last(), source="local", year=2027, planned_amount=Decimal("4")
    )
    assert assert_kept_equals_fresh(programme)["funding"] == before["funding"] + 4


def test_report_acceptance_moves_the_figures(kept_plan, admin):
    programme = kept_plan.programme
    measure = programme.measures.order_by("number").first()
    report = ProgressReportFactory(
        measure=measure,
        status=ReportStatus.SUBMITTED,
        execution="done",
        percent_complete=100,
        **PAST,
    )
    before = assert_kept_equals_fresh(programme)
    report_accept(report=report, user=admin)
    after = assert_kept_equals_fresh(programme)
    assert after["by_status"][ComputedStatus.COMPLETED] == (
        before["by_status"][ComputedStatus.COMPLETED] + 1
    )


def test_an_import_moves_the_figures(admin):
    source = ObjectiveFactory(number="1.2", direction__number="1").direction.programme
    for number in ("1.2.1", "1.2.2"):
        measure = MeasureFactory(objective=source.directions.get().objectives.get(), number=number)
        FundingLineFactory(measure=measure, planned_amount=Decimal("7"))
    with exporter.export_file(
        source, Measure.objects.active().filter(programme=source), fmt="xlsx", lang="en"
    ) as output:
        data = output.read()
    copy = ObjectiveFactory(number="1.2", direction__number="1").direction.programme
    MeasureFactory(objective=copy.directions.get().objectives.get(), number="1.2.1")
    before = assert_kept_equals_fresh(copy)
    plan = build_plan(copy, io.BytesIO(data))
    assert not plan.errors, plan.errors
    apply_plan(plan, user=admin)
    after = assert_kept_equals_fresh(copy)
    assert (before["total"], after["total"]) == (1, 2)
    assert (before["funding"], after["funding"]) == (None, Decimal("14"))


def test_figures_of_another_programme_are_not_touched(kept_plan):
    from tests.portal.conftest import Plan, programme_around_today

    other = Plan(programme_around_today("W-2"))
    other.add(1)
    mine = figures.plan_version(kept_plan.programme.pk)
    other.add(1)
    assert figures.plan_version(kept_plan.programme.pk) == mine
    assert_kept_equals_fresh(other.programme)


@pytest.mark.parametrize("url", ["/en/", "/en/programmes/W-1/"])
def test_pages_with_figures_run_the_same_queries_at_any_plan_size(client, plan, url):
    plan.add(10)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    plan.add(190)
    client.get(url)  # the plan changed: the figures are computed once …
    with CaptureQueriesContext(connection) as large:
        page = client.get(url)  # … and read from then on
    assert len(large) == len(small)
    if url == "/en/":
        assert figure(page.content.decode(), "Measures in the action plan")[0] == 200
    else:
        assert "(200)" in page.content.decode()


def test_programme_dashboard_keeps_its_sums_until_the_plan_moves(kept_plan):
    from measures.reporting import dashboard

    programme = kept_plan.programme
    first = dashboard.programme_dashboard(programme, TODAY)
    assert first["measure_count"] == programme.measures.filter(archived_at=None).count()
    with CaptureQueriesContext(connection) as queries:
        again = dashboard.programme_dashboard(programme, TODAY)
    # Kept: the counter, the cache's read, the directions and objectives; nothing summed.
    assert not any("measures_fundingline" in query["sql"] for query in queries.captured_queries)
    assert again["funding"] == first["funding"]
    # A funding line moves the plan's counter: the next view sums afresh and sees it.
    FundingLineFactory(
        measure=programme.measures.first(), planned_amount=Decimal("7"), year=TODAY.year + 1
    )
    moved = dashboard.programme_dashboard(programme, TODAY)
    assert moved["funding"]["planned"] == first["funding"]["planned"] + Decimal("7")
    assert moved["funding"] == dashboard.programme_figures(programme.pk, TODAY)["funding"]
    # A direction renamed without touching the plan is read fresh, not from the kept sums.
    direction = kept_plan.objective.direction
    type(direction).objects.filter(pk=direction.pk).update(title_en="Renamed direction")
    from django.utils import translation

    with translation.override("en"):
        rows = dashboard.programme_dashboard(programme, TODAY)["status_by_direction"]
    assert "Renamed direction" in [str(row.key.title) for row in rows]


def test_after_a_change_readers_get_the_last_figures_while_a_worker_sums_the_new(
    kept_plan, settings
):
    from tests.queue_helpers import run_queued_tasks

    settings.KEPT_FIGURES_IN_BACKGROUND = True
    settings.KEPT_FIGURES_REFRESH_SECONDS = 0
    programme = kept_plan.programme
    first = figures.plan_figures(programme.pk)  # nothing kept yet: summed in the request
    assert first == figures.compute(programme.pk, TODAY)
    FundingLineFactory(
        measure=programme.measures.first(), planned_amount=Decimal("4"), year=TODAY.year + 1
    )
    fresh = figures.compute(programme.pk, TODAY)
    assert fresh != first
    # The plan moved on: a reader gets the last figures at once, and one refresh is queued.
    assert figures.plan_figures(programme.pk) == first
    assert figures.plan_figures(programme.pk) == first
    run_queued_tasks()
    assert figures.plan_figures(programme.pk) == fresh
    # A refresh asked longer ago than the limit and not done (no worker): the reader sums them.
    settings.KEPT_FIGURES_STALE_SECONDS = 0
    FundingLineFactory(
        measure=programme.measures.first(), planned_amount=Decimal("5"), year=TODAY.year + 2
    )
    assert figures.plan_figures(programme.pk) == fresh  # the refresh is asked just now
    assert figures.plan_figures(programme.pk) == figures.compute(programme.pk, TODAY)
    # A new day: yesterday's figures stand in while a worker sums today's.
    settings.KEPT_FIGURES_STALE_SECONDS = 300
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert figures.plan_figures(programme.pk, tomorrow) == figures.compute(programme.pk, TODAY)
    run_queued_tasks()
    assert figures.plan_figures(programme.pk, tomorrow) == figures.compute(programme.pk, tomorrow)


def test_keep_figures_sums_every_programme_so_no_reader_is_the_first(kept_plan, settings):
    from django.core.management import call_command

    from programs.models import Programme
    from tests.factories import ProgrammeFactory

    settings.KEPT_FIGURES_IN_BACKGROUND = True
    other = ProgrammeFactory(code="other-plan")
    MeasureFactory(programme=other)
    out = io.StringIO()
    call_command("keep_figures", stdout=out)
    count = Programme.objects.count()
    assert out.getvalue().strip() == f"{count * 2} sets of figures summed and kept"
    for programme in (kept_plan.programme, other):
        with CaptureQueriesContext(connection) as queries:
            kept = figures.plan_figures(programme.pk)
        assert len(queries) <= 2 and kept == figures.compute(programme.pk, TODAY)


def test_figures_kept_under_an_unregistered_name_are_refused(kept_plan):
    with pytest.raises(ValueError, match="WHOLE_PLAN_FIGURES"):
        figures.kept("plan-figures-unlisted", kept_plan.programme.pk, TODAY)


def test_a_plan_changing_without_pause_is_summed_at_most_once_per_interval(kept_plan, settings):
    from django_tasks_db.models import DBTaskResult

    from tests.queue_helpers import run_queued_tasks

    settings.KEPT_FIGURES_IN_BACKGROUND = True
    settings.KEPT_FIGURES_REFRESH_SECONDS = 3600
    programme = kept_plan.programme
    first = figures.plan_figures(programme.pk)  # summed just now
    for year in (1, 2, 3):  # an editor saving again and again, a reader after each save
        FundingLineFactory(measure=programme.measures.first(), year=TODAY.year + year)
        assert figures.plan_figures(programme.pk) == first
    task = DBTaskResult.objects.get(task_path="measures.tasks.refresh_kept_figures")
    wait = (task.run_after - timezone.now()).total_seconds()
    assert 3500 < wait <= 3600  # one sum, due an interval after the last
    run_queued_tasks()  # not due yet
    assert figures.plan_figures(programme.pk) == first
    # Its time come, the worker sums the plan as it is then; the next change asks again.
    DBTaskResult.objects.update(run_after=timezone.now())
    run_queued_tasks()
    assert figures.plan_figures(programme.pk) == figures.compute(programme.pk, TODAY) != first
    FundingLineFactory(measure=programme.measures.first(), year=TODAY.year + 4)
    figures.plan_figures(programme.pk)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
