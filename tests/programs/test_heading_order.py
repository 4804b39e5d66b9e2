"""Headings stand in one order everywhere: position, then number (programs.models.HEADING_ORDER)."""

import pytest

from measures.forms import MeasureForm
from measures.models import Measure
from programs.models import Direction, Objective
from tests.factories import DirectionFactory, MeasureFactory, ObjectiveFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def headings():
    programme = ProgrammeFactory()
    # Created in the wrong order on purpose: the second direction is first in the plan.
    later = DirectionFactory(programme=programme, number="2", position=2)
    first = DirectionFactory(programme=programme, number="1", position=1)
    objectives = [
        ObjectiveFactory(direction=later, number="2.1", position=1),
        ObjectiveFactory(direction=first, number="1.2", position=2),
        ObjectiveFactory(direction=first, number="1.1", position=1),
    ]
    for objective in objectives:
        MeasureFactory(objective=objective, number=f"{objective.number}.1")
    return programme


def test_directions_objectives_and_measures_share_the_plan_order(headings):
    assert [d.number for d in Direction.objects.in_plan_order()] == ["1", "2"]
    assert [o.number for o in Objective.objects.in_plan_order()] == ["1.1", "1.2", "2.1"]
    assert [m.number for m in Measure.objects.in_plan_order()] == ["1.1.1", "1.2.1", "2.1.1"]


def test_the_measure_form_offers_headings_in_the_plan_order(headings):
    form = MeasureForm(programme=headings, units=[])
    assert [d.number for d in form.fields["direction"].queryset] == ["1", "2"]
    assert [o.number for o in form.fields["objective"].queryset] == ["1.1", "1.2", "2.1"]
