"""Our use of the background queue (django_tasks_db on the portal's PostgreSQL): a task is queued
in the transaction of the action that asks for it, and a worker runs our tasks and keeps their
outcome. The library's own workings (locking, ordering, retries of its writes) are its tests'."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from measures.reminders import RunResult
from measures.tasks import send_reminders
from regionalprogram.models import OutboxMail, OutboxStatus
from regionalprogram.tasks import deliver_outbox
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def test_the_default_backend_is_the_database_one():
    assert isinstance(task_backends["default"], DatabaseBackend)


def test_a_queued_task_is_a_row_of_the_callers_transaction_and_a_worker_runs_it():
    with transaction.atomic():
        result = deliver_outbox.enqueue(ids=[])
        row = DBTaskResult.objects.get(pk=result.id)
    assert row.task_path == "regionalprogram.tasks.deliver_outbox"
    assert row.args_kwargs == {"args": [], "kwargs": {"ids": []}}
    assert deliver_outbox.get_result(result.id).status == TaskResultStatus.READY

    run_queued_tasks()

    done = deliver_outbox.get_result(result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == {"sent": 0, "failed": 0, "given_up": 0}
    assert done.attempts == 1 and done.finished_at is not None


def test_a_rolled_back_action_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        deliver_outbox.enqueue()
        send_reminders.enqueue(today="2026-07-08")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()


def test_reminders_that_could_not_be_mailed_leave_the_task_failed_with_the_reason(monkeypatch):
    monkeypatch.setattr(
        "measures.tasks.reminders_send",
        lambda today: RunResult(failed=[("user", "refused")], e_mails=1),
    )
    result = send_reminders.enqueue(today="2026-07-08")
    run_queued_tasks()
    failed = send_reminders.get_result(result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path == "builtins.RuntimeError"
    assert "1 recipients could not be e-mailed" in failed.errors[0].traceback


def test_mail_is_sent_by_the_task_after_the_commit(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "regionalprogram.mail.OutboxBackend"
    settings.MAIL_DELIVERY_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks() as callbacks:
        mail.send_mail("Invitation", "Body", None, ["member@example.kg"])
        assert not DBTaskResult.objects.exists()  # nothing is queued before the commit
    for callback in callbacks:
        callback()
    # The request is done; nothing was sent in it, the task waits for a worker.
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.task_path == "regionalprogram.tasks.deliver_outbox"

    run_queued_tasks()

    assert [m.subject for m in mail.outbox] == ["Invitation"]
    assert OutboxMail.objects.get().status == OutboxStatus.SENT
    task.refresh_from_db()
    assert task.status == TaskResultStatus.SUCCESSFUL and task.return_value["sent"] == 1


def test_the_readmes_daily_prune_keeps_a_week_of_finished_tasks_and_every_waiting_one():
    old = deliver_outbox.enqueue()
    recent = deliver_outbox.enqueue()
    run_queued_tasks()
    DBTaskResult.objects.filter(pk=old.id).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    waiting = deliver_outbox.enqueue()
    call_command("prune_db_task_results", "--min-age-days", "7", verbosity=0)
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        DBTaskResult._meta.pk.to_python(recent.id),
        DBTaskResult._meta.pk.to_python(waiting.id),
    }
