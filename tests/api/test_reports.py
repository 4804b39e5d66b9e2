"""/api/v1/reports/: who reads which report (the rule of measures.reporting.visible_reports, per
role), the report's key and fields, its filters, and figures equal to the database's own sums."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from rest_framework.test import APIClient

from measures.models import ProgressReport
from measures.reporting import visible_reports
from programs import roles
from tests.api.conftest import token_client
from tests.api.fixtures import add_reports, build_plan
from tests.factories import BodyFactory, ProfileFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "partner",
    "reporter",
    "other_reporter",
    "editor",
    "other_editor",
    "superuser",
]


@pytest.fixture
def plan(db):
    plan = build_plan()
    plan.reports = add_reports(plan)
    return plan


def user_with(role: str, *, body=None, programmes=()):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    profile = ProfileFactory(user=user, body=body)
    profile.programmes.set(programmes)
    return user


@pytest.fixture
def users(plan):
    return {
        "anonymous": None,
        "partner": user_with(roles.PARTNERS),
        "reporter": user_with(roles.REPORTERS, body=plan.naryn_measure.lead_body),
        "other_reporter": user_with(roles.REPORTERS, body=BodyFactory()),
        "editor": user_with(roles.EDITORS, programmes=[plan.programme]),
        "other_editor": user_with(roles.EDITORS, programmes=[ProgrammeFactory()]),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }


def client_for(user):
    return APIClient() if user is None else token_client(user)


def report_key(report: ProgressReport) -> str:
    period = report.period
    return (
        f"{report.measure.programme.code}/{report.measure.number}/{report.reporting_body_id}/"
        f"{period.cycle.kind}/{period.year}/{period.number}"
    )


def listed(client, query: str = "") -> set[str]:
    response = client.get(f"/api/v1/reports/?page_size=500&{query}")
    assert response.status_code == 200, response.content
    return {item["key"] for item in response.json()["results"]}


# Which of the fixture's reports each role reads. Drafts: their own body and superusers only;
# submitted: the body, the measure's other executing bodies, the programme's editors; returned:
# the body and the editors; accepted: everyone who may see the programme (editors see drafts of
# programmes, so they also read the draft programme's accepted report).
EXPECTED = {
    "anonymous": {"accepted", "talas"},
    "partner": {"accepted", "talas"},
    "reporter": {"accepted", "talas", "draft", "submitted"},
    "other_reporter": {"accepted", "talas"},
    "editor": {"accepted", "talas", "submitted", "returned", "in_draft_programme"},
    "other_editor": {"accepted", "talas", "in_draft_programme"},
    "superuser": {
        "accepted",
        "talas",
        "draft",
        "submitted",
        "returned",
        "in_draft_programme",
    },
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_lists_exactly_the_reports_it_may_read(plan, users, role):
    reports = plan.reports
    expected = {report_key(getattr(reports, name)) for name in EXPECTED[role]}
    assert listed(client_for(users[role])) == expected


@pytest.mark.parametrize("role", ROLES)
def test_the_list_follows_visible_reports_exactly(plan, users, role):
    user = users[role]
    rule = visible_reports(user if user is not None else AnonymousUser())
    assert listed(client_for(user)) == {report_key(r) for r in rule}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name", ["accepted", "submitted", "draft", "returned", "talas", "in_draft_programme"]
)
def test_each_role_reads_a_report_by_its_key_or_gets_404(plan, users, role, name):
    report = getattr(plan.reports, name)
    response = client_for(users[role]).get(f"/api/v1/reports/{report_key(report)}/")
    if name in EXPECTED[role]:
        assert response.status_code == 200
        assert response.json()["status"] == report.status
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_nobody_writes_reports_through_the_api(plan, users, role):
    client = client_for(users[role])
    key = report_key(plan.reports.accepted)
    assert client.post("/api/v1/reports/", {}, format="json").status_code in (401, 403, 405)
    assert client.delete(f"/api/v1/reports/{key}/").status_code in (401, 403, 405)
    assert ProgressReport.objects.count() == len(plan.reports.all())


def test_accepted_report_carries_its_period_figures_and_dates(api, plan):
    report = plan.reports.accepted
    body = api.get(f"/api/v1/reports/{report_key(report)}/?lang=ru").json()
    measure = plan.naryn_measure
    assert body["key"] == f"REG-2025-2030/1.1.2/{measure.lead_body_id}/half_year/2026/1"
    assert body["url"] == f"http://testserver/api/v1/reports/{body['key']}/"
    assert body["measure"] == "REG-2025-2030/1.1.2"
    assert body["body"]["id"] == measure.lead_body_id
    assert body["lead"] is True
    assert body["period"] == {
        "key": "half_year/2026/1",
        "kind": "half_year",
        "year": 2026,
        "number": 1,
        "label": "I полугодие 2026 года",
        "start": "2026-01-01",
        "end": "2026-06-30",
        "due_date": "2026-07-15",
    }
    assert body["status"] == "accepted"
    assert body["execution"] == "partly_done"
    assert body["percent_complete"] == 40
    assert body["text"] == "Сделано: 1.1.2"
    indicator = measure.indicators.get()
    assert body["actuals"] == [
        {
            "indicator": indicator.pk,
            "name": "Показатель",
            "year": 2026,
            "unit": None,
            "value": "4.000",
        }
    ]
    assert body["spending"] == [{"source": "donor", "donor": None, "year": 2026, "amount": "300.0"}]
    assert body["accepted_at"] is not None
    assert body["submitted_at"] is not None
    # Submitted today, long after the due date of 15.07.2026.
    assert body["on_time"] is False


def test_period_label_and_texts_in_every_language_with_lang_all(api, plan):
    body = api.get(f"/api/v1/reports/{report_key(plan.reports.accepted)}/?lang=all").json()
    assert body["period"]["label"] == {
        "ky": "2026-жылдын I жарым жылдыгы",
        "ru": "I полугодие 2026 года",
        "en": "H1 2026",
    }
    assert body["text"] == {"ky": "Аткарылды", "ru": "Сделано: 1.1.2", "en": "Done: 1.1.2"}


def test_text_falls_back_to_another_language(api, plan):
    ProgressReport.objects.filter(pk=plan.reports.accepted.pk).update(text_en="", text_ky="")
    body = api.get(f"/api/v1/reports/{report_key(plan.reports.accepted)}/?lang=en").json()
    assert body["text"] == "Сделано: 1.1.2"


def test_on_time_compares_the_submission_with_the_due_date(api, plan):
    report = plan.reports.talas
    period = report.period
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=f"{period.due_date.isoformat()}T17:00:00+06:00"
    )
    assert api.get(f"/api/v1/reports/{report_key(report)}/").json()["on_time"] is True
    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=f"{period.due_date.isoformat()}T23:59:00+06:00"
    )
    assert api.get(f"/api/v1/reports/{report_key(report)}/").json()["on_time"] is True
    # 00:30 the next day in Bishkek is still the due date in UTC: Bishkek time decides.
    next_day = period.due_date.toordinal() + 1
    from datetime import date

    ProgressReport.objects.filter(pk=report.pk).update(
        submitted_at=f"{date.fromordinal(next_day).isoformat()}T00:30:00+06:00"
    )
    assert api.get(f"/api/v1/reports/{report_key(report)}/").json()["on_time"] is False


def test_a_draft_not_yet_due_is_neither_on_time_nor_late(plan, users):
    client = client_for(users["superuser"])
    body = client.get(f"/api/v1/reports/{report_key(plan.reports.draft)}/").json()
    # H2 2026 is due on 15.01.2027.
    assert body["submitted_at"] is None
    assert body["on_time"] is None
    assert body["accepted_at"] is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("programme=REG-2025-2030", {"accepted", "talas"}),
        ("measure=REG-2025-2030/1.1.3", {"talas"}),
        ("measure=REG-2025-2030/1.1.2.", {"accepted"}),
        ("direction=REG-2025-2030/1", {"accepted", "talas"}),
        ("unit=41704000000000", {"accepted"}),
        ("unit=41707000000000", {"talas"}),
        ("unit=41702000000000", set()),
        ("year=2026", {"accepted", "talas"}),
        ("year=2025", set()),
        ("period_kind=half_year", {"accepted", "talas"}),
        ("period_kind=quarter", set()),
        ("period=half_year/2026/1", {"accepted", "talas"}),
        ("period=half_year/2026/2", set()),
        ("status=accepted", {"accepted", "talas"}),
        ("status=draft", set()),
    ],
)
def test_report_filters(api, plan, query, expected):
    assert listed(api, query) == {report_key(getattr(plan.reports, n)) for n in expected}


def test_body_filter_and_status_filter_for_the_programmes_editor(plan, users):
    client = client_for(users["editor"])
    co_body = plan.naryn_measure.executors.get().body
    assert listed(client, f"body={co_body.pk}") == {
        report_key(plan.reports.submitted),
        report_key(plan.reports.returned),
    }
    assert listed(client, "status=submitted&status=returned") == {
        report_key(plan.reports.submitted),
        report_key(plan.reports.returned),
    }


def test_public_cannot_name_a_draft_programmes_measure_in_a_filter(api, plan):
    response = api.get("/api/v1/reports/?measure=DRAFT-2024/9.9.9")
    assert response.status_code == 400
    assert "measure" in response.json()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("period=half_year/2026/3", "period"),
        ("period=month/2026/1", "period"),
        ("period=2026-H1", "period"),
        ("period=half_year/26/1", "period"),
        ("period=half_year/2026/1/2", "period"),
        ("period_kind=month", "period_kind"),
        ("measure=REG-2025-2030/7.7.7", "measure"),
        ("measure=1.1.2", "measure"),
        ("direction=REG-2025-2030/9", "direction"),
        ("unit=123", "unit"),
        ("body=999999", "body"),
        ("body=abc", "body"),
        ("year=abc", "year"),
        ("status=done", "status"),
        ("programme=NOPE", "programme"),
        ("updated_since=yesterday", "updated_since"),
        ("ordering=secret", "ordering"),
    ],
)
def test_bad_filter_value_is_a_400_keyed_by_parameter(api, plan, query, field):
    response = api.get(f"/api/v1/reports/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_bad_filter_message_is_in_the_requested_language(api, plan):
    response = api.get("/api/v1/reports/?period=2026-H1&lang=ru")
    assert response.status_code == 400
    assert "half_year/2026/1" in response.json()["period"][0]
    assert "Запишите" in response.json()["period"][0]


@pytest.mark.parametrize(
    "path",
    [
        "REG-2025-2030/1.1.2/{body}/half_year/2026/2",  # the draft: not public
        "REG-2025-2030/7.7.7/{body}/half_year/2026/1",
        "REG-2025-2030/1.1.2/999999999999999999999/half_year/2026/1",
        "REG-2025-2030/1.1.2/{body}/quarter/2026/1",
        "REG-2025-2030/1.1.2/{body}/half_year/1999/1",
        "NOPE/1.1.2/{body}/half_year/2026/1",
    ],
)
def test_unknown_or_hidden_report_is_404(api, plan, path):
    path = path.format(body=plan.naryn_measure.lead_body_id)
    assert api.get(f"/api/v1/reports/{path}/").status_code == 404


def test_sync_by_cursor_and_updated_since(api, plan):
    first = api.get("/api/v1/reports/?pagination=cursor&page_size=1")
    assert first.status_code == 200
    body = first.json()
    assert len(body["results"]) == 1
    second = api.get(body["next"]).json()
    assert {body["results"][0]["key"], second["results"][0]["key"]} == {
        report_key(plan.reports.accepted),
        report_key(plan.reports.talas),
    }
    assert listed(api, "updated_since=2999-01-01") == set()
    assert listed(api, "updated_since=2000-01-01") == {
        report_key(plan.reports.accepted),
        report_key(plan.reports.talas),
    }


def test_a_report_on_an_archived_measure_is_not_public(api, plan, users):
    from django.utils import timezone

    from measures.models import Measure

    Measure.objects.filter(pk=plan.talas_measure.pk).update(archived_at=timezone.now())
    assert listed(api) == {report_key(plan.reports.accepted)}
    assert report_key(plan.reports.talas) in listed(client_for(users["superuser"]))
