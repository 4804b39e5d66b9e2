"""Programme, direction, objective and meeting edits get the conflict check measures have
(review M2): a stale form is refused with 409 and the other person's change is kept; a form
without its version is refused, not waved through (review L12 for measures)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from meetings.models import Meeting
from programs.models import Direction, Objective, Programme
from programs.services import version_of
from tests.edit_helpers import editor_of
from tests.factories import DirectionFactory, MeasureFactory, ObjectiveFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(code="REG-C", period_start_year=2025, period_end_year=2030)


def programme_form(programme, **changes):
    data = {
        "title_en": programme.title_en or "Programme",
        "short_title_en": programme.short_title_en or "",
        "status": programme.status,
        "period_start_year": "2025",
        "period_end_year": "2030",
        "reporting_period": "half_year",
        "report_due_day": "15",
        "report_due_months_after": "1",
        "version": version_of(programme),
    }
    return data | changes


def test_two_stale_programme_forms_cannot_both_save(client, programme):
    client.force_login(editor_of(programme))
    opened = Programme.objects.get(pk=programme.pk)
    first = client.post("/en/programmes/REG-C/edit/", programme_form(opened, short_title_en="A"))
    assert first.status_code == 302
    second = client.post("/en/programmes/REG-C/edit/", programme_form(opened, title_en="B title"))
    assert second.status_code == 409
    assert "Someone else saved this since you opened the page" in second.content.decode()
    programme.refresh_from_db()
    assert programme.short_title_en == "A" and programme.title_en != "B title"
    # The page moved the version on: saving again is a choice made having seen the change.
    again = client.post(
        "/en/programmes/REG-C/edit/",
        programme_form(programme, title_en="B title", short_title_en="A"),
    )
    assert again.status_code == 302


def test_a_programme_form_without_its_version_is_refused(client, programme):
    client.force_login(editor_of(programme))
    data = programme_form(programme, title_en="No version")
    del data["version"]
    response = client.post("/en/programmes/REG-C/edit/", data)
    assert response.status_code == 409
    assert "came without its version" in response.content.decode()
    assert Programme.objects.get(pk=programme.pk).title_en != "No version"


def test_stale_direction_and_objective_forms_are_refused(client, programme):
    direction = DirectionFactory(programme=programme, number="1")
    objective = ObjectiveFactory(direction=direction, number="1.1")
    client.force_login(editor_of(programme))
    d_url = f"/en/programmes/REG-C/directions/{direction.pk}/edit/"
    d_data = {"number": "1", "position": "1", "title_en": "First", "version": version_of(direction)}
    assert client.post(d_url, d_data).status_code == 302
    assert client.post(d_url, d_data | {"title_en": "Second"}).status_code == 409
    assert Direction.objects.get(pk=direction.pk).title_en == "First"

    o_url = f"/en/programmes/REG-C/objectives/{objective.pk}/edit/"
    o_data = {
        "direction": str(direction.pk),
        "number": "1.1",
        "position": "1",
        "title_en": "First",
        "version": version_of(objective),
    }
    assert client.post(o_url, o_data).status_code == 302
    assert client.post(o_url, o_data | {"title_en": "Second"}).status_code == 409
    assert Objective.objects.get(pk=objective.pk).title_en == "First"


def test_a_stale_meeting_form_is_refused(client):
    from meetings.models import MemberRole
    from programs import roles
    from tests.factories import MeetingFactory, MemberFactory, UserFactory, WorkingGroupFactory

    group = WorkingGroupFactory(slug="wgc")
    secretary = UserFactory(username="sec-c")
    secretary.groups.add(Group.objects.get(name=roles.SECRETARIAT))
    MemberFactory(group=group, user=secretary, role=MemberRole.SECRETARY)
    meeting = MeetingFactory(group=group, number=1, status="planned", place_en="Hall")
    client.force_login(secretary)
    url = "/en/working-group/wgc/meetings/1/edit/"
    data = {
        "starts_at": meeting.starts_at.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": "",
        "place_en": "Hall A",
        "format": "in_person",
        "status": "planned",
        "version": version_of(meeting),
    }
    assert client.post(url, data).status_code == 302
    stale = client.post(url, data | {"place_en": "Hall B"})
    assert stale.status_code == 409
    assert Meeting.objects.get(pk=meeting.pk).place_en == "Hall A"
    del data["version"]
    assert client.post(url, data | {"place_en": "Hall C"}).status_code == 409


def test_a_measure_form_without_its_version_is_refused(client, programme):
    objective = ObjectiveFactory(direction=DirectionFactory(programme=programme, number="1"))
    measure = MeasureFactory(objective=objective, number="1.1.1")
    client.force_login(editor_of(programme))
    page = client.get(f"/en/plan/REG-C/{measure.number}/edit/")
    assert page.status_code == 200
    data = {
        key: value
        for key, value in _form_data(page.content.decode()).items()
        if key != "measure-version"
    }
    data["measure-title_en"] = "No version"
    response = client.post(f"/en/plan/REG-C/{measure.number}/edit/", data)
    assert response.status_code in (200, 400)
    assert "came without its version" in response.content.decode()
    measure.refresh_from_db()
    assert measure.title_en != "No version" and measure.version == 1


def _form_data(html: str) -> dict:
    """The values a browser would post from the page's edit form."""
    import re
    from html import unescape

    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[unescape(name)] = unescape(value)
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[unescape(name)] = unescape(body).strip("\n")
    for name, options in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', options)
        if chosen:
            data[unescape(name)] = chosen[0]
    data.pop("csrfmiddlewaretoken", None)
    return data
