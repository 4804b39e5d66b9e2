"""Text written in one language only is marked as such for readers of the others, and editors are
told, when they save, which languages are still missing (a warning, not a refusal)."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.edit_helpers import editor_of, measure_post_data
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def render(template: str, **context) -> str:
    return Template("{% load portal %}" + template).render(Context(context))


@pytest.fixture
def russian_only():
    return MeasureFactory(title_ky="", title_ru="Водопровод в сёлах", title_en="")


def test_text_in_the_pages_language_is_not_marked(russian_only):
    with translation.override("ru"):
        assert render('{% tr m "title" %}', m=russian_only) == "Водопровод в сёлах"


@pytest.mark.parametrize("lang", ["ky", "en"])
def test_fallback_text_carries_its_language_and_a_marker(russian_only, lang):
    with translation.override(lang):
        html = render('{% tr m "title" %}', m=russian_only)
    assert '<span lang="ru" class="fallback-text">Водопровод в сёлах</span>' in html
    assert 'class="lang-marker"' in html and ">RU</abbr>" in html


def test_the_marker_says_the_language_in_the_readers_language(russian_only):
    with translation.override("ky"):
        html = render('{% tr m "title" %}', m=russian_only)
    assert "орусча" in html


def test_fallback_text_is_escaped_and_keeps_line_breaks():
    measure = MeasureFactory(
        title_ky="", title_ru="<b>один</b>\nдва", title_en="", expected_result_ru="x"
    )
    with translation.override("en"):
        html = render('{% tr m "title" True %}', m=measure)
    assert "&lt;b&gt;один&lt;/b&gt;<br>два" in html


def test_untranslated_names_the_missing_languages(russian_only):
    assert render('{% untranslated m "title" %}', m=russian_only) == "KY, EN"
    full = MeasureFactory(title_ky="a", title_ru="b", title_en="c")
    assert render('{% untranslated m "title" %}', m=full) == ""


def test_editor_is_warned_of_missing_languages_and_the_save_goes_through(client):
    measure = MeasureFactory()
    client.force_login(editor_of(measure.programme))
    data = measure_post_data(measure)
    data.update({"measure-title_ky": "Жаңы аталыш", "measure-title_ru": "", "measure-title_en": ""})
    url = f"/en/plan/{measure.programme.code}/{measure.number}/edit/"
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    measure.refresh_from_db()
    assert measure.title_ky == "Жаңы аталыш" and measure.title_ru == ""
    html = response.content.decode()
    assert "not yet written in every language" in html
    assert "Russian: Title" in html and "English: Title" in html


def test_no_warning_when_every_language_is_written(client):
    measure = MeasureFactory()
    client.force_login(editor_of(measure.programme))
    data = measure_post_data(measure)
    for name in ("title", "implementation_mechanism", "expected_result"):
        for lang in ("ky", "ru", "en"):
            data[f"measure-{name}_{lang}"] = f"{name} {lang}"
    url = f"/en/plan/{measure.programme.code}/{measure.number}/edit/"
    response = client.post(url, data, follow=True)
    assert "not yet written in every language" not in response.content.decode()


def test_pages_mark_a_measure_written_in_russian_only(client, russian_only):
    from programs.models import ProgrammeStatus

    programme = russian_only.programme
    programme.status = ProgrammeStatus.IN_IMPLEMENTATION
    programme.save()
    url = f"/ky/plan/{programme.code}/{russian_only.number}/"
    html = client.get(url).content.decode()
    assert '<span lang="ru" class="fallback-text">Водопровод в сёлах</span>' in html
    html = client.get(f"/ru/plan/{programme.code}/{russian_only.number}/").content.decode()
    assert 'class="fallback-text"' not in html.split("<h1>")[1].split("</h1>")[0]
    html = client.get("/en/plan/", {"programme": programme.code}).content.decode()
    assert '<span lang="ru" class="fallback-text">Водопровод в сёлах</span>' in html


def test_editors_plan_list_names_the_missing_languages(client, russian_only):
    client.force_login(editor_of(russian_only.programme))
    html = client.get("/en/plan/", {"programme": russian_only.programme.code}).content.decode()
    assert "not yet in" in html and "KY" in html


def test_news_written_in_kyrgyz_only_is_marked_on_the_english_pages(client):
    from django.utils import timezone

    from programs.models import ProgrammeStatus
    from tests.factories import MeetingFactory, WorkingGroupFactory

    group = WorkingGroupFactory(slug="wg", programme__status=ProgrammeStatus.IN_IMPLEMENTATION)
    meeting = MeetingFactory(
        group=group,
        number=1,
        news_title_ky="Жыйын өттү",
        news_title_ru="",
        news_title_en="",
        news_text_ky="Жаңылыктын тексти",
        news_text_ru="",
        news_text_en="",
        news_published_at=timezone.now(),
    )
    for url in ["/en/", meeting.get_absolute_url().replace("/ky/", "/en/")]:
        html = client.get(url).content.decode()
        assert '<span lang="ky" class="fallback-text">Жыйын өттү</span>' in html, url
    html = client.get(meeting.get_absolute_url().replace("/ky/", "/en/")).content.decode()
    assert '<span lang="ky" class="fallback-text">Жаңылыктын тексти</span>' in html
