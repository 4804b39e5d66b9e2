"""A working group works on its programme and on those that superseded it: its members propose
changes to the adopted plan too, and a measure named outside its programme's pages carries its
programme ("REG-2025-2030 · 3.1.2": 3.1.2 of the draft is another measure)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from meetings.models import Proposal
from meetings.services import proposal_submit
from tests.factories import (
    DecisionFactory,
    DirectionFactory,
    MeasureFactory,
    MeetingFactory,
    ObjectiveFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

NEW = "/en/working-group/mwg/proposals/new/"


@pytest.fixture
def adopted(group):
    """The programme that superseded the group's draft, with its own measure 1.1.1."""
    adopted = ProgrammeFactory(code="REG-2025-2030", status="adopted")
    group.programme.superseded_by = adopted
    group.programme.save()
    direction = DirectionFactory(programme=adopted, number="1")
    objective = ObjectiveFactory(direction=direction, number="1.1")
    MeasureFactory(objective=objective, number="1.1.1", title_en="Roads of the adopted plan")
    return adopted


def proposal_data(**extra):
    return {
        "target_kind": "measure",
        "title": "Extend the deadline",
        "text": "Move the deadline to 2027.",
        **extra,
    }


def test_the_group_works_on_its_programme_and_its_successor(group, adopted, other_group):
    assert list(group.programmes()) == [group.programme, adopted]
    assert list(other_group.programmes()) == [other_group.programme]


def test_a_member_proposes_a_change_to_a_measure_of_the_adopted_plan(
    client, group, member, adopted
):
    client.force_login(member)
    form = client.get(NEW).content.decode()
    draft_measure = group.programme.measures.get()
    measure = adopted.measures.get()
    assert "REG-2025-2030 · 1.1.1 Roads of the adopted plan" in form
    assert f"{group.programme.code} · 1.1.1" in form
    assert f'<option value="{adopted.pk}" selected>' in form  # the plan in force comes first
    response = client.post(NEW, proposal_data(measure=measure.pk))
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.measure == measure and proposal.programme == adopted
    assert proposal.measure != draft_measure
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "REG-2025-2030 · 1.1.1" in page
    listing = client.get("/en/working-group/mwg/proposals/").content.decode()
    assert "REG-2025-2030 · 1.1.1" in listing


def test_the_programme_follows_the_measure_whatever_the_select_says(client, group, member, adopted):
    client.force_login(member)
    measure = group.programme.measures.get()
    response = client.post(NEW, proposal_data(measure=measure.pk, programme=adopted.pk))
    assert response.status_code == 302
    assert Proposal.objects.get().programme == group.programme


def test_a_proposal_on_the_adopted_programme_as_a_whole(client, group, member, adopted):
    client.force_login(member)
    response = client.post(NEW, proposal_data(target_kind="programme", programme=adopted.pk))
    assert response.status_code == 302
    assert Proposal.objects.get().programme == adopted


def test_a_programme_the_group_does_not_work_on_is_refused(
    client, group, member, adopted, other_group
):
    client.force_login(member)
    foreign = other_group.programme
    response = client.post(NEW, proposal_data(target_kind="programme", programme=foreign.pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ValidationError) as caught:
        proposal_submit(
            user=member,
            group=group,
            programme=foreign,
            target_kind="programme",
            title="x",
            text="y",
        )
    assert "programme" in caught.value.message_dict
    assert not Proposal.objects.exists()


def test_decisions_name_the_programme_of_their_measures(client, group, secretary, adopted):
    meeting = MeetingFactory(group=group)
    decision = DecisionFactory(meeting=meeting)
    decision.measures.add(adopted.measures.get(), group.programme.measures.get())
    client.force_login(secretary)
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "REG-2025-2030 · 1.1.1" in html and f"{group.programme.code} · 1.1.1" in html


def test_anonymous_and_non_members_cannot_propose_to_the_adopted_plan(client, group, adopted):
    from programs.roles import MEMBERS
    from tests.edit_helpers import user_in

    measure = adopted.measures.get()
    response = client.post(NEW, proposal_data(measure=measure.pk))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(user_in(MEMBERS))
    assert client.post(NEW, proposal_data(measure=measure.pk)).status_code == 403
    assert not Proposal.objects.exists()
