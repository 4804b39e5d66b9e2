"""The read replica (regionalprogram/replica.py): its rule piece by piece, the settings that turn it
on, and the whole of it against a real primary and a real streaming replica."""

from __future__ import annotations

import json
import os
import subprocess  # noqa: S404 - the portal runs against real clusters on purpose
import sys
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from measures.models import Measure
from regionalprogram import replica
from regionalprogram.api.models import ApiToken, RateCounter
from regionalprogram.replica import ReplicaMiddleware, ReplicaRouter
from tests.replica_cluster import PRIMARY_PORT, REPLICA_PORT, PrimaryAndReplica
from tests.subprocesses import PROJECT_DIR, database_url

router = ReplicaRouter()


class LoggedIn:
    is_authenticated = True


@pytest.fixture
def with_replica(monkeypatch, settings):
    """The middleware as installed when DATABASE_REPLICA_URL is set (no second database is
    reached: the router's answers are looked at, not used)."""
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(replica, "_replica_reachable", lambda: True)
    settings.REPLICA_STICKY_SECONDS = 10


def answer(request, view=None):
    """Runs ``request`` through the middleware; the view reports where a measure would be read."""
    seen = {}

    def respond(request):
        if view:
            view()
        seen["read"] = router.db_for_read(Measure)
        return HttpResponse("ok")

    response = ReplicaMiddleware(respond)(request)
    return seen["read"], response


def request(method="get", user=None, **cookies):
    made = getattr(RequestFactory(), method)("/en/plan/")
    made.user = user or AnonymousUser()
    made.COOKIES.update(cookies)
    return made


def test_without_a_replica_the_middleware_removes_itself(settings):
    from django.core.exceptions import MiddlewareNotUsed

    assert "replica" not in settings.DATABASES
    with pytest.raises(MiddlewareNotUsed):
        ReplicaMiddleware(lambda request: HttpResponse())


def test_outside_a_request_everything_reads_the_primary():
    assert router.db_for_read(Measure) == "default"
    assert router.db_for_write(Measure) == "default"


def test_an_anonymous_get_reads_the_replica_and_sets_no_cookie(with_replica):
    read, response = answer(request())
    assert read == "replica"
    assert replica.STICKY_COOKIE not in response.cookies


