"""In a real browser: a member submits a proposal with a file, the secretary takes it under review,
puts it on the coming meeting's agenda and accepts it; the member sees the answer."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from meetings.models import MeetingStatus, MemberRole, Proposal, ProposalStatus
from tests.browser.conftest import login, screenshot
from tests.factories import (
    DirectionFactory,
    MeetingFactory,
    MemberFactory,
    WorkingGroupFactory,
)
from tests.meetings.conftest import user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_member_submits_and_secretary_puts_on_agenda_and_accepts(
    live_server, new_page, tmp_path, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    group = WorkingGroupFactory(slug="mwg", name_en="Interdepartmental working group")
    DirectionFactory(programme=group.programme, number="2", title_en="Growth points")
    member = user_with_role("member", "members")
    MemberFactory(group=group, user=member, full_name="Nurlan Abdykalykov")
    secretary = user_with_role("secretary", "secretariat")
    MemberFactory(group=group, user=secretary, role=MemberRole.SECRETARY)
    meeting = MeetingFactory(
        group=group,
        number=2,
        status=MeetingStatus.PLANNED,
        starts_at=timezone.now() + datetime.timedelta(days=20),
        place_en="MEC, room 301",
    )
    attachment = tmp_path / "budget-note.pdf"
    attachment.write_bytes(PDF)

    # The member submits from the group's page.
    page = new_page()
    login(page, live_server, "member")
    page.goto(f"{live_server.url}/en/working-group/mwg/")
    page.get_by_role("link", name="Submit a proposal").first.click()
    page.get_by_label("a direction").check()
    page.select_option("select[name=direction]", label=f"{group.programme.code} · 2. Growth points")
    page.fill("input[name=title]", "Separate budget programme for growth points")
    page.fill("textarea[name=text]", "Fund growth points through a separate budget programme.")
    page.fill("textarea[name=justification]", "Funding becomes visible.")
    page.set_input_files("input[name=attachments]", str(attachment))
    screenshot(page, "wg-proposal-form")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your proposal has been sent to the secretariat.").is_visible()
    assert page.get_by_role("link", name="budget-note.pdf").is_visible()
    proposal = Proposal.objects.get()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.direction.number == "2"

    # The secretary screens it, puts it on the agenda and accepts it.
    office = new_page()
    login(office, live_server, "secretary")
    office.goto(f"{live_server.url}/en/working-group/mwg/proposals/?status=submitted")
    office.get_by_role("link", name="Separate budget programme for growth points").click()
    office.get_by_role("button", name="Take under review").click()
    office.wait_for_load_state()
    assert office.get_by_text("The proposal is under review.").is_visible()
    office.select_option("select[name=meeting]", value=str(meeting.pk))
    office.get_by_role("button", name="Put on the agenda").click()
    office.wait_for_load_state()
    assert office.get_by_text("The proposal is on the meeting's agenda.").is_visible()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ON_AGENDA
    assert proposal.agenda_item.meeting == meeting
    office.goto(f"{live_server.url}/en/working-group/mwg/meetings/2/manage/")
    assert office.get_by_text("Separate budget programme for growth points").first.is_visible()
    screenshot(office, "wg-meeting-manage")

    # The English page, whatever language the test thread has active for reverse().
    with translation.override("en"):
        office.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    office.check("input[name=status][value=accepted]")
    office.fill("textarea[name=answer]", "Accepted: included in the action plan.")
    office.get_by_role("button", name="Record the answer").click()
    office.wait_for_load_state()
    assert office.get_by_text("The answer has been recorded.").is_visible()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED
    screenshot(office, "wg-proposal-accepted")

    # The member follows it on "My proposals" and got e-mails.
    page.goto(f"{live_server.url}/en/working-group/mwg/proposals/mine/")
    assert page.get_by_text("Accepted: included in the action plan.").is_visible()
    screenshot(page, "wg-my-proposals")
    assert [m.to for m in mail.outbox] == [[member.email]] * 3
