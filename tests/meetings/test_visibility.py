"""The whole working-group visibility rule, pinned for every role at the QuerySet level
(meetings.models), then checked to give the same answer on the pages and in the API.

Roles: the anonymous public, a signed-in user with no role, a staff user with no role (is_staff only
opens the admin), a member of the group, a member of another group, the group's secretary, an
editor of the programme, a reporter, a partner and a superuser.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from meetings.models import (
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    MemberRole,
    Proposal,
    ProposalStatus,
    ProposalTarget,
    WorkingGroup,
    sees_all_working_groups,
    sees_everything,
)
from programs import roles
from programs.models import ProgrammeStatus
from tests.factories import (
    DecisionFactory,
    MeasureFactory,
    MeetingFactory,
    MemberFactory,
    ProfileFactory,
    ProgrammeFactory,
    ProposalFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "no_role",
    "staff",
    "member",
    "other_member",
    "secretary",
    "editor",
    "reporter",
    "partner",
    "superuser",
]
EVERYONE = set(ROLES)
# Those who see the group in full: its current members (its secretary too), superusers.
FULL = {"member", "secretary", "superuser"}
# The roles that see draft programmes, and so the groups working on them (roles.VIEW_DRAFTS).
DRAFTS = {"member", "other_member", "secretary", "editor", "superuser"}

# Who sees what: object name → the roles that see it. "own" proposals are below.
GROUPS = {"group": EVERYONE, "other_group": EVERYONE, "draft_group": DRAFTS}
SEEN_IN_FULL = {
    "group": FULL,
    # The secretary of "group" runs no other group: it reads the others as the public does.
    "other_group": {"other_member", "superuser"},
    "draft_group": {"superuser"},
}
LISTED_MEETINGS = {
    "planned": EVERYONE,  # when and where, for everyone
    "held_published": EVERYONE,
    "held_unpublished": EVERYONE,  # as while planned: when and where, no record yet
    "cancelled": FULL,
    "draft_held_published": DRAFTS,
}
DETAILED_MEETINGS = {
    "planned": FULL,
    "held_published": EVERYONE,
    "held_unpublished": FULL,
    "cancelled": FULL,
    "draft_held_published": DRAFTS,
}
DECISIONS = {
    "decision_published": EVERYONE,
    "decision_unpublished": FULL,
    "decision_of_draft": DRAFTS,
}
PROPOSALS = {
    ProposalStatus.SUBMITTED: FULL,
    ProposalStatus.UNDER_REVIEW: FULL,
    ProposalStatus.ON_AGENDA: FULL,
    ProposalStatus.WITHDRAWN: FULL,
    ProposalStatus.ACCEPTED: EVERYONE,
    ProposalStatus.PARTLY_ACCEPTED: EVERYONE,
    ProposalStatus.REJECTED: EVERYONE,
    "accepted_in_draft": DRAFTS,
}


def _user(name: str, role: str | None = None, **kwargs):
    user = UserFactory(username=name, **kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction rolled back after it; each test runs in its
    own savepoint within it (as tests/meetings/test_seed_demo.py does), so nothing leaks out."""
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


