"""The portal's frame: error pages in the reader's language, JSON errors under /api/, the footer's
pages, and nothing in any served page or asset that a browser would fetch from the internet."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from programs.models import ProgrammeStatus
from tests.factories import (
    MeasureFactory,
    MeetingFactory,
    ProfileFactory,
    UnitFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

TITLES_404 = {"ky": "Барак табылган жок", "ru": "Страница не найдена", "en": "Page not found"}
TITLES_403 = {"ky": "Кирүүгө уруксат жок", "ru": "Доступ запрещён", "en": "Access denied"}
TITLES_500 = {
    "ky": "Биз тарапта ката кетти",
    "ru": "На нашей стороне произошла ошибка",
    "en": "Something went wrong on our side",
}


@pytest.fixture
def plan():
    unit = UnitFactory()
    measure = MeasureFactory(
        objective__direction__programme__status=ProgrammeStatus.IN_IMPLEMENTATION,
        target_units=[unit],
    )
    group = WorkingGroupFactory(programme=measure.programme, slug="mwg")
    MeetingFactory(group=group, number=1, news_published_at=timezone.now())
    return {"measure": measure, "unit": unit}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_404_page_is_in_the_frame_and_the_language(client, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert 'class="site-header"' in html and 'class="site-footer"' in html
    assert TITLES_404[lang] in html
    assert f'href="/{lang}/"' in html  # a way back home


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_403_page_is_in_the_frame_and_the_language(client, plan, lang):
    reporter = UserFactory()
    ProfileFactory(user=reporter)
    client.force_login(reporter)
    measure = plan["measure"]
    response = client.get(f"/{lang}/plan/{measure.programme.code}/{measure.number}/edit/")
    assert response.status_code == 403
    html = response.content.decode()
    assert TITLES_403[lang] in html and 'class="site-header"' in html


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_500_page_is_in_the_frame_and_the_language(settings, lang):
    settings.ROOT_URLCONF = "tests.frame_urls"
    client = Client(raise_request_exception=False)
    response = client.get(f"/{lang}/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert TITLES_500[lang] in html and f'<html lang="{lang}">' in html


def test_api_errors_are_json_in_the_requests_language(settings):
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Страница не найдена"}
    assert client.get("/api/v1/no-such-thing/?lang=en").json() == {"detail": "Page not found"}
    assert client.get("/api/v1/no-such-thing/").json() == {"detail": "Барак табылган жок"}
    settings.ROOT_URLCONF = "tests.frame_urls"
    response = client.get("/api/v1/broken/?lang=en")
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on our side"}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("page", ["contacts", "accessibility", "privacy"])
def test_footer_pages_exist_in_three_languages_and_are_linked(client, lang, page):
    home = client.get(f"/{lang}/").content.decode()
    assert f'href="/{lang}/{page}/"' in home
    assert f'href="/{lang}/api/"' in home  # the API guide from every page
    response = client.get(f"/{lang}/{page}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_development_contacts_are_marked_as_sample(client):
    html = client.get("/en/contacts/").content.decode()
    assert "regions@example.kg" in html and "sample data" in html


def test_favicon_is_the_emblem(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("img/emblem.svg")


def test_token_page_has_a_copy_button_for_the_new_token(client):
    partner = UserFactory()
    client.force_login(partner)
    response = client.post("/en/api/tokens/", {"name": "donor sync"})
    html = (response if response.status_code == 200 else client.get("/en/api/tokens/")).content
    html = html.decode()
    assert 'data-copy-target="new-token"' in html and 'id="new-token"' in html
    assert "js/portal.js" in html


class _Links(HTMLParser):
    """Every address a browser would fetch or follow: src, href, action, poster, srcset, style url()."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in {"src", "href", "action", "poster", "data", "formaction"}:
                self.urls.append(value)
            elif name == "srcset":
                self.urls += [part.strip().split(" ")[0] for part in value.split(",")]
            elif name == "style":
                self.urls += re.findall(r"url\(['\"]?([^'\")]+)", value)


def external(urls: list[str]) -> list[str]:
    found = []
    for url in urls:
        scheme_relative = url.startswith("//")
        absolute = re.match(r"https?://", url) and not re.match(
            r"https?://(testserver|localhost)", url
        )
        if scheme_relative or absolute:
            found.append(url)
    return found


