"""In a real browser, at a desk (1366 px) and on a phone (390 px): the forms that fit the work."""

from __future__ import annotations

import pytest

from measures.models import Measure
from meetings.models import MemberRole
from tests.browser.conftest import login, screenshot
from tests.edit_helpers import editor_of
from tests.factories import (
    BodyFactory,
    DirectionFactory,
    MeasureFactory,
    MeetingFactory,
    MemberFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    UnitFactory,
    WorkingGroupFactory,
)
from tests.meetings.conftest import user_with_role

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [pytest.param(1366, id="desk"), pytest.param(390, id="phone")]


OVERFLOW = """() => {
  if (document.documentElement.scrollWidth <= window.innerWidth) { return []; }
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > window.innerWidth + 1 && el.closest(".table-wrap") === null) {
      wide.push(el.tagName + "." + el.className + "#" + el.id + " " + Math.round(box.right));
    }
  }
  return wide.slice(0, 8).concat(["scrollWidth " + document.documentElement.scrollWidth]);
}"""


def fits(page) -> bool:
    """Nothing on the page is wider than the viewport (no sideways scrolling); when something
    is, the assertion names the widest elements."""
    wide = page.evaluate(OVERFLOW)
    assert not wide, wide
    return True


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


@pytest.mark.parametrize("width", WIDTHS)
def test_a_new_measure_is_placed_by_its_number(live_server, new_page, width):
    programme = ProgrammeFactory(code="P-PLACE")
    one = DirectionFactory(programme=programme, number="1", title_en="Growth")
    two = DirectionFactory(programme=programme, number="2", title_en="Border")
    ObjectiveFactory(direction=one, number="1.1", title_en="Roads")
    water = ObjectiveFactory(direction=two, number="2.1", title_en="Water")
    ObjectiveFactory(direction=two, number="2.2", title_en="Schools")
    body = BodyFactory(name_en="Ministry of Water")
    editor_of(programme, username="editor1")

    page = new_page(viewport={"width": width, "height": 900})
    login(page, live_server, "editor1")
    page.goto(f"{live_server.url}/en/plan/P-PLACE/new/")
    page.fill("input[name=measure-number]", "2.1.4")
    assert page.input_value("select[name=measure-direction]") == str(two.pk)
    assert page.input_value("select[name=measure-objective]") == str(water.pk)
    # The objective list holds only direction 2's objectives (and the empty choice).
    options = page.locator("select[name=measure-objective] option").all_text_contents()
    assert len(options) == 3 and not any("Roads" in o for o in options)
    page.fill("textarea[name=measure-title_en]", "Water pipes in border villages")
    page.fill("input[name=measure-deadline_text]", str(programme.period_start_year))
    page.select_option("select[name=measure-lead_body]", value=str(body.pk))
    assert fits(page)
    screenshot(page, f"measure-placed-{width}")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    measure = Measure.objects.get(programme=programme, number="2.1.4")
    assert (measure.direction, measure.objective) == (two, water)


def small_territory():
    """Two oblasts with their districts (a transactional test starts without reference data)."""
    from regions.models import AdministrativeUnit, UnitLevel

    if AdministrativeUnit.objects.exists():
        return
    for o, (oblast, districts) in enumerate(
        [
            ("Talas Region", ["Bakai-Ata District", "Kara-Buura District"]),
            ("Naryn Region", ["At-Bashy District", "Kochkor District", "Jumgal District"]),
        ]
    ):
        top = UnitFactory(soate=f"417090{o}0000000", name_en=oblast)
        for d, name in enumerate(districts):
            UnitFactory(
                soate=f"417090{o}{d + 1}000000", name_en=name, parent=top, level=UnitLevel.DISTRICT
            )


