"""Two editors on one measure: the second save does not overwrite the first."""

from __future__ import annotations

import pytest

from measures.services import EditConflict, MeasureContent, measure_update
from tests.edit_helpers import editor_of, measure_post_data
from tests.factories import FundingLineFactory, MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    measure = MeasureFactory(number="3.1.1", title_ru="Исходное название")
    FundingLineFactory(measure=measure, year=2026)
    return measure


def edit_url(measure):
    return f"/en/plan/{measure.programme.code}/{measure.number}/edit/"


def test_second_save_of_the_same_version_is_refused_and_shows_what_changed(client, measure):
    first = editor_of(measure.programme, username="first_editor")
    second = editor_of(measure.programme, username="second_editor")
    opened_by_both = measure_post_data(measure)  # both opened version 1

    client.force_login(first)
    first_data = {**opened_by_both, "measure-title_ru": "Название первого редактора"}
    assert client.post(edit_url(measure), first_data).status_code == 302

    client.force_login(second)
    second_data = {**opened_by_both, "measure-deadline_text": "I квартал 2027"}
    second_data["measure-implementation_mechanism_ru"] = "Текст второго редактора"
    response = client.post(edit_url(measure), second_data)

    assert response.status_code == 409
    html = response.content.decode()
    # What the other person changed: field, old → new, who.
    assert "Someone else saved this measure while you were editing it" in html
    assert "first_editor" in html
    assert "Исходное название" in html and "Название первого редактора" in html
    # The second editor's input is still in the form.
    assert 'value="I квартал 2027"' in html
    assert "Текст второго редактора" in html
    # ...and the hidden version now says they have seen version 2.
    assert 'name="measure-version" value="2"' in html
    # Fields the second editor left alone now show the first editor's value.
    assert "Название первого редактора</textarea>" in html
    # The first editor's change is intact; nothing of the second one was written.
    measure.refresh_from_db()
    assert measure.title_ru == "Название первого редактора"
    assert measure.deadline_text == "IV квартал 2026"
    assert measure.implementation_mechanism_ru == ""
    assert measure.version == 2


def test_after_seeing_the_conflict_the_second_editor_can_save_on_purpose(client, measure):
    opened = measure_post_data(measure)
    client.force_login(editor_of(measure.programme))
    assert client.post(edit_url(measure), {**opened, "measure-title_ru": "A"}).status_code == 302
    stale = {**opened, "measure-deadline_text": "I квартал 2027"}
    response = client.post(edit_url(measure), stale)
    assert response.status_code == 409
    # The form that came back: the editor's deadline, the first editor's title, version 2.
    retry = response.context["forms"].main.data
    assert retry["measure-title_ru"] == "A"
    assert client.post(edit_url(measure), retry).status_code == 302
    measure.refresh_from_db()
    assert measure.deadline_text == "I квартал 2027"
    assert measure.title_ru == "A"  # the first save is not undone
    assert measure.version == 3


def test_service_refuses_a_stale_version(measure):
    editor = editor_of(measure.programme)
    measure_update(
        measure=measure,
        content=MeasureContent(fields={"status": "delayed"}),
        user=editor,
        expected_version=1,
    )
    with pytest.raises(EditConflict) as caught:
        measure_update(
            measure=measure,
            content=MeasureContent(fields={"status": "completed"}),
            user=editor,
            expected_version=1,
        )
    assert caught.value.measure.version == 2
    measure.refresh_from_db()
    assert measure.status == "delayed"


def test_conflicting_funding_change_is_listed_too(client, measure):
    opened = measure_post_data(measure)
    client.force_login(editor_of(measure.programme, username="money_editor"))
    assert (
        client.post(edit_url(measure), {**opened, "funding-0-planned_amount": "999"}).status_code
        == 302
    )
    client.force_login(editor_of(measure.programme))
    response = client.post(edit_url(measure), {**opened, "funding-0-planned_amount": "111"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Funding: republican budget, 2026" in html and "999" in html
    assert 'value="111"' in html
