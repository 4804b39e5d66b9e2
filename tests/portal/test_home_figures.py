"""The home page's key figures count measures by their computed status, each a link to the action
plan filtered the same way, and say when sample rows are among them; the plan offers the progress
filter with readable labels and the overdue and unreported measures one click away."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import ComputedStatus, ReportStatus
from tests.factories import BodyFactory, ProgressReportFactory
from tests.portal.conftest import PAST, TODAY, figure, figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def mixed_plan(plan):
    """Measures in four computed statuses: 2 overdue, 3 not reported, 1 completed, 1 not
    started (its deadline begins next year); 2 of them are sample rows."""
    plan.body = BodyFactory()
    plan.add_overdue(2)
    plan.add(3)
    done = plan.add(1)[0]
    ProgressReportFactory(
        measure=done, status=ReportStatus.ACCEPTED, execution="done", percent_complete=100, **PAST
    )
    plan.add(
        1,
        sample=True,
        deadline_text=f"{TODAY.year + 1}",
        deadline_kind="period",
        deadline_start=datetime.date(TODAY.year + 1, 1, 1),
        deadline_end=datetime.date(TODAY.year + 1, 12, 31),
    )
    plan.programme.measures.filter(number="1.1.1").update(sample=True)
    return plan


def plan_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200
    return response.context["page_obj"].paginator.count


def test_key_figures_count_by_computed_status_and_link_to_the_filtered_plan(client, mixed_plan):
    page = client.get("/en/").content.decode()
    assert figure(page, "Measures in the action plan") == (7, "/en/plan/?programme=W-1")
    assert figure(page, "Overdue measures") == (
        2,
        "/en/plan/?programme=W-1&computed_status=overdue",
    )
    assert figure(page, "Measures not reported on") == (
        3,
        "/en/plan/?programme=W-1&computed_status=not_reported",
    )
    for label, count, link in figures(page):
        if label != "Planned funding, thousand KGS":
            assert plan_count(client, link) == count, label


@pytest.mark.parametrize(
    ("status", "count"),
    [
        (ComputedStatus.OVERDUE, 2),
        (ComputedStatus.NOT_REPORTED, 3),
        (ComputedStatus.AT_RISK, 0),
        (ComputedStatus.ON_TRACK, 0),
        (ComputedStatus.NOT_STARTED, 1),
        (ComputedStatus.COMPLETED, 1),
    ],
)
def test_the_progress_table_links_each_status_to_the_plan(client, mixed_plan, status, count):
    page = client.get("/en/").content.decode()
    link = f"/en/plan/?programme=W-1&amp;computed_status={status.value}"
    assert f'<td class="num"><a href="{link}">{count}</a></td>' in page
    assert plan_count(client, link.replace("&amp;", "&")) == count


def test_figures_say_how_many_sample_measures_they_include(client, mixed_plan):
    page = client.get("/en/").content.decode()
    assert "These figures include 2 sample measures: demo rows, not part of any official plan." in (
        page
    )
    for measure in mixed_plan.programme.measures.all():  # a save, as every write path does
        measure.sample = False
        measure.save()
    assert "sample measure" not in client.get("/en/").content.decode()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ky", "Бул көрсөткүчтөрдө 2 үлгү иш-чара бар"),
        ("ru", "В эти показатели входят 2 демонстрационных мероприятия"),
    ],
)
def test_the_sample_note_is_translated(client, mixed_plan, lang, text):
    assert text in client.get(f"/{lang}/").content.decode()


def test_the_home_page_runs_the_same_queries_for_few_and_many_measures(client, plan):
    plan.add(2)
    with CaptureQueriesContext(connection) as small:
        client.get("/en/")
    plan.add(40)
    plan.add_overdue(10)
    with CaptureQueriesContext(connection) as large:
        page = client.get("/en/").content.decode()
    assert len(small.captured_queries) == len(large.captured_queries)
    assert figure(page, "Measures in the action plan")[0] == 52


# --- the action plan's progress filter -------------------------------------------------------


def test_the_plan_offers_progress_with_capitalised_labels(client, mixed_plan):
    page = client.get("/en/plan/?programme=W-1").content.decode()
    for label in ("Not started", "On track", "At risk", "Overdue", "Completed", "Not reported"):
        assert f">{label}</option>" in page
    page = client.get("/ru/plan/?programme=W-1").content.decode()
    assert ">Отчёт не представлен</option>" in page


def test_overdue_and_unreported_measures_are_one_click_away_on_the_plan(client, mixed_plan):
    page = client.get("/en/plan/?programme=W-1").content.decode()
    overdue = '<a href="?programme=W-1&amp;computed_status=overdue"'
    unreported = '<a href="?programme=W-1&amp;computed_status=not_reported"'
    assert overdue in page
    assert unreported in page
    response = client.get("/en/plan/?programme=W-1&computed_status=overdue")
    assert response.context["page_obj"].paginator.count == 2
    assert re.search(re.escape(overdue) + r'\s+aria-current="true"', response.content.decode())
