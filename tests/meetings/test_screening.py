"""The secretariat screens proposals: filters, duplicates, agenda, the official answer, and the
author's e-mail in the author's language."""

from __future__ import annotations

import pytest
from django.core import mail

from meetings.models import ProposalStatus
from tests.factories import AgendaItemFactory, BodyFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(group, member):
    return ProposalFactory(
        group=group, author=member, title="Mobile clinics", language="ru", author_body=BodyFactory()
    )


def url(proposal, action=""):
    return f"/en/working-group/mwg/proposals/{proposal.pk}/{action}"


def test_answer_needs_a_reason(client, secretary, proposal):
    client.force_login(secretary)
    response = client.post(url(proposal, "answer/"), {"status": "rejected", "answer": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_answer_cannot_be_withdrawn_or_invented(client, secretary, proposal):
    client.force_login(secretary)
    response = client.post(url(proposal, "answer/"), {"status": "withdrawn", "answer": "No"})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_author_is_emailed_in_their_language(
    client, secretary, member, proposal, django_capture_on_commit_callbacks
):
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(proposal, "answer/"), {"status": "rejected", "answer": "Нет бюджета."})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert f"№ {proposal.pk}" in message.subject
    assert "Нет бюджета." in message.body
    assert f"/ru/working-group/mwg/proposals/{proposal.pk}/" in message.body


def test_a_proposal_number_over_999_is_written_plain_in_the_mail(
    client, secretary, member, group, django_capture_on_commit_callbacks
):
    """Thousand separators are on for Russian: number 12345 must not read "12 345"."""
    proposal = ProposalFactory(
        pk=12345,
        group=group,
        author=member,
        title="Mobile clinics",
        language="ru",
        author_body=BodyFactory(),
    )
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(proposal, "answer/"), {"status": "rejected", "answer": "Нет бюджета."})
    message = mail.outbox[0]
    assert "№ 12345" in message.subject
    assert "№ 12345" in message.body


def test_merging_a_duplicate(
    client, secretary, group, proposal, django_capture_on_commit_callbacks
):
    kept = ProposalFactory(group=group, title="Mobile medical brigades")
    client.force_login(secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(proposal, "merge/"), {"into": kept.pk})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.duplicate_of == kept
    assert proposal.status == ProposalStatus.REJECTED
    assert str(kept.pk) in proposal.answer
    assert len(mail.outbox) == 1
    assert f"/proposals/{kept.pk}/" in client.get(url(proposal)).content.decode()


def test_cannot_merge_into_itself_or_another_groups_proposal(
    client, secretary, proposal, other_group
):
    client.force_login(secretary)
    foreign = ProposalFactory(group=other_group)
    for target in (proposal.pk, foreign.pk):
        response = client.post(url(proposal, "merge/"), {"into": target})
        assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.duplicate_of is None


def test_only_planned_meetings_of_the_group_take_proposals(
    client, secretary, proposal, held_meeting
):
    client.force_login(secretary)
    response = client.post(url(proposal, "agenda/"), {"meeting": held_meeting.pk})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.agenda_item is None


def test_answered_proposal_cannot_be_answered_again(client, secretary, proposal):
    proposal.status = ProposalStatus.REJECTED
    proposal.save()
    client.force_login(secretary)
    response = client.post(url(proposal, "review/"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    response = client.post(url(proposal, "answer/"), {"status": "accepted", "answer": "Yes"})
    assert response.status_code == 302
    assert "already rejected" in client.get(url(proposal)).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED


def test_screening_list_filters(client, secretary, group, planned_meeting):
    body = BodyFactory(name_en="Ministry of Health")
    on_agenda = ProposalFactory(
        group=group,
        title="On the agenda",
        status=ProposalStatus.ON_AGENDA,
        agenda_item=AgendaItemFactory(meeting=planned_meeting),
        author_body=body,
    )
    ProposalFactory(group=group, title="Fresh one", target_kind="new_measure")
    client.force_login(secretary)
    page = client.get("/en/working-group/mwg/proposals/?status=on_agenda").content.decode()
    assert on_agenda.title in page and "Fresh one" not in page
    page = client.get(f"/en/working-group/mwg/proposals/?author_body={body.pk}").content.decode()
    assert on_agenda.title in page and "Fresh one" not in page
    page = client.get(
        f"/en/working-group/mwg/proposals/?meeting={planned_meeting.pk}"
    ).content.decode()
    assert on_agenda.title in page and "Fresh one" not in page
    page = client.get("/en/working-group/mwg/proposals/?target_kind=new_measure").content.decode()
    assert "Fresh one" in page and on_agenda.title not in page


@pytest.mark.parametrize("rows", [2, 12])
def test_screening_list_runs_a_fixed_number_of_queries(
    client, secretary, group, planned_meeting, rows, django_assert_max_num_queries
):
    for n in range(rows):
        ProposalFactory(
            group=group,
            status=ProposalStatus.ON_AGENDA,
            agenda_item=AgendaItemFactory(meeting=planned_meeting),
            title=f"Row {n}",
        )
    client.force_login(secretary)
    with django_assert_max_num_queries(12):
        response = client.get("/en/working-group/mwg/proposals/")
    assert f"Row {rows - 1}" in response.content.decode()


def test_public_sees_answered_proposals_only(client, group):
    ProposalFactory(group=group, title="Still open")
    ProposalFactory(group=group, title="Answered", status=ProposalStatus.ACCEPTED)
    page = client.get("/en/working-group/mwg/proposals/").content.decode()
    assert "Answered" in page
    assert "Still open" not in page
