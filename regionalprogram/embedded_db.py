"""Start the embedded PostgreSQL from the ``pgserver`` wheel when no DATABASE_URL is given.

A fresh machine has no database server; this keeps ``make run`` to one command. The server is
left running after the process exits (``cleanup_mode=None``) so a second ``make run`` or a test
run reuses it in well under a second.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path


def embedded_database_url(pgdata: Path, *, cleanup_mode: str | None = None) -> str:
    """Return a libpq URL for the embedded server whose data lives in ``pgdata``, starting it."""
    # platformdirs warns that XDG_RUNTIME_DIR is unset on servers; it is noise here.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver

    # pgserver logs at interpreter exit, after pytest has closed the streams; only problems matter.
    logging.getLogger("pgserver").setLevel(logging.WARNING)

    pgdata = Path(pgdata)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(pgdata, cleanup_mode=cleanup_mode)
    return server.get_uri()


def database_settings(url: str | None, *, pgdata: Path, conn_max_age: int) -> dict:
    """The DATABASES['default'] entry: ``url`` if given, else the embedded server in ``pgdata``.

    The values come from settings, which reads and checks the environment.
    """
    import dj_database_url
    from django.core.exceptions import ImproperlyConfigured

    if not url:
        url = embedded_database_url(pgdata)
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from exc
    if not config["ENGINE"].endswith("postgresql"):
        raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL (postgres://...).")
    return config
