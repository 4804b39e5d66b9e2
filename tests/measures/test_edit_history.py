"""Change history of measures and their rows: readable diffs, restore of an earlier version."""

from __future__ import annotations

from decimal import Decimal

import pytest

from measures.history import measure_history
from measures.models import FundingLine, Measure
from measures.services import MeasureContent, measure_restore_version, measure_update
from tests.edit_helpers import add_row, editor_of, measure_post_data
from tests.factories import FundingLineFactory, MeasureFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    measure = MeasureFactory(number="2.1.1", title_ru="Старое название")
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1500"))
    return measure


def edit_url(measure):
    return f"/en/plan/{measure.programme.code}/{measure.number}/edit/"


def history_url(measure):
    return f"/en/plan/{measure.programme.code}/{measure.number}/history/"


def test_a_change_of_the_russian_title_is_in_the_history(client, measure):
    editor = editor_of(measure.programme, username="aigul")
    client.force_login(editor)
    data = measure_post_data(measure, **{"measure-title_ru": "Новое название"})
    assert client.post(edit_url(measure), data).status_code == 302
    record = measure.history.order_by("-history_id").first()
    assert record.title_ru == "Новое название"
    assert record.history_user == editor
    entries = measure_history(measure)
    change = next(c for e in entries for c in e.changes if "Russian" in c.label)
    assert (change.old, change.new) == ("Старое название", "Новое название")
    html = client.get(history_url(measure)).content.decode()
    assert "aigul" in html
    assert "Старое название" in html and "Новое название" in html
    assert "Measure (in Russian)" in html


def test_history_shows_funding_changes_with_old_and_new_amount(client, measure):
    client.force_login(editor_of(measure.programme))
    data = measure_post_data(measure, **{"funding-0-planned_amount": "2000"})
    add_row(data, "funding", source="local", year="2027", planned_amount="50")
    assert client.post(edit_url(measure), data).status_code == 302
    html = client.get(history_url(measure)).content.decode()
    assert "Funding: republican budget, 2026" in html
    assert "1,500" in html and "2,000" in html
    assert "Funding: local budget, 2027" in html


def test_history_page_speaks_the_users_language(client, measure):
    client.force_login(editor_of(measure.programme))
    client.post(edit_url(measure), measure_post_data(measure, **{"measure-number": "2.1.2"}))
    measure.refresh_from_db()
    html = client.get(f"/ru/plan/{measure.programme.code}/{measure.number}/history/").content
    html = html.decode()
    assert "2.1.1" in html and "2.1.2" in html
    assert "Номер" in html  # the field's verbose name, translated


def test_restore_brings_back_fields_and_rows_and_is_recorded(client, measure):
    editor = editor_of(measure.programme)
    first_version = measure.history.order_by("history_id").first()
    content = MeasureContent(
        fields={"title_ru": "Испорчено", "deadline_text": "2027"},
        funding_lines=[],
    )
    measure_update(measure=measure, content=content, user=editor, expected_version=1)
    assert not FundingLine.objects.filter(measure=measure).exists()
    client.force_login(editor)
    url = f"/en/plan/{measure.programme.code}/{measure.number}/history/{first_version.history_id}/restore/"
    response = client.post(url)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.title_ru == "Старое название"
    assert measure.deadline_text == "IV квартал 2026"
    assert list(measure.funding_lines.values_list("year", "planned_amount")) == [
        (2026, Decimal("1500.0"))
    ]
    assert measure.version == 3
    last = measure.history.order_by("-history_id").first()
    assert "restored the version of" in last.history_change_reason
    assert last.history_user == editor
    html = client.get(history_url(measure)).content.decode()
    assert "restored the version of" in html


def test_restore_is_refused_to_an_editor_of_another_programme(client, measure):
    record = measure.history.first()
    client.force_login(editor_of(ProgrammeFactory()))
    url = f"/en/plan/{measure.programme.code}/{measure.number}/history/{record.history_id}/restore/"
    assert client.post(url).status_code == 403


def test_restore_service_records_the_user(measure):
    editor = editor_of(measure.programme)
    first = measure.history.first()
    measure_update(
        measure=measure,
        content=MeasureContent(fields={"status": "delayed"}),
        user=editor,
        expected_version=1,
    )
    restored = measure_restore_version(measure=measure, history_id=first.history_id, user=editor)
    assert restored.status == "planned"
    assert Measure.history.filter(id=measure.pk).count() == 3


def test_history_page_runs_a_fixed_number_of_queries(
    client, measure, django_assert_max_num_queries
):
    client.force_login(editor_of(measure.programme))
    for amount in ("1", "2", "3", "4", "5", "6"):
        measure.refresh_from_db()
        client.post(
            edit_url(measure), measure_post_data(measure, **{"funding-0-planned_amount": amount})
        )
    with django_assert_max_num_queries(20):
        assert client.get(history_url(measure)).status_code == 200


def test_recent_changes_of_the_plan(client, measure):
    client.force_login(editor_of(measure.programme))
    client.post(edit_url(measure), measure_post_data(measure, **{"measure-title_ky": "Жаңы"}))
    response = client.get(f"/en/plan/{measure.programme.code}/changes/")
    assert response.status_code == 200
    assert "2.1.1" in response.content.decode()


def test_a_save_without_a_change_leaves_no_history_entry(measure):
    before = measure.history.count()
    measure.refresh_from_db()
    measure.save()
    line = measure.funding_lines.get()
    line.planned_amount = "1500"  # the same amount, written differently
    line.save()
    assert measure.history.count() == before
    assert line.history.count() == 1
    measure.status = "delayed"
    measure.save()
    assert measure.history.count() == before + 1


def test_restore_asks_first_and_lists_what_will_be_undone(client, measure):
    editor = editor_of(measure.programme)
    first_version = measure.history.order_by("history_id").first()
    content = MeasureContent(fields={"title_ru": "Испорчено"}, funding_lines=[])
    measure_update(measure=measure, content=content, user=editor, expected_version=1)
    client.force_login(editor)
    url = f"/en/plan/{measure.programme.code}/{measure.number}/history/{first_version.history_id}/restore/"
    history = client.get(history_url(measure)).content.decode()
    assert f'href="{url}"' in history  # a link to the confirmation page, not a one-click form
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Changes that will be undone" in html and "Испорчено" in html
    measure.refresh_from_db()
    assert measure.title_ru == "Испорчено" and measure.version == 2  # nothing happened yet


@pytest.mark.parametrize("who", ["anonymous", "other_editor"])
def test_restore_confirmation_page_is_closed_to_others(client, measure, who):
    record = measure.history.first()
    if who == "other_editor":
        client.force_login(editor_of(ProgrammeFactory()))
    url = f"/en/plan/{measure.programme.code}/{measure.number}/history/{record.history_id}/restore/"
    assert client.get(url).status_code in (302, 403, 404)
