"""The working group's own content in three languages: its name and description, the meeting
place and the members' positions are marked where they fall back to another language, and a
minutes amendment keeps the language it was written in."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from meetings.models import MinutesStatus
from meetings.services import minutes_amend
from tests.factories import MeetingFactory, MemberFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def marked(text: str, lang: str) -> str:
    return f'<span lang="{lang}" class="fallback-text">{text}</span>'


@pytest.fixture
def russian_group():
    group = WorkingGroupFactory(
        slug="rg",
        name_ky="",
        name_ru="Рабочая группа по регионам",
        name_en="",
        description_ru="Готовит проект программы.",
    )
    MemberFactory(group=group, full_name="A. B.", position_ru="Заместитель министра")
    MeetingFactory(
        group=group,
        number=1,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        status="planned",
        place_ru="МЭК, зал 301",
    )
    return group


@pytest.mark.parametrize("lang", ["en", "ky"])
def test_group_texts_in_russian_only_are_marked_on_other_pages(client, russian_group, lang):
    page = client.get(f"/{lang}/working-group/rg/").content.decode()
    assert f"<h1>{marked('Рабочая группа по регионам', 'ru')}" in page
    assert marked("Готовит проект программы.", "ru") in page
    assert marked("Заместитель министра", "ru") in page
    assert marked("МЭК, зал 301", "ru") in page
    listing = client.get(f"/{lang}/working-group/").content.decode()
    assert marked("Рабочая группа по регионам", "ru") in listing
    assert marked("Готовит проект программы.", "ru") in listing
    meeting = client.get(f"/{lang}/working-group/rg/meetings/1/").content.decode()
    assert marked("МЭК, зал 301", "ru") in meeting


def test_on_the_russian_page_the_group_is_not_marked(client, russian_group):
    page = client.get("/ru/working-group/rg/").content.decode()
    assert "Рабочая группа по регионам" in page
    assert 'class="fallback-text"' not in page


def test_an_amendment_keeps_its_language_and_is_marked_elsewhere(client, secretary, held_meeting):
    held_meeting.minutes_status = MinutesStatus.APPROVED
    held_meeting.minutes_approved_by = secretary
    held_meeting.minutes_approved_at = timezone.now()
    held_meeting.save()
    with translation.override("ru"):
        amendment = minutes_amend(
            meeting=held_meeting, user=secretary, text="Принято единогласно.", reason="Опечатка"
        )
    assert amendment.language == "ru"
    client.force_login(secretary)
    url = f"/en/working-group/mwg/meetings/{held_meeting.number}/minutes/"
    html = client.get(url).content.decode()
    assert marked("Принято единогласно.", "ru") in html
    assert marked("Опечатка", "ru") in html
    html = client.get(url.replace("/en/", "/ru/")).content.decode()
    assert "Принято единогласно." in html and marked("Принято единогласно.", "ru") not in html


def test_an_amendment_recorded_through_the_page_is_in_the_pages_language(
    client, secretary, held_meeting
):
    held_meeting.minutes_status = MinutesStatus.APPROVED
    held_meeting.minutes_approved_by = secretary
    held_meeting.minutes_approved_at = timezone.now()
    held_meeting.save()
    client.force_login(secretary)
    url = f"/ky/working-group/mwg/meetings/{held_meeting.number}/minutes/"
    response = client.post(url, {"action": "amend", "text": "Оңдоо", "reason": "Ката"})
    assert response.status_code == 302
    assert held_meeting.amendments.get().language == "ky"