@pytest.mark.parametrize("width", WIDTHS)
def test_territories_picked_by_oblast_and_by_search(live_server, new_page, width):
    from measures.forms import editable_units

    small_territory()
    measure = MeasureFactory(number="1.1.1", deadline_text="IV квартал 2026")
    editor_of(measure.programme, username="editor1")
    units = editable_units()
    oblast = next(u for u in units if u.depth == 0 and u.level == "oblast")
    districts = [u for u in units if u.tree_path.startswith(oblast.tree_path) and u != oblast]
    far = next(u for u in units if u.depth > 0 and not u.tree_path.startswith(oblast.tree_path))

    page = new_page(viewport={"width": width, "height": 900})
    login(page, live_server, "editor1")
    page.goto(f"{live_server.url}/en/plan/{measure.programme.code}/1.1.1/edit/")
    picker = page.locator("[data-unit-picker]")
    # By oblast: open it and tick "all districts and cities".
    picker.locator("summary", has_text=str(oblast.name_en)).first.click()
    picker.locator(f"input[name=measure-districts_of][value='{oblast.pk}']").check()
    # By search: type part of a name; only matching units stay in view.
    page.fill("[data-unit-search]", str(far.name_en)[:6])
    page.get_by_label(str(far.name_en), exact=True).check()
    chips = picker.locator("[data-unit-chips] button").all_text_contents()
    assert any(str(far.name_en) in c for c in chips)
    assert len(chips) == len(districts) + 1
    assert fits(page)
    screenshot(page, f"territories-{width}")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    chosen = set(measure.target_units.values_list("pk", flat=True))
    assert chosen == {u.pk for u in districts} | {far.pk}


@pytest.mark.parametrize("width", WIDTHS)
def test_restore_and_minutes_approval_through_their_confirmation_pages(
    live_server, new_page, width
):
    from measures.services import MeasureContent, measure_update
    from meetings.models import MinutesStatus
    from tests.factories import AgendaItemFactory

    measure = MeasureFactory(number="1.1.1", title_en="Old title", deadline_text="IV квартал 2026")
    editor = editor_of(measure.programme, username="editor1")
    content = MeasureContent(fields={"title_en": "Spoilt title"}, funding_lines=[])
    measure_update(measure=measure, content=content, user=editor, expected_version=1)

    page = new_page(viewport={"width": width, "height": 900})
    login(page, live_server, "editor1")
    page.goto(f"{live_server.url}/en/plan/{measure.programme.code}/1.1.1/history/")
    page.get_by_role("link", name="Restore this version").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Changes that will be undone").is_visible()
    assert fits(page)
    screenshot(page, f"restore-confirm-{width}")
    measure.refresh_from_db()
    assert measure.title_en == "Spoilt title"
    page.get_by_role("button", name="Restore this version").click()
    page.wait_for_load_state()
    measure.refresh_from_db()
    assert measure.title_en == "Old title"

    group = WorkingGroupFactory(slug="mwg")
    secretary = user_with_role("secretary", "secretariat")
    MemberFactory(group=group, user=secretary, role=MemberRole.SECRETARY)
    meeting = MeetingFactory(group=group, number=2)
    AgendaItemFactory(meeting=meeting, position=1, title_en="The draft plan")
    office = new_page(viewport={"width": width, "height": 900})
    login(office, live_server, "secretary")
    office.goto(f"{live_server.url}/en/working-group/mwg/meetings/2/minutes/")
    office.locator("textarea[name$=minutes_text_ru]").fill("Обсудили проект плана.")
    office.get_by_role("button", name="Save and approve the minutes").click()
    office.wait_for_load_state()
    # The check page warns that the Kyrgyz and English texts are empty.
    assert office.get_by_text("Some texts are missing in a language:").is_visible()
    assert office.get_by_text("Kyrgyz, English").is_visible()
    assert fits(office)
    screenshot(office, f"minutes-approve-{width}")
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.DRAFT
    office.get_by_role("button", name="Approve and lock the minutes").click()
    office.wait_for_load_state()
    meeting.refresh_from_db()
    assert meeting.minutes_status == MinutesStatus.APPROVED


