"""A visitor reads the plan in a real browser: home → action plan → a measure, then switches language."""

import pytest

from tests.browser.conftest import screenshot
from tests.factories import FundingLineFactory, MeasureFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_reads_plan_and_switches_language(live_server, page):
    naryn = UnitFactory(name_ky="Нарын облусу", name_ru="Нарынская область", name_en="Naryn Region")
    measure = MeasureFactory(
        title_ky="Айылдарды таза суу менен камсыз кылуу",
        title_ru="Обеспечение сёл чистой питьевой водой",
        title_en="Drinking water for villages",
        target_units=[naryn],
    )
    FundingLineFactory(measure=measure, planned_amount="1500.0")

    page.goto(f"{live_server.url}/ky/plan/?programme={measure.programme.code}")
    assert page.locator("html").get_attribute("lang") == "ky"
    page.get_by_text("Айылдарды таза суу менен камсыз кылуу").first.click()
    page.wait_for_load_state()
    assert f"/ky/plan/{measure.programme.code}/{measure.number}/" in page.url
    assert page.get_by_text("1 500,0").first.is_visible()
    screenshot(page, "measure-ky")

    page.goto(page.url.replace("/ky/", "/en/"))
    assert page.get_by_text("Drinking water for villages").first.is_visible()
    assert page.get_by_text("1,500.0").first.is_visible()


def test_plan_is_usable_on_a_phone(live_server, new_page):
    measure = MeasureFactory(title_en="Territorial planning of growth points")
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/en/plan/?programme={measure.programme.code}")
    assert page.get_by_text("Territorial planning of growth points").first.is_visible()
    # The page itself does not scroll sideways; only the table inside its wrapper may.
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 400
    screenshot(page, "plan-phone-en")
