"""Run the background queue inside a test, with the same command a worker node runs."""

from __future__ import annotations

import signal
from io import StringIO
from unittest import mock

from django.core.management import call_command

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


def run_queued_tasks() -> str:
    """Run every due task in this process with django_tasks_db's ``db_worker --batch``, then return
    its log. The worker sets its own SIGINT/SIGTERM/SIGQUIT handlers for a graceful stop; they are
    put back afterwards, so Ctrl+C still stops pytest rather than a worker that has already exited.
    Like Django's test client, which unhooks it from its requests, the worker's
    ``close_old_connections`` is left out: it would close the connection holding the test's
    transaction.
    """
    saved = {signum: signal.getsignal(signum) for signum in _STOP_SIGNALS}
    out = StringIO()
    try:
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=out)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
    return out.getvalue()
