"""Start the embedded PostgreSQL from the ``pgserver`` wheel when no DATABASE_URL is given.

A fresh machine has no database server; this keeps ``make run`` to one command. The server is
left running after the process exits (``cleanup_mode=None``) so a second ``make run`` or a test
run reuses it in well under a second.

pgserver keeps the processes using a server in ``PGDATA/.handle_pids.json``, rewritten in place
on every start and exit. A process killed with SIGTERM while it writes leaves the file empty, and
one killed at any time leaves its id behind; pgserver then fails with JSONDecodeError on every
start, and ``stop`` never stops (it waits for the dead). ``_make_registry_robust`` makes the file
written atomically (a temporary file renamed over it) and read tolerantly (a damaged file is an
empty list; ids of processes that no longer run are dropped), so stopping and starting in any
order, kill -TERM included, leaves the next start working. ``python -m regionalprogram.embedded_db
stop|delete`` is what ``make stop-db`` and ``make reset-db`` run.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import warnings
from pathlib import Path

REGISTRY_NAME = ".handle_pids.json"


def _registry_get(self) -> list[int]:
    """pgserver's DiskList.get, tolerant: the ids of live processes in a readable file."""
    import psutil

    try:
        values = json.loads(self.path.read_text())
    except FileNotFoundError:
        return []
    except (OSError, ValueError):  # empty or damaged: a process was killed while writing it
        values = []
    if not isinstance(values, list):
        values = []
    return [
        pid
        for pid in values
        if isinstance(pid, int)
        and not isinstance(pid, bool)
        and (pid == os.getpid() or psutil.pid_exists(pid))
    ]


def _registry_put(self, values: list[int]) -> None:
    """pgserver's DiskList.put, atomic: readers see the old list or the new one, never half."""
    partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps(values))
    os.replace(partial, self.path)


def _make_registry_robust() -> None:
    from pgserver import utils

    utils.DiskList.get = _registry_get
    utils.DiskList.put = _registry_put


def embedded_database_url(pgdata: Path, *, cleanup_mode: str | None = None) -> str:
    """Return a libpq URL for the embedded server whose data lives in ``pgdata``, starting it."""
    # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; it is noise here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver

    # pgserver logs at interpreter exit, after pytest has closed the streams; only problems matter.
    logging.getLogger("pgserver").setLevel(logging.WARNING)

    _make_registry_robust()
    pgdata = Path(pgdata)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=cleanup_mode)
    return server.get_uri()


def database_settings(
    url: str | None, *, pgdata: Path, conn_max_age: int, name: str = "DATABASE_URL"
) -> dict:
    """A DATABASES entry: ``url`` if given, else the embedded server in ``pgdata``.

    ``name`` is the variable the URL came from, for the error messages.

    The values come from settings, which reads and checks the environment.
    """
    import dj_database_url
    from django.core.exceptions import ImproperlyConfigured

    if not url:
        url = embedded_database_url(pgdata)
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a database URL: {exc}") from exc
    if not config["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured(f"{name} must point to PostgreSQL (postgres://...).")
    # A database that is down answers quickly (503, see regionalprogram.errors), not after the
    # operating system's TCP timeout; a connect_timeout in the URL wins.
    config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # A kept connection is checked before a request reuses it, so after a database restart no
    # request fails on a connection that died meanwhile.
    config["CONN_HEALTH_CHECKS"] = True
    return config


if __name__ == "__main__":  # python -m regionalprogram.embedded_db stop|delete [PGDATA]
    action = sys.argv[1] if len(sys.argv) > 1 else ""
    if action not in {"stop", "delete"}:
        sys.exit("usage: python -m regionalprogram.embedded_db stop|delete [PGDATA]")
    folder = Path(sys.argv[2] if len(sys.argv) > 2 else ".pgdata")
    if not (folder / "PG_VERSION").exists():
        sys.exit(0)  # nothing was ever started there
    # The server stops when this, the last live process using it, exits.
    embedded_database_url(folder, cleanup_mode=action)