def _build_world() -> dict:
    programme = ProgrammeFactory(status=ProgrammeStatus.IN_IMPLEMENTATION)
    group = WorkingGroupFactory(programme=programme, slug="mwg")
    other_group = WorkingGroupFactory(programme=programme, slug="other")
    draft_group = WorkingGroupFactory(
        programme=ProgrammeFactory(status=ProgrammeStatus.DRAFT), slug="draft"
    )
    measure = MeasureFactory(objective__direction__programme=programme, number="1.1.1")

    users = {
        "anonymous": AnonymousUser(),
        "no_role": _user("no_role"),
        "staff": _user("staff", is_staff=True),
        "member": _user("member", roles.MEMBERS),
        "other_member": _user("other_member", roles.MEMBERS),
        "secretary": _user("secretary", roles.SECRETARIAT),
        "editor": _user("editor", roles.EDITORS),
        "reporter": _user("reporter", roles.REPORTERS),
        "partner": _user("partner", roles.PARTNERS),
        "superuser": _user("superuser", is_staff=True, is_superuser=True),
    }
    MemberFactory(group=group, user=users["member"])
    MemberFactory(group=other_group, user=users["other_member"])
    MemberFactory(group=group, user=users["secretary"], role=MemberRole.SECRETARY)
    ProfileFactory(user=users["editor"]).programmes.add(programme)
    ProfileFactory(user=users["reporter"], body=measure.lead_body)

    now = timezone.now()
    day = datetime.timedelta(days=1)
    meetings = {
        "planned": MeetingFactory(
            group=group, number=1, status=MeetingStatus.PLANNED, starts_at=now + 7 * day
        ),
        "held_published": MeetingFactory(group=group, number=2, news_published_at=now),
        "held_unpublished": MeetingFactory(group=group, number=3),
        "cancelled": MeetingFactory(group=group, number=4, status=MeetingStatus.CANCELLED),
        "draft_held_published": MeetingFactory(group=draft_group, number=1, news_published_at=now),
    }
    decisions = {
        "decision_published": DecisionFactory(meeting=meetings["held_published"], number="1"),
        "decision_unpublished": DecisionFactory(meeting=meetings["held_unpublished"], number="1"),
        "decision_of_draft": DecisionFactory(meeting=meetings["draft_held_published"], number="1"),
    }
    for decision in decisions.values():
        decision.measures.add(measure)

    author = _user("author", roles.MEMBERS)
    proposals = {
        status: ProposalFactory(
            group=group,
            author=author,
            status=status,
            title=f"proposal {status}",
            target_kind=ProposalTarget.MEASURE,
            measure=measure,
        )
        for status in ProposalStatus.values
    }
    proposals["accepted_in_draft"] = ProposalFactory(
        group=draft_group, author=author, status=ProposalStatus.ACCEPTED
    )
    # Each signed-in role has sent one proposal that nobody has screened yet.
    for role, user in users.items():
        if user.is_authenticated:
            proposals[f"own:{role}"] = ProposalFactory(
                group=group, author=user, status=ProposalStatus.SUBMITTED, title=f"own {role}"
            )
    return {
        "users": users,
        "groups": {"group": group, "other_group": other_group, "draft_group": draft_group},
        "meetings": meetings,
        "decisions": decisions,
        "proposals": proposals,
        "measure": measure,
    }


def names(queryset, objects: dict) -> set[str]:
    by_pk = {obj.pk: name for name, obj in objects.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True) if pk in by_pk}


def expected(table: dict, role: str) -> set[str]:
    return {name for name, seen_by in table.items() if role in seen_by}


def expected_proposals(world, role: str) -> set[str]:
    own = {
        name
        for name in world["proposals"]
        if name.startswith("own:") and (role in FULL or name == f"own:{role}")
    }
    return expected(PROPOSALS, role) | own


@pytest.mark.parametrize("role", ROLES)
def test_groups_each_role_sees(world, role):
    user = world["users"][role]
    groups = world["groups"]
    assert names(WorkingGroup.objects.visible_to(user), groups) == expected(GROUPS, role)
    assert names(WorkingGroup.objects.seen_in_full_by(user), groups) == expected(SEEN_IN_FULL, role)
    in_full = {name for name, group in groups.items() if sees_everything(user, group)}
    assert in_full == expected(SEEN_IN_FULL, role)


@pytest.mark.parametrize("role", ROLES)
def test_meetings_each_role_finds_listed_and_may_read_in_detail(world, role):
    user = world["users"][role]
    meetings = world["meetings"]
    assert names(Meeting.objects.listed_for(user), meetings) == expected(LISTED_MEETINGS, role)
    assert names(Meeting.objects.detailed_for(user), meetings) == expected(DETAILED_MEETINGS, role)


@pytest.mark.parametrize("role", ROLES)
def test_decisions_each_role_sees(world, role):
    user = world["users"][role]
    assert names(Decision.objects.visible_to(user), world["decisions"]) == expected(DECISIONS, role)


