import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files from tests never land in the project's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hundreds of users are made across the suite; the production hasher's deliberate slowness
    # (a quarter of a second per hash here) would be most of the run. Login tests still log in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Nothing of one test's cache reaches the next. (The API's rate counters live in PostgreSQL,
    # regionalprogram.api.models.RateCounter, and go with each test's rolled-back transaction.)
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
