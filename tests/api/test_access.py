"""Who reads what, tokens stored hashed and revocable, proposals sent by members, throttling."""

import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from meetings.models import Proposal, ProposalStatus
from programs import roles
from regionalprogram.api.models import ApiToken, hash_token
from tests.api.conftest import token_client
from tests.api.fixtures import build_plan
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    return build_plan()


def user_in(role: str, username: str):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def member(plan):
    user = user_in(roles.MEMBERS, "member-user")
    MemberFactory(group=plan.group, user=user)
    return user


def programme_codes(client):
    response = client.get("/api/v1/programmes/")
    assert response.status_code == 200
    return {p["code"] for p in response.json()["results"]}


def test_partner_token_reads_the_public_plan_without_drafts(plan):
    client = token_client(user_in(roles.PARTNERS, "partner"))
    assert programme_codes(client) == {"REG-2025-2030"}
    assert client.get("/api/v1/measures/DRAFT-2024/9.9.9/").status_code == 404


def test_editor_token_reads_draft_programmes_and_their_measures(plan):
    client = token_client(user_in(roles.EDITORS, "editor"))
    assert programme_codes(client) == {"REG-2025-2030", "DRAFT-2024"}
    assert client.get("/api/v1/measures/DRAFT-2024/9.9.9/").status_code == 200
    assert client.get("/api/v1/measures/?programme=DRAFT-2024&count=true").json()["count"] == 1


def test_member_token_sees_proposals_under_review_in_their_group(plan, member):
    client = token_client(member)
    ids = {p["id"] for p in client.get("/api/v1/proposals/").json()["results"]}
    assert ids == {plan.proposal.pk, plan.hidden_proposal.pk}
    assert client.get(f"/api/v1/proposals/{plan.hidden_proposal.pk}/").status_code == 200


def test_member_of_another_group_does_not_see_proposals_under_review(plan):
    outsider = user_in(roles.MEMBERS, "outsider")
    MemberFactory(user=outsider)  # a member of some other group
    client = token_client(outsider)
    ids = {p["id"] for p in client.get("/api/v1/proposals/").json()["results"]}
    assert plan.hidden_proposal.pk not in ids
    assert client.get(f"/api/v1/proposals/{plan.hidden_proposal.pk}/").status_code == 404


def test_token_is_stored_hashed_and_works_with_bearer_too(db):
    user = UserFactory(username="hashed")
    token, key = ApiToken.issue(user=user, name="dashboard")
    assert key not in {token.key_hash, token.prefix}
    assert token.key_hash == hash_token(key)
    assert not ApiToken.objects.filter(key_hash=key).exists()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/programmes/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_or_unknown_token_is_refused_with_401(db):
    user = UserFactory(username="revoked")
    token, key = ApiToken.issue(user=user, name="old")
    token.revoke()
    for header in (f"Token {key}", "Token rpp_nothing_here"):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=header)
        response = client.get("/api/v1/programmes/")
        assert response.status_code == 401


def test_token_of_a_deactivated_user_is_refused(db):
    user = UserFactory(username="gone")
    _token, key = ApiToken.issue(user=user, name="x")
    user.is_active = False
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/programmes/").status_code == 401


def proposal_payload(**overrides):
    payload = {
        "group": "mwg",
        "target_kind": "measure",
        "measure": "REG-2025-2030/1.1.2",
        "title": "Extend the water pipe to Kara-Suu",
        "text": "Add the villages of the ayil aimak.",
    }
    payload.update(overrides)
    return payload


def test_member_token_sends_a_proposal(plan, member):
    response = token_client(member).post("/api/v1/proposals/", proposal_payload(), format="json")
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get(pk=response.json()["id"])
    assert proposal.author == member
    assert proposal.group == plan.group
    assert proposal.measure == plan.naryn_measure
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.author_body == member.memberships.get().body
    assert response.json()["measure"] == "REG-2025-2030/1.1.2"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"measure": ""}, "measure"),  # targets a measure but names none
        ({"measure": "REG-2025-2030/7.7.7"}, "measure"),
        ({"measure": "DRAFT-2024/9.9.9"}, "measure"),  # another programme's measure
        ({"target_kind": "direction", "direction": "REG-2025-2030/5"}, "direction"),
        ({"target_kind": "anything"}, "target_kind"),
        ({"title": ""}, "title"),
        ({"group": "no-such-group"}, "group"),
    ],
)
def test_bad_proposal_is_a_400_keyed_by_field_and_saves_nothing(plan, member, overrides, field):
    before = Proposal.objects.count()
    response = token_client(member).post(
        "/api/v1/proposals/", proposal_payload(**overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()
    assert Proposal.objects.count() == before


def test_partner_token_cannot_send_a_proposal(plan):
    client = token_client(user_in(roles.PARTNERS, "partner2"))
    response = client.post("/api/v1/proposals/", proposal_payload(), format="json")
    assert response.status_code == 403
    assert not Proposal.objects.filter(title="Extend the water pipe to Kara-Suu").exists()


def test_member_of_another_group_cannot_send_to_this_group(plan):
    outsider = user_in(roles.MEMBERS, "outsider2")
    MemberFactory(user=outsider)
    response = token_client(outsider).post("/api/v1/proposals/", proposal_payload(), format="json")
    assert response.status_code == 403


def test_anonymous_client_cannot_send_a_proposal(api, plan):
    response = api.post("/api/v1/proposals/", proposal_payload(), format="json")
    assert response.status_code in (401, 403)
    assert not Proposal.objects.filter(title="Extend the water pipe to Kara-Suu").exists()


def test_other_lists_are_read_only(plan, member):
    client = token_client(member)
    assert client.post("/api/v1/measures/", {}, format="json").status_code == 405
    assert client.delete("/api/v1/measures/REG-2025-2030/1.1.2/").status_code == 405


def test_anonymous_clients_are_throttled_per_address_with_retry_after(api, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "100/minute", "token": "5/minute"},
    }
    for _ in range(3):
        assert api.get("/api/v1/bodies/").status_code == 200
    response = api.get("/api/v1/bodies/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    other_address = APIClient(REMOTE_ADDR="10.0.0.2")
    assert other_address.get("/api/v1/bodies/").status_code == 200


def test_each_token_has_its_own_bucket(db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1/minute", "user": "100/minute", "token": "5/minute"},
    }
    first = token_client(UserFactory(username="t1"))
    second = token_client(UserFactory(username="t2"))
    for _ in range(5):
        assert first.get("/api/v1/bodies/").status_code == 200
    throttled = first.get("/api/v1/bodies/")
    assert throttled.status_code == 429
    assert "Retry-After" in throttled
    assert second.get("/api/v1/bodies/").status_code == 200
