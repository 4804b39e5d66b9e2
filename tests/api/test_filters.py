"""Filters on every list, the unit subtree, sync by `updated_since`, and 400s for bad values."""

import datetime

import pytest
from django.utils import timezone

from measures.models import Measure
from tests.api.fixtures import build_plan
from tests.factories import ExecutorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    return build_plan()


def keys(response):
    assert response.status_code == 200, response.content
    return {item["key"] for item in response.json()["results"]}


def test_unit_filter_returns_measures_in_the_oblast_and_its_districts(api, plan):
    assert keys(api.get("/api/v1/measures/?unit=41704000000000")) == {"REG-2025-2030/1.1.2"}


def test_unit_filter_on_the_district_itself(api, plan):
    assert keys(api.get("/api/v1/measures/?unit=417 04 220 000 000")) == {"REG-2025-2030/1.1.2"}


def test_unit_filter_on_another_oblast(api, plan):
    assert keys(api.get("/api/v1/measures/?unit=41707000000000")) == {"REG-2025-2030/1.1.3"}


def test_unit_filter_on_a_unit_without_measures_is_empty_not_an_error(api, plan):
    assert keys(api.get("/api/v1/measures/?unit=41702000000000")) == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("programme=REG-2025-2030", {"REG-2025-2030/1.1.2", "REG-2025-2030/1.1.3"}),
        ("direction=REG-2025-2030/1", {"REG-2025-2030/1.1.2", "REG-2025-2030/1.1.3"}),
        ("status=in_progress", {"REG-2025-2030/1.1.3"}),
        ("status=planned&status=in_progress", {"REG-2025-2030/1.1.2", "REG-2025-2030/1.1.3"}),
        ("deadline_from=2029-01-01", {"REG-2025-2030/1.1.3"}),
        ("deadline_to=2027-01-01", {"REG-2025-2030/1.1.2"}),
        ("deadline_from=2026-01-01&deadline_to=2026-12-31", {"REG-2025-2030/1.1.2"}),
        ("funding_source=donor", {"REG-2025-2030/1.1.2"}),
        ("funding_source=republican", {"REG-2025-2030/1.1.3"}),
        ("q=Водопровод", {"REG-2025-2030/1.1.2"}),
        ("q=water pipe", {"REG-2025-2030/1.1.2"}),
        ("q=1.1.3", {"REG-2025-2030/1.1.3"}),
    ],
)
def test_measure_filters(api, plan, query, expected):
    assert keys(api.get(f"/api/v1/measures/?{query}")) == expected


def test_body_filter_finds_lead_and_co_executed_measures(api, plan):
    body = plan.talas_measure.lead_body
    ExecutorFactory(measure=plan.naryn_measure, body=body)
    assert keys(api.get(f"/api/v1/measures/?body={body.pk}")) == {
        "REG-2025-2030/1.1.2",
        "REG-2025-2030/1.1.3",
    }
    assert keys(api.get(f"/api/v1/measures/?lead_body={body.pk}")) == {"REG-2025-2030/1.1.3"}


def test_ordering(api, plan):
    response = api.get("/api/v1/measures/?ordering=-number")
    assert [m["key"] for m in response.json()["results"]] == [
        "REG-2025-2030/1.1.3",
        "REG-2025-2030/1.1.2",
    ]


@pytest.mark.parametrize(
    ("path", "param", "value"),
    [
        ("measures", "unit", "41799999999999"),
        ("measures", "unit", "not-a-code"),
        ("measures", "programme", "NO-SUCH"),
        ("measures", "programme", "DRAFT-2024"),  # hidden from anonymous clients
        ("measures", "direction", "REG-2025-2030/77"),
        ("measures", "status", "finished"),
        ("measures", "body", "999999"),
        ("measures", "body", "abc"),
        ("measures", "deadline_from", "31.12.2026"),
        ("measures", "funding_source", "lottery"),
        ("measures", "updated_since", "yesterday"),
        ("measures", "ordering", "title"),
        ("measures", "archived", "sometimes"),
        ("measures", "lang", "de"),
        ("measures", "pagination", "offset"),
        ("units", "unit", "41799999999999"),
        ("units", "level", "province"),
        ("programmes", "status", "secret"),
        ("directions", "programme", "NO-SUCH"),
        ("bodies", "kind", "club"),
        ("legal-acts", "date_from", "2025-13-01"),
        ("indicators", "unit", "123"),
        ("meetings", "group", "no-such-group"),
        ("decisions", "status", "maybe"),
        ("proposals", "status", "pending"),
    ],
)
def test_bad_filter_value_is_a_400_keyed_by_parameter(api, plan, path, param, value):
    response = api.get(f"/api/v1/{path}/", {param: value})
    assert response.status_code == 400
    assert param in response.json()


