"""Target territories as a tree of checkboxes: each unit once, the oblast's own box for the whole
oblast, "all districts and cities" per oblast; a decision's proposals and measures as checkbox
lists."""

from __future__ import annotations

import pytest

from measures.forms import MeasureForm, editable_units
from tests.edit_helpers import editor_of, measure_post_data
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    return MeasureFactory(number="1.1.1", deadline_text="IV квартал 2026")


def test_each_unit_appears_once_grouped_under_its_oblast(measure):
    units = editable_units()
    form = MeasureForm(programme=measure.programme, units=units, instance=measure)
    groups = form.unit_tree()
    shown = [g["unit"].pk for g in groups] + [c["unit"].pk for g in groups for c in g["children"]]
    assert sorted(shown) == sorted(u.pk for u in units)
    assert len(shown) == len(set(shown))
    for group in groups:
        assert all(
            c["unit"].tree_path.startswith(group["unit"].tree_path) for c in group["children"]
        )


def test_page_has_checkboxes_and_no_ctrl_click_select(client, measure):
    client.force_login(editor_of(measure.programme))
    page = client.get(f"/en/plan/{measure.programme.code}/{measure.number}/edit/").content.decode()
    assert 'type="checkbox" name="measure-target_units"' in page
    assert "Hold Ctrl" not in page and 'multiple name="measure-target_units"' not in page
    assert "all districts and cities of the oblast" in page


def test_all_districts_of_one_oblast_without_the_oblast_itself(client, measure):
    units = editable_units()
    oblast = next(u for u in units if u.depth == 0 and u.level == "oblast")
    below = {u.pk for u in units if u.tree_path.startswith(oblast.tree_path) and u != oblast}
    client.force_login(editor_of(measure.programme))
    data = measure_post_data(measure, **{"measure-districts_of": [str(oblast.pk)]})
    response = client.post(f"/en/plan/{measure.programme.code}/{measure.number}/edit/", data)
    assert response.status_code == 302
    assert set(measure.target_units.values_list("pk", flat=True)) == below


def test_chosen_units_open_their_oblast(client, measure):
    units = editable_units()
    district = next(u for u in units if u.depth == 1)
    measure.target_units.add(district)
    form = MeasureForm(programme=measure.programme, units=units, instance=measure)
    opened = [g["unit"] for g in form.unit_tree() if g["open"]]
    assert len(opened) == 1 and district.tree_path.startswith(opened[0].tree_path)


def test_decision_form_lists_proposals_and_measures_as_checkboxes(db):
    from meetings.forms import DecisionForm
    from tests.factories import MeetingFactory

    meeting = MeetingFactory()
    MeasureFactory(programme=meeting.group.programme, number="4.4.4")
    html = str(DecisionForm(meeting=meeting)["measures"])
    assert 'type="checkbox"' in html and "data-checklist" in html
