"""In a real browser, on a desk and on a phone: the secretary publishes a held meeting through the
check page, which warns about the languages still empty and fits a 390 px screen."""

from __future__ import annotations

import pytest

from meetings.models import Meeting, MemberRole
from tests.browser.conftest import login, screenshot
from tests.browser.test_forms_fit import WIDTHS, fits
from tests.factories import AgendaItemFactory, MeetingFactory, MemberFactory, WorkingGroupFactory
from tests.meetings.conftest import user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_secretary_publishes_through_the_check_page(live_server, new_page, width):
    group = WorkingGroupFactory(slug="mwg")
    secretary = user_with_role("secretary", "secretariat")
    MemberFactory(group=group, user=secretary, role=MemberRole.SECRETARY)
    meeting = MeetingFactory(group=group, number=2)
    AgendaItemFactory(meeting=meeting, position=1, title_ky="", title_ru="", title_en="Plan")

    page = new_page(viewport={"width": width, "height": 900})
    login(page, live_server, "secretary")
    page.goto(f"{live_server.url}/en/working-group/mwg/meetings/2/publish/")
    page.fill("input[name=news_title_en]", "The working group met")
    page.fill("textarea[name=news_text_en]", "It agreed on the plan.")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert page.url.endswith("/meetings/2/publish/confirm/")
    assert page.get_by_role("heading", name="Publish meeting No. 2 with its news?").is_visible()
    assert page.get_by_text("Agenda item 1 — Kyrgyz, Russian").is_visible()
    assert page.get_by_text("What cannot be undone").is_visible()
    assert fits(page)
    screenshot(page, f"confirm-publish-{width}")
    assert Meeting.objects.get(pk=meeting.pk).news_published_at is None

    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert page.get_by_text("The meeting and its news are published.").is_visible()
    assert Meeting.objects.get(pk=meeting.pk).news_published_at is not None
