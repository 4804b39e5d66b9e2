"""Large API list exports prepared by a worker (measures.api_exports): 202 and a status
address instead of minutes of streaming, the file equal to what the list streams directly, one job
per question while the data holds, the job for its requester only, a cap on waiting jobs, errors
in the reader's language."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from measures.models import ExportJob, ExportKind, ExportStatus, Measure
from programs.models import ProgrammeStatus
from tests.api.conftest import NARYN, token_client
from tests.api.fixtures import build_plan
from tests.factories import UserFactory
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db, settings):
    plan = build_plan()
    settings.EXPORT_DIRECT_MAX_MEASURES = 0  # every list export is "large"
    return plan


def csv_rows(content: bytes) -> list[dict]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def direct(api, settings, url: str) -> bytes:
    """What the list streams when it is small enough to export in the request."""
    settings.EXPORT_DIRECT_MAX_MEASURES = 10_000
    try:
        response = api.get(url)
        assert response.status_code == 200
        return streamed(response)
    finally:
        settings.EXPORT_DIRECT_MAX_MEASURES = 0


def test_a_large_export_is_accepted_and_its_file_equals_the_direct_one(api, plan, settings):
    url = f"/api/v1/measures/?format=csv&unit={NARYN}&lang=en"
    response = api.get(url)
    assert response.status_code == 202
    body = response.json()
    job = ExportJob.objects.get()
    assert (job.kind, job.status, job.requested_by, job.programme) == (
        ExportKind.API_CSV,
        ExportStatus.QUEUED,
        None,
        None,
    )
    assert response["Location"] == body["url"] == f"http://testserver/api/v1/exports/{job.key}/"
    assert body["status"] == "queued" and body["download"] is None
    assert body["rows_total"] == 1  # the measures of the Naryn subtree
    assert "few seconds" in body["message"]

    run_queued_tasks()

    status = api.get(body["url"]).json()
    assert status["status"] == "done" and status["rows_done"] == status["rows_total"] == 1
    assert status["filename"] == "measures.csv"
    file_response = api.get(status["download"])
    assert file_response.status_code == 200
    assert 'filename="measures.csv"' in file_response["Content-Disposition"]
    prepared = streamed(file_response)
    assert prepared == direct(api, settings, url)
    rows = csv_rows(prepared)
    assert [row["key"] for row in rows] == ["REG-2025-2030/1.1.2"]
    assert rows[0]["title"] == "Water pipe in Naryn"  # the requested language and filters


def test_xlsx_too(api, plan):
    body = api.get("/api/v1/measures/?format=xlsx&lang=ru").json()
    run_queued_tasks()
    status = api.get(body["url"]).json()
    content = streamed(api.get(status["download"]))
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) - 1 == Measure.objects.active().filter(programme=plan.programme).count()
    assert "Водопровод в Нарыне" in {cell for row in rows for cell in row}


def test_the_same_question_gets_the_same_job_until_the_data_changes(api, plan):
    first = api.get("/api/v1/measures/?format=csv").json()
    again = api.get("/api/v1/measures/?format=csv").json()
    assert again["key"] == first["key"] and ExportJob.objects.count() == 1
    other = api.get("/api/v1/measures/?format=csv&lang=ru").json()
    assert other["key"] != first["key"]  # another language is another file

    run_queued_tasks()
    done = api.get("/api/v1/measures/?format=csv").json()
    assert done["key"] == first["key"] and done["status"] == "done"

    measure = Measure.objects.get(number="1.1.2")
    measure.title_en = "Water pipe in Naryn, renewed"
    measure.save()
    after = api.get("/api/v1/measures/?format=csv").json()
    assert after["key"] != first["key"] and after["status"] == "queued"


def test_a_token_holders_job_is_theirs_and_stafs(api, plan):
    owner = token_client(UserFactory(username="owner"))
    body = owner.get("/api/v1/measures/?format=csv").json()
    job = ExportJob.objects.get()
    assert job.requested_by.username == "owner" and job.params["address"] is None
    run_queued_tasks()
    assert owner.get(body["url"]).json()["status"] == "done"
    assert owner.get(body["url"] + "file/").status_code == 200

    stranger = token_client(UserFactory(username="stranger"), name="other")
    for client in (stranger, api):
        assert client.get(body["url"]).status_code == 404
        assert client.get(body["url"] + "file/").status_code == 404
    staff = token_client(UserFactory(username="staff", is_staff=True), name="staff")
    assert staff.get(body["url"]).status_code == 200
    # The stranger's own question is its own job, not the owner's file.
    assert stranger.get("/api/v1/measures/?format=csv").json()["key"] != body["key"]


def test_an_unknown_key_is_404_in_the_readers_language(api, db):
    response = api.get("/api/v1/exports/00000000-0000-4000-8000-000000000000/?lang=ru")
    assert response.status_code == 404
    assert response.json()["detail"] == "Такого экспорта нет, или он не ваш."


def test_the_file_is_not_served_before_it_is_ready(api, plan):
    body = api.get("/api/v1/measures/?format=csv").json()
    assert api.get(body["url"] + "file/").status_code == 404


def test_a_requester_has_a_few_jobs_waiting_at_most(api, plan, settings):
    settings.EXPORT_JOBS_UNFINISHED_MAX = 2
    assert api.get("/api/v1/measures/?format=csv&lang=ky").status_code == 202
    assert api.get("/api/v1/measures/?format=csv&lang=en").status_code == 202
    refused = api.get("/api/v1/measures/?format=csv&lang=ru")
    assert refused.status_code == 429 and refused["Retry-After"] == "10"
    assert refused.json()["detail"].startswith("Для вас уже готовится выгрузок: 2.")
    assert ExportJob.objects.count() == 2
    # A signed-in partner is counted apart from the anonymous ones of this address.
    partner = token_client(UserFactory())
    assert partner.get("/api/v1/measures/?format=csv&lang=ru").status_code == 202
    run_queued_tasks()
    assert api.get("/api/v1/measures/?format=csv&lang=ru").status_code == 202
    # An anonymous job keeps a keyed hash of the address, never the address itself.
    kept = {job.params["address"] for job in ExportJob.objects.filter(requested_by=None)}
    assert len(kept) == 1 and "127.0.0.1" not in kept.pop()
    # Another address is another requester.
    other = api.get("/api/v1/measures/?format=csv&lang=ky", REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 202
    assert (
        ExportJob.objects.filter(requested_by=None).values("params__address").distinct().count()
        == 2
    )


def test_a_job_whose_filter_no_longer_holds_fails_with_the_reason_in_every_language(api, plan):
    body = api.get("/api/v1/measures/?format=csv&programme=REG-2025-2030&lang=ru").json()
    plan.programme.status = ProgrammeStatus.DRAFT  # no longer public: the filter is unknown
    plan.programme.save()
    run_queued_tasks()
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.FAILED and not job.file
    assert job.error_ru.startswith("Некоторые значения фильтров")
    assert job.error_en.startswith("Some filter values")
    status = api.get(body["url"]).json()
    assert status["status"] == "failed" and status["message"] == job.error_ru
    assert status["download"] is None


def test_the_worker_is_not_throttled_and_the_request_is(api, plan, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "1/minute", "token": "1/minute"},
    }
    assert api.get("/api/v1/measures/?format=csv").status_code == 202
    run_queued_tasks()  # its own request to the list does not count against the requester
    assert ExportJob.objects.get().status == ExportStatus.DONE
    assert api.get("/api/v1/measures/?format=csv").status_code == 429


def test_a_job_whose_worker_stopped_fails_and_can_be_asked_again(api, plan, client):
    """A worker restarted or killed mid-job never ends it: after EXPORT_ABANDONED_MINUTES without
    progress the job fails with the reason (read in the API, on the web, by expire_exports), so the
    requester is not left waiting and the same question gets a new job."""
    body = api.get("/api/v1/measures/?format=csv&lang=ru").json()
    job = ExportJob.objects.get()
    long_ago = timezone.now() - datetime.timedelta(minutes=31)
    recent = timezone.now() - datetime.timedelta(minutes=5)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportStatus.RUNNING, touched_at=recent)
    with CaptureQueriesContext(connection) as polled:
        assert api.get(body["url"]).json()["status"] == "running"  # still writing progress
    # Polling a job whose worker is alive writes nothing.
    assert not [q for q in polled.captured_queries if q["sql"].startswith("UPDATE")]
    ExportJob.objects.filter(pk=job.pk).update(touched_at=long_ago)
    status = api.get(body["url"]).json()
    assert status["status"] == "failed" and status["download"] is None
    assert status["message"].startswith("Работник, готовивший этот файл, остановился")
    job.refresh_from_db()
    assert job.error_en.startswith("The worker preparing this file stopped")
    assert job.error_ky and job.error_ky != job.error_en and job.finished_at is not None
    again = api.get("/api/v1/measures/?format=csv&lang=ru")
    assert again.status_code == 202 and again.json()["key"] != body["key"]


def test_expire_exports_fails_the_abandoned_jobs_and_leaves_the_working_ones(plan):
    owner = UserFactory()
    stopped, working = (
        ExportJob.objects.create(
            requested_by=owner,
            kind=ExportKind.API_CSV,
            language="en",
            status=ExportStatus.RUNNING,
            touched_at=timezone.now() - datetime.timedelta(minutes=minutes),
            expires_at=timezone.now() + datetime.timedelta(hours=1),
        )
        for minutes in (45, 1)
    )
    out = io.StringIO()
    call_command("expire_exports", stdout=out)
    assert "1 abandoned exports failed" in out.getvalue()
    stopped.refresh_from_db()
    working.refresh_from_db()
    assert (stopped.status, working.status) == (ExportStatus.FAILED, ExportStatus.RUNNING)


def test_the_size_of_an_export_is_read_from_the_kept_count(api, plan):
    """Whether an export is streamed or becomes a job is decided by the list's own count
    (PartnerReadViewSet.count): for measures the kept count, so asking again counts nothing."""
    assert api.get("/api/v1/measures/?format=csv&count=true").status_code == 202
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/api/v1/measures/?format=csv&count=true").status_code == 202
        page = api.get("/api/v1/measures/?count=true&page_size=5").json()
    assert page["count"] == len(api.get("/api/v1/measures/?page_size=500").json()["results"])
    assert not [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
