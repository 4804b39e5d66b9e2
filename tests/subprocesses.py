"""Running the portal's own commands in a child process, against the database the test uses.

The embedded server listens on a Unix socket whose folder Django keeps in ``OPTIONS['host']``
(``HOST`` stays empty); a URL built from ``HOST``/``PORT`` alone dials 127.0.0.1:5432 instead.
"""

from __future__ import annotations

import os
import subprocess  # noqa: S404 - the tests run the real commands on purpose
import sys
from pathlib import Path
from urllib.parse import quote

from django.db import connection

PROJECT_DIR = Path(__file__).resolve().parents[1]


def database_url() -> str:
    """A DATABASE_URL naming exactly the database this test process is connected to."""
    params = connection.settings_dict
    user = quote(params["USER"] or "postgres", safe="")
    if params.get("PASSWORD"):
        user = f"{user}:{quote(params['PASSWORD'], safe='')}"
    socket_folder = (params.get("OPTIONS") or {}).get("host")
    if not params["HOST"] and socket_folder:
        return f"postgres://{user}@/{params['NAME']}?host={quote(str(socket_folder), safe='')}"
    host = params["HOST"] or "127.0.0.1"
    port = params["PORT"] or "5432"
    return f"postgres://{user}@{host}:{port}/{params['NAME']}"


def child_environment(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no DEBUG or test switches of ours, this test database."""
    env = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser tests' live server, not by a user.
        if key
        not in {
            "DEBUG",
            "TESTING",
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env["DATABASE_URL"] = database_url()
    env.update(extra)
    return env


def run_manage(*args: str, env: dict[str, str] | None = None, timeout: int = 180):
    """``python manage.py ARGS`` in the project folder, as a user would type it."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=env if env is not None else child_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