def test_bad_filter_value_is_a_400_even_for_a_spreadsheet(api, plan):
    response = api.get("/api/v1/measures/", {"unit": "41799999999999", "format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "unit" in response.json()


def test_updated_since_returns_only_rows_changed_since(api, plan):
    long_ago = timezone.now() - datetime.timedelta(days=10)
    Measure.objects.filter(pk=plan.talas_measure.pk).update(updated_at=long_ago)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert keys(api.get("/api/v1/measures/", {"updated_since": since})) == {"REG-2025-2030/1.1.2"}
    day = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert keys(api.get("/api/v1/measures/", {"updated_since": day})) == {"REG-2025-2030/1.1.2"}


def test_updated_since_accepts_an_unencoded_plus_offset(api, plan):
    response = api.get("/api/v1/measures/?count=true&updated_since=2020-01-01T00:00:00+06:00")
    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_a_change_to_funding_counts_as_a_change_to_the_measure(api, plan):
    long_ago = timezone.now() - datetime.timedelta(days=10)
    Measure.objects.update(updated_at=long_ago)
    line = plan.talas_measure.funding_lines.get()
    line.planned_amount = 99
    line.save()
    since = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    assert keys(api.get("/api/v1/measures/", {"updated_since": since})) == {"REG-2025-2030/1.1.3"}


def test_archived_rows_are_hidden_from_browsing_but_visible_to_sync(api, plan):
    archived_at = timezone.now()
    plan.talas_measure.archived_at = archived_at
    plan.talas_measure.save()
    assert keys(api.get("/api/v1/measures/")) == {"REG-2025-2030/1.1.2"}
    since = (archived_at - datetime.timedelta(minutes=1)).isoformat()
    synced = api.get("/api/v1/measures/", {"updated_since": since}).json()["results"]
    archived = [m for m in synced if m["key"] == "REG-2025-2030/1.1.3"]
    assert archived and archived[0]["archived"] is True
    assert archived[0]["archived_at"] is not None
    assert keys(api.get("/api/v1/measures/?archived=only")) == {"REG-2025-2030/1.1.3"}
    cursor_keys = {
        m["key"] for m in api.get("/api/v1/measures/?pagination=cursor").json()["results"]
    }
    assert "REG-2025-2030/1.1.3" in cursor_keys
    detail = api.get("/api/v1/measures/REG-2025-2030/1.1.3/").json()
    assert detail["archived"] is True


def test_archived_directions_stay_visible_to_sync(api, plan):
    direction = plan.naryn_measure.direction
    direction.archived_at = timezone.now()
    direction.save()
    assert api.get("/api/v1/directions/?count=true&programme=REG-2025-2030").json()["count"] == 0
    synced = api.get("/api/v1/directions/?updated_since=2020-01-01").json()["results"]
    assert [d["archived"] for d in synced if d["programme"] == "REG-2025-2030"] == [True]


def test_cursor_pagination_walks_every_row_in_order_of_change(api, plan):
    seen, url = [], "/api/v1/measures/?pagination=cursor&page_size=1"
    while url:
        body = api.get(url).json()
        assert "count" not in body
        seen += [m["key"] for m in body["results"]]
        url = body["next"]
    assert sorted(seen) == ["REG-2025-2030/1.1.2", "REG-2025-2030/1.1.3"]


@pytest.mark.parametrize(
    ("path", "query", "expected_count"),
    [
        ("units", "unit=41704000000000", 7),
        ("units", "parent=41704000000000", 6),
        ("units", "level=oblast", 7),
        ("programmes", "year=2026", 1),
        ("directions", "programme=REG-2025-2030", 1),
        ("legal-acts", "programme=REG-2025-2030", 1),
        ("working-groups", "programme=REG-2025-2030", 1),
        ("meetings", "group=mwg", 1),
        ("decisions", "group=mwg", 1),
        ("decisions", "status=open", 1),
        ("proposals", "group=mwg", 1),
        ("bodies", "is_active=false", 0),
    ],
)
def test_other_lists_filter(api, plan, path, query, expected_count):
    response = api.get(f"/api/v1/{path}/?count=true&{query}")
    assert response.status_code == 200, response.content
    assert response.json()["count"] == expected_count