@pytest.mark.parametrize("role", ROLES)
def test_proposals_each_role_sees_in_every_state_and_their_own(world, role):
    user = world["users"][role]
    seen = names(Proposal.objects.visible_to(user), world["proposals"])
    assert seen == expected_proposals(world, role)


@pytest.mark.parametrize("role", ROLES)
def test_only_superusers_see_all_working_groups(world, role):
    assert sees_all_working_groups(world["users"][role]) is (role == "superuser")


def test_a_former_member_reads_what_the_public_reads(world):
    """Membership rows are kept when someone leaves (date_to); reading follows current
    membership, so the group's unpublished deliberations close to them (review M1)."""
    former = _user("former", roles.MEMBERS)
    MemberFactory(group=world["groups"]["group"], user=former, date_to=datetime.date(2020, 1, 1))
    assert not sees_everything(former, world["groups"]["group"])
    others = Proposal.objects.visible_to(former).exclude(author=former)
    assert not others.filter(status=ProposalStatus.SUBMITTED).exists()
    assert not Meeting.objects.detailed_for(former).filter(
        pk=world["meetings"]["held_unpublished"].pk
    )
    assert not Decision.objects.visible_to(former).filter(
        pk=world["decisions"]["decision_unpublished"].pk
    )


def test_a_member_from_a_later_date_does_not_read_yet(world):
    future = _user("future", roles.MEMBERS)
    MemberFactory(group=world["groups"]["group"], user=future, date_from=datetime.date(2999, 1, 1))
    assert not sees_everything(future, world["groups"]["group"])


def test_an_inactive_secretary_sees_what_the_public_sees(world):
    User = get_user_model()
    User.objects.filter(pk=world["users"]["secretary"].pk).update(is_active=False)
    secretary = User.objects.get(pk=world["users"]["secretary"].pk)
    assert not sees_all_working_groups(secretary)


# --- the same answer on the pages and in the API ------------------------------------------------

G = "/en/working-group/mwg/"


def _client_for(client, world, role):
    user = world["users"][role]
    if user.is_authenticated:
        client.force_login(user)
    return user


