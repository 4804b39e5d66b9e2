"""The OpenAPI schema, Swagger UI and ReDoc from the portal itself, the guide, the token page."""

import pytest
import yaml
from django.contrib.auth.models import Group

from programs import roles
from regionalprogram.api.models import ApiToken, hash_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENDPOINT_PATHS = [
    "/api/v1/programmes/",
    "/api/v1/programmes/{code}/",
    "/api/v1/directions/",
    "/api/v1/measures/",
    "/api/v1/measures/{programme}/{number}/",
    "/api/v1/reports/",
    "/api/v1/reports/{programme}/{number}/{body}/{kind}/{year}/{period_number}/",
    "/api/v1/units/",
    "/api/v1/units/{soate}/",
    "/api/v1/bodies/",
    "/api/v1/legal-acts/",
    "/api/v1/indicators/",
    "/api/v1/working-groups/",
    "/api/v1/meetings/",
    "/api/v1/decisions/",
    "/api/v1/proposals/",
]


def test_schema_is_openapi_3_and_describes_every_endpoint_and_filter(api):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    for path in ENDPOINT_PATHS:
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/measures/"]["get"]["parameters"]}
    assert {"unit", "programme", "status", "body", "updated_since", "q", "page"} <= parameters
    assert "post" in schema["paths"]["/api/v1/proposals/"]
    assert {"effective_status", "computed_status"} <= parameters
    report_filters = {p["name"] for p in schema["paths"]["/api/v1/reports/"]["get"]["parameters"]}
    assert {
        "programme",
        "direction",
        "measure",
        "unit",
        "body",
        "year",
        "period_kind",
        "period",
        "status",
        "updated_since",
        "format",
    } <= report_filters
    measure = schema["components"]["schemas"]["Measure"]["properties"]
    assert {"computed_status", "effective_status", "status_override", "actuals"} <= set(measure)


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_are_served_from_the_portal_without_a_cdn(api, url):
    response = api.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    # Swagger UI from the sidecar; ReDoc from our copy of the sidecar's bundle (less its CDN logo).
    assert "/static/drf_spectacular_sidecar/" in html or "/static/vendor/redoc/" in html
    assert "cdn." not in html and "unpkg" not in html


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_guide_shows_the_common_pulls_with_curl_and_python(client, lang):
    response = client.get(f"/{lang}/api/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "curl" in html and "import requests" in html
    assert "unit=41704000000000" in html
    assert "updated_since" in html
    assert "format=xlsx" in html
    assert "http://testserver/api/v1/" in html


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("ky", "Аткаруу боюнча отчеттор, абал жана иш жүзүндөгү маанилер"),
        ("ru", "Отчёты о ходе выполнения, статус и фактические значения"),
        ("en", "Progress reports, status and actuals"),
    ],
)
def test_guide_explains_reports_status_and_actuals_in_each_language(client, lang, heading):
    html = client.get(f"/{lang}/api/").content.decode()
    assert heading in html
    assert "http://testserver/api/v1/reports/?programme=REG-2025-2030" in html
    assert "effective_status" in html and "computed_status" in html
    assert "half_year/2026/1" in html


def test_token_page_needs_a_login(client):
    response = client.get("/en/api/tokens/")
    assert response.status_code == 302


def test_partner_creates_a_token_sees_it_once_and_revokes_it(client):
    partner = UserFactory(username="undp")
    partner.groups.add(Group.objects.get(name=roles.PARTNERS))
    client.force_login(partner)
    response = client.post("/en/api/tokens/", {"name": "UNDP dashboard"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("rpp_")
    token = ApiToken.objects.get(user=partner)
    assert token.key_hash == hash_token(key)
    assert key not in client.get("/en/api/tokens/").content.decode()
    response = client.post("/en/api/tokens/", {"revoke": token.pk})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_partner_cannot_revoke_someone_elses_token(client):
    other, _key = ApiToken.issue(user=UserFactory(username="owner"), name="theirs")
    client.force_login(UserFactory(username="intruder"))
    response = client.post("/en/api/tokens/", {"revoke": other.pk})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_admin_issues_a_token_and_stores_only_its_hash(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    owner = UserFactory(username="owner2")
    client.force_login(admin)
    response = client.post(
        "/en/admin/partner_api/apitoken/add/", {"user": owner.pk, "name": "GIZ"}, follow=True
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=owner)
    shown = [str(m) for m in response.context["messages"]]
    key = next(word for m in shown for word in m.split() if word.startswith("rpp_"))
    assert token.key_hash == hash_token(key)


@pytest.mark.parametrize(
    ("lang", "kept", "limited"),
    [
        ("ky", "36 саат сакталат", "чектелген: 5"),
        ("ru", "хранится 36 ч", "ограничено: 5"),
        ("en", "kept for 36 h", "limited to 5"),
    ],
)
def test_guide_states_the_export_limits_the_portal_is_set_to(client, settings, lang, kept, limited):
    settings.EXPORT_KEEP_HOURS = 36
    settings.EXPORT_JOBS_UNFINISHED_MAX = 5
    settings.EXPORT_DIRECT_MAX_MEASURES = 700
    html = client.get(f"/{lang}/api/").content.decode()
    assert kept in html and limited in html and "700" in html
