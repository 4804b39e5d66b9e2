"""The fresh-machine path: no DATABASE_URL, so the portal starts PostgreSQL from the pgserver wheel."""

import json
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


def _python(code: str, env: dict, **kwargs):
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, text=True, **kwargs
    )


def _run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


QUERY = (
    "import sys; from pathlib import Path; import psycopg2;"
    "from regionalprogram.embedded_db import embedded_database_url;"
    "url = embedded_database_url(Path(sys.argv[1]));"
    "c = psycopg2.connect(url); cur = c.cursor(); cur.execute('select 1');"
    "print('answer', cur.fetchone()[0], flush=True); c.close()"
)


def test_the_registry_survives_kill_term_and_a_damaged_file(pgdata):
    """Start, kill -TERM, a registry left empty (as seen three times), start again, stop, start:
    each step works (review M10)."""
    import signal
    import time

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    registry = pgdata / ".handle_pids.json"

    # A server process (like `make run`) that is killed with SIGTERM: atexit never runs.
    query = QUERY.replace("sys.argv[1]", repr(str(pgdata)))
    holder = _python(
        query.replace("c.close()", "c.close(); import time; time.sleep(120)"),
        env,
        stdout=subprocess.PIPE,
    )
    first = holder.stdout.readline()
    assert first.strip() == "answer 1", first
    os.kill(holder.pid, signal.SIGTERM)
    holder.wait(timeout=30)
    assert holder.pid in json.loads(registry.read_text())  # its id stays behind

    for damaged in ("", "[1, 2", "{}", '["x", true]'):
        registry.write_text(damaged)
        started = _run(["-c", query], env)
        assert started.returncode == 0, started.stderr[-2000:]
        assert "answer 1" in started.stdout
        assert json.loads(registry.read_text()) == []  # rewritten whole, without the dead

    registry.write_text("")
    stopped = _run(["-m", "regionalprogram.embedded_db", "stop", str(pgdata)], env)
    assert stopped.returncode == 0, stopped.stderr[-2000:]
    deadline = time.monotonic() + 30
    while (pgdata / "postmaster.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not (pgdata / "postmaster.pid").exists()  # `make stop-db` really stopped it

    again = _run(["-c", query], env)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "answer 1" in again.stdout