def test_no_served_page_names_an_external_address(client, plan):
    measure, unit = plan["measure"], plan["unit"]
    pages = [
        "/{lang}/",
        "/{lang}/programmes/",
        f"/{{lang}}/programmes/{measure.programme.code}/",
        "/{lang}/plan/",
        f"/{{lang}}/plan/{measure.programme.code}/{measure.number}/",
        "/{lang}/territory/",
        f"/{{lang}}/territory/{unit.soate}/",
        "/{lang}/bodies/",
        "/{lang}/working-group/",
        "/{lang}/working-group/mwg/",
        "/{lang}/working-group/mwg/meetings/",
        "/{lang}/api/",
        "/{lang}/accounts/login/",
        "/{lang}/contacts/",
        "/{lang}/accessibility/",
        "/{lang}/privacy/",
        "/{lang}/no-such-page/",
        "/api/v1/docs/",
        "/api/v1/redoc/",
    ]
    offenders = {}
    for lang in ["ky", "ru", "en"]:
        for page in pages:
            response = client.get(page.format(lang=lang))
            assert response.status_code in {200, 404}, page
            parser = _Links()
            parser.feed(response.content.decode())
            if bad := external(parser.urls):
                offenders[page.format(lang=lang)] = bad
    assert offenders == {}


# What a stylesheet or script may not fetch: another host by @import/url(), or a known CDN.
CSS_FETCH = re.compile(r"(@import\s+(url\()?['\"]?|url\(['\"]?)(https?:)?//", re.I)
CDN_HOSTS = re.compile(
    r"//(fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.jsdelivr\.net|unpkg\.com|"
    r"cdnjs\.cloudflare\.com|code\.jquery\.com|ajax\.googleapis\.com|[a-z.]*bootstrapcdn\.com|"
    r"cdn\.redoc\.ly)",
    re.I,
)
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def served_static_files() -> list[Path]:
    files = []
    for finder in finders.get_finders():
        for path, storage in finder.list(["admin/*"]):
            if path.endswith((".css", ".js", ".html", ".svg")):
                files.append(Path(storage.path(path)))
    return files


def test_no_served_asset_fetches_from_the_internet():
    files = served_static_files()
    assert any(f.name == "portal.css" for f in files)
    assert any(f.name == "redoc.standalone.js" for f in files)
    offenders = []
    for path in files:
        # Comments only credit where a file came from; they fetch nothing.
        text = COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
        if "drf_spectacular_sidecar" in str(path) and path.name == "redoc.standalone.js":
            # The sidecar's own copy draws a logo from cdn.redoc.ly; the page loads ours instead
            # (test_vendored_redoc_is_the_sidecars_less_the_logo).
            text = text.replace("https://cdn.redoc.ly/redoc/logo-mini.svg", "")
        if path.suffix in {".css", ".html", ".svg"} and CSS_FETCH.search(text):
            offenders.append(f"{path}: {CSS_FETCH.search(text).group(0)}")
        if CDN_HOSTS.search(text):
            offenders.append(f"{path}: {CDN_HOSTS.search(text).group(0)}")
    assert offenders == []


def test_vendored_redoc_is_the_sidecars_less_the_logo(client):
    sidecar = Path(finders.find("drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"))
    ours = Path(finders.find("vendor/redoc/redoc.standalone.js"))
    url = "https://cdn.redoc.ly/redoc/logo-mini.svg"
    empty = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"
    expected = sidecar.read_text(encoding="utf-8").replace(url, empty)
    # Without its source-map comment: the map is not shipped, and collectstatic's manifest
    # would refuse a reference to a missing file.
    expected = expected[: expected.rindex("//# sourceMappingURL=")].rstrip("\n") + "\n"
    assert ours.read_text(encoding="utf-8") == expected
    assert "vendor/redoc/redoc.standalone.js" in client.get("/api/v1/redoc/").content.decode()


def test_api_reference_pages_forbid_other_hosts(client):
    for page in ["/api/v1/redoc/", "/api/v1/docs/"]:
        response = client.get(page)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "img-src 'self' data:" in policy
        assert "<script>" not in response.content.decode()  # no inline script to allow


def test_admin_pages_load_nothing_from_the_internet(client, plan):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    measure = plan["measure"]
    for page in ["/en/admin/", f"/en/admin/measures/measure/{measure.pk}/change/"]:
        response = client.get(page)
        assert response.status_code == 200, page
        parser = _Links()
        parser.feed(response.content.decode())
        assert external(parser.urls) == [], page


def test_settings_name_no_cdn():
    assert "SIDECAR" in settings.SPECTACULAR_SETTINGS["REDOC_DIST"]
    assert "SIDECAR" in settings.SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"]
