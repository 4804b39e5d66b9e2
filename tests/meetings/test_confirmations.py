"""The checks before something goes public or changes the plan (issue 12): publishing a meeting
with its news, accepting a proposal into the plan, archiving. GET says what will happen, what
cannot be undone and which languages are still empty (a warning); only POST acts."""

from __future__ import annotations

import pytest

from measures.models import Measure
from meetings.models import Meeting, ProposalStatus
from tests.factories import AgendaItemFactory, DecisionFactory, ProposalFactory
from tests.meetings.test_chain import measure_post

pytestmark = pytest.mark.django_db

M = "/en/working-group/mwg/meetings/"
NEWS = {"news_title_en": "The group met", "news_text_en": "It agreed on the plan."}


def test_publishing_goes_through_the_check_and_names_the_empty_languages(
    client, secretary, held_meeting
):
    AgendaItemFactory(meeting=held_meeting, position=1, title_ky="", title_ru="", title_en="Plan")
    DecisionFactory(meeting=held_meeting, number=1, text_ky="Бекитүү", text_ru="", text_en="")
    client.force_login(secretary)
    response = client.post(f"{M}{held_meeting.number}/publish/", NEWS)
    assert response.status_code == 302
    assert response["Location"] == f"{M}{held_meeting.number}/publish/confirm/"
    # The news is kept, but nothing is public yet.
    held_meeting.refresh_from_db()
    assert held_meeting.news_title_en == "The group met"
    assert held_meeting.news_published_at is None

    page = client.get(response["Location"]).content.decode()
    assert "Publish meeting No. 4 with its news?" in page
    assert "What cannot be undone" in page
    assert "News and meeting details — Kyrgyz, Russian" in page
    assert "Agenda item 1 — Kyrgyz, Russian" in page
    assert "Decision 1 — Russian, English" in page
    assert Meeting.objects.get(pk=held_meeting.pk).news_published_at is None  # GET does nothing

    response = client.post(f"{M}{held_meeting.number}/publish/confirm/", {"confirmed": "1"})
    assert response.status_code == 302
    assert Meeting.objects.get(pk=held_meeting.pk).news_published_at is not None


def test_a_meeting_written_in_every_language_is_published_without_a_warning(
    client, secretary, held_meeting
):
    client.force_login(secretary)
    news = {f"news_{f}_{lang}": "x" for f in ("title", "text") for lang in ("ky", "ru", "en")}
    held_meeting.place_ky = held_meeting.place_ru = held_meeting.place_en = "MEC"
    held_meeting.save()
    client.post(f"{M}{held_meeting.number}/publish/", news)
    page = client.get(f"{M}{held_meeting.number}/publish/confirm/").content.decode()
    assert "Every text is written in Kyrgyz, Russian and English." in page
    assert "missing in a language" not in page


@pytest.mark.parametrize("who", ["member", "editor", "other_secretary", None])
def test_only_the_groups_secretary_publishes(client, who, request, held_meeting):
    held_meeting.news_title_en, held_meeting.news_text_en = "T", "X"
    held_meeting.save()
    if who:
        client.force_login(request.getfixturevalue(who))
    url = f"{M}{held_meeting.number}/publish/confirm/"
    response = client.post(url, {"confirmed": "1"})
    assert response.status_code in (302, 403)
    if who is None:
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
    assert Meeting.objects.get(pk=held_meeting.pk).news_published_at is None


def test_a_planned_meeting_cannot_reach_the_check(client, secretary, planned_meeting):
    client.force_login(secretary)
    response = client.post(f"{M}{planned_meeting.number}/publish/", NEWS)
    assert response.status_code == 200
    assert "Only a held meeting can be published." in response.content.decode()
    planned_meeting.refresh_from_db()
    assert planned_meeting.news_title_en in ("", None)  # nothing half-saved


@pytest.fixture
def accepted(group, member):
    return ProposalFactory(group=group, author=member, status=ProposalStatus.ACCEPTED)


def test_accepting_a_proposal_into_the_plan_is_checked_first(client, editor, accepted, group):
    client.force_login(editor)
    url = f"/en/working-group/mwg/proposals/{accepted.pk}/measure/"
    data = measure_post(group.programme, **{"measure-title_ky": "", "measure-title_ru": ""})
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url + "confirm/"
    assert not Measure.objects.filter(number="1.1.7").exists()

    page = client.get(url + "confirm/").content.decode()
    assert f"Accept proposal No. {accepted.pk} into the action plan?" in page
    assert "A new measure 1.1.7 «Budget programme for growth points»" in page
    assert "Measure 1.1.7 — Kyrgyz, Russian" in page
    assert not Measure.objects.filter(number="1.1.7").exists()
    # "Cancel" returns to the form with the answers kept.
    form = client.get(url).content.decode()
    assert "Budget programme for growth points" in form and 'value="1.1.7"' in form

    response = client.post(url + "confirm/", {"confirmed": "1"})
    assert response.status_code == 302
    measure = Measure.objects.get(number="1.1.7")
    accepted.refresh_from_db()
    assert accepted.resulting_measure == measure
    # Done: the waiting answers are gone, and the proposal cannot produce a second measure.
    assert client.get(url + "confirm/").status_code == 403


def test_a_member_or_secretary_cannot_accept_into_the_plan(client, member, secretary, accepted):
    url = f"/en/working-group/mwg/proposals/{accepted.pk}/measure/confirm/"
    for user in (member, secretary):
        client.force_login(user)
        assert client.post(url, {"confirmed": "1"}).status_code == 403
    client.logout()
    assert "/accounts/login/" in client.post(url, {"confirmed": "1"})["Location"]
    accepted.refresh_from_db()
    assert accepted.resulting_measure is None


def test_archiving_a_measure_says_what_happens_and_only_post_archives(client, editor, group):
    measure = group.programme.measures.get()
    client.force_login(editor)
    url = f"/en/plan/{group.programme.code}/{measure.number}/archive/"
    page = client.get(url).content.decode()
    assert "What will happen" in page and "What cannot be undone" in page
    assert f"measure {measure.number}" in page
    measure.refresh_from_db()
    assert measure.archived_at is None
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    measure.refresh_from_db()
    assert measure.archived_at is not None


def test_archiving_a_direction_uses_the_same_page(client, editor, group):
    direction = group.programme.directions.get()
    client.force_login(editor)
    url = f"/en/programmes/{group.programme.code}/directions/{direction.pk}/archive/"
    page = client.get(url).content.decode()
    assert "What will happen" in page and "cannot be archived" in page
