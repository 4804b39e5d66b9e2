"""The working group: the public sees held-and-published meetings and planned ones' date and
place; members and staff see everything."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from meetings.models import DecisionStatus, MeetingStatus
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    MemberFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return WorkingGroupFactory(slug="mwg")


@pytest.fixture
def meetings(group):
    published = MeetingFactory(group=group, number=1, news_published_at=timezone.now())
    AgendaItemFactory(meeting=published, title_en="Draft action plan")
    unpublished = MeetingFactory(group=group, number=2)
    planned = MeetingFactory(
        group=group,
        number=3,
        status=MeetingStatus.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place_en="House of Government, room 5",
    )
    AgendaItemFactory(meeting=planned, title_en="Secret agenda")
    return published, unpublished, planned


def test_public_sees_published_and_planned_only(client, meetings):
    assert client.get("/en/working-group/mwg/meetings/1/").status_code == 200
    held = client.get("/en/working-group/mwg/meetings/2/")
    assert held.status_code == 200 and not held.context["details"]
    assert "will appear here once the secretariat publishes it" in held.content.decode()
    planned = client.get("/en/working-group/mwg/meetings/3/").content.decode()
    assert "House of Government, room 5" in planned
    assert "Secret agenda" not in planned


def test_member_sees_everything(client, group, meetings):
    user = UserFactory()
    MemberFactory(group=group, user=user)
    client.force_login(user)
    assert client.get("/en/working-group/mwg/meetings/2/").status_code == 200
    assert "Secret agenda" in client.get("/en/working-group/mwg/meetings/3/").content.decode()


def test_outsider_logged_in_does_not_see_unpublished(client, meetings):
    client.force_login(UserFactory())
    response = client.get("/en/working-group/mwg/meetings/2/")
    assert response.status_code == 200 and not response.context["details"]


def test_decision_past_deadline_is_overdue(client, meetings):
    DecisionFactory(
        meeting=meetings[0],
        deadline=datetime.date(2024, 9, 1),
        status=DecisionStatus.OPEN,
        text_en="Prepare the draft",
    )
    content = client.get("/en/working-group/mwg/meetings/1/").content.decode()
    assert "Prepare the draft" in content
    assert "overdue" in content
    assert "01.09.2024" in content


def test_group_lists_current_members_by_default(client, group):
    MemberFactory(group=group, full_name="Current Person")
    MemberFactory(group=group, full_name="Former Person", date_to=datetime.date(2024, 1, 1))
    content = client.get("/en/working-group/mwg/").content.decode()
    assert "Current Person" in content and "Former Person" not in content
    assert "Former Person" in client.get("/en/working-group/mwg/?members=all").content.decode()


def test_attendance_of_a_guest_and_agenda_without_presenting_body(client, group):
    from meetings.models import Attendance
    from tests.factories import BodyFactory

    meeting = MeetingFactory(group=group, number=7, news_published_at=timezone.now())
    AgendaItemFactory(meeting=meeting, presenter="A. Asanov")
    Attendance.objects.create(meeting=meeting, body=BodyFactory(), attendee_name="Guest Person")
    Attendance.objects.create(meeting=meeting, body=BodyFactory())
    response = client.get("/ru/working-group/mwg/meetings/7/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Guest Person" in content and "A. Asanov" in content
