"""A working group with its people: a member, the group's secretary, an editor of the programme,
and a member of another group."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from meetings.models import MeetingStatus, MemberRole
from programs.roles import EDITORS, MEMBERS, SECRETARIAT
from tests.factories import (
    DirectionFactory,
    MeasureFactory,
    MeetingFactory,
    MemberFactory,
    ObjectiveFactory,
    ProfileFactory,
    UserFactory,
    WorkingGroupFactory,
)


def user_with_role(username: str, role: str | None, **kwargs):
    user = UserFactory(username=username, **kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def group(db):
    group = WorkingGroupFactory(slug="mwg")
    direction = DirectionFactory(programme=group.programme, number="1")
    objective = ObjectiveFactory(direction=direction, number="1.1")
    MeasureFactory(objective=objective, number="1.1.1")
    return group


@pytest.fixture
def other_group(db):
    return WorkingGroupFactory(slug="other")


@pytest.fixture
def member(group):
    user = user_with_role("member", MEMBERS, first_name="Nurlan", last_name="Abdykalykov")
    MemberFactory(group=group, user=user, full_name="Nurlan Abdykalykov")
    return user


@pytest.fixture
def secretary(group):
    user = user_with_role("secretary", SECRETARIAT)
    MemberFactory(group=group, user=user, role=MemberRole.SECRETARY, full_name="Aiperi T.")
    return user


@pytest.fixture
def editor(group):
    user = user_with_role("editor", EDITORS)
    profile = ProfileFactory(user=user)
    profile.programmes.add(group.programme)
    return user


@pytest.fixture
def outsider(other_group):
    """A member of ANOTHER working group."""
    user = user_with_role("outsider", MEMBERS)
    MemberFactory(group=other_group, user=user)
    return user


@pytest.fixture
def other_secretary(other_group):
    user = user_with_role("othersecretary", SECRETARIAT)
    MemberFactory(group=other_group, user=user, role=MemberRole.SECRETARY)
    return user


@pytest.fixture
def planned_meeting(group):
    return MeetingFactory(
        group=group,
        number=5,
        status=MeetingStatus.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=14),
        place_ky="Бишкек, Эркиндик 58",
        place_ru="Бишкек, Эркиндик 58",
        place_en="Bishkek, 58 Erkindik",
    )


@pytest.fixture
def held_meeting(group):
    return MeetingFactory(
        group=group, number=4, starts_at=timezone.now() - datetime.timedelta(days=7)
    )


def post_and_confirm(client, url: str, data: dict, *, confirm: str = "confirm/"):
    """Post a form that goes through a confirmation page, check it lands there, then confirm."""
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"].endswith(confirm), response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return client.post(response["Location"], {"confirmed": "1"})
