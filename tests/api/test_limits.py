"""Limits that hold (review M3, L1, L8, L9): the API's counters are shared by every worker process,
a client cannot choose its address with X-Forwarded-For, tokens per account are limited, password
resets are rate-limited, and a forged revoke is a 404."""

from __future__ import annotations

import subprocess  # noqa: S404 - two real worker processes are the point
import sys
import textwrap

import pytest
from django.core import mail
from rest_framework.test import APIClient

from regionalprogram.api.models import ApiToken
from regionalprogram.api.throttling import hit
from tests.factories import UserFactory
from tests.subprocesses import PROJECT_DIR, child_environment

pytestmark = pytest.mark.django_db


def rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "anon": "100/minute",
            "user": "100/minute",
            "token": "100/minute",
        }
        | rates,
    }


def test_a_spoofed_forwarded_for_neither_escapes_nor_aims_the_anonymous_limit(settings):
    rates(settings, anon="3/minute")
    attacker = APIClient(REMOTE_ADDR="10.0.0.2")
    for n in range(3):
        spoofed = attacker.get("/api/v1/bodies/", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
        assert spoofed.status_code == 200
    # A new header value each time does not open a new bucket...
    assert attacker.get("/api/v1/bodies/", HTTP_X_FORWARDED_FOR="1.1.1.9").status_code == 429
    # ...and claiming the victim's address never spent the victim's.
    victim = APIClient(REMOTE_ADDR="10.0.0.1")
    assert victim.get("/api/v1/bodies/").status_code == 200


def test_behind_trusted_proxies_the_client_address_is_counted(settings):
    rates(settings, anon="2/minute")
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = APIClient(REMOTE_ADDR="10.0.0.1")
    for _ in range(2):
        assert (
            proxy.get("/api/v1/bodies/", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7").status_code
            == 200
        )
    # The client's own address is the one the proxy wrote; what it wrote itself is ignored.
    assert (
        proxy.get("/api/v1/bodies/", HTTP_X_FORWARDED_FOR="8.8.8.8, 203.0.113.7").status_code == 429
    )
    assert proxy.get("/api/v1/bodies/", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_hit_counts_in_windows_and_says_how_long_to_wait():
    assert hit("k", 2, 60, now=120.0) is None
    assert hit("k", 2, 60, now=130.0) is None
    assert hit("k", 2, 60, now=150.0) == pytest.approx(30.0)
    assert hit("k", 2, 60, now=180.0) is None  # a new window


CHILD = textwrap.dedent(
    """
    import os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regionalprogram.settings")
    import django
    django.setup()
    from django.test import Client
    client = Client(HTTP_AUTHORIZATION="Token " + sys.argv[1])
    codes = [client.get("/api/v1/bodies/?page_size=1").status_code for _ in range(int(sys.argv[2]))]
    print(codes.count(200), codes.count(429))
    """
)


@pytest.mark.django_db(transaction=True)
def test_two_worker_processes_share_one_token_limit():
    """As gunicorn's workers would: two processes, one token, a limit of 10 a day between them."""
    _token, key = ApiToken.issue(user=UserFactory(username="partner-two-workers"), name="sync")
    env = child_environment(DEBUG="1", API_THROTTLE_TOKEN="10/day", API_THROTTLE_ANON="1000/day")
    workers = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", CHILD, key, "8"],
            cwd=PROJECT_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    answered = [worker.communicate(timeout=120) for worker in workers]
    counts = []
    for worker, (out, err) in zip(workers, answered, strict=True):
        assert worker.returncode == 0, err[-2000:]
        counts.append([int(n) for n in out.split()[-2:]])
    assert sum(ok for ok, _ in counts) == 10, counts
    assert sum(refused for _, refused in counts) == 6, counts


def test_tokens_per_account_are_limited_with_a_clear_message(client, settings):
    settings.API_TOKENS_PER_USER = 2
    user = UserFactory(username="many-tokens")
    client.force_login(user)
    for name in ("a", "b"):
        assert client.post("/en/api/tokens/", {"name": name}).status_code == 200
    page = client.post("/en/api/tokens/", {"name": "c"}, follow=True).content.decode()
    assert "You already have 2 active tokens" in page
    assert ApiToken.objects.filter(user=user).count() == 2
    # Revoking one makes room.
    client.post("/en/api/tokens/", {"revoke": ApiToken.objects.filter(user=user).first().pk})
    assert client.post("/en/api/tokens/", {"name": "c"}).status_code == 200
    assert ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() == 2


@pytest.mark.parametrize("value", ["abc", "", "1.5", "٣", "99999999999999999999999"])
def test_a_forged_revoke_is_a_404_not_a_500(client, value):
    client.force_login(UserFactory(username="reviser"))
    assert client.post("/en/api/tokens/", {"revoke": value}).status_code == 404


def test_password_reset_is_rate_limited_per_address_and_per_email(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_RESET_RATE = "3/hour"
    UserFactory(username="aibek", email="aibek@example.kg")
    for _ in range(3):
        assert (
            client.post("/en/accounts/password_reset/", {"email": "aibek@example.kg"}).status_code
            == 302
        )
    refused = client.post("/en/accounts/password_reset/", {"email": "aibek@example.kg"})
    assert refused.status_code == 429
    assert "Too many password reset requests" in refused.content.decode()
    assert len(mail.outbox) == 3
    # Another address, the same e-mail: still refused (the e-mail is counted too)...
    other = client.post(
        "/en/accounts/password_reset/", {"email": "AIBEK@example.kg"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 429
    # ...and an unknown address reads the same, so the limit tells nobody which accounts exist.
    for _ in range(3):
        client.post(
            "/en/accounts/password_reset/", {"email": "nobody@example.kg"}, REMOTE_ADDR="10.8.8.8"
        )
    unknown = client.post(
        "/en/accounts/password_reset/", {"email": "nobody@example.kg"}, REMOTE_ADDR="10.8.8.8"
    )
    assert unknown.status_code == 429
    assert len(mail.outbox) == 3


# --- ordinary input that used to be a 500 (review L2, L3) ---------------------------------------


def test_a_forged_sync_cursor_is_a_400_keyed_by_the_parameter(api, db):
    from tests.factories import MeasureFactory

    MeasureFactory()
    import base64

    for position in ("o=1&p=2025", "p=not-a-time", "o=1&p=99999-01-01"):
        cursor = base64.b64encode(position.encode()).decode()
        response = api.get(f"/api/v1/measures/?pagination=cursor&cursor={cursor}")
        assert response.status_code in (400, 404), position
        if response.status_code == 400:
            assert "cursor" in response.json()


def test_deeply_nested_json_is_a_400(db):
    from django.contrib.auth.models import Group

    from programs import roles
    from tests.api.conftest import token_client

    member = UserFactory(username="nested-member")
    member.groups.add(Group.objects.get(name=roles.MEMBERS))
    client = token_client(member)
    response = client.generic(
        "POST",
        "/api/v1/proposals/",
        "[" * 200_000,
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_the_schema_is_throttled_like_the_rest_of_the_api(settings):
    # 210 KB and 140 ms of work each: without a limit, an easy way to load the server.
    rates(settings, anon="2/minute")
    anonymous = APIClient(REMOTE_ADDR="10.0.0.3")
    for _ in range(2):
        assert anonymous.get("/api/v1/schema/").status_code == 200
    refused = anonymous.get("/api/v1/schema/")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