def test_a_logged_in_users_get_reads_the_primary(with_replica):
    assert answer(request(user=LoggedIn()))[0] == "default"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_reads_the_primary_and_pins_the_browser_to_it(with_replica, method):
    read, response = answer(request(method))
    assert read == "default"
    cookie = response.cookies[replica.STICKY_COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"]
    assert float(cookie.value) == pytest.approx(time.time() + 10, abs=5)


def test_within_the_window_the_browser_reads_the_primary_and_after_it_the_replica(with_replica):
    assert answer(request(primary_until=str(time.time() + 5)))[0] == "default"
    assert answer(request(primary_until=str(time.time() - 1)))[0] == "replica"
    # A cookie that is not a time is no mark at all.
    assert answer(request(primary_until="forever"))[0] == "replica"


def test_after_a_write_in_a_get_the_rest_of_the_request_reads_the_primary(with_replica):
    read, response = answer(request(), view=lambda: router.db_for_write(Measure))
    assert read == "default"
    assert replica.STICKY_COOKIE in response.cookies


def test_bookkeeping_writes_do_not_send_the_request_to_the_primary(with_replica):
    # A token's "last used" and the rate counters are written on every API request.
    read, response = answer(request(), view=lambda: router.db_for_write(ApiToken))
    assert read == "replica"
    assert replica.STICKY_COOKIE not in response.cookies


def bookkeeping_models():
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    from regionalprogram.models import OutboxMail

    return [ApiToken, RateCounter, get_user_model(), Session, OutboxMail]


@pytest.mark.parametrize("model", bookkeeping_models())
def test_accounts_tokens_and_counters_are_always_read_from_the_primary(with_replica, model):
    # A revoked token or a changed password takes effect at once, not after the replica's lag.
    seen = {}
    answer(request(), view=lambda: seen.update(read=router.db_for_read(model)))
    assert seen["read"] == "default"


def test_the_database_cache_is_read_and_written_on_the_primary(with_replica):
    # PostgreSQL's cache table (no REDIS_URL): Django routes it through a stand-in model whose
    # _meta has no label. A cache write (a queued refresh's mark) is bookkeeping, not a write of
    # the portal's data.
    from django.core.cache.backends.db import DatabaseCache

    entry = DatabaseCache("portal_cache", {}).cache_model_class
    seen = {}

    def view():
        seen["write"] = router.db_for_write(entry)
        seen["read"] = router.db_for_read(entry)

    read, response = answer(request(), view=view)
    assert seen == {"write": "default", "read": "default"}
    assert read == "replica" and replica.STICKY_COOKIE not in response.cookies


def test_inside_a_transaction_reads_go_to_the_primary(with_replica, monkeypatch):
    monkeypatch.setattr(connection, "in_atomic_block", True)
    assert answer(request())[0] == "default"


def test_a_streamed_export_is_read_under_the_requests_routing(with_replica):
    def chunks():
        for _ in range(2):
            yield router.db_for_read(Measure)

    response = ReplicaMiddleware(lambda request: StreamingHttpResponse(chunks()))(request())
    assert b"".join(response.streaming_content) == b"replicareplica"
    assert router.db_for_read(Measure) == "default"  # and nothing of it stays behind


class DownReplica:
    def __init__(self):
        self.attempts = 0

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        self.attempts += 1
        raise OperationalError("connection refused")


def test_a_replica_that_is_down_sends_its_reads_to_the_primary_and_is_retried_later(
    monkeypatch,
):
    # The real reachability check, against a replica that refuses every connection.
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    down = DownReplica()
    monkeypatch.setattr(replica, "connections", {"default": connection, "replica": down})
    monkeypatch.setattr(replica, "_replica_down_until", 0.0)
    assert answer(request())[0] == "default"
    assert answer(request())[0] == "default"
    assert down.attempts == 1  # not asked again at every request
    monkeypatch.setattr(replica, "_replica_down_until", time.monotonic() - 1)
    answer(request())
    assert down.attempts == 2


def test_migrations_never_run_on_the_replica_and_objects_of_both_relate():
    assert router.allow_migrate("replica", "measures") is False
    assert router.allow_migrate("default", "measures") is True
    primary, copy = Measure(), Measure()
    primary._state.db, copy._state.db = "default", "replica"
    assert router.allow_relation(primary, copy) is True


@pytest.mark.django_db
@pytest.mark.parametrize("configured", [True, False])
def test_the_privacy_page_names_the_cookie_only_where_a_replica_sets_it(
    client, monkeypatch, configured
):
    monkeypatch.setattr(replica, "replica_configured", lambda: configured)
    response = client.get("/en/privacy/")
    assert response.status_code == 200
    assert ("one more cookie" in response.content.decode()) is configured


SETTINGS = (
    "import json; from regionalprogram import settings as s;"
    "print(json.dumps([sorted(s.DATABASES), getattr(s, 'DATABASE_ROUTERS', []),"
    " s.DATABASES.get('replica', {}).get('TEST'), s.REPLICA_STICKY_SECONDS]))"
)


def load_settings(**env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", SETTINGS],
        cwd=PROJECT_DIR,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_settings_add_the_replica_only_when_its_url_is_given():
    primary = "postgres://portal@db1.example.kg/portal"
    alone = load_settings(DATABASE_URL=primary)
    assert json.loads(alone.stdout) == [["default"], [], None, 10], alone.stderr
    both = load_settings(
        DATABASE_URL=primary,
        DATABASE_REPLICA_URL="postgres://portal@db2.example.kg/portal",
        REPLICA_STICKY_SECONDS="30",
    )
    assert json.loads(both.stdout) == [
        ["default", "replica"],
        ["regionalprogram.replica.ReplicaRouter"],
        {"MIRROR": "default"},
        30,
    ], both.stderr


@pytest.mark.django_db
def test_public_reads_come_from_the_replica_and_a_browser_reads_its_own_writes():
    """A real primary and streaming replica from the pgserver wheel's binaries; the portal in a
    child process against both (tests/replica_scenario.py). Under a minute, clusters included."""
    started = time.monotonic()
    with PrimaryAndReplica() as clusters:
        clusters.create_database()
        # This test's database is migrated; copying it is faster than migrating anew.
        clusters.load(database_url())
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        }
        env.update(
            DATABASE_URL=clusters.url(PRIMARY_PORT),
            DATABASE_REPLICA_URL=clusters.url(REPLICA_PORT),
            DEBUG="1",
            TESTING="1",
            REPLICA_STICKY_SECONDS="2",
            LOG_LEVEL="ERROR",
        )
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.replica_scenario"],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-4000:] + clusters.logs()
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["aliases"] == ["default", "replica"]
    assert (seen["login"], seen["edit"], seen["logout"]) == (302, 302, 302)
    # Replay is paused: the two databases disagree, so each response tells where it was read.
    assert "after" in seen["primary_holds"] and "before" in seen["replica_holds"]
    assert "new" in seen["editor_page"].split("+")
    assert seen["anonymous_page"] == "old"
    assert seen["anonymous_api"] == "old"
    assert seen["token_api"] == "old"
    # Writes of a public request reached the primary, none the read-only replica.
    assert seen["token_last_used_on_primary"] and not seen["token_last_used_on_replica"]
    assert seen["rate_counters_on_primary"] >= 1
    assert seen["replica_in_recovery"] is True
    # Read-your-writes for the browser that wrote, for REPLICA_STICKY_SECONDS only.
    assert seen["after_logout_page"] == "new"
    assert seen["after_logout_api"] == "new"
    assert seen["after_the_window_page"] == "old"
    assert seen["after_catching_up_page"] == "new"
    # The replica down: public reads fall back to the primary instead of failing.
    assert (seen["replica_down_page"], seen["replica_down_api"]) == ("new", "new")
    assert time.monotonic() - started < 180
