"""Two app nodes of the production recipe side by side share everything a user's next request may
land on: two gunicorn processes (DEBUG off, gunicorn.conf.py) on two ports, against this test's
one database (embedded or not), one cache and one S3 bucket (moto's server, on a free port).

* a login made on node A is a login on node B;
* the API's limit counts requests sent to both nodes together;
* a login lock-out earned on node A holds on node B;
* a file uploaded through node A downloads through node B, still only for those allowed;
* a plan workbook previewed on node A is confirmed on node B.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess  # noqa: S404 - the real servers are the point
import sys
import time
from pathlib import Path

import boto3
import pytest
import requests
from django.contrib.auth.models import Group
from django.core.cache import cache
from moto.server import ThreadedMotoServer

from measures.models import Measure
from measures.views_io import decision_field
from meetings.models import ProposalAttachment
from programs.roles import MEMBERS
from tests.edit_helpers import editor_of
from tests.factories import MemberFactory, UserFactory, WorkingGroupFactory
from tests.measures.plan_files import (
    GOOD_ROWS,
    make_programme_and_bodies,
    realistic_rows,
    workbook_bytes,
)
from tests.subprocesses import PROJECT_DIR, child_environment, run_manage
from tests.test_production_server import free_port

PASSWORD = "two-nodes-pass-9731"  # noqa: S105 - a throwaway test account
BUCKET = "portal-two-nodes"
ANON_LIMIT = 8
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n" + b"% two nodes\n" * 50


@pytest.fixture
def s3():
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="two-nodes",
        aws_secret_access_key="two-nodes-secret",  # noqa: S106 - moto accepts any key
    )
    client.create_bucket(Bucket=BUCKET)
    try:
        yield {"endpoint": endpoint, "client": client}
    finally:
        server.stop()


@pytest.fixture
def nodes(transactional_db, s3):
    """Two gunicorn processes; their URLs. Data the test makes is committed, so they see it."""
    env = child_environment(
        DEBUG="0",
        TESTING="1",  # plain static storage: no collected manifest needed
        SECRET_KEY="two-nodes-test-" + "x" * 40,  # one key for every node, as in production
        ALLOWED_HOSTS="127.0.0.1",
        PORTAL_URL="http://127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        LOG_LEVEL="CRITICAL",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="4",
        API_THROTTLE_ANON=f"{ANON_LIMIT}/hour",
        AXES_FAILURE_LIMIT="3",
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=s3["endpoint"],
        S3_ACCESS_KEY_ID="two-nodes",
        S3_SECRET_ACCESS_KEY="two-nodes-secret",
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(  # noqa: S603
            [gunicorn, "regionalprogram.wsgi", "-c", "gunicorn.conf.py"],
            cwd=PROJECT_DIR,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its workers in its own process group, ended with it
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        deadline = time.monotonic() + 120
        for url in urls:
            while True:
                try:
                    # A worker's first answer loads the whole portal: slow on a loaded machine.
                    if requests.get(f"{url}/healthz", timeout=60).status_code == 200:
                        break
                except (requests.ConnectionError, requests.Timeout):
                    pass
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        yield urls
    finally:
        for process in processes:
            # Quick shutdown: a graceful one waits out the clients' kept-alive connections.
            process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
            # A worker the master left behind (seen once) would hold the test database open.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def real_hasher(settings):
    # The suite's fast MD5 hasher is not one the servers accept: store passwords as they do.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def csrf_token(session: requests.Session, url: str) -> str:
    response = session.get(url, timeout=30)
    assert response.status_code == 200, response.text[:500]
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


def log_in(session: requests.Session, node: str, username: str, password: str):
    token = csrf_token(session, f"{node}/en/accounts/login/")
    return session.post(
        f"{node}/en/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=30,
    )


def test_two_nodes_share_sessions_limits_lockouts_and_files(nodes, s3, real_hasher):
    a, b = nodes
    group = WorkingGroupFactory(slug="mwg")
    member = UserFactory(username="nodemember", password=PASSWORD)
    member.groups.add(Group.objects.get(name=MEMBERS))
    MemberFactory(group=group, user=member, full_name="Nurlan Abdykalykov")
    UserFactory(username="victim", password=PASSWORD)
    programme = make_programme_and_bodies()[0]
    editor = editor_of(programme, username="nodeeditor")
    editor.set_password(PASSWORD)
    editor.save()

    # A login made on A is a login on B.
    browser = requests.Session()
    assert log_in(browser, a, "nodemember", PASSWORD).status_code == 302
    mine = browser.get(f"{b}/en/working-group/mwg/proposals/mine/", timeout=30)
    assert mine.status_code == 200 and not mine.history, "B did not know A's session"
    assert requests.get(f"{b}/en/working-group/mwg/proposals/mine/", timeout=30).history

    # A file uploaded through A downloads through B, from the bucket, for those allowed only.
    token = csrf_token(browser, f"{a}/en/working-group/mwg/proposals/new/")
    response = browser.post(
        f"{a}/en/working-group/mwg/proposals/new/",
        data={
            "csrfmiddlewaretoken": token,
            "target_kind": "programme",
            "title": "Growth points on two nodes",
            "text": "Fund growth points through a separate budget programme.",
            "justification": "Transparent funding.",
        },
        files={"attachments": ("note.pdf", PDF, "application/pdf")},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:1000]
    attachment = ProposalAttachment.objects.get()
    keys = [item["Key"] for item in s3["client"].list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys == [f"media/{attachment.file.name}"]
    download = f"{b}{attachment.proposal.get_absolute_url()}files/{attachment.pk}/"
    got = browser.get(download, timeout=30)
    assert got.status_code == 200 and got.content == PDF
    assert got.headers["Cache-Control"] == "private, no-store"
    stranger = requests.get(download, timeout=30, allow_redirects=False)
    assert stranger.status_code in {302, 403, 404} and stranger.content != PDF

    # A plan workbook previewed on A is confirmed on B.
    planner = requests.Session()
    assert log_in(planner, a, "nodeeditor", PASSWORD).status_code == 302
    import_path = f"/en/plan/{programme.code}/import/"
    token = csrf_token(planner, f"{a}{import_path}")
    response = planner.post(
        f"{a}{import_path}",
        data={"csrfmiddlewaretoken": token},
        files={"file": ("plan.xlsx", workbook_bytes(realistic_rows()))},
        allow_redirects=False,
        timeout=60,
    )
    assert response.status_code == 302, response.text[:1000]
    preview = response.headers["Location"]
    token = csrf_token(planner, f"{b}{preview}")
    response = planner.post(
        f"{b}{preview}",
        data={
            "csrfmiddlewaretoken": token,
            "action": "apply",
            "skip_failed_rows": "1",
            decision_field("Министерство чудес"): "new",  # the file's one unknown body
        },
        timeout=60,
    )
    assert response.status_code == 200, response.text[:1000]
    # 1.2.2 names the body decided on above as new, so it comes in with the good rows.
    assert set(Measure.objects.values_list("number", flat=True)) == GOOD_ROWS | {"1.2.2"}

    # The API's limit counts requests to both nodes together.
    statuses = [
        requests.get(f"{(a, b)[n % 2]}/api/v1/programmes/", timeout=30).status_code
        for n in range(ANON_LIMIT + 2)
    ]
    assert statuses == [200] * ANON_LIMIT + [429, 429]

    # Failures on A lock the account out (from this address) on B too, even with the right
    # password; the third failure itself is answered with the lock-out.
    failures = [log_in(requests.Session(), a, "victim", "wrong").status_code for _ in range(3)]
    assert failures == [200, 200, 429]
    locked = log_in(requests.Session(), b, "victim", PASSWORD)
    assert locked.status_code == 429
    assert "sessionid" not in locked.cookies

    # What one process puts in the cache, another reads: it is PostgreSQL's cache table.
    written = run_manage(
        "shell",
        "-c",
        "from django.core.cache import cache; cache.set('two-nodes', 'from another node', 60)",
        env=child_environment(DEBUG="1"),
    )
    assert written.returncode == 0, written.stderr[-2000:]
    assert cache.get("two-nodes") == "from another node"
