"""Large exports prepared in the background: the whole-plan .xlsx/.docx and the consolidated report.

A user asks (``export_job_request``): an ExportJob row and its task are written in one
transaction. A worker (``manage.py db_worker``, any node) runs ``export_job_run``: it builds the
file with the exporters' public functions, counting the measures as they are read into the job's
progress, and saves it in the default storage. The job page shows the progress and ends as a
download link for the requester (and staff); ``export_jobs_expire`` deletes jobs and files after
EXPORT_KEEP_HOURS. Small plans still stream straight from the request (views_io.plan_export).
"""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import FileResponse, QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from measures import reporting
from measures.filters import MeasureFilter
from measures.models import (
    ExportJob,
    ExportKind,
    ExportStatus,
    Measure,
    ReportingPeriod,
)
from measures.plan_io import consolidated_docx, exporter
from measures.reporting import consolidated
from programs.models import Programme
from regionalprogram.languages import LANGUAGE_CODES

logger = logging.getLogger(__name__)

PLAN_FORMATS = {ExportKind.PLAN_XLSX: "xlsx", ExportKind.PLAN_DOCX: "docx"}
# How often, at most, the progress is written while measures are read.
PROGRESS_STEPS = 50


class ExportProblem(Exception):
    """Why a job cannot be done, as a lazy text that each language renders."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


INTERNAL_ERROR = _(
    "The file could not be prepared because of an error on the portal. Ask for it again; if it "
    "fails again, write to the portal's administrators."
)


def needs_background(measure_count: int) -> bool:
    """Whether an export of this many measures is prepared by a worker instead of the request."""
    return measure_count > settings.EXPORT_DIRECT_MAX_MEASURES


def export_job_request(
    *, user, kind: str, programme: Programme, language: str, params: dict, total: int = 0
) -> ExportJob:
    """Record the request and queue its task, together (a failed request queues nothing)."""
    from measures.tasks import run_export_job

    with transaction.atomic():
        job = ExportJob(
            requested_by=user,
            kind=kind,
            programme=programme,
            language=language,
            params=params,
            progress_total=total,
            expires_at=timezone.now() + datetime.timedelta(hours=settings.EXPORT_KEEP_HOURS),
        )
        job.full_clean()
        job.save()
        run_export_job.enqueue(job_id=job.pk)
    return job


class _Progress:
    """Writes ``done`` of the job every 1/PROGRESS_STEPS of its total (one UPDATE each)."""

    def __init__(self, job: ExportJob):
        self.job = job
        self.done = 0
        self.step = max(1, job.progress_total // PROGRESS_STEPS)

    def tick(self) -> None:
        self.done += 1
        if self.done % self.step == 0:
            self.write(self.done)

    def write(self, done: int) -> None:
        done = min(done, self.job.progress_total)
        ExportJob.objects.filter(pk=self.job.pk).update(
            progress_done=done, touched_at=timezone.now()
        )


def counted(queryset, tick):
    """``queryset`` calling ``tick()`` for every measure read from the database.

    The exporters take a queryset and chain their own ordering, prefetching and chunking onto it;
    the iterable class travels with every clone, so the count follows whatever way they read
    (their internals are being rewritten: this needs no parameter of theirs).
    """
    base = queryset._iterable_class

    class Counted(base):
        def __iter__(self):
            for obj in super().__iter__():
                tick()
                yield obj

    queryset = queryset.all()
    queryset._iterable_class = Counted
    return queryset


def _visible_programme(job: ExportJob) -> Programme:
    programme = Programme.objects.visible_to(job.requested_by).filter(pk=job.programme_id).first()
    if programme is None:
        raise ExportProblem(_("You can no longer see this programme."))
    return programme


def _build_plan(job: ExportJob, progress: _Progress):
    programme = _visible_programme(job)
    data = QueryDict(mutable=True)
    for name, values in job.params.get("filters", {}).items():
        data.setlist(name, values)
    data["programme"] = programme.code
    filterset = MeasureFilter(
        data,
        queryset=Measure.objects.active().filter(programme=programme),
        request=SimpleNamespace(user=job.requested_by),
    )
    if not filterset.is_valid():
        raise ExportProblem(_("Some filter values are no longer valid. Ask for the file again."))
    fmt = PLAN_FORMATS[job.kind]
    output = exporter.export_file(
        programme,
        counted(filterset.qs, progress.tick),
        fmt=fmt,
        lang=job.language,
        all_headings=job.params.get("all_headings", True),
    )
    return output, exporter.filename(programme, fmt, job.language)


def _build_consolidated(job: ExportJob, progress: _Progress):
    import tempfile

    programme = _visible_programme(job)
    if not reporting.can_review_programme(job.requested_by, programme):
        raise ExportProblem(_("You may no longer prepare this programme's reports."))
    period = ReportingPeriod.objects.filter(
        pk=job.params.get("period"), cycle__programme=programme
    ).first()
    if period is None:
        raise ExportProblem(_("This reporting period no longer exists."))
    report = consolidated.consolidated_report(period)
    progress.write(1)
    output = tempfile.TemporaryFile()  # noqa: SIM115 - closed by export_job_run
    consolidated_docx.write_report(report, job.language, output)
    output.seek(0)
    return output, consolidated_docx.filename(programme, period, job.language)


def _error_texts(error: Exception) -> dict[str, str]:
    message = error.message if isinstance(error, ExportProblem) else INTERNAL_ERROR
    texts = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            texts[f"error_{code}"] = str(message)
    return texts


def export_job_run(*, job_id: int) -> str:
    """Build the job's file (a worker calls this); returns the job's status.

    A job is taken once: a second run of the same task (or a job deleted meanwhile) does nothing.
    """
    if not ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, touched_at=timezone.now()
    ):
        return "skipped"
    job = ExportJob.objects.select_related("programme", "requested_by").get(pk=job_id)
    progress = _Progress(job)
    output = None
    try:
        if job.kind == ExportKind.CONSOLIDATED:
            output, name = _build_consolidated(job, progress)
        elif job.kind in (ExportKind.API_CSV, ExportKind.API_XLSX):
            from measures import api_exports  # the API's own view builds the list

            output, name = api_exports.build(job, progress)
        else:
            output, name = _build_plan(job, progress)
        job.file.save(name, File(output, name=name), save=False)
        job.filename = name
        job.status = ExportStatus.DONE
        job.progress_done = job.progress_total
    except Exception as error:
        if not isinstance(error, ExportProblem):
            logger.exception("Export job %s failed", job_id)
        job.status = ExportStatus.FAILED
        for field, text in _error_texts(error).items():
            setattr(job, field, text)
        job.progress_done = min(progress.done, job.progress_total)
    finally:
        if output is not None:
            output.close()
    job.finished_at = timezone.now()
    job.save()
    return job.status


def file_response(job: ExportJob) -> FileResponse | None:
    """The job's file as a download, private to its reader; None while it is not ready."""
    if job.status != ExportStatus.DONE or not job.file:
        return None
    response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
    response["Cache-Control"] = "private, no-store"
    return response


