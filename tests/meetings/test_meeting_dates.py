"""A date typo (year 0001) is refused wherever a date is typed, and a row already stored with one
does not break the public pages (review M5)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from meetings.models import Meeting, MeetingStatus
from programs.services import version_of
from tests.factories import LegalActFactory, MeetingFactory

pytestmark = pytest.mark.django_db

G = "/en/working-group/mwg/"


def meeting_data(starts_at: str) -> dict:
    return {
        "starts_at": starts_at,
        "ends_at": "",
        "place_en": "MEC, room 301",
        "format": "in_person",
        "online_link": "",
        "status": "planned",
    }


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_a_meeting_in_year_0001_is_refused_with_a_message(client, secretary, group, lang):
    client.force_login(secretary)
    meeting = MeetingFactory(group=group, number=7, status=MeetingStatus.PLANNED)
    url = f"/{lang}/working-group/mwg/meetings/{meeting.number}/edit/"
    response = client.post(url, meeting_data("0001-01-01T00:00"))
    assert response.status_code == 200
    message = {
        "en": "Enter a date between the years 2000 and 2100.",
        "ru": "Введите дату между 2000 и 2100 годами.",
        "ky": "2000 жана 2100-жылдардын ортосундагы датаны киргизиңиз.",
    }[lang]
    assert message in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.starts_at.year > 2000  # nothing saved


def test_the_rule_is_on_the_model_so_the_admin_and_the_api_apply_it():
    act = LegalActFactory.build(date=datetime.date(1, 1, 1))
    with pytest.raises(ValidationError) as raised:
        act.clean_fields(exclude=[f.name for f in act._meta.fields if f.name != "date"])
    assert "date" in raised.value.message_dict
    act.date = datetime.date(1996, 5, 14)  # a law of the 1990s is history, not a typo
    act.clean_fields(exclude=[f.name for f in act._meta.fields if f.name != "date"])


def test_a_meeting_already_stored_in_year_0001_does_not_break_the_pages(client, secretary, group):
    meeting = MeetingFactory(group=group, number=7, status=MeetingStatus.HELD)
    with connection.cursor() as cursor:  # as the typo was stored before the rule
        cursor.execute(
            "UPDATE meetings_meeting SET starts_at = '0001-01-01 00:00:00+06'::timestamptz "
            "WHERE id = %s",
            [meeting.pk],
        )
    assert Meeting.objects.get(pk=meeting.pk).starts_at.year == 1  # read, not a ValueError
    for url in (G, G + "meetings/", G + "calendar.ics", "/api/v1/meetings/"):
        assert client.get(url).status_code == 200, url
    client.force_login(secretary)
    edit = G + f"meetings/{meeting.number}/edit/"
    assert client.get(edit).status_code == 200  # the secretary can open it to correct it
    data = meeting_data("2026-03-10T10:00")
    data["version"] = version_of(Meeting.objects.get(pk=meeting.pk))  # the edit conflict check
    response = client.post(edit, data)
    assert response.status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).starts_at.year == 2026
