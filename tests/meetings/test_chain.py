"""The whole chain: a member's proposal → screening → a meeting's agenda → a decision → the
official answer → the measure it produced, with the database checked at every step."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from measures.models import Measure
from meetings.models import AgendaItem, Decision, ProposalStatus
from tests.factories import BodyFactory
from tests.meetings.conftest import post_and_confirm

pytestmark = pytest.mark.django_db


def measure_post(programme, **fields):
    data = {
        "measure-version": "",
        "measure-direction": programme.directions.get().pk,
        "measure-objective": programme.directions.get().objectives.get().pk,
        "measure-number": "1.1.7",
        "measure-title_ky": "Өсүү чекиттери үчүн бюджеттик программа",
        "measure-title_ru": "Бюджетная программа для точек роста",
        "measure-title_en": "Budget programme for growth points",
        "measure-deadline_text": "IV квартал 2026",
        "measure-status": "planned",
        "measure-lead_body": BodyFactory().pk,
    }
    for prefix in ("executors", "funding", "indicators"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(fields)
    return data


def test_from_submission_to_the_measure_it_produced(
    client, group, member, secretary, editor, planned_meeting, django_capture_on_commit_callbacks
):
    # 1. The member submits.
    client.force_login(member)
    direction = group.programme.directions.get()
    response = client.post(
        "/en/working-group/mwg/proposals/new/",
        {
            "target_kind": "direction",
            "direction": direction.pk,
            "title": "Budget programme for growth points",
            "text": "A separate budget programme for growth points.",
        },
    )
    assert response.status_code == 302
    proposal = group.proposals.get()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.author == member
    base = f"/en/working-group/mwg/proposals/{proposal.pk}/"

    # 2. The secretariat screens it; the author is told.
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(base + "review/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNDER_REVIEW
    assert mail.outbox[-1].to == [member.email]

    # 3. It goes on the agenda of the coming meeting, as a new item at the end.
    response = client.post(base + "agenda/", {"meeting": planned_meeting.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    item = AgendaItem.objects.get(meeting=planned_meeting)
    assert proposal.status == ProposalStatus.ON_AGENDA
    assert proposal.agenda_item == item
    assert item.position == 1
    assert item.title_en == proposal.title

    # 4. The meeting day comes; the meeting is held and decides.
    planned_meeting.starts_at = timezone.now() - datetime.timedelta(hours=2)
    planned_meeting.status = "held"
    planned_meeting.save()
    response = client.post(
        f"/en/working-group/mwg/meetings/{planned_meeting.number}/decisions/new/",
        {
            "number": "1",
            "agenda_item": item.pk,
            "text_en": "Include a budget programme for growth points in the plan.",
            "responsible_body": proposal.author_body.pk,
            "deadline": "2026-12-31",
            "status": "open",
            "proposals": [proposal.pk],
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(meeting=planned_meeting)
    assert list(decision.proposals.all()) == [proposal]

    # 5. The official answer: accepted, with its reason.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            base + "answer/", {"status": "accepted", "answer": "Accepted by decision No. 1."}
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert proposal.answer == "Accepted by decision No. 1."
    assert proposal.answered_at is not None
    assert "Accepted by decision No. 1." in mail.outbox[-1].body

    # 6. The secretary cannot edit the plan; the programme's editor turns it into a measure.
    assert client.get(base + "measure/").status_code == 403
    client.force_login(editor)
    form = client.get(base + "measure/")
    assert form.status_code == 200
    assert "Budget programme for growth points" in form.content.decode()  # prefilled
    response = post_and_confirm(client, base + "measure/", measure_post(group.programme))
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = Measure.objects.get(number="1.1.7")
    proposal.refresh_from_db()
    assert proposal.resulting_measure == measure
    assert list(decision.measures.all()) == [measure]
    assert measure.history.count() >= 1  # the same history as any other edit

    # 7. Once produced, it cannot be produced twice; the pages link both ways.
    assert client.get(base + "measure/").status_code == 403

    # 8. The secretary publishes the held meeting; the public then sees the decision on the
    #    measure's page and the answered proposal, linked both ways.
    client.force_login(secretary)
    response = post_and_confirm(
        client,
        f"/en/working-group/mwg/meetings/{planned_meeting.number}/publish/",
        {"news_title_en": "The working group met", "news_text_en": "It decided."},
    )
    assert response.status_code == 302
    planned_meeting.refresh_from_db()
    assert planned_meeting.news_published_at is not None
    client.logout()
    measure_page = client.get(measure.get_absolute_url()).content.decode()
    assert base in measure_page
    assert "Include a budget programme for growth points" in measure_page
    assert measure.get_absolute_url() in client.get(base).content.decode()
    assert list(proposal.events.values_list("status_to", flat=True)) == [
        "submitted",
        "under_review",
        "on_agenda",
        "accepted",
    ]


def test_accepted_proposal_on_a_measure_edits_that_measure(client, group, member, editor):
    from tests.factories import ProposalFactory

    measure = group.programme.measures.get()
    proposal = ProposalFactory(
        group=group,
        author=member,
        target_kind="measure",
        measure=measure,
        status=ProposalStatus.PARTLY_ACCEPTED,
        answer="Partly.",
    )
    client.force_login(editor)
    url = f"/en/working-group/mwg/proposals/{proposal.pk}/measure/"
    page = client.get(url).content.decode()
    assert measure.title_en in page
    data = measure_post(
        group.programme,
        **{
            "measure-version": str(measure.version),
            "measure-number": measure.number,
            "measure-title_en": "Changed by the proposal",
        },
    )
    response = post_and_confirm(client, url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    measure.refresh_from_db()
    proposal.refresh_from_db()
    assert measure.title_en == "Changed by the proposal"
    assert proposal.resulting_measure == measure
    assert Measure.objects.count() == 1


def test_invalid_measure_leaves_the_proposal_unlinked(client, group, member, editor):
    from tests.factories import ProposalFactory

    proposal = ProposalFactory(group=group, author=member, status=ProposalStatus.ACCEPTED)
    client.force_login(editor)
    url = f"/en/working-group/mwg/proposals/{proposal.pk}/measure/"
    response = client.post(url, measure_post(group.programme, **{"measure-deadline_text": ""}))
    assert response.status_code == 200
    proposal.refresh_from_db()
    assert proposal.resulting_measure is None
    assert not Measure.objects.filter(number="1.1.7").exists()
