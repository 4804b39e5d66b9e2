"""In a real browser, the API reference pages and the public pages ask nothing of other hosts."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import screenshot
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_pages_and_api_reference_fetch_only_from_the_portal(live_server, page):
    measure = MeasureFactory()
    portal_host = urlsplit(live_server.url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in [
        "/ky/",
        f"/ru/plan/{measure.programme.code}/{measure.number}/",
        "/en/privacy/",
        "/en/no-such-page/",
        "/api/v1/redoc/",
        "/api/v1/docs/",
    ]:
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    # ReDoc drew the reference from the schema (so it really ran), with the system's fonts.
    page.goto(f"{live_server.url}/api/v1/redoc/")
    page.wait_for_selector("text=Partner API", timeout=20_000)
    screenshot(page, "api-redoc")
    others = [
        url
        for url in requested
        if urlsplit(url).scheme in {"http", "https"} and urlsplit(url).netloc != portal_host
    ]
    assert others == []
    assert any("/api/v1/schema/" in url for url in requested)
