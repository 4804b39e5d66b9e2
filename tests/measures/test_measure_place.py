"""A measure's number places it: "2.1.4" goes under direction 2 and objective 2.1 where the
programme has them; the lists stay changeable, and a mismatch says which objectives fit."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from measures.forms import MeasureForm, place_by_number
from measures.models import Measure
from tests.edit_helpers import editor_of, measure_post_data
from tests.factories import (
    BodyFactory,
    DirectionFactory,
    ObjectiveFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    programme = ProgrammeFactory(code="P-PLACE")
    one = DirectionFactory(programme=programme, number="1", title_en="Growth")
    two = DirectionFactory(programme=programme, number="2", title_en="Border")
    return {
        "programme": programme,
        "one": one,
        "two": two,
        "o11": ObjectiveFactory(direction=one, number="1.1", title_en="Roads"),
        "o21": ObjectiveFactory(direction=two, number="2.1", title_en="Water"),
        "o22": ObjectiveFactory(direction=two, number="2.2", title_en="Schools"),
    }


def new_measure(plan, **overrides):
    return measure_post_data(
        **{
            "measure-number": "2.1.4",
            "measure-title_en": "A new measure",
            "measure-deadline_text": f"{plan['programme'].period_start_year}",
            "measure-lead_body": str(BodyFactory().pk),
            **overrides,
        }
    )


def test_place_by_number_finds_direction_and_objective(plan):
    directions, objectives = [plan["one"], plan["two"]], [plan["o11"], plan["o21"], plan["o22"]]
    assert place_by_number("2.1.4", directions, objectives) == (plan["two"], plan["o21"])
    assert place_by_number("2.7.1", directions, objectives) == (plan["two"], None)
    assert place_by_number("9.1.1", directions, objectives) == (None, None)
    assert place_by_number("2.x", directions, objectives) == (None, None)


def test_form_fills_direction_and_objective_from_the_number(plan):
    data = {k.removeprefix("measure-"): v for k, v in new_measure(plan).items()}
    form = MeasureForm(data, programme=plan["programme"], units=[])
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["direction"], form.cleaned_data["objective"]) == (
        plan["two"],
        plan["o21"],
    )


def test_a_chosen_objective_that_disagrees_with_the_number_is_refused(plan):
    """One rule for numbers (issue 13): the import reads 2.1.4 as objective 2.1, so the form does
    not store it under 2.2 either; it says so instead of placing it silently."""
    data = {
        k.removeprefix("measure-"): v
        for k, v in new_measure(plan, **{"measure-objective": str(plan["o22"].pk)}).items()
    }
    with translation.override("en"):
        form = MeasureForm(data, programme=plan["programme"], units=[])
        assert not form.is_valid()
        assert "would sit under 2.1 by its number" in form.errors["number"][0]


def test_mismatch_says_which_objectives_fit(plan):
    overrides = {
        "measure-direction": str(plan["one"].pk),
        "measure-objective": str(plan["o21"].pk),
    }
    data = {k.removeprefix("measure-"): v for k, v in new_measure(plan, **overrides).items()}
    with translation.override("en"):
        form = MeasureForm(data, programme=plan["programme"], units=[])
        assert not form.is_valid()
        assert form.errors["objective"] == [
            "The objective belongs to another direction.",
            "Objectives of direction 1: 1.1. Roads.",
        ]


def test_no_direction_and_no_number_match_asks_for_a_direction(plan):
    data = {
        k.removeprefix("measure-"): v
        for k, v in new_measure(plan, **{"measure-number": "7.1.1"}).items()
    }
    form = MeasureForm(data, programme=plan["programme"], units=[])
    assert not form.is_valid()
    assert "7.1.1" in form.errors["direction"][0]


def test_editor_creates_a_measure_placed_by_its_number(client, plan):
    client.force_login(editor_of(plan["programme"]))
    response = client.post("/en/plan/P-PLACE/new/", new_measure(plan))
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = Measure.objects.get(programme=plan["programme"], number="2.1.4")
    assert (measure.direction, measure.objective) == (plan["two"], plan["o21"])


def test_form_page_carries_the_numbers_for_the_script(client, plan):
    client.force_login(editor_of(plan["programme"]))
    page = client.get("/en/plan/P-PLACE/new/").content.decode()
    # The objective's option carries its number and its direction (attributes in any order).
    option = re.search(r'<option value="{}"([^>]*)>'.format(plan["o21"].pk), page).group(1)
    assert 'data-number="2.1"' in option and f'data-direction="{plan["two"].pk}"' in option
    assert "js/plan_place.js" in page


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_only_editors_create(client, plan, who):
    if who == "member":
        from tests.edit_helpers import user_in

        client.force_login(user_in("members"))
    response = client.post("/en/plan/P-PLACE/new/", new_measure(plan))
    assert response.status_code in (302, 403)
    assert not Measure.objects.filter(number="2.1.4").exists()
