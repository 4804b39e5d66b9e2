"""Large exports prepared by a worker (measures.exports): a job row and its task, progress stored,
the file for the requester (and staff) only, errors in the user's language, and expiry."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from docx import Document
from openpyxl import load_workbook

from measures import exports
from measures.models import ExportJob, ExportKind, ExportStatus
from tests.edit_helpers import editor_of
from tests.factories import MeasureFactory, ProgrammeFactory, UserFactory, reporting_period
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_threshold(settings):
    settings.EXPORT_DIRECT_MAX_MEASURES = 2
    return settings


@pytest.fixture
def programme():
    programme = ProgrammeFactory(code="big")
    for number in range(1, 6):
        MeasureFactory(programme=programme, number=f"1.1.{number}", title_ru=f"Мера {number}")
    return programme


def export_url(fmt="xlsx", **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/ru/plan/export/{fmt}/?{query}"


def test_a_small_plan_still_streams_at_once(client, programme, settings):
    settings.EXPORT_DIRECT_MAX_MEASURES = 1000
    response = client.get(export_url(programme="big", lang="ru"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert not ExportJob.objects.exists()


def test_a_large_plan_is_offered_in_the_background_and_the_anonymous_asked_to_log_in(
    client, programme, small_threshold
):
    response = client.get(export_url(programme="big", lang="ru"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory())
    response = client.get(export_url(programme="big", lang="ru"))
    assert response.status_code == 200
    assert "5" in response.content.decode() and 'method="post"' in response.content.decode()
    assert not ExportJob.objects.exists()  # a GET changes nothing


def test_the_job_runs_through_the_queue_and_the_requester_downloads_the_file(
    client, programme, small_threshold
):
    user = UserFactory()
    client.force_login(user)
    response = client.post(export_url(programme="big", lang="ru"))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.requested_by, job.kind, job.status) == (user, ExportKind.PLAN_XLSX, "queued")
    assert (job.progress_done, job.progress_total) == (0, 5)
    assert DBTaskResult.objects.get().args_kwargs == {"args": [], "kwargs": {"job_id": job.pk}}

    page = client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' in page and "<progress" in page

    run_queued_tasks()

    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.progress_done == 5 and job.finished_at
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'http-equiv="refresh"' not in page
    download = f"/ru/plan/exports/{job.pk}/download/"
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert job.filename in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    texts = {c.value for row in workbook.active.iter_rows() for c in row}
    assert {f"Мера {n}" for n in range(1, 6)} <= texts
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_filters_and_format_travel_with_the_job(client, programme, small_threshold):
    client.force_login(UserFactory())
    client.post(export_url("docx", programme="big", lang="en", q="Мера"))
    job = ExportJob.objects.get()
    assert job.kind == ExportKind.PLAN_DOCX and job.language == "en"
    assert job.params == {"filters": {"q": ["Мера"]}, "all_headings": False}
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.filename.endswith("-en-" + job.filename[-13:])
    with job.file.open("rb") as stored:
        assert len(Document(stored).tables) == 1


def test_progress_is_written_while_the_measures_are_read(programme, monkeypatch):
    job = exports.export_job_request(
        user=UserFactory(),
        kind=ExportKind.PLAN_XLSX,
        programme=programme,
        language="ru",
        params={"filters": {}, "all_headings": True},
        total=5,
    )
    seen = []
    write = exports._Progress.write
    monkeypatch.setattr(
        exports._Progress, "write", lambda self, n: seen.append(n) or write(self, n)
    )
    run_queued_tasks()
    assert seen == [1, 2, 3, 4, 5]
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total) == (ExportStatus.DONE, 5, 5)


@pytest.mark.parametrize("who", ["other", "anonymous"])
def test_another_user_and_the_anonymous_cannot_see_or_download_a_job(
    client, programme, small_threshold, who
):
    owner = UserFactory()
    client.force_login(owner)
    client.post(export_url(programme="big", lang="ru"))
    run_queued_tasks()
    job = ExportJob.objects.get()
    client.logout()
    if who == "other":
        client.force_login(UserFactory())
    for url in (job.get_absolute_url(), f"/ru/plan/exports/{job.pk}/download/"):
        response = client.get(url)
        if who == "other":
            assert response.status_code == 404, url
        else:
            assert response.status_code == 302 and "/login/" in response["Location"], url
    assert "big" not in client.get("/ru/plan/exports/").content.decode() or who == "anonymous"


def test_staff_may_download_anyones_job(client, programme, small_threshold):
    client.force_login(UserFactory())
    client.post(export_url(programme="big", lang="ru"))
    run_queued_tasks()
    job = ExportJob.objects.get()
    client.force_login(UserFactory(is_staff=True))
    assert client.get(f"/ru/plan/exports/{job.pk}/download/").status_code == 200


def test_a_failing_job_stores_its_error_in_three_languages_and_shows_the_users(
    client, programme, small_threshold, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports.exporter, "export_file", broken)
    client.force_login(UserFactory())
    client.post(export_url(programme="big", lang="ru"))
    run_queued_tasks()
    job = ExportJob.objects.get()
    assert job.status == ExportStatus.FAILED and job.finished_at and not job.file
    assert job.error_en.startswith("The file could not be prepared")
    assert job.error_ru and job.error_ky and len({job.error_en, job.error_ru, job.error_ky}) == 3
    assert "disk full" not in job.error_ru
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.error_ru in page and 'http-equiv="refresh"' not in page
    assert job.error_ky in client.get(f"/ky/plan/exports/{job.pk}/").content.decode()
    assert client.get(f"/ru/plan/exports/{job.pk}/download/").status_code == 404
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL  # the task handled it


def test_a_programme_hidden_since_the_request_fails_with_its_reason(programme):
    from programs.models import ProgrammeStatus

    job = exports.export_job_request(
        user=UserFactory(),
        kind=ExportKind.PLAN_XLSX,
        programme=programme,
        language="en",
        params={},
        total=5,
    )
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error_en == "You can no longer see this programme."


def test_the_consolidated_report_of_a_large_programme_is_prepared_in_the_background(
    client, programme, small_threshold
):
    period = reporting_period(programme)
    reviewer = editor_of(programme)
    client.force_login(reviewer)
    url = f"/ru/reports/consolidated/big/{period.pk}/download/ru/"
    assert client.get(url).status_code == 200 and not ExportJob.objects.exists()
    client.post(url)
    job = ExportJob.objects.get()
    assert job.kind == ExportKind.CONSOLIDATED and job.params == {"period": period.pk}
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE and job.filename.endswith("-ru.docx")
    assert client.get(f"/ru/plan/exports/{job.pk}/download/").status_code == 200
    client.force_login(editor_of(ProgrammeFactory()))
    assert client.post(url).status_code == 403


def test_expired_jobs_and_their_files_are_deleted(client, programme, small_threshold):
    client.force_login(UserFactory())
    client.post(export_url(programme="big", lang="ru"))
    client.post(export_url(programme="big", lang="en"))
    run_queued_tasks()
    old, fresh = ExportJob.objects.order_by("pk")
    storage = old.file.storage
    old_name = old.file.name
    assert storage.exists(old_name)
    ExportJob.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("expire_exports")
    assert list(ExportJob.objects.all()) == [fresh]
    assert not storage.exists(old_name) and storage.exists(fresh.file.name)


def test_my_exports_lists_the_users_jobs_in_fixed_queries(
    client, programme, small_threshold, django_assert_max_num_queries
):
    user = UserFactory()
    client.force_login(user)
    for lang in ("ru", "en", "ky"):
        client.post(export_url(programme="big", lang=lang))
    with django_assert_max_num_queries(8):
        response = client.get("/ru/plan/exports/")
    assert response.content.decode().count("/ru/plan/exports/") >= 3


@pytest.mark.parametrize(
    ("lang", "kept"), [("ky", "12 саат сакталат"), ("ru", "хранятся 12 ч"), ("en", "kept for 12 h")]
)
def test_my_exports_says_how_long_the_files_are_kept_as_the_portal_is_set(
    client, settings, lang, kept
):
    settings.EXPORT_KEEP_HOURS = 12
    client.force_login(UserFactory())
    html = client.get(f"/{lang}/plan/exports/").content.decode()
    assert kept in html
