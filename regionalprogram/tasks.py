"""The project's own background tasks; ``manage.py db_worker`` (django_tasks_db) runs them."""

from __future__ import annotations

from django_tasks import task

from regionalprogram.mail import deliver_due


@task()
def deliver_outbox(*, ids: list[int] | None = None) -> dict[str, int]:
    """Send the queued mails ``ids`` (or every due one); counts of sent/failed/given up."""
    return deliver_due(ids=ids)
