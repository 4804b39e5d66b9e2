"""The background queue on PostgreSQL (regionalprogram.queue): tasks are rows written in the
caller's transaction, run by `db_worker` with SKIP LOCKED, with their outcome stored; mail goes out
through it."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends

from regionalprogram import queue
from regionalprogram.models import OutboxMail, OutboxStatus, QueuedTask
from regionalprogram.tasks import deliver_outbox

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def test_the_default_backend_is_the_database_one():
    assert isinstance(task_backends["default"], queue.DatabaseBackend)


def test_a_task_is_stored_run_by_the_worker_and_its_result_kept():
    result = deliver_outbox.enqueue(ids=[])
    row = QueuedTask.objects.get(pk=result.id)
    assert row.status == "READY" and row.kwargs == {"ids": []}
    assert deliver_outbox.get_result(result.id).status == TaskResultStatus.READY

    call_command("db_worker", "--batch")

    done = deliver_outbox.get_result(result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == {"sent": 0, "failed": 0, "given_up": 0}
    assert done.attempts == 1 and done.finished_at is not None


def test_a_failing_task_is_stored_with_its_error(monkeypatch):
    def broken(**kwargs):
        raise ValueError("mail server on fire")

    monkeypatch.setattr("regionalprogram.tasks.deliver_due", broken)
    result = deliver_outbox.enqueue()
    assert queue.run_worker(batch=True) == 1
    failed = deliver_outbox.get_result(result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.errors[0].exception_class_path == "builtins.ValueError"
    assert "mail server on fire" in failed.errors[0].traceback


def test_a_rolled_back_action_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        deliver_outbox.enqueue()
        raise RuntimeError
    assert not QueuedTask.objects.exists()


def test_a_deferred_task_waits_for_its_time_and_priority_orders_the_rest():
    later = deliver_outbox.using(run_after=timezone.now() + datetime.timedelta(hours=1)).enqueue()
    low = deliver_outbox.enqueue()
    high = deliver_outbox.using(priority=10).enqueue()
    first = queue.claim_next(worker_id="w1")
    second = queue.claim_next(worker_id="w2")
    assert [first.pk, second.pk] == [high.id, low.id]
    assert queue.claim_next(worker_id="w3") is None  # the deferred one is not due
    assert QueuedTask.objects.get(pk=later.id).status == "READY"


def test_mail_is_sent_by_the_task_after_the_commit(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "regionalprogram.mail.OutboxBackend"
    settings.MAIL_DELIVERY_BACKEND = LOCMEM
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Invitation", "Body", None, ["member@example.kg"])
    # The request is done; nothing was sent in it, the task waits for a worker.
    assert mail.outbox == []
    task = QueuedTask.objects.get()
    assert task.task_path == "regionalprogram.tasks.deliver_outbox"

    call_command("db_worker", "--batch")

    assert [m.subject for m in mail.outbox] == ["Invitation"]
    assert OutboxMail.objects.get().status == OutboxStatus.SENT
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.return_value["sent"] == 1


def test_finished_tasks_are_pruned_after_their_days():
    old = deliver_outbox.enqueue()
    call_command("db_worker", "--batch")
    QueuedTask.objects.filter(pk=old.id).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    waiting = deliver_outbox.enqueue()
    call_command("prune_tasks", "--days", "7")
    assert list(QueuedTask.objects.values_list("pk", flat=True)) == [waiting.id]
