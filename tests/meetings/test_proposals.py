"""Members send proposals online, follow them, and may change them until the secretariat screens
them; attachments are checked by what they are, not by what they are called."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from meetings.models import Proposal, ProposalAttachment, ProposalStatus
from regionalprogram.uploads import MAX_ATTACHMENT_SIZE
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def office_file(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<doc/>")
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def submit(client, **extra):
    data = {
        "target_kind": "programme",
        "title": "Separate budget programme for growth points",
        "text": "Fund growth points through a separate budget programme.",
        "justification": "Transparent funding.",
        **extra,
    }
    return client.post("/en/working-group/mwg/proposals/new/", data)


def test_member_submits_a_proposal_with_attachments(client, group, member):
    client.force_login(member)
    response = submit(
        client,
        attachments=[
            upload("note.pdf", PDF),
            upload("table.xlsx", office_file("xl")),
            upload("letter.docx", office_file("word")),
            upload("photo.jpg", JPEG),
        ],
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/working-group/mwg/proposals/{proposal.pk}/"
    assert proposal.author == member
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.language == "en"
    assert proposal.author_body == group.members.get(user=member).body
    kinds = sorted(proposal.attachments.values_list("content_type", flat=True))
    assert kinds == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/jpeg",
    ]
    assert list(proposal.events.values_list("status_to", flat=True)) == ["submitted"]


def test_member_targets_a_measure_of_the_groups_programme(client, group, member):
    client.force_login(member)
    measure = group.programme.measures.get()
    response = submit(client, target_kind="measure", measure=measure.pk)
    assert response.status_code == 302
    assert Proposal.objects.get().measure == measure


def test_target_must_be_chosen_and_from_the_groups_programme(client, group, member, other_group):
    from tests.factories import MeasureFactory

    client.force_login(member)
    response = submit(client, target_kind="measure")
    assert response.status_code == 200
    assert "Choose what the proposal targets." in response.content.decode()
    foreign = MeasureFactory(
        programme=other_group.programme,
        direction__programme=other_group.programme,
        objective__direction__programme=other_group.programme,
    )
    response = submit(client, target_kind="measure", measure=foreign.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("scan.pdf", PNG, "does not match its name"),
        ("report.docx", PDF, "does not match its name"),
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 32, "is not a PDF, DOCX, XLSX, PNG or JPEG"),
        ("fake.xlsx", b"PK\x03\x04not really a zip", "is not a PDF, DOCX, XLSX, PNG or JPEG"),
    ],
)
def test_attachment_of_the_wrong_type_is_refused(client, member, name, content, message):
    client.force_login(member)
    response = submit(client, attachments=[upload(name, content)])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Proposal.objects.exists()
    assert not ProposalAttachment.objects.exists()


def test_attachment_too_large_is_refused(client, member):
    client.force_login(member)
    big = PDF + b"0" * (MAX_ATTACHMENT_SIZE + 1 - len(PDF))
    response = submit(client, attachments=[upload("big.pdf", big)])
    assert response.status_code == 200
    assert "is too large" in response.content.decode()
    assert not Proposal.objects.exists()


def test_attachment_is_served_only_to_those_who_see_the_proposal(
    client, group, member, secretary, outsider
):
    client.force_login(member)
    submit(client, attachments=[upload("note.pdf", PDF)])
    proposal = Proposal.objects.get()
    attachment = proposal.attachments.get()
    url = f"/en/working-group/mwg/proposals/{proposal.pk}/files/{attachment.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    client.force_login(secretary)
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_author_edits_until_screened_then_cannot(client, group, member, secretary):
    client.force_login(member)
    submit(client)
    proposal = Proposal.objects.get()
    edit_url = f"/en/working-group/mwg/proposals/{proposal.pk}/edit/"
    response = client.post(
        edit_url,
        {"target_kind": "programme", "title": "Better title", "text": "New text"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Better title"

    client.force_login(secretary)
    client.post(f"/en/working-group/mwg/proposals/{proposal.pk}/review/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNDER_REVIEW

    client.force_login(member)
    response = client.post(edit_url, {"target_kind": "programme", "title": "Late", "text": "X"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title == "Better title"
    response = client.post(f"/en/working-group/mwg/proposals/{proposal.pk}/withdraw/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.UNDER_REVIEW


def test_author_withdraws_and_history_shows_it(client, member):
    client.force_login(member)
    submit(client)
    proposal = Proposal.objects.get()
    client.post(f"/en/working-group/mwg/proposals/{proposal.pk}/withdraw/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert list(proposal.events.values_list("status_to", flat=True)) == [
        "submitted",
        "withdrawn",
    ]
    page = client.get("/en/working-group/mwg/proposals/mine/").content.decode()
    assert proposal.title in page
    assert "withdrawn" in page


def test_another_member_cannot_edit_someone_elses_proposal(client, group, member):
    from tests.factories import MemberFactory
    from tests.meetings.conftest import user_with_role

    colleague = user_with_role("colleague", "members")
    MemberFactory(group=group, user=colleague)
    proposal = ProposalFactory(group=group, author=member)
    client.force_login(colleague)
    url = f"/en/working-group/mwg/proposals/{proposal.pk}/edit/"
    assert client.get(url).status_code == 404
    assert (
        client.post(f"/en/working-group/mwg/proposals/{proposal.pk}/withdraw/").status_code == 404
    )


def test_my_proposals_lists_only_mine_with_fixed_queries(
    client, group, member, django_assert_max_num_queries
):
    for n in range(5):
        ProposalFactory(group=group, author=member, title=f"Mine {n}")
    ProposalFactory(group=group, title="Somebody else's")
    client.force_login(member)
    with django_assert_max_num_queries(12):
        page = client.get("/en/working-group/mwg/proposals/mine/").content.decode()
    assert "Mine 4" in page
    assert "Somebody else" not in page


def test_no_email_to_the_author_for_their_own_submission(client, member):
    client.force_login(member)
    submit(client)
    assert mail.outbox == []
