"""The action plan's background tasks; ``manage.py db_worker`` (django_tasks_db) runs them."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django_tasks import task

from measures.exports import export_job_run, export_jobs_expire
from measures.reminders import reminders_send


@task()
def run_export_job(*, job_id: int) -> str:
    return export_job_run(job_id=job_id)


@task()
def refresh_kept_figures(
    *, name: str, programme_id: int, day: str, compute: str = "", language: str = ""
):
    """Sum a programme's whole-plan figures after a change of its plan (measures.figures.kept).
    ``compute`` and ``language`` are ignored: tasks queued by the previous release carry them
    (the function is now read from WHOLE_PLAN_FIGURES, and the figures hold every language)."""
    from measures.figures import refresh

    return refresh(name=name, programme_id=programme_id, day=day)


@task()
def expire_exports() -> int:
    return export_jobs_expire()


@task()
def send_reminders(*, today: str | None = None) -> dict[str, int]:
    """The day's reminders (measures.reminders); ``today`` as YYYY-MM-DD, default the worker's."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    result = reminders_send(today=day)
    if result.failed:
        # Failed recipients are not recorded and go out on the next run; the task shows FAILED.
        raise RuntimeError(f"{len(result.failed)} recipients could not be e-mailed")
    return {"sent": len(result.sent), "e_mails": result.e_mails, "before": result.already_sent}
