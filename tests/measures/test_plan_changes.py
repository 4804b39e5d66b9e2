"""A programme's "Recent changes": one line per save, titles in the page's language, authors by
name and body, filters by programme, kind, author and dates, pages, a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from measures.history import plan_change_records
from measures.models import Measure
from measures.services import MeasureContent, measure_create, measure_update
from tests.edit_helpers import editor_of
from tests.factories import BodyFactory, MeasureFactory, ProgrammeFactory, UnitFactory

pytestmark = pytest.mark.django_db


def changes_url(programme, lang="en"):
    return f"/{lang}/plan/{programme.code}/changes/"


@pytest.fixture
def measure():
    return MeasureFactory(
        number="2.1.1", title_ky="Жолдорду оңдоо", title_ru="Ремонт дорог", title_en="Road repair"
    )


@pytest.fixture
def editor(measure):
    user = editor_of(measure.programme, username="aigul")
    user.first_name, user.last_name = "Aigul", "Toktosunova"
    user.save()
    user.profile.body = BodyFactory(name_en="Ministry of Transport", name_ru="Минтранс")
    user.profile.save()
    return user


def new_measure(programme, editor, number="2.1.2"):
    template = Measure.objects.filter(programme=programme).first()
    fields = {
        "direction": template.direction,
        "objective": template.objective,
        "number": number,
        "title_ky": "Жаңы иш-чара",
        "title_ru": "Новое мероприятие",
        "title_en": "A new measure",
        "deadline_text": "IV квартал 2026",
        "lead_body": template.lead_body,
    }
    content = MeasureContent(fields=fields, target_units=[UnitFactory()])
    return measure_create(programme=programme, content=content, user=editor)


def test_a_new_measure_is_one_line_added_and_an_edit_one_line_changed(client, measure, editor):
    created = new_measure(measure.programme, editor)
    assert created.history.count() >= 2  # the measure, then its target units
    measure_update(
        measure=created,
        content=MeasureContent(fields={"title_ru": "Другое"}, target_units=[UnitFactory()]),
        user=editor,
        expected_version=created.version,
    )
    lines = list(plan_change_records(measure.programme).filter(id=created.pk))
    assert [r.history_type for r in lines] == ["~", "+"]
    client.force_login(editor)
    html = client.get(changes_url(measure.programme)).content.decode()
    assert html.count(">2.1.2.</a>") == 2


def test_titles_are_in_the_page_language_and_authors_by_name_and_body(client, measure, editor):
    measure_update(
        measure=measure,
        content=MeasureContent(fields={"status": "delayed"}),
        user=editor,
        expected_version=measure.version,
    )
    client.force_login(editor)
    html = client.get(changes_url(measure.programme, "ru")).content.decode()
    assert "Ремонт дорог" in html and "Жолдорду оңдоо" not in html
    assert "Aigul Toktosunova" in html and "Минтранс" in html
    html = client.get(changes_url(measure.programme, "en")).content.decode()
    assert "Road repair" in html and "Ministry of Transport" in html
    assert 'value="aigul"' not in html and ">aigul<" not in html


def test_filters_by_kind_author_and_dates(client, measure, editor):
    other = editor_of(measure.programme, username="bakyt")
    created = new_measure(measure.programme, editor)
    measure_update(
        measure=measure,
        content=MeasureContent(fields={"status": "delayed"}),
        user=other,
        expected_version=measure.version,
    )
    client.force_login(editor)
    url = changes_url(measure.programme)
    html = client.get(url, {"kind": "+"}).content.decode()
    assert ">2.1.2.</a>" in html  # the new measure
    html = client.get(url, {"kind": "~"}).content.decode()
    assert ">2.1.1.</a>" in html and ">2.1.2.</a>" not in html
    html = client.get(url, {"author": other.pk}).content.decode()
    assert ">2.1.1.</a>" in html and ">2.1.2.</a>" not in html
    html = client.get(url, {"author": editor.pk}).content.decode()
    assert ">2.1.2.</a>" in html and ">2.1.1.</a>" not in html
    today = timezone.localdate()
    tomorrow = (today + datetime.timedelta(days=1)).strftime("%d.%m.%Y")
    html = client.get(url, {"date_from": tomorrow}).content.decode()
    assert "No changes match these filters." in html
    html = client.get(url, {"date_from": today.strftime("%d.%m.%Y"), "date_to": tomorrow})
    assert ">2.1.2.</a>" in html.content.decode()
    assert created.pk


def test_a_bad_filter_value_is_a_clear_message_not_an_error(client, measure, editor):
    client.force_login(editor)
    response = client.get(changes_url(measure.programme, "ru"), {"date_from": "31.02.2026"})
    assert response.status_code == 400
    assert "Некоторые значения фильтра" in response.content.decode()


def test_the_programme_choice_leads_to_that_programmes_changes(client, measure, editor):
    second = ProgrammeFactory()
    editor.profile.programmes.add(second)
    foreign = ProgrammeFactory()
    client.force_login(editor)
    response = client.get(changes_url(measure.programme), {"programme": second.code, "kind": "+"})
    assert response.status_code == 302
    assert response["Location"] == f"{changes_url(second)}?kind=%2B"
    html = client.get(changes_url(measure.programme)).content.decode()
    assert f'value="{second.code}"' in html and f'value="{foreign.code}"' not in html
    # a programme the editor does not edit is not offered, and asking for it stays on the page
    response = client.get(changes_url(measure.programme), {"programme": foreign.code})
    assert response.status_code == 200


def test_changes_are_paged(client, measure, editor):
    for number in range(60):
        MeasureFactory(objective=measure.objective, number=f"2.1.{number + 10}")
    client.force_login(editor)
    first = client.get(changes_url(measure.programme)).content.decode()
    assert "Page 1 of 2" in first and first.count("/history/") == 50
    second = client.get(changes_url(measure.programme), {"page": 2}).content.decode()
    assert second.count("/history/") == 11


@pytest.mark.parametrize("size", [3, 30])
def test_the_page_runs_a_fixed_number_of_queries(
    client, measure, editor, size, django_assert_max_num_queries
):
    for number in range(size):
        MeasureFactory(objective=measure.objective, number=f"2.1.{number + 10}")
        new_measure(measure.programme, editor, number=f"2.2.{number + 1}")
    client.force_login(editor)
    with django_assert_max_num_queries(14):
        response = client.get(changes_url(measure.programme), {"kind": "+"})
    assert response.status_code == 200


def test_who_may_see_the_changes(client, measure, editor):
    url = changes_url(measure.programme)
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(editor_of(ProgrammeFactory()))
    assert client.get(url).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_my_work_lists_each_save_once_with_the_authors_body(client, measure, editor):
    new_measure(measure.programme, editor)
    client.force_login(editor)
    html = client.get("/ru/my-work/").content.decode()
    assert html.count(f"{measure.programme.code} · 2.1.2</a>") == 1
    assert "Новое мероприятие" in html and "Минтранс" in html
