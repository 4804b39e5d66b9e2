"""Background tasks on the portal's own PostgreSQL: a backend for Django's tasks framework.

django-tasks 0.12 (the backport of ``django.tasks`` the project pins) ships only the immediate and
dummy backends; its database backend moved to a separate package. This is the few dozen lines of
it the portal needs, so the queue needs no second broker and nothing new to install:

- ``DatabaseBackend.enqueue`` writes a ``QueuedTask`` row in the caller's transaction: a
  rolled-back action queues nothing, and a worker sees the task only once it is committed.
- ``run_worker`` (``manage.py db_worker``) takes the next due row with ``SELECT … FOR UPDATE SKIP
  LOCKED``, marks it running and commits before calling the task, so any number of workers on any
  number of nodes share one queue and never run a task twice. The task runs outside any
  transaction: what it writes (an export's progress) is seen by the pages at once.

A worker that dies mid-task leaves its row RUNNING; nothing re-runs it by itself (a task may have
sent mail), the admin shows it and the user asks again.
"""

from __future__ import annotations

import datetime
import logging
import signal
import time
from collections.abc import Callable, Iterable

from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskContext, TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskError
from django_tasks.exceptions import TaskResultDoesNotExist
from django_tasks.signals import task_enqueued, task_finished, task_started
from django_tasks.utils import (
    get_exception_traceback,
    get_module_path,
    get_random_id,
    normalize_json,
)

logger = logging.getLogger(__name__)


def _result(row) -> TaskResult:
    """The framework's view of a stored row."""
    task = import_string(row.task_path).using(
        priority=row.priority,
        queue_name=row.queue_name,
        run_after=row.run_after,
        backend=row.backend_name,
    )
    errors = (
        [TaskError(exception_class_path=row.exception_class_path, traceback=row.traceback)]
        if row.exception_class_path
        else []
    )
    result = TaskResult(
        task=task,
        id=row.pk,
        status=TaskResultStatus(row.status),
        enqueued_at=row.enqueued_at,
        started_at=row.started_at,
        last_attempted_at=row.last_attempted_at,
        finished_at=row.finished_at,
        args=row.args,
        kwargs=row.kwargs,
        backend=row.backend_name,
        errors=errors,
        worker_ids=list(row.worker_ids),
    )
    object.__setattr__(result, "_return_value", row.return_value)
    return result


class DatabaseBackend(BaseTaskBackend):
    supports_defer = True
    supports_get_result = True
    supports_priority = True

    def enqueue(self, task, args, kwargs) -> TaskResult:
        from regionalprogram.models import QueuedTask

        self.validate_task(task)
        row = QueuedTask.objects.create(
            id=get_random_id(),
            task_path=task.module_path,
            queue_name=task.queue_name,
            backend_name=self.alias,
            priority=task.priority,
            run_after=task.run_after,
            args=normalize_json(args),
            kwargs=normalize_json(kwargs),
            status=TaskResultStatus.READY,
        )
        result = _result(row)
        task_enqueued.send(type(self), task_result=result)
        return result

    def get_result(self, result_id: str) -> TaskResult:
        from regionalprogram.models import QueuedTask

        try:
            return _result(QueuedTask.objects.get(pk=result_id, backend_name=self.alias))
        except QueuedTask.DoesNotExist:
            raise TaskResultDoesNotExist(result_id) from None


def claim_next(*, queues: Iterable[str] = (), backend: str = "default", worker_id: str):
    """The next due task, marked RUNNING by ``worker_id`` and committed; None when none is due."""
    from regionalprogram.models import QueuedTask

    now = timezone.now()
    with transaction.atomic():
        due = QueuedTask.objects.select_for_update(skip_locked=True).filter(
            Q(run_after__isnull=True) | Q(run_after__lte=now),
            status=TaskResultStatus.READY,
            backend_name=backend,
        )
        if queues:
            due = due.filter(queue_name__in=list(queues))
        row = due.order_by("-priority", "enqueued_at", "id").first()
        if row is None:
            return None
        row.status = TaskResultStatus.RUNNING
        row.started_at = row.started_at or now
        row.last_attempted_at = now
        row.worker_ids = [*row.worker_ids, worker_id]
        row.save(update_fields=["status", "started_at", "last_attempted_at", "worker_ids"])
    return row


def run_claimed(row) -> TaskResult:
    """Call the task of a claimed row and store how it ended."""
    result = _result(row)
    task_started.send(DatabaseBackend, task_result=result)
    task = result.task
    try:
        if task.takes_context:
            value = task.call(TaskContext(task_result=result), *row.args, **row.kwargs)
        else:
            value = task.call(*row.args, **row.kwargs)
        row.return_value = normalize_json(value)
        row.status = TaskResultStatus.SUCCESSFUL
    except BaseException as error:
        row.status = TaskResultStatus.FAILED
        row.exception_class_path = get_module_path(type(error))[:300]
        row.traceback = get_exception_traceback(error)
        if isinstance(error, KeyboardInterrupt | SystemExit):
            row.finished_at = timezone.now()
            row.save()
            raise
    row.finished_at = timezone.now()
    row.save(
        update_fields=[
            "status",
            "return_value",
            "exception_class_path",
            "traceback",
            "finished_at",
        ]
    )
    result = _result(row)
    task_finished.send(DatabaseBackend, task_result=result)
    return result


def run_worker(
    *,
    queues: Iterable[str] = (),
    backend: str = "default",
    batch: bool = False,
    max_tasks: int | None = None,
    interval: float = 1.0,
    worker_id: str | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> int:
    """Run due tasks until stopped (or, with ``batch``, until none is due); returns how many ran."""
    worker_id = worker_id or get_random_id()
    done = 0
    while not should_stop() and (max_tasks is None or done < max_tasks):
        row = claim_next(queues=queues, backend=backend, worker_id=worker_id)
        if row is None:
            if batch:
                break
            close_old_connections()  # a database restart while idle is survived
            time.sleep(interval)
            continue
        run_claimed(row)
        done += 1
    return done


class GracefulStop:
    """SIGTERM/SIGINT let the running task finish, then the worker stops."""

    SIGNALS = (signal.SIGTERM, signal.SIGINT)

    def __init__(self):
        self.requested = False
        self._previous = {}

    def __enter__(self):
        self._previous = {signum: signal.signal(signum, self._request) for signum in self.SIGNALS}
        return self

    def __exit__(self, *exc):
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _request(self, signum, frame):
        if self.requested:  # a second signal: stop now
            raise KeyboardInterrupt
        self.requested = True
        logger.info("Stopping after the current task")

    def __call__(self) -> bool:
        return self.requested


def prune_finished(*, older_than: datetime.timedelta) -> int:
    """Delete the rows of tasks that finished before ``older_than`` ago; returns how many."""
    from regionalprogram.models import QueuedTask

    cutoff = timezone.now() - older_than
    deleted, _ = QueuedTask.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED], finished_at__lt=cutoff
    ).delete()
    return deleted
