"""Headless Chromium (Debian's package, driven by Playwright) against the live test server.

CI installs Chromium in .ci/run. On a developer machine without it, these tests are skipped with
that reason; under CI they fail instead, so a missing browser can never pass for green.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = (
    os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
)
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "screenshots")
)

# Playwright's sync API runs an event loop in this thread; the live server's database work happens
# in its own thread, and the test's own ORM calls are plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium is not installed; .ci/run must install Debian's chromium package."
            )
        pytest.skip(
            "Chromium is not installed here (apt-get install chromium); CI runs these tests."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """A factory of isolated browser sessions (each its own cookies), closed after the test."""
    contexts = []

    def make(**kwargs):
        context = browser.new_context(
            viewport=kwargs.pop("viewport", {"width": 1280, "height": 900}), **kwargs
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page, live_server, username: str, password: str = "pass12345", lang: str = "en") -> None:
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_load_state()
