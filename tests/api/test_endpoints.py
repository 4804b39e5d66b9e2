"""Every endpoint answers list and detail by stable key, with what the public pages show."""

import pytest

from tests.api.fixtures import add_reports, build_plan

pytestmark = pytest.mark.django_db

LISTS = [
    "programmes",
    "directions",
    "measures",
    "reports",
    "units",
    "bodies",
    "legal-acts",
    "indicators",
    "working-groups",
    "meetings",
    "decisions",
    "proposals",
]


@pytest.fixture
def plan(db):
    plan = build_plan()
    add_reports(plan)
    return plan


def test_root_links_every_list(api):
    response = api.get("/api/v1/")
    assert response.status_code == 200
    for name in ("programme", "measure", "report", "unit", "proposal", "schema", "docs", "redoc"):
        assert name in response.json()


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_json_with_page_numbers(api, plan, name):
    response = api.get(f"/api/v1/{name}/?count=true")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] >= 1
    assert {"next", "previous", "results"} <= set(body)


@pytest.mark.parametrize("name", LISTS)
def test_every_detail_answers_at_the_url_its_list_gives(api, plan, name):
    first = api.get(f"/api/v1/{name}/").json()["results"][0]
    url = first["url"]
    assert url.startswith("http://testserver/api/v1/")
    response = api.get(url)
    assert response.status_code == 200
    assert response.json() == first


def test_measure_is_addressed_by_programme_code_and_number(api, plan):
    response = api.get("/api/v1/measures/REG-2025-2030/1.1.2/")
    assert response.status_code == 200
    measure = response.json()
    assert measure["key"] == "REG-2025-2030/1.1.2"
    assert measure["programme"] == "REG-2025-2030"
    assert measure["direction"] == "REG-2025-2030/1"
    assert measure["objective"] == "REG-2025-2030/1/1.1"
    assert measure["lead_body"]["id"] == plan.naryn_measure.lead_body_id
    assert len(measure["co_executors"]) == 1
    assert measure["co_executors"][0]["in_coordination"] is True
    assert [u["soate"] for u in measure["target_units"]] == ["41704220000000"]
    assert measure["funding"][0]["source"] == "donor"
    assert measure["funding"][0]["planned_amount"] == "1500.0"
    assert measure["indicators"][0]["targets"][0]["year"] == 2027
    assert measure["deadline"] == {
        "text": "IV квартал 2026",
        "rendered": "2026-жылдын IV чейреги",  # Kyrgyz, the default language of the API
        "kind": "once",
        "start": "2026-10-01",
        "end": "2026-12-31",
    }
    assert measure["decisions"] == ["mwg/1/1"]
    assert measure["proposals"] == [plan.proposal.pk]
    assert measure["archived"] is False


def test_measure_number_with_trailing_dot_finds_the_same_measure(api, plan):
    assert api.get("/api/v1/measures/REG-2025-2030/1.1.2./").status_code == 200


def test_unknown_measure_is_404(api, plan):
    assert api.get("/api/v1/measures/REG-2025-2030/7.7.7/").status_code == 404


def test_unit_carries_parent_level_code_names_and_history(api, naryn):
    from regions.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.get(soate="41704220000000")
    unit.former_names.create(name_ky="Эски ат", name_ru="Старое имя", name_en="Old name")
    body = api.get("/api/v1/units/41704220000000/?lang=all").json()
    assert body["parent"] == "41704000000000"
    assert body["ancestors"] == ["41704000000000"]
    assert body["level"] == "district"
    assert set(body["name"]) == {"ky", "ru", "en"}
    assert body["former_names"][0]["name"]["ru"] == "Старое имя"


def test_programme_and_legal_act_by_their_keys(api, plan):
    programme = api.get("/api/v1/programmes/REG-2025-2030/").json()
    assert programme["legal_acts"][0]["key"] == "resolution/2025-03-18/135"
    act = api.get("/api/v1/legal-acts/resolution/2025-03-18/135/").json()
    assert act["programmes"] == [{"programme": "REG-2025-2030", "role": "adoption"}]
    assert api.get("/api/v1/legal-acts/resolution/2025-02-31/135/").status_code == 404


def test_direction_comes_with_its_objectives(api, plan):
    direction = api.get("/api/v1/directions/REG-2025-2030/1/").json()
    assert [o["key"] for o in direction["objectives"]] == ["REG-2025-2030/1/1.1"]


def test_indicator_carries_yearly_values_per_unit(api, plan):
    body = api.get("/api/v1/indicators/?unit=41704000000000").json()
    values = [v for item in body["results"] for v in item["values"]]
    assert {v["unit"] for v in values} == {"41704220000000"}


def test_meeting_and_decision_by_group_and_number(api, plan):
    meeting = api.get("/api/v1/meetings/mwg/1/").json()
    assert meeting["details"]["decisions"] == ["mwg/1/1"]
    decision = api.get("/api/v1/decisions/mwg/1/1/").json()
    assert decision["measures"] == ["REG-2025-2030/1.1.2"]
    assert decision["proposals"] == [plan.proposal.pk]


def test_anonymous_client_does_not_see_drafts(api, plan):
    codes = {p["code"] for p in api.get("/api/v1/programmes/").json()["results"]}
    assert codes == {"REG-2025-2030"}
    keys = {m["key"] for m in api.get("/api/v1/measures/").json()["results"]}
    assert "DRAFT-2024/9.9.9" not in keys
    assert api.get("/api/v1/programmes/DRAFT-2024/").status_code == 404
    assert api.get("/api/v1/measures/DRAFT-2024/9.9.9/").status_code == 404


def test_anonymous_client_sees_decided_proposals_only(api, plan):
    ids = {p["id"] for p in api.get("/api/v1/proposals/").json()["results"]}
    assert ids == {plan.proposal.pk}
    assert api.get(f"/api/v1/proposals/{plan.hidden_proposal.pk}/").status_code == 404


def test_pages_without_a_count_still_link_the_next_page(api, plan):
    first = api.get("/api/v1/measures/?page_size=1")
    assert first.status_code == 200
    body = first.json()
    assert body["count"] is None
    assert len(body["results"]) == 1
    second = api.get(body["next"]).json()
    assert second["next"] is None
    assert second["previous"].endswith("page_size=1")
    assert second["results"][0]["key"] != body["results"][0]["key"]


def test_a_page_that_does_not_exist_is_404(api, plan):
    assert api.get("/api/v1/measures/?page=0").status_code == 404
    assert api.get("/api/v1/measures/?page=abc").status_code == 404
    assert api.get("/api/v1/measures/?page=2432902008176640000").status_code == 404
    assert api.get("/api/v1/measures/?page=2432902008176640000&count=true").status_code == 404


def test_without_count_the_list_runs_no_count_query(api, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        api.get("/api/v1/measures/")
    assert not [q for q in queries if "COUNT(" in q["sql"]]
