"""In a real browser, on a desk and on a phone: a member of the group that drafted the programme
proposes a change to a measure of the adopted plan that superseded the draft."""

from __future__ import annotations

import pytest

from meetings.models import Proposal
from tests.browser.conftest import login, screenshot
from tests.factories import (
    DirectionFactory,
    MeasureFactory,
    MemberFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    WorkingGroupFactory,
)
from tests.meetings.conftest import user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_member_proposes_a_change_to_the_adopted_plan(live_server, new_page, width):
    group = WorkingGroupFactory(slug="mwg")
    adopted = ProgrammeFactory(code="REG-2025-2030", status="adopted")
    group.programme.superseded_by = adopted
    group.programme.save()
    for programme, title in ((group.programme, "Draft roads"), (adopted, "Adopted roads")):
        objective = ObjectiveFactory(
            direction=DirectionFactory(programme=programme, number="3"), number="3.1"
        )
        MeasureFactory(objective=objective, number="3.1.2", title_en=title)
    member = user_with_role("member", "members")
    MemberFactory(group=group, user=member, full_name="Nurlan Abdykalykov")

    page = new_page(viewport={"width": width, "height": 900})
    login(page, live_server, "member")
    page.goto(f"{live_server.url}/en/working-group/mwg/proposals/new/")
    page.get_by_label("an existing measure").check()
    page.select_option("select[name=measure]", label="REG-2025-2030 · 3.1.2 Adopted roads")
    page.fill("input[name=title]", "Extend the deadline")
    page.fill("textarea[name=text]", "Move the deadline to 2027.")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"wg-proposal-adopted-{width}")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_load_state()
    assert page.get_by_text("Your proposal has been sent to the secretariat.").is_visible()
    assert page.get_by_role("link", name="REG-2025-2030 · 3.1.2").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    proposal = Proposal.objects.get()
    assert proposal.programme == adopted and proposal.measure.programme == adopted
