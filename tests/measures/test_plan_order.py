"""The plan's order kept in ``Measure.plan_key`` by PostgreSQL (migration measures 0014) is the
order of the official table — direction, objective (none after any), number — whatever order the
rows were written in, and it follows a direction or objective moved or renumbered, without anyone
saving the measures. The plan page and the API count their rows from a kept count that moves on
with every change of a plan (measures.figures.kept_count)."""

from __future__ import annotations

import pytest
from django.db.models import F

from measures import figures
from measures.models import Measure
from programs.models import HEADING_ORDER, ProgrammeStatus
from tests.factories import DirectionFactory, MeasureFactory, ObjectiveFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def tuple_order(queryset):
    """The order spelled out on the joined headings, as it was before the key existed."""
    nulls_last = [
        *(F(f"direction__{name}").asc() for name in HEADING_ORDER),
        *(F(f"objective__{name}").asc(nulls_last=True) for name in HEADING_ORDER),
        "sort_key",
        "id",
    ]
    return list(queryset.order_by(*nulls_last).values_list("number", flat=True))


def keyed_order(queryset):
    return list(queryset.in_plan_order().values_list("number", flat=True))


@pytest.fixture
def plan():
    programme = ProgrammeFactory()
    # Written out of order: positions against numbers, "10" against "2", a measure without an
    # objective, numbers whose text order differs from their hierarchical order.
    second = DirectionFactory(programme=programme, number="2", position=2)
    tenth = DirectionFactory(programme=programme, number="10", position=1)
    first = DirectionFactory(programme=programme, number="1", position=1)
    o21 = ObjectiveFactory(direction=second, number="2.1", position=1)
    o210 = ObjectiveFactory(direction=second, number="2.10", position=2)
    o11 = ObjectiveFactory(direction=first, number="1.1", position=1)
    for objective, number in [
        (o210, "2.10.1"),
        (o21, "2.1.10"),
        (o21, "2.1.2"),
        (o11, "1.1.1"),
        (None, "10.0.1"),
        (None, "2.0.1"),
    ]:
        direction = objective.direction if objective else (tenth if number[:2] == "10" else second)
        MeasureFactory(programme=programme, direction=direction, objective=objective, number=number)
    return programme, {"first": first, "second": second, "tenth": tenth, "o21": o21, "o210": o210}


def test_the_kept_key_sorts_as_the_official_table(plan):
    programme, _ = plan
    measures = Measure.objects.filter(programme=programme)
    assert keyed_order(measures) == tuple_order(measures)
    assert keyed_order(measures) == ["1.1.1", "10.0.1", "2.1.2", "2.1.10", "2.10.1", "2.0.1"]


def test_moving_or_renumbering_a_heading_moves_its_measures(plan):
    programme, headings = plan
    measures = Measure.objects.filter(programme=programme)
    versions = dict(measures.values_list("number", "version"))
    # The second direction to the top, its objectives swapped: through the ORM's update, as the
    # plan editor's reordering writes positions.
    type(headings["second"]).objects.filter(pk=headings["second"].pk).update(position=0)
    type(headings["o21"]).objects.filter(pk=headings["o21"].pk).update(position=3)
    assert keyed_order(measures) == tuple_order(measures)
    assert keyed_order(measures)[:3] == ["2.10.1", "2.1.2", "2.1.10"]
    type(headings["first"]).objects.filter(pk=headings["first"].pk).update(number="3")
    assert keyed_order(measures) == tuple_order(measures)
    # Derived, like an index: no measure went up a version.
    assert dict(measures.values_list("number", "version")) == versions


def test_the_kept_count_moves_on_with_the_plan_and_the_programme(plan):
    from django.contrib.auth.models import AnonymousUser

    programme, headings = plan
    programme.status = ProgrammeStatus.ADOPTED
    programme.save()

    def public():
        return Measure.objects.visible_to(AnonymousUser()).filter(programme=programme)

    assert figures.kept_count(public()) == 6
    # A new measure moves the plan's counter (measures.signals): the count is taken afresh.
    MeasureFactory(programme=programme, direction=headings["first"], number="1.0.9")
    assert figures.kept_count(public()) == 7
    # A programme withdrawn from the public moves it too: its measures are no longer counted.
    programme.status = ProgrammeStatus.DRAFT
    programme.save()
    assert figures.kept_count(public()) == 0 == public().count()
