"""The production recipe as it runs: gunicorn with gunicorn.conf.py, DEBUG off, against a
throwaway embedded PostgreSQL of its own (never the shared server, which these tests stop).

* Slow clients (review M8): while three (and then twelve) connections send their headers a line
  every second, a normal request is answered at once.
* PostgreSQL down (review 5.5): pages answer 503 in the reader's language, the API JSON, /healthz
  503 with the reason; when the database is back, everything answers 200 again by itself.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess  # noqa: S404 - the real server is the point
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.subprocesses import PROJECT_DIR

START_CLUSTER = (
    "import sys; from pathlib import Path;"
    "from regionalprogram.embedded_db import embedded_database_url;"
    "print(embedded_database_url(Path(sys.argv[1])))"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_cluster(pgdata: Path) -> str:
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", START_CLUSTER, str(pgdata)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def stop_cluster_now(pgdata: Path) -> None:
    """PostgreSQL's immediate shutdown (SIGQUIT to the postmaster), as in a crash."""
    pid = int((pgdata / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGQUIT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    raise AssertionError("PostgreSQL did not stop")


@pytest.fixture(scope="module")
def server():
    folder = Path(tempfile.mkdtemp(prefix="pgp-", dir="/tmp"))  # short: socket paths are limited
    pgdata = folder / "data"
    url = start_cluster(pgdata)
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DATABASE_URL=url,
        DEBUG="0",
        TESTING="1",  # plain static storage: no collected manifest needed
        SECRET_KEY="production-server-test-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        PORTAL_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        DB_CONN_MAX_AGE="60",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        LOG_LEVEL="CRITICAL",
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        timeout=600,
        check=True,
    )
    gunicorn = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "regionalprogram.wsgi",
            "-c",
            "gunicorn.conf.py",
        ],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(port, "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.3)
        yield {"port": port, "pgdata": pgdata}
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "regionalprogram.embedded_db", "delete", str(pgdata)],
            cwd=PROJECT_DIR,
            capture_output=True,
            timeout=120,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


def get(port: int, path: str, timeout: float = 20) -> tuple[int, str, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read().decode(), time.monotonic() - started
    finally:
        connection.close()


def slow_client(port: int) -> socket.socket:
    """A client that has begun a request and sends the rest of its headers very slowly."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return sock


@pytest.mark.parametrize("count", [3, 12])
def test_slow_clients_do_not_stall_a_normal_request(server, count):
    port = server["port"]
    slow = [slow_client(port) for _ in range(count)]
    try:
        for _round in range(4):  # keep them dribbling while normal requests come and go
            for sock in slow:
                sock.sendall(b"X-Slow: 1\r\n")
            status, _body, seconds = get(port, "/en/")
            assert status == 200
            # Stalled, it would wait for a slow client's 30 s timeout; 15 s leaves room for a
            # loaded CI machine rendering the page.
            assert seconds < 15, (
                f"a normal request waited {seconds:.1f} s behind {count} slow clients"
            )
            time.sleep(1)
    finally:
        for sock in slow:
            sock.close()


def test_database_down_is_503_in_the_readers_language_then_recovers(server):
    port, pgdata = server["port"], server["pgdata"]
    assert get(port, "/ru/")[0] == 200
    assert json.loads(get(port, "/healthz")[1]) == {"status": "ok", "database": "ok"}

    stop_cluster_now(pgdata)
    for _attempt in range(3):  # each worker's kept connection breaks in turn: never a 500
        status, body, seconds = get(port, "/ru/")
        assert status == 503, body[:500]
        assert "Портал временно недоступен" in body
        assert seconds < 10
        status, body, _seconds = get(port, "/en/working-group/")
        assert status == 503 and "temporarily unavailable" in body
        status, body, _seconds = get(port, "/api/v1/programmes/?lang=en")
        assert status == 503
        assert "database cannot be reached" in json.loads(body)["detail"]
    status, body, _seconds = get(port, "/healthz")
    assert status == 503
    assert json.loads(body) == {"status": "unavailable", "database": "unreachable"}

    start_cluster(pgdata)  # the database is back; nothing is restarted on the portal's side
    for path in ("/healthz", "/ru/", "/api/v1/programmes/"):
        statuses = [get(port, path)[0] for _ in range(6)]
        assert statuses == [200] * 6, (path, statuses)