def test_no_page_is_wider_than_a_phone(live_server, new_page):
    """Every public page, the edit forms and the workspaces at 390 px: nothing scrolls sideways
    (a wide table scrolls inside its own box)."""
    from django.contrib.auth.models import Group

    from tests.factories import AgendaItemFactory, DecisionFactory, FundingLineFactory

    small_territory()
    measure = MeasureFactory(number="1.1.1", title_en="Drinking water", deadline_text="2026")
    FundingLineFactory(measure=measure, year=2026, planned_amount="1500.0")
    programme = measure.programme
    editor_of(programme, username="editor1")
    group = WorkingGroupFactory(slug="mwg", programme=programme)
    secretary = user_with_role("secretary", "secretariat")
    MemberFactory(group=group, user=secretary, role=MemberRole.SECRETARY)
    member = user_with_role("member", "members")
    MemberFactory(group=group, user=member)
    meeting = MeetingFactory(group=group, number=1)
    AgendaItemFactory(meeting=meeting, position=1)
    DecisionFactory(meeting=meeting)
    assert Group.objects.filter(name="secretariat").exists()
    unit = measure.target_units.first()
    public = [
        "/en/",
        "/en/programmes/",
        f"/en/programmes/{programme.code}/",
        f"/en/plan/?programme={programme.code}",
        f"/en/plan/{programme.code}/1.1.1/",
        "/en/territory/",
        "/en/bodies/",
        f"/en/bodies/{measure.lead_body_id}/",
        "/en/working-group/",
        "/en/working-group/mwg/",
        "/en/working-group/mwg/meetings/",
        "/en/contacts/",
        "/en/accessibility/",
        "/en/privacy/",
    ]
    if unit:
        public.append(f"/en/territory/{unit.soate}/")
    editing = [
        f"/en/plan/{programme.code}/new/",
        f"/en/plan/{programme.code}/1.1.1/edit/",
        f"/en/plan/{programme.code}/1.1.1/history/",
        f"/en/plan/{programme.code}/changes/",
        "/en/my-work/",
    ]
    office = [
        "/en/working-group/mwg/meetings/1/manage/",
        "/en/working-group/mwg/meetings/1/attendance/",
        "/en/working-group/mwg/meetings/1/minutes/",
        "/en/working-group/mwg/meetings/1/decisions/new/",
        "/en/working-group/mwg/meetings/new/",
        "/en/working-group/mwg/proposals/",
        "/en/working-group/mwg/decisions/",
        "/en/working-group/mwg/members/",
        "/en/my-work/",
    ]
    wide = {}
    for who, paths in (("", public), ("editor1", editing), ("secretary", office)):
        page = new_page(viewport={"width": 390, "height": 844})
        if who:
            login(page, live_server, who)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status < 400, path
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                wide[path] = overflow
                screenshot(page, "too-wide-" + path.strip("/").replace("/", "-").replace("?", "-"))
    assert not wide, wide


def test_the_plan_is_one_card_per_measure_on_a_phone(live_server, new_page):
    measure = MeasureFactory(number="1.1.1", title_en="Drinking water", deadline_text="2026")
    MeasureFactory(
        number="1.1.2",
        programme=measure.programme,
        objective=measure.objective,
        direction=measure.direction,
        title_en="Roads",
        deadline_text="2027",
    )
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/en/plan/?programme={measure.programme.code}")
    cards = page.locator("table.plan tr.measure")
    assert cards.count() == 2
    assert cards.first.evaluate("row => getComputedStyle(row).display") == "block"
    assert page.locator("table.plan thead").evaluate("h => getComputedStyle(h).display") == "none"
    assert fits(page)
    screenshot(page, "plan-cards-390")
    desk = new_page(viewport={"width": 1366, "height": 900})
    desk.goto(f"{live_server.url}/en/plan/?programme={measure.programme.code}")
    assert (
        desk.locator("table.plan tr.measure").first.evaluate("row => getComputedStyle(row).display")
        == "table-row"
    )
