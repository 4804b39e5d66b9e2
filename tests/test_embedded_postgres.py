"""The fresh-machine path: no DATABASE_URL, so the portal starts PostgreSQL from the pgserver wheel."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def pgdata():
    # A short path: PostgreSQL puts its Unix socket in this folder, and socket paths are limited.
    folder = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))
    yield folder / "data"
    import pgserver

    if (folder / "data").exists():
        pgserver.get_server(folder / "data", cleanup_mode="delete")
    subprocess.run(["rm", "-rf", str(folder)], check=False)  # noqa: S603, S607


def test_embedded_postgres_starts_and_migrates(pgdata):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(EMBEDDED_PGDATA=str(pgdata), DEBUG="1", TESTING="1")
    migrate = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    assert (pgdata / "PG_VERSION").exists()

    count = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection;"
            "from regions.models import AdministrativeUnit;"
            "print(connection.vendor, AdministrativeUnit.objects.filter(level='oblast').count())",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert count.returncode == 0, count.stderr
    assert "postgresql 7" in count.stdout