def _api_results(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.json()["results"]


@pytest.mark.parametrize("role", ROLES)
def test_proposal_list_page_and_api_show_the_querysets_proposals(client, world, role):
    user = _client_for(client, world, role)
    group = world["groups"]["group"]
    rule = set(Proposal.objects.visible_to(user).filter(group=group).values_list("pk", flat=True))
    page = client.get(G + "proposals/").content.decode()
    on_page = {int(pk) for pk in re.findall(r'href="/en/working-group/mwg/proposals/(\d+)/"', page)}
    in_api = {p["id"] for p in _api_results(client, "/api/v1/proposals/?group=mwg&page_size=100")}
    assert on_page == rule
    assert in_api == rule
    for pk in {p.pk for p in world["proposals"].values() if p.group_id == group.pk}:
        page_status = client.get(f"{G}proposals/{pk}/").status_code
        api_status = client.get(f"/api/v1/proposals/{pk}/").status_code
        assert page_status == api_status == (200 if pk in rule else 404), pk


@pytest.mark.parametrize("role", ROLES)
def test_meeting_pages_and_api_list_and_detail_the_same_meetings(client, world, role):
    user = _client_for(client, world, role)
    group = world["groups"]["group"]
    listed = set(
        Meeting.objects.listed_for(user).filter(group=group).values_list("number", flat=True)
    )
    detailed = set(
        Meeting.objects.detailed_for(user).filter(group=group).values_list("number", flat=True)
    )
    page = client.get(G + "meetings/").content.decode()
    on_page = {int(n) for n in re.findall(r'href="/en/working-group/mwg/meetings/(\d+)/"', page)}
    api = _api_results(client, "/api/v1/meetings/?group=mwg&page_size=100")
    assert on_page == {m["number"] for m in api} == listed
    assert {m["number"] for m in api if m["details"] is not None} == detailed
    for meeting in world["meetings"].values():
        if meeting.group_id != group.pk:
            continue
        response = client.get(f"{G}meetings/{meeting.number}/")
        assert response.status_code == (200 if meeting.number in listed else 404)
        if response.status_code == 200:
            assert response.context["details"] is (meeting.number in detailed)


@pytest.mark.parametrize("role", ROLES)
def test_decision_page_and_api_show_the_same_decisions(client, world, role):
    user = _client_for(client, world, role)
    group = world["groups"]["group"]
    rule = set(
        Decision.objects.visible_to(user).filter(meeting__group=group).values_list("pk", flat=True)
    )
    page = client.get(G + "decisions/")
    assert {d.pk for d in page.context["decisions"]} == rule
    in_api = _api_results(client, "/api/v1/decisions/?group=mwg&page_size=100")
    assert {d["key"] for d in in_api} == {
        f"mwg/{d.meeting.number}/{d.number}" for d in Decision.objects.filter(pk__in=rule)
    }


@pytest.mark.parametrize("role", ROLES)
def test_measure_page_and_api_show_the_same_proposals_and_decisions(client, world, role):
    user = _client_for(client, world, role)
    measure = world["measure"]
    proposals = set(
        Proposal.objects.visible_to(user).filter(measure=measure).values_list("pk", flat=True)
    )
    decisions = set(
        Decision.objects.visible_to(user).filter(measures=measure).values_list("pk", flat=True)
    )
    page = client.get(f"/en/plan/{measure.programme.code}/{measure.number}/")
    assert page.status_code == 200
    assert {p.pk for p in page.context["proposals"]} == proposals
    assert {d.pk for d in page.context["decisions"]} == decisions
    api = client.get(f"/api/v1/measures/{measure.programme.code}/{measure.number}/").json()
    assert set(api["proposals"]) == proposals
    assert set(api["decisions"]) == {
        f"{d.meeting.group.slug}/{d.meeting.number}/{d.number}"
        for d in Decision.objects.filter(pk__in=decisions)
    }


# --- reading follows the group and current membership, on the pages and in the API (review M1) --

SECRET = "SECRETMINUTESTEXT"


@pytest.fixture
def other_group_secrets(world):
    """An unpublished held meeting of the other group with a draft decision, and a submitted
    proposal; a former member of that group. (When and where a meeting is held is public, as for a
    planned one: the secret is what was decided.)"""
    group = world["groups"]["other_group"]
    meeting = MeetingFactory(group=group, number=7, minutes_summary=SECRET, news_text=SECRET)
    DecisionFactory(
        meeting=meeting, number="1", text=SECRET, text_en=SECRET, status=DecisionStatus.OPEN
    )
    proposal = ProposalFactory(
        group=group,
        author=world["users"]["other_member"],
        status=ProposalStatus.SUBMITTED,
        text=SECRET,
    )
    former = _user("former_other", roles.MEMBERS)
    MemberFactory(group=group, user=former, date_to=datetime.date(2020, 1, 1))
    return {"meeting": meeting, "proposal": proposal, "former": former}


def _reads(client, user, secrets) -> dict[str, bool]:
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    urls = {
        "meeting page": "/en/working-group/other/meetings/7/",
        "proposal page": f"/en/working-group/other/proposals/{secrets['proposal'].pk}/",
        "meeting api": "/api/v1/meetings/other/7/",
        "proposal api": f"/api/v1/proposals/{secrets['proposal'].pk}/",
        "decision list page": "/en/working-group/other/decisions/",
        "decision api": "/api/v1/decisions/?group=other&lang=en",
    }
    seen = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        seen[name] = SECRET in response.content.decode()
    return seen


@pytest.mark.parametrize("who", ["anonymous", "secretary", "member", "former"])
def test_unpublished_deliberations_are_read_by_current_members_only(
    client, world, other_group_secrets, who
):
    user = other_group_secrets["former"] if who == "former" else world["users"][who]
    seen = _reads(client, user, other_group_secrets)
    assert not any(seen.values()), seen


def test_a_current_member_and_a_superuser_read_them(client, world, other_group_secrets):
    for who in ("other_member", "superuser"):
        seen = _reads(client, world["users"][who], other_group_secrets)
        assert all(seen.values()), (who, seen)
