"""The secretariat runs meetings: members, schedule, agenda, invitations with .ics, attendance,
minutes that lock on approval, decisions and their deadlines, publication."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from icalendar import Calendar

from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DecisionStatus,
    Meeting,
    MinutesAmendment,
    MinutesStatus,
)
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    MemberFactory,
)
from tests.meetings.conftest import post_and_confirm

pytestmark = pytest.mark.django_db

M = "/en/working-group/mwg/meetings/"


def test_secretary_adds_a_member_with_dates_and_email(client, secretary, group):
    client.force_login(secretary)
    body = BodyFactory()
    response = client.post(
        "/en/working-group/mwg/members/new/",
        {
            "full_name": "Jyldyz Mamytova",
            "position_en": "Head of division",
            "body": body.pk,
            "role": "member",
            "email": "jyldyz@example.kg",
            "date_from": "2025-01-01",
            "date_to": "2024-01-01",
        },
    )
    assert response.status_code == 200
    assert not group.members.filter(full_name="Jyldyz Mamytova").exists()
    response = client.post(
        "/en/working-group/mwg/members/new/",
        {
            "full_name": "Jyldyz Mamytova",
            "body": body.pk,
            "role": "member",
            "email": "jyldyz@example.kg",
            "date_from": "2025-01-01",
        },
    )
    assert response.status_code == 302
    member = group.members.get(full_name="Jyldyz Mamytova")
    assert member.contact_email == "jyldyz@example.kg"
    assert member.date_from == datetime.date(2025, 1, 1)


def test_secretary_schedules_a_meeting_numbered_next(client, secretary, group, held_meeting):
    client.force_login(secretary)
    response = client.post(
        M + "new/",
        {
            "starts_at": "2027-03-10T10:00",
            "ends_at": "2027-03-10T12:00",
            "place_en": "MEC, room 301",
            "format": "hybrid",
            "online_link": "",
            "status": "planned",
        },
    )
    assert response.status_code == 200
    assert "needs its link" in response.content.decode()
    response = client.post(
        M + "new/",
        {
            "starts_at": "2027-03-10T10:00",
            "ends_at": "2027-03-10T12:00",
            "place_en": "MEC, room 301",
            "format": "hybrid",
            "online_link": "https://meet.example.kg/mwg",
            "status": "planned",
        },
    )
    meeting = group.meetings.get(number=held_meeting.number + 1)
    assert response.status_code == 302
    assert meeting.format == "hybrid"
    # Asia/Bishkek is UTC+6.
    assert meeting.starts_at == datetime.datetime(2027, 3, 10, 4, 0, tzinfo=datetime.UTC)


def test_agenda_add_reorder_remove(client, secretary, planned_meeting):
    client.force_login(secretary)
    base = f"{M}{planned_meeting.number}/agenda/"
    for title in ("First", "Second", "Third"):
        assert client.post(base, {"title_en": title}).status_code == 302
    assert client.post(base, {"title_en": ""}).status_code == 400

    def order():
        return list(
            planned_meeting.agenda_items.order_by("position").values_list("title_en", "position")
        )

    assert order() == [("First", 1), ("Second", 2), ("Third", 3)]
    third = AgendaItem.objects.get(title_en="Third")
    client.post(f"{base}{third.pk}/up/")
    assert order() == [("First", 1), ("Third", 2), ("Second", 3)]
    first = AgendaItem.objects.get(title_en="First")
    client.post(f"{base}{first.pk}/down/")
    assert order() == [("Third", 1), ("First", 2), ("Second", 3)]
    client.post(f"{base}{first.pk}/remove/")
    assert order() == [("Third", 1), ("Second", 2)]
    assert client.post(f"{base}{third.pk}/explode/").status_code == 404


def test_invitations_with_ics_go_to_current_members_with_email(
    client, secretary, group, planned_meeting
):
    MemberFactory(group=group, full_name="Own address", email="own@example.kg")
    MemberFactory(group=group, full_name="No address")
    MemberFactory(
        group=group,
        full_name="Former",
        email="former@example.kg",
        date_to=datetime.date(2020, 1, 1),
    )
    AgendaItemFactory(meeting=planned_meeting, title_en="Draft action plan")
    client.force_login(secretary)
    response = client.post(f"{M}{planned_meeting.number}/invite/")
    assert response.status_code == 302
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["own@example.kg", "secretary@example.kg"]
    message = mail.outbox[0]
    assert "No. 5" in message.subject
    assert "Draft action plan" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "meeting-5.ics"
    assert mimetype.startswith("text/calendar")
    raw = content if isinstance(content, bytes) else content.encode()
    assert b"METHOD:REQUEST\r\n" in raw
    assert b"ORGANIZER" in raw
    planned_meeting.refresh_from_db()
    assert planned_meeting.invitations_sent_at is not None


def parse_ics(raw: bytes):
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    return Calendar.from_ical(raw)


def test_meeting_ics_content(client, group, planned_meeting):
    planned_meeting.ends_at = planned_meeting.starts_at + datetime.timedelta(hours=2)
    planned_meeting.place_en = "Bishkek, 58 Erkindik; room 5, floor 2"
    planned_meeting.save()
    response = client.get(f"{M}{planned_meeting.number}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    raw = response.content
    assert b"DTSTART:" in raw and b"Z\r\n" in raw
    assert b"LOCATION:Bishkek\\, 58 Erkindik\\; room 5\\, floor 2" in raw.replace(b"\r\n ", b"")
    calendar = parse_ics(raw)
    (event,) = calendar.walk("VEVENT")
    starts = planned_meeting.starts_at.astimezone(datetime.UTC).replace(microsecond=0)
    assert event.decoded("dtstart") == starts
    assert event.decoded("dtstart").tzinfo is not None
    assert str(event["uid"]) == "meeting-mwg-5@127.0.0.1"
    assert "No. 5" in str(event["summary"])
    # The UID stays the same when the meeting changes, so calendars update the same event.
    planned_meeting.place_en = "Elsewhere"
    planned_meeting.save()
    again = Calendar.from_ical(client.get(f"{M}{planned_meeting.number}/calendar.ics").content)
    assert str(again.walk("VEVENT")[0]["uid"]) == "meeting-mwg-5@127.0.0.1"


def test_group_calendar_shows_the_public_only_public_meetings(
    client, group, member, planned_meeting, held_meeting, django_assert_max_num_queries
):
    AgendaItemFactory(meeting=planned_meeting, title_en="Secret item")
    public = Calendar.from_ical(client.get("/en/working-group/mwg/calendar.ics").content)
    # The held, unpublished meeting stays in the calendar as it was while planned.
    assert [str(e["uid"]) for e in public.walk("VEVENT")] == [
        "meeting-mwg-4@127.0.0.1",
        "meeting-mwg-5@127.0.0.1",
    ]
    assert not any("Secret item" in str(e.get("description")) for e in public.walk("VEVENT"))
    client.force_login(member)
    for n in range(6, 10):
        MeetingFactory(group=group, number=n)
    with django_assert_max_num_queries(8):
        raw = client.get("/en/working-group/mwg/calendar.ics").content
    full = parse_ics(raw)
    assert len(full.walk("VEVENT")) == 6
    assert "Secret item" in raw.replace(b"\r\n ", b"").decode()


def test_attendance_by_member_and_by_body_with_substitute(client, secretary, group, held_meeting):
    member = MemberFactory(group=group, full_name="Talant Asanov")
    guest_body = BodyFactory(name_en="Swiss project")
    client.force_login(secretary)
    data = {
        "guest-TOTAL_FORMS": "1",
        "guest-INITIAL_FORMS": "0",
        f"m{member.pk}-mark": "represented",
        f"m{member.pk}-substitute": "Substitute Person",
        "guest-0-body": guest_body.pk,
        "guest-0-attendee_name": "Guest",
        "guest-0-present": "on",
    }
    response = client.post(f"{M}{held_meeting.number}/attendance/", data)
    assert response.status_code == 302
    rows = Attendance.objects.filter(meeting=held_meeting).order_by("pk")
    assert [(r.member, r.body, r.attendee_name) for r in rows] == [
        (member, member.body, "Substitute Person"),
        (None, guest_body, "Guest"),
    ]
    page = client.get(held_meeting.get_absolute_url()).content.decode()
    assert "Substitute Person" in page


def test_minutes_lock_on_approval_and_corrections_are_amendments(client, secretary, held_meeting):
    item = AgendaItemFactory(meeting=held_meeting, position=1)
    url = f"{M}{held_meeting.number}/minutes/"
    client.force_login(secretary)
    prefix = f"item-{item.pk}-"
    response = client.post(
        url,
        {
            "action": "save",
            prefix + "minutes_text_en": "Discussed.",
            prefix + "minutes_text_ky": "",
        },
    )
    assert response.status_code == 302
    held_meeting.refresh_from_db()
    assert held_meeting.minutes_status == MinutesStatus.DRAFT
    response = client.post(
        url, {"action": "approve", prefix + "minutes_text_en": "Discussed and agreed."}
    )
    # Approving locks the minutes: first a page that says so and names the missing languages.
    assert response["Location"].endswith(f"{M}{held_meeting.number}/minutes/approve/")
    held_meeting.refresh_from_db()
    assert held_meeting.minutes_status == MinutesStatus.DRAFT
    check = client.get(response["Location"]).content.decode()
    assert "locked" in check and "Kyrgyz, Russian" in check
    client.post(response["Location"])
    held_meeting.refresh_from_db()
    item.refresh_from_db()
    assert held_meeting.minutes_status == MinutesStatus.APPROVED
    assert held_meeting.minutes_approved_by == secretary
    assert item.minutes_text_en == "Discussed and agreed."

    # Locked: the server refuses a change, even from the secretary.
    response = client.post(url, {"action": "save", prefix + "minutes_text_en": "Rewritten."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.minutes_text_en == "Discussed and agreed."
    assert "locked" in client.get(url).content.decode()
    assert client.post(f"{M}{held_meeting.number}/agenda/", {"title_en": "Late"}).status_code == 400
    assert client.post(f"{M}{held_meeting.number}/decisions/new/").status_code == 302
    assert not Decision.objects.exists()

    # A correction is an amendment, with its reason and author, shown with the minutes.
    response = client.post(
        url,
        {"action": "amend", "agenda_item": item.pk, "text": "Agreed unanimously.", "reason": ""},
    )
    assert response.status_code == 200
    assert not MinutesAmendment.objects.exists()
    client.post(
        url,
        {
            "action": "amend",
            "agenda_item": item.pk,
            "text": "Agreed unanimously.",
            "reason": "Vote count omitted.",
        },
    )
    amendment = MinutesAmendment.objects.get()
    assert (amendment.author, amendment.agenda_item) == (secretary, item)
    page = client.get(held_meeting.get_absolute_url()).content.decode()
    assert "Agreed unanimously." in page and "Vote count omitted." in page


def test_decision_status_moves_on_after_approval_but_text_is_locked(
    client, secretary, held_meeting
):
    decision = DecisionFactory(meeting=held_meeting, number="1", text_en="Prepare the draft")
    held_meeting.minutes_status = MinutesStatus.APPROVED
    held_meeting.save()
    client.force_login(secretary)
    url = f"{M}{held_meeting.number}/decisions/{decision.pk}/edit/"
    response = client.post(url, {"status": "done", "text_en": "Rewritten", "number": "9"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DONE
    assert (decision.text_en, decision.number) == ("Prepare the draft", "1")


def test_a_decision_without_a_responsible_body_leaves_its_meeting_pages_working(
    client, secretary, group, held_meeting
):
    """The body is optional (review L4): its meeting's manage page, detail and the decision list
    show a dash, not a 500."""
    DecisionFactory(meeting=held_meeting, number="2", text_en="No body", responsible_body=None)
    client.force_login(secretary)
    for page in ("manage/", ""):
        response = client.get(f"{M}{held_meeting.number}/{page}")
        assert response.status_code == 200
        assert "No body" in response.content.decode()
    assert client.get(f"/en/working-group/{group.slug}/decisions/").status_code == 200


def test_open_decisions_across_meetings_with_overdue_highlighted(
    client, group, member, held_meeting, django_assert_max_num_queries
):
    body = BodyFactory(name_en="Ministry of Finance", short_name_en="MoF")
    other_body = BodyFactory()
    second = MeetingFactory(group=group, number=7)
    late = DecisionFactory(
        meeting=held_meeting,
        text_en="Late one",
        deadline=datetime.date(2024, 1, 31),
        responsible_body=body,
    )
    DecisionFactory(
        meeting=second,
        text_en="Future one",
        deadline=datetime.date.today() + datetime.timedelta(days=30),
        responsible_body=other_body,
    )
    DecisionFactory(meeting=second, text_en="Done one", status=DecisionStatus.DONE)
    assert list(Decision.objects.overdue()) == [late]
    assert late.is_overdue() and not late.is_overdue(datetime.date(2024, 1, 1))
    client.force_login(member)
    with django_assert_max_num_queries(10):
        page = client.get("/en/working-group/mwg/decisions/").content.decode()
    assert "Late one" in page and "Future one" in page and "Done one" not in page
    assert page.count('class="is-overdue"') == 1
    assert "MoF" in page
    page = client.get(
        f"/en/working-group/mwg/decisions/?responsible_body={body.pk}"
    ).content.decode()
    assert "Late one" in page and "Future one" not in page
    page = client.get("/en/working-group/mwg/decisions/?overdue=true").content.decode()
    assert "Late one" in page and "Future one" not in page


def test_public_sees_decisions_of_published_meetings_only(client, group, held_meeting):
    DecisionFactory(meeting=held_meeting, text_en="Unpublished decision")
    assert (
        "Unpublished decision"
        not in client.get("/en/working-group/mwg/decisions/").content.decode()
    )
    held_meeting.news_published_at = held_meeting.starts_at
    held_meeting.save()
    assert "Unpublished decision" in client.get("/en/working-group/mwg/decisions/").content.decode()


def test_publish_needs_a_held_meeting_and_a_news_text(
    client, secretary, planned_meeting, held_meeting
):
    client.force_login(secretary)
    response = client.post(
        f"{M}{planned_meeting.number}/publish/", {"news_title_en": "T", "news_text_en": "X"}
    )
    assert response.status_code == 200
    assert Meeting.objects.get(pk=planned_meeting.pk).news_published_at is None
    response = client.post(f"{M}{held_meeting.number}/publish/", {"news_title_ky": "Жыйын"})
    assert response.status_code == 200
    assert Meeting.objects.get(pk=held_meeting.pk).news_published_at is None
    response = post_and_confirm(
        client,
        f"{M}{held_meeting.number}/publish/",
        {
            "news_title_ky": "Жумушчу топтун жыйыны",
            "news_title_ru": "Заседание рабочей группы",
            "news_title_en": "Working group meeting",
            "news_text_ky": "Талкууланды.",
            "news_text_ru": "Обсудили.",
            "news_text_en": "Discussed.",
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/ru/working-group/mwg/meetings/{held_meeting.number}/").content.decode()
    assert "Заседание рабочей группы" in page and "Обсудили." in page
