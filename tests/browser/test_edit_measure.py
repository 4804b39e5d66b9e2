"""An editor changes a measure in a real browser; two editors collide on the same measure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from measures.models import FundingLine, Measure
from tests.browser.conftest import login, screenshot
from tests.edit_helpers import editor_of
from tests.factories import FundingLineFactory, MeasureFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def measure():
    measure = MeasureFactory(
        number="1.2.1",
        title_ru="Разработка генеральных планов",
        title_en="General plans of settlements",
        deadline_text="IV квартал 2026",
    )
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1500.0"))
    return measure


def edit_url(live_server, measure, lang="en"):
    return f"{live_server.url}/{lang}/plan/{measure.programme.code}/{measure.number}/edit/"


def test_editor_changes_deadline_and_funding_and_sees_it_in_the_history(live_server, page, measure):
    editor_of(measure.programme, username="editor1")
    login(page, live_server, "editor1")
    page.goto(f"{live_server.url}/en/plan/{measure.programme.code}/{measure.number}/")
    page.get_by_role("link", name="Edit", exact=True).first.click()
    page.wait_for_load_state()
    assert "/edit/" in page.url

    deadline = page.locator("input[name='measure-deadline_text']")
    deadline.fill("II полугодие 2027")
    # The period the text stands for appears next to the field while typing (htmx).
    page.locator("#deadline-preview").get_by_text("01.07.2027 – 31.12.2027").wait_for()
    page.fill("input[name='funding-0-planned_amount']", "2750.5")
    screenshot(page, "edit-measure-form-en")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"/en/plan/{measure.programme.code}/{measure.number}/")
    assert page.get_by_text("The changes have been saved.").is_visible()
    measure.refresh_from_db()
    assert measure.deadline_text == "II полугодие 2027"
    assert FundingLine.objects.get(measure=measure).planned_amount == Decimal("2750.5")

    page.get_by_role("link", name="History", exact=True).first.click()
    page.wait_for_load_state()
    history = page.locator("main")
    assert history.get_by_text("editor1").first.is_visible()
    assert history.get_by_text("IV квартал 2026").first.is_visible()
    assert history.get_by_text("II полугодие 2027").first.is_visible()
    assert history.get_by_text("Funding: republican budget, 2026").first.is_visible()
    assert history.get_by_text("2,750.5").first.is_visible()
    screenshot(page, "measure-history-en")


def test_second_editor_is_refused_sees_the_other_change_and_keeps_own_input(
    live_server, new_page, measure
):
    editor_of(measure.programme, username="first")
    editor_of(measure.programme, username="second")
    first, second = new_page(), new_page()
    login(first, live_server, "first")
    login(second, live_server, "second")
    first.goto(edit_url(live_server, measure))
    second.goto(edit_url(live_server, measure))

    first.fill("textarea[name='measure-title_ru']", "Генеральные планы 20 городов")
    first.get_by_role("button", name="Save").click()
    first.wait_for_load_state()
    assert first.get_by_text("The changes have been saved.").is_visible()

    second.fill("input[name='measure-deadline_text']", "I квартал 2028")
    second.fill("textarea[name='measure-expected_result_ru']", "Утверждены генпланы")
    second.get_by_role("button", name="Save").click()
    second.wait_for_load_state()

    conflict = second.locator("#conflict")
    assert conflict.get_by_text("Someone else saved this measure").is_visible()
    assert conflict.get_by_text("first", exact=True).is_visible()
    assert conflict.get_by_text("Генеральные планы 20 городов").is_visible()
    assert conflict.get_by_text("Разработка генеральных планов").is_visible()
    # The second editor's own input is still in the form.
    assert second.locator("input[name='measure-deadline_text']").input_value() == "I квартал 2028"
    assert (
        second.locator("textarea[name='measure-expected_result_ru']").input_value()
        == "Утверждены генпланы"
    )
    screenshot(second, "edit-conflict-en")

    measure.refresh_from_db()
    assert measure.title_ru == "Генеральные планы 20 городов"
    assert measure.deadline_text == "IV квартал 2026"
    assert measure.expected_result_ru == ""

    # Having seen the other change, the second editor saves on purpose.
    second.get_by_role("button", name="Save").click()
    second.wait_for_load_state()
    measure.refresh_from_db()
    assert measure.deadline_text == "I квартал 2028"
    assert measure.title_ru == "Генеральные планы 20 городов"  # the first editor's work stays


def test_rows_are_added_in_the_page_without_a_reload(live_server, page, measure):
    editor_of(measure.programme, username="editor1")
    login(page, live_server, "editor1", lang="ru")
    page.goto(edit_url(live_server, measure, lang="ru"))
    page.evaluate("window.__same_page = true")
    page.locator("[data-add-row='funding']").click()
    assert page.evaluate("window.__same_page") is True  # no navigation happened
    assert page.locator("#id_funding-TOTAL_FORMS").input_value() == "3"
    page.select_option("select[name='funding-2-source']", "donor")
    page.fill("input[name='funding-2-year']", "2028")
    page.fill("input[name='funding-2-planned_amount']", "40,5")
    page.locator("[data-add-row='executors']").click()
    assert page.evaluate("window.__same_page") is True
    page.locator("button[name='save']").click()
    page.wait_for_load_state()
    line = FundingLine.objects.get(measure=measure, source="donor")
    assert (line.year, line.planned_amount) == (2028, Decimal("40.5"))
    assert Measure.objects.get(pk=measure.pk).version == 2


def test_bad_deadline_gets_a_message_next_to_the_field(live_server, page, measure):
    editor_of(measure.programme, username="editor1")
    login(page, live_server, "editor1")
    page.goto(edit_url(live_server, measure))
    page.fill("input[name='measure-deadline_text']", "IV квартал 2035")
    page.fill("input[name='funding-0-planned_amount']", "-1")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.get_by_text(
        "The deadline lies outside the programme period 2025–2030."
    ).is_visible()
    assert page.get_by_text("An amount cannot be negative.").is_visible()
    screenshot(page, "edit-measure-errors-en")
    measure.refresh_from_db()
    assert measure.deadline_text == "IV квартал 2026"