ABANDONED = _(
    "The worker preparing this file stopped before it was ready (the portal was restarted, say). "
    "Ask for the file again."
)


def export_jobs_settle(jobs=None, *, now: datetime.datetime | None = None) -> int:
    """Fail those of ``jobs`` (every job by default: expire_exports) that are running but whose
    worker has stopped (ExportJobQuerySet.abandoned), with the reason in every language; returns
    how many."""
    jobs = ExportJob.objects.all() if jobs is None else jobs
    now = now or timezone.now()
    return jobs.abandoned(now).update(
        status=ExportStatus.FAILED, finished_at=now, **_error_texts(ExportProblem(ABANDONED))
    )


def settled(job: ExportJob) -> ExportJob:
    """The job as its reader should see it: failed first if it is running and its worker has
    stopped (``export_jobs_settle``), so that nobody waits on it. Polling a job whose worker is
    alive is a read: it is written only once it is found abandoned."""
    if job.status != ExportStatus.RUNNING:
        return job
    stopped = ExportJob.objects.filter(pk=job.pk).abandoned()
    if stopped.exists() and export_jobs_settle(stopped):
        job.refresh_from_db()
    return job


def export_jobs_expire(*, now: datetime.datetime | None = None) -> int:
    """Delete the jobs past their time and their files; returns how many."""
    count = 0
    for job in ExportJob.objects.expired(now).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
