"""In a real browser, at a desk (1366 px) and on a phone (390 px): the forms that fit the work."""

from __future__ import annotations

import pytest

from meetings.models import MemberRole
from tests.browser.conftest import login, screenshot
from tests.factories import MeetingFactory, MemberFactory, WorkingGroupFactory
from tests.meetings.conftest import user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [pytest.param(1366, id="desk"), pytest.param(390, id="phone")]


def fits(page) -> bool:
    """Nothing on the page is wider than the viewport (no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_attendance_of_an_eleven_member_group_in_one_save(live_server, new_page, width):
    group = WorkingGroupFactory(slug="mwg")
    secretary = user_with_role("secretary", "secretariat")
    MemberFactory(group=group, user=secretary, role=MemberRole.SECRETARY, full_name="Aiperi T.")
    members = [MemberFactory(group=group, full_name=f"Member {i:02d}") for i in range(10)]
    meeting = MeetingFactory(group=group, number=3)

    page = new_page(viewport={"width": width, "height": 900})
    login(page, live_server, "secretary")
    page.goto(f"{live_server.url}/en/working-group/mwg/meetings/3/attendance/")
    for member in [*members, group.members.get(user=secretary)]:
        page.check(f"input[name=m{member.pk}-mark][value=present]")
    page.check(f"input[name=m{members[3].pk}-mark][value=absent]")
    page.fill(f"input[name=m{members[5].pk}-substitute]", "Deputy of Member 05")
    page.check(f"input[name=m{members[5].pk}-mark][value=represented]")
    page.fill("input[name=guest-0-attendee_name]", "Partnership representative")
    page.select_option("select[name=guest-0-body]", index=1)
    assert fits(page)
    screenshot(page, f"attendance-{width}")
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state()
    assert page.get_by_text("Attendance has been saved.").is_visible()
    rows = list(meeting.attendance.all())
    assert len(rows) == 12
    assert sum(1 for r in rows if not r.present) == 1
    assert any(r.attendee_name == "Deputy of Member 05" and r.member == members[5] for r in rows)
