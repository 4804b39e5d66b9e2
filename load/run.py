"""`make load`: the production recipe on loopback, driven by locust for LOAD_SECONDS.

Starts gunicorn with gunicorn.conf.py and DEBUG off against the current database (DATABASE_URL,
or the embedded server), after collectstatic, with a queue worker (db_worker) beside it; runs locust headless with load/locustfile.py; prints
requests per second, p50/p95/p99 and errors per route (load/summary.py) and exits non-zero on any
error. What differs from production, for this run only, and why:

* plain HTTP on 127.0.0.1 (no TLS proxy in front): SECURE_SSL_REDIRECT and the secure-cookie
  flags are off, as in tests/test_production_server.py;
* the API's rate limits are raised (API_THROTTLE_*): every simulated partner comes from one
  address, which the real limits would rightly answer with 429.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess  # noqa: S404 - starting the real server and the load tool is the point
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"load: gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=30) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("load: gunicorn did not answer /healthz in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)  # gunicorn.conf.py's
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()

    port = args.port or free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY") or secrets.token_urlsafe(48),
        ALLOWED_HOSTS="127.0.0.1",
        PORTAL_URL=url,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        API_THROTTLE_ANON="100000/minute",
        API_THROTTLE_USER="100000/minute",
        API_THROTTLE_TOKEN="100000/minute",  # noqa: S106 - a rate, not a password
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        LOG_LEVEL=env.get("LOG_LEVEL", "WARNING"),
    )
    python = sys.executable
    subprocess.run(  # noqa: S603
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
    )
    # As at a deployment: every plan's figures summed once, so no reader is the first.
    subprocess.run(  # noqa: S603
        [python, "manage.py", "keep_figures", "-v", "0"],
        cwd=PROJECT_DIR,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    gunicorn = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "regionalprogram.wsgi", "-c", "gunicorn.conf.py"],
        cwd=PROJECT_DIR,
        env=env,
    )
    # A queue worker beside it, as the production recipe runs one: it sums a plan's figures after
    # the editors' saves (measures.figures.kept), prepares large exports and sends the mail. On
    # the app's own machine it yields the processor to requests (Nice=10 in the recipe's unit).
    worker = subprocess.Popen(  # noqa: S603
        [python, "manage.py", "db_worker", "--no-reload"],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        preexec_fn=lambda: os.nice(10),  # noqa: PLW1509 - no threads started yet in this process
    )
    try:
        wait_until_up(url, gunicorn)
        with tempfile.TemporaryDirectory(prefix="load-") as folder:
            prefix = str(Path(folder) / "load")
            locust = subprocess.run(  # noqa: S603
                [
                    str(BIN / "locust"),
                    "-f",
                    str(PROJECT_DIR / "load" / "locustfile.py"),
                    "--headless",
                    "--host",
                    url,
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.users),
                    "--run-time",
                    f"{args.seconds}s",
                    "--stop-timeout",
                    "30",
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=PROJECT_DIR,
                env={**env, "LOAD_SECONDS": str(args.seconds)},
                check=False,
            )
            summary = subprocess.run(  # noqa: S603
                [python, str(PROJECT_DIR / "load" / "summary.py"), prefix],
                cwd=PROJECT_DIR,
                check=False,
            )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        worker.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=60)
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            worker.kill()
    # locust exits with 1 on any failure, also one after the statistics were written.
    if locust.returncode:
        print(f"load: locust exited with {locust.returncode}", file=sys.stderr)
    return 1 if locust.returncode or summary.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
