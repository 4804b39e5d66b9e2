"""A proposal that edits a measure saves like the measure's own edit page: a new version, the
proposal in the history, and a 409 with what changed when someone saved the measure meanwhile."""

from __future__ import annotations

import pytest

from measures.services import MeasureContent, measure_update
from meetings.models import ProposalStatus
from tests.edit_helpers import measure_post_data
from tests.factories import ProposalFactory
from tests.meetings.conftest import post_and_confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(group, member):
    return ProposalFactory(
        group=group,
        author=member,
        target_kind="measure",
        measure=group.programme.measures.get(),
        status=ProposalStatus.ACCEPTED,
        answer="Accepted.",
    )


def url(proposal) -> str:
    return f"/en/working-group/mwg/proposals/{proposal.pk}/measure/"


def test_the_edit_is_a_new_version_by_the_editor_for_the_proposal(client, proposal, editor):
    measure = proposal.measure
    client.force_login(editor)
    data = measure_post_data(measure, **{"measure-title_en": "Changed by the proposal"})
    assert post_and_confirm(client, url(proposal), data).status_code == 302
    measure.refresh_from_db()
    assert (measure.title_en, measure.version) == ("Changed by the proposal", 2)
    record = measure.history.latest("history_date")
    assert record.history_user == editor
    assert record.history_change_reason == f"by proposal № {proposal.pk}"


def test_a_save_after_someone_else_saved_the_measure_is_a_conflict(client, proposal, editor):
    measure = proposal.measure
    opened = measure_post_data(measure)  # the editor opens the proposal's page at version 1
    measure_update(
        measure=measure,
        content=MeasureContent(fields={"title_en": "Saved on the plan meanwhile"}),
        user=editor,
        expected_version=1,
    )

    client.force_login(editor)
    response = post_and_confirm(
        client, url(proposal), {**opened, "measure-deadline_text": "I квартал 2027"}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this measure while you were editing it" in html
    assert "Saved on the plan meanwhile" in html  # what the other save changed
    assert 'value="I квартал 2027"' in html  # the editor's own input is kept
    assert 'name="measure-version" value="2"' in html
    measure.refresh_from_db()
    proposal.refresh_from_db()
    assert (measure.title_en, measure.deadline_text, measure.version) == (
        "Saved on the plan meanwhile",
        "IV квартал 2026",
        2,
    )
    assert proposal.resulting_measure is None

    # Saving the page that came back keeps both changes and links the proposal.
    retry = response.context["forms"].main.data
    assert post_and_confirm(client, url(proposal), retry).status_code == 302
    measure.refresh_from_db()
    proposal.refresh_from_db()
    assert (measure.title_en, measure.deadline_text, measure.version) == (
        "Saved on the plan meanwhile",
        "I квартал 2027",
        3,
    )
    assert proposal.resulting_measure == measure


def test_only_the_programmes_editor_may_save_it(client, proposal, member):
    measure = proposal.measure
    title = measure.title_en
    data = measure_post_data(measure, **{"measure-title_en": "Not allowed"})
    anonymous = client.post(url(proposal), data)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    client.force_login(member)
    assert client.post(url(proposal), data).status_code == 403
    measure.refresh_from_db()
    assert (measure.title_en, measure.version) == (title, 1)
