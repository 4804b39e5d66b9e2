"""The language marker on the rest of the translated content (decisions, agenda items, bodies), on
texts stored once in the language they were written in (proposals, reviewers' comments, change
reasons in history), and the editors' lists that name what is untranslated."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from measures.history import measure_history
from measures.models import ReportStatus
from measures.reporting.services import report_return
from measures.services import measure_save
from programs.models import ProgrammeStatus
from tests.edit_helpers import editor_of
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    DecisionFactory,
    MeasureFactory,
    MeetingFactory,
    ProgressReportFactory,
    ProposalFactory,
    WorkingGroupFactory,
)

pytestmark = pytest.mark.django_db


def marked(text: str, lang: str) -> str:
    return f'<span lang="{lang}" class="fallback-text">{text}</span>'


@pytest.fixture
def meeting():
    group = WorkingGroupFactory(slug="wg", programme__status=ProgrammeStatus.IN_IMPLEMENTATION)
    meeting = MeetingFactory(group=group, number=1, news_title_ky="Жыйын", news_text_ky="Текст")
    meeting.news_published_at = timezone.now()
    meeting.save()
    AgendaItemFactory(meeting=meeting, title_ky="", title_ru="Проект программы", title_en="")
    DecisionFactory(
        meeting=meeting,
        text_ky="",
        text_ru="Одобрить проект",
        text_en="",
        responsible_body=BodyFactory(),
    )
    return meeting


def test_decisions_and_agenda_items_in_russian_only_are_marked_on_the_english_page(client, meeting):
    html = client.get(f"/en/working-group/wg/meetings/{meeting.number}/").content.decode()
    assert marked("Проект программы", "ru") in html
    assert marked("Одобрить проект", "ru") in html
    html = client.get("/en/working-group/wg/decisions/").content.decode()
    assert marked("Одобрить проект", "ru") in html


def test_on_the_russian_page_the_same_texts_are_not_marked(client, meeting):
    html = client.get(f"/ru/working-group/wg/meetings/{meeting.number}/").content.decode()
    assert "Одобрить проект" in html and marked("Одобрить проект", "ru") not in html


def test_the_secretariats_meeting_page_names_what_is_untranslated(client, meeting):
    from meetings.models import MemberRole
    from programs.roles import SECRETARIAT
    from tests.factories import MemberFactory
    from tests.meetings.conftest import user_with_role

    secretary = user_with_role("secretary", SECRETARIAT)
    MemberFactory(group=meeting.group, user=secretary, role=MemberRole.SECRETARY)
    client.force_login(secretary)
    response = client.get(f"/en/working-group/wg/meetings/{meeting.number}/manage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert marked("Одобрить проект", "ru") in html
    assert "not yet in" in html and "KY, EN" in html


def test_a_body_named_in_russian_only_is_marked_on_the_kyrgyz_pages(client):
    body = BodyFactory(
        name_ky="", name_ru="Госстрой", name_en="", short_name_ky="", short_name_en=""
    )
    html = client.get(body.get_absolute_url().replace("/ru/", "/ky/").replace("/en/", "/ky/"))
    assert marked("Госстрой", "ru") in html.content.decode()
    html = client.get("/ky/bodies/").content.decode()
    assert marked("Госстрой", "ru") in html


def test_a_proposal_is_marked_with_the_language_its_author_wrote_in(client):
    proposal = ProposalFactory(title="Водопровод", text="Построить водопровод", language="ru")
    client.force_login(proposal.author)
    with translation.override("en"):
        url = proposal.get_absolute_url()
    html = client.get(url).content.decode()
    assert marked("Водопровод", "ru") in html and marked("Построить водопровод", "ru") in html
    assert "Language of the text: Russian" in html
    with translation.override("ru"):
        html = client.get(proposal.get_absolute_url()).content.decode()
    assert marked("Водопровод", "ru") not in html


def test_a_change_reason_keeps_the_language_it_was_written_in(client):
    measure = MeasureFactory(programme__status=ProgrammeStatus.IN_IMPLEMENTATION)
    editor = editor_of(measure.programme)
    measure.title_ru = "Новое название"
    with translation.override("ru"):
        measure_save(measure, user=editor, reason="по письму министерства")
    entry = next(e for e in measure_history(measure) if e.reason)
    assert (entry.reason, entry.reason_language) == ("по письму министерства", "ru")
    client.force_login(editor)
    code, number = measure.programme.code, measure.number
    for url in (f"/en/plan/{code}/{number}/history/", f"/ky/plan/{code}/changes/"):
        html = client.get(url).content.decode()
        assert marked("по письму министерства", "ru") in html, url
    html = client.get(f"/ru/plan/{code}/{number}/history/").content.decode()
    assert "по письму министерства" in html
    assert marked("по письму министерства", "ru") not in html


def test_a_reviewers_comment_is_marked_on_pages_of_another_language(client):
    report = ProgressReportFactory(status=ReportStatus.SUBMITTED)
    editor = editor_of(report.measure.programme)
    with translation.override("ky"):
        report_return(report=report, user=editor, comment="Сандарды тактагыла")
    report.refresh_from_db()
    assert report.review_comment_language == "ky"
    assert report.events.get(action="returned").comment_language == "ky"
    client.force_login(editor)
    html = client.get(f"/ru/reports/{report.pk}/").content.decode()
    assert marked("Сандарды тактагыла", "ky") in html
    assert "Возвращён на доработку:" in html  # the report, masculine
    html = client.get(f"/ky/reports/{report.pk}/").content.decode()
    assert "Сандарды тактагыла" in html and marked("Сандарды тактагыла", "ky") not in html
