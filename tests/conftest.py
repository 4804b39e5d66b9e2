import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded files from tests never land in the project's media folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _figures_summed_in_the_request(settings):
    # A test reads the figures right after its own write; the background refresh that spares
    # readers of a large plan has its own test (tests/portal/test_kept_figures.py).
    settings.KEPT_FIGURES_IN_BACKGROUND = False


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hundreds of users are made across the suite; the production hasher's deliberate slowness
    # (a quarter of a second per hash here) would be most of the run. Login tests still log in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    # Nothing of one test's cache reaches the next. The cache is PostgreSQL's cache table (as in
    # production without REDIS_URL), so only a test with the database has one; within a rolled-back
    # test its rows go with the transaction, and clearing also covers the tests that commit. (The
    # API's rate counters live in PostgreSQL too, regionalprogram.api.models.RateCounter.)
    uses_database = request.node.get_closest_marker("django_db") is not None or bool(
        _DATABASE_FIXTURES & set(request.fixturenames)
    )
    if not uses_database:
        yield
        return
    request.getfixturevalue("db")  # the test database first, then its cache table
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
