import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from regionalprogram.api.models import ApiToken
from regions.models import AdministrativeUnit
from tests.factories import UserFactory

NARYN = "41704000000000"
AT_BASHY = "41704220000000"  # a district of Naryn oblast
TALAS = "41707000000000"


@pytest.fixture(autouse=True)
def _fresh_throttle_and_rates(settings):
    # Each test starts with generous rates (its rate counters in PostgreSQL are rolled back with
    # it), except the throttling tests, which set their own.
    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "anon": "10000/minute",
            "user": "10000/minute",
            "token": "10000/minute",
        },
    }
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _rate_windows_do_not_turn(monkeypatch):
    # The rate limits count in fixed windows of wall-clock time: a test that makes its N allowed
    # requests and expects the next to be refused failed now and then when a minute turned in
    # between (under a loaded machine). The counters read a clock fixed 30 s into a minute.
    from types import SimpleNamespace

    from regionalprogram.api import throttling

    monkeypatch.setattr(throttling, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def naryn(db):
    return AdministrativeUnit.objects.get(soate=NARYN)


@pytest.fixture
def at_bashy(db):
    return AdministrativeUnit.objects.get(soate=AT_BASHY)


@pytest.fixture
def talas(db):
    return AdministrativeUnit.objects.get(soate=TALAS)


def token_client(user, name="test"):
    _token, key = ApiToken.issue(user=user, name=name)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def partner_token_client(db):
    return token_client(UserFactory(username="partner-user"))
