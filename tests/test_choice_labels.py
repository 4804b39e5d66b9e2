"""Filters and choices speak: a labelled empty choice ("any status", "— choose —"), never Django's
bare "---------", and "only overdue" is a checkbox."""

from __future__ import annotations

import pytest

from meetings.filters import DecisionFilter
from tests.factories import WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_no_select_shows_dashes_on_the_measure_form(client):
    from tests.edit_helpers import editor_of
    from tests.factories import MeasureFactory

    measure = MeasureFactory(number="1.1.1", deadline_text="IV квартал 2026")
    client.force_login(editor_of(measure.programme))
    page = client.get(f"/en/plan/{measure.programme.code}/1.1.1/edit/").content.decode()
    assert "---------" not in page
    assert "— choose —" in page  # e.g. the funding source of an empty row


def test_only_overdue_is_a_checkbox():
    group = WorkingGroupFactory()
    html = str(DecisionFilter({}, group=group).form["overdue"])
    assert 'type="checkbox"' in html and "Unknown" not in html


def test_decision_list_filters_have_labelled_empty_choices(client):
    group = WorkingGroupFactory(slug="mwg")
    page = client.get("/en/working-group/mwg/decisions/").content.decode()
    assert "---------" not in page
    assert "All bodies" in page
    assert group


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_dates_are_typed_and_shown_as_dd_mm_yyyy_and_24_hours(lang):
    import datetime

    from django.utils import timezone, translation

    from meetings.forms import MeetingForm
    from meetings.models import Meeting

    group = WorkingGroupFactory()
    with translation.override(lang):
        meeting = Meeting(
            group=group, starts_at=timezone.make_aware(datetime.datetime(2027, 3, 10, 14, 30))
        )
        html = str(MeetingForm(instance=meeting, group=group)["starts_at"])
        assert 'value="10.03.2027 14:30"' in html and 'type="text"' in html
        form = MeetingForm(
            {
                "starts_at": "10.03.2027 15:00",
                "format": "in_person",
                "status": "planned",
                "place_en": "MEC",
            },
            group=group,
        )
        form.is_valid()
        assert "starts_at" not in form.errors
        assert timezone.localtime(form.cleaned_data["starts_at"]).hour == 15
