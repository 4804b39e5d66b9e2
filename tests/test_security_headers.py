"""Security headers (review L11): a Content-Security-Policy without inline script on every page,
a Permissions-Policy, and sessions of an office day that end with the browser."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/en/", "/ky/programmes/", "/api/v1/", "/en/accounts/login/"])
def test_every_response_carries_a_policy_without_inline_script(client, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert (
        "unsafe-inline" not in directives["script-src"]
        and "unsafe-inline" not in directives["style-src"]
    )
    assert directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_api_reference_keeps_its_own_policy(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "worker-src 'self' blob:" in response["Content-Security-Policy"]


def test_a_login_lasts_an_office_day_and_ends_with_the_browser(client, settings):
    assert settings.SESSION_COOKIE_AGE == 10 * 3600
    UserFactory(username="aibek")
    response = client.post("/en/accounts/login/", {"username": "aibek", "password": "pass12345"})
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]  # a browser-session cookie
    assert 0 < client.session.get_expiry_age() <= 10 * 3600
