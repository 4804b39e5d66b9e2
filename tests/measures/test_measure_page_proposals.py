"""The proposals and decisions section of the public measure page follows the working group's
visibility rule (meetings.models): nothing the secretariat has not answered reaches the public."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from meetings.models import ProposalStatus, ProposalTarget
from programs.models import ProgrammeStatus
from programs.roles import MEMBERS
from tests.factories import (
    DecisionFactory,
    MeasureFactory,
    MeetingFactory,
    MemberFactory,
    ProgrammeFactory,
    ProposalFactory,
    UserFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    programme = ProgrammeFactory(status=ProgrammeStatus.IN_IMPLEMENTATION)
    return MeasureFactory(objective__direction__programme=programme, number="1.1.2")


@pytest.fixture
def group(measure):
    return WorkingGroupFactory(programme=measure.programme)


def _proposal(group, measure, status, title, **kwargs):
    return ProposalFactory(
        group=group,
        target_kind=ProposalTarget.MEASURE,
        measure=measure,
        status=status,
        title=title,
        **kwargs,
    )


def page(client, measure) -> str:
    response = client.get(f"/en/plan/{measure.programme.code}/{measure.number}/")
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_does_not_see_an_unscreened_proposal_on_the_measure_page(client, measure, group):
    _proposal(group, measure, ProposalStatus.SUBMITTED, "Unscreened pipe proposal")
    _proposal(group, measure, ProposalStatus.UNDER_REVIEW, "Proposal under review")
    _proposal(group, measure, ProposalStatus.ACCEPTED, "Accepted pipe proposal")
    content = page(client, measure)
    assert "Unscreened pipe proposal" not in content
    assert "Proposal under review" not in content
    assert "Accepted pipe proposal" in content


def test_member_of_the_group_and_the_author_see_the_unscreened_proposal(client, measure, group):
    author = UserFactory(username="author")
    _proposal(group, measure, ProposalStatus.SUBMITTED, "Unscreened pipe proposal", author=author)
    member = UserFactory(username="member")
    member.groups.add(Group.objects.get(name=MEMBERS))
    MemberFactory(group=group, user=member)
    stranger = UserFactory(username="stranger")
    for user, sees in ((member, True), (author, True), (stranger, False)):
        client.force_login(user)
        assert ("Unscreened pipe proposal" in page(client, measure)) is sees, user.username


def test_decision_of_an_unpublished_meeting_stays_with_the_group(client, measure, group):
    published = MeetingFactory(group=group, news_published_at=timezone.now())
    DecisionFactory(meeting=published, text_en="Published decision").measures.add(measure)
    DecisionFactory(
        meeting=MeetingFactory(group=group), text_en="Unpublished decision"
    ).measures.add(measure)
    content = page(client, measure)
    assert "Published decision" in content and "Unpublished decision" not in content
    member = UserFactory(username="member")
    MemberFactory(group=group, user=member)
    client.force_login(member)
    assert "Unpublished decision" in page(client, measure)
