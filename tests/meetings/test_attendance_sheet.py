"""The attendance sheet: every member of the group on one page with their body, present / absent /
represented by someone, guests on the same page, one save."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.models import Attendance, MinutesStatus
from meetings.services import attendance_roster, attendance_save
from tests.factories import BodyFactory, MeetingFactory, MemberFactory

pytestmark = pytest.mark.django_db

M = "/en/working-group/mwg/meetings/"


def sheet_data(marks: dict, guests: list[dict] | None = None, initial_guests: int = 0) -> dict:
    data = {"guest-TOTAL_FORMS": str(len(guests or [])), "guest-INITIAL_FORMS": str(initial_guests)}
    for member, (mark, substitute) in marks.items():
        data[f"m{member.pk}-mark"] = mark
        data[f"m{member.pk}-substitute"] = substitute
    for i, guest in enumerate(guests or []):
        data.update({f"guest-{i}-{k}": v for k, v in guest.items()})
    return data


def test_sheet_lists_every_current_member_with_their_body(client, secretary, group, held_meeting):
    day = timezone.localdate(held_meeting.starts_at)
    current = MemberFactory(group=group, full_name="Current One")
    MemberFactory(group=group, full_name="Left Before", date_to=day - datetime.timedelta(days=1))
    MemberFactory(group=group, full_name="Joined Later", date_from=day + datetime.timedelta(days=1))
    client.force_login(secretary)
    page = client.get(f"{M}{held_meeting.number}/attendance/").content.decode()
    assert "Current One" in page and str(current.body.name) in page
    assert "Left Before" not in page and "Joined Later" not in page
    assert f'name="m{current.pk}-mark"' in page


def test_eleven_members_and_a_guest_in_one_save(client, secretary, group, held_meeting):
    members = [MemberFactory(group=group, full_name=f"Person {i:02d}") for i in range(10)]
    members.append(group.members.get(user=secretary))
    marks = dict.fromkeys(members[:8], ("present", ""))
    marks[members[8]] = ("absent", "")
    marks[members[9]] = ("represented", "Deputy Name")
    marks[members[10]] = ("present", "")
    guest_body = BodyFactory(name_en="Donor project")
    guests = [{"attendee_name": "Guest Person", "body": guest_body.pk, "present": "on"}]
    client.force_login(secretary)
    response = client.post(f"{M}{held_meeting.number}/attendance/", sheet_data(marks, guests))
    assert response.status_code == 302
    rows = {a.member_id: a for a in held_meeting.attendance.all()}
    assert len(rows) == 12
    assert all(rows[m.pk].body_id == m.body_id for m in members)
    assert not rows[members[8].pk].present
    assert rows[members[9].pk].attendee_name == "Deputy Name" and rows[members[9].pk].present
    assert rows[None].attendee_name == "Guest Person" and rows[None].body == guest_body


def test_represented_without_a_name_saves_nothing_and_says_why(
    client, secretary, group, held_meeting
):
    one, two = MemberFactory(group=group), MemberFactory(group=group, full_name="Bakyt Osmonov")
    client.force_login(secretary)
    data = sheet_data({one: ("present", ""), two: ("represented", "")})
    response = client.post(f"{M}{held_meeting.number}/attendance/", data)
    assert response.status_code == 200
    assert "Write who came instead of the member." in response.content.decode()
    assert not held_meeting.attendance.exists()


def test_a_name_in_represented_by_marks_the_member_represented(
    client, secretary, group, held_meeting
):
    one = MemberFactory(group=group)
    client.force_login(secretary)
    data = sheet_data({one: ("present", "Somebody Else")})
    assert client.post(f"{M}{held_meeting.number}/attendance/", data).status_code == 302
    row = held_meeting.attendance.get()
    assert row.attendee_name == "Somebody Else" and row.present


def test_second_save_updates_clears_and_removes_guests(client, secretary, group, held_meeting):
    one, two = MemberFactory(group=group), MemberFactory(group=group)
    guest = Attendance.objects.create(
        meeting=held_meeting, attendee_name="Old Guest", body=BodyFactory()
    )
    Attendance.objects.create(meeting=held_meeting, member=one, body=one.body)
    client.force_login(secretary)
    data = sheet_data(
        {one: ("", ""), two: ("absent", "")},
        [
            {
                "id": guest.pk,
                "attendee_name": "Old Guest",
                "body": guest.body_id,
                "present": "on",
                "DELETE": "on",
            }
        ],
        initial_guests=1,
    )
    assert client.post(f"{M}{held_meeting.number}/attendance/", data).status_code == 302
    assert [(a.member, a.present) for a in held_meeting.attendance.all()] == [(two, False)]


def test_no_js_add_a_guest_gives_one_more_row_and_saves_nothing(
    client, secretary, group, held_meeting
):
    client.force_login(secretary)
    data = {**sheet_data({}), "add_guest": "1"}
    response = client.post(f"{M}{held_meeting.number}/attendance/", data)
    assert response.status_code == 200
    assert 'name="guest-0-attendee_name"' in response.content.decode()
    assert not held_meeting.attendance.exists()


def test_locked_minutes_refuse_the_sheet(client, secretary, group, held_meeting):
    one = MemberFactory(group=group)
    held_meeting.minutes_status = MinutesStatus.APPROVED
    held_meeting.save()
    client.force_login(secretary)
    response = client.post(
        f"{M}{held_meeting.number}/attendance/", sheet_data({one: ("present", "")})
    )
    assert response.status_code == 302
    assert not held_meeting.attendance.exists()


@pytest.mark.parametrize("who", ["member", "other_secretary", "anonymous"])
def test_only_the_groups_secretary_saves_attendance(request, client, group, held_meeting, who):
    one = MemberFactory(group=group)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"{M}{held_meeting.number}/attendance/", sheet_data({one: ("present", "")})
    )
    assert (
        response.status_code in (302, 403)
        if who == "anonymous"
        else response.status_code in (403, 404)
    )
    assert not held_meeting.attendance.exists()


def test_service_refuses_a_member_of_another_group(secretary, group, held_meeting, other_group):
    stranger = MemberFactory(group=other_group)
    with pytest.raises(ValidationError):
        attendance_save(
            meeting=held_meeting, user=secretary, marks=[(stranger, "present", "", "")], guests=[]
        )
    assert not held_meeting.attendance.exists()


def test_roster_keeps_a_recorded_member_who_has_left_since(group):
    meeting = MeetingFactory(group=group, number=9)
    gone = MemberFactory(group=group, date_to=datetime.date(2000, 1, 1))
    Attendance.objects.create(meeting=meeting, member=gone, body=gone.body)
    assert gone in [m for m, _row in attendance_roster(meeting)]


@pytest.mark.parametrize("count", [2, 12])
def test_sheet_runs_a_fixed_number_of_queries(
    client, secretary, group, held_meeting, django_assert_max_num_queries, count
):
    for i in range(count):
        member = MemberFactory(group=group)
        if i % 2:
            Attendance.objects.create(meeting=held_meeting, member=member, body=member.body)
    Attendance.objects.create(meeting=held_meeting, attendee_name="G", body=BodyFactory())
    client.force_login(secretary)
    with django_assert_max_num_queries(16):
        assert client.get(f"{M}{held_meeting.number}/attendance/").status_code == 200


@pytest.mark.parametrize("who", ["member", "other_secretary", "anonymous"])
def test_only_the_secretary_approves_minutes(request, client, group, held_meeting, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = f"{M}{held_meeting.number}/minutes/approve/"
    assert client.get(url).status_code in (302, 403, 404)
    assert client.post(url).status_code in (302, 403, 404)
    held_meeting.refresh_from_db()
    assert held_meeting.minutes_status != MinutesStatus.APPROVED


def test_marking_a_future_meeting_held_is_refused(secretary, group, planned_meeting):
    planned_meeting.status = "held"
    with pytest.raises(ValidationError, match="before it has begun"):
        planned_meeting.full_clean()


def test_decision_numbers_are_given_in_order_and_stay_editable(
    client, secretary, group, held_meeting
):
    from meetings.forms import DecisionForm
    from meetings.services import decision_next_number
    from tests.factories import DecisionFactory

    assert decision_next_number(held_meeting) == "1"
    DecisionFactory(meeting=held_meeting, number="1")
    DecisionFactory(meeting=held_meeting, number="2a")
    assert decision_next_number(held_meeting) == "2"
    assert DecisionForm(meeting=held_meeting)["number"].value() == "2"
    client.force_login(secretary)
    page = client.get(f"{M}{held_meeting.number}/decisions/new/").content.decode()
    assert 'name="number" value="2"' in page
