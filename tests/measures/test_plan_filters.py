"""One filter semantics for the action plan: the page's MeasureFilter and the API's
MeasureApiFilter both ask MeasureQuerySet (search, deadline_overlaps, in_unit, with_body)."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.test import APIClient

from measures.models import DeadlineKind, Measure
from programs.models import ProgrammeStatus
from regions.models import AdministrativeUnit
from tests.factories import (
    BodyFactory,
    DirectionFactory,
    ExecutorFactory,
    MeasureFactory,
    ObjectiveFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date
CODE = "REG-2025-2030"
NARYN, AT_BASHY, TALAS = "41704000000000", "41704220000000", "41707000000000"


@pytest.fixture
def plan():
    """Measures whose deadlines, texts, numbers, territories and bodies tell the rules apart."""
    programme = ProgrammeFactory(
        code=CODE,
        status=ProgrammeStatus.IN_IMPLEMENTATION,
        period_start_year=2025,
        period_end_year=2030,
    )
    one = ObjectiveFactory(
        direction=DirectionFactory(programme=programme, number="1"), number="1.2"
    )
    twenty = ObjectiveFactory(direction=one.direction, number="1.20")
    naryn_district = AdministrativeUnit.objects.get(soate=AT_BASHY)
    talas = AdministrativeUnit.objects.get(soate=TALAS)
    lead, partner = BodyFactory(), BodyFactory()

    def measure(number, start, end, kind=DeadlineKind.ONCE, objective=one, **fields):
        return MeasureFactory(
            objective=objective,
            number=number,
            deadline_kind=kind,
            deadline_start=start,
            deadline_end=end,
            lead_body=lead,
            **fields,
        )

    rows = {
        "in_2027": measure("1.2.1", D(2027, 10, 1), D(2027, 12, 31), title_en="Drinking water"),
        "spans": measure("1.2.2", D(2025, 1, 1), D(2030, 12, 31), DeadlineKind.PERIOD),
        "by_date": measure(
            "1.2.3", None, D(2027, 6, 30), implementation_mechanism_ru="Приказ о водоснабжении"
        ),
        "annual": measure("1.2.4", None, None, DeadlineKind.ANNUAL, expected_result_ky="Суу"),
        "no_deadline": measure("1.2.5", None, None, deadline_text=""),
        "in_2026": measure("1.2.6", D(2026, 1, 1), D(2026, 12, 31), title_en="Water tariffs"),
        "in_2028": measure("1.20.1", None, D(2028, 3, 1), objective=twenty),
    }
    rows["in_2027"].target_units.set([naryn_district, naryn_district.parent])
    rows["in_2026"].target_units.set([talas])
    ExecutorFactory(measure=rows["annual"], body=partner)
    names = {m.pk: name for name, m in rows.items()}
    return {"names": names, "lead": lead, "partner": partner, "programme": programme}


def page_rows(client, plan, **params) -> set[str]:
    response = client.get("/en/plan/", {"programme": CODE, **params})
    assert response.status_code == 200, response.content
    return {plan["names"][m.pk] for m in response.context["measures"]}


def api_rows(plan, **params) -> set[str]:
    response = APIClient().get("/api/v1/measures/", {"programme": CODE, **params})
    assert response.status_code == 200, response.content
    numbers = {m.number: m.pk for m in Measure.objects.all()}
    keys = [item["key"].split("/", 1)[1] for item in response.json()["results"]]
    return {plan["names"][numbers[number]] for number in keys}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("water", {"in_2027", "in_2026"}),  # a title in English
        ("водоснабжении", {"by_date"}),  # the mechanism in Russian: the page now searches it too
        ("суу", {"annual"}),  # an expected result in Kyrgyz, any case
        ("1.2", {"in_2027", "spans", "by_date", "annual", "no_deadline", "in_2026"}),
        ("1.2.", {"in_2027", "spans", "by_date", "annual", "no_deadline", "in_2026"}),
        ("1.20", {"in_2028"}),  # 1.2 and 1.20 are different objectives
        ("1.2.4", {"annual"}),
        ("01.2.4", {"annual"}),
        ("nothing like it", set()),
    ],
)
def test_search_finds_the_same_rows_on_the_page_and_in_the_api(client, plan, q, expected):
    assert page_rows(client, plan, q=q) == expected
    assert api_rows(plan, q=q) == expected


def test_a_year_on_the_page_is_the_same_question_as_its_dates_in_the_api(client, plan):
    expected = {"in_2027", "spans", "by_date", "annual"}
    assert page_rows(client, plan, year=2027) == expected
    assert api_rows(plan, deadline_from="2027-01-01", deadline_to="2027-12-31") == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # Open-ended "annually" runs through the programme period 2025–2030 ...
        ({"deadline_from": "2030-06-01"}, {"spans", "annual"}),
        ({"deadline_to": "2025-03-01"}, {"spans", "annual"}),
        # ... and not beyond it; a measure with no deadline matches no dates at all.
        ({"deadline_from": "2031-01-01"}, set()),
        ({"deadline_to": "2024-12-31"}, set()),
        ({"deadline_from": "2027-07-01", "deadline_to": "2027-09-30"}, {"spans", "annual"}),
    ],
)
def test_open_ended_and_missing_deadlines(plan, params, expected):
    assert api_rows(plan, **params) == expected
    start = params.get("deadline_from")
    end = params.get("deadline_to")
    rows = Measure.objects.deadline_overlaps(
        D.fromisoformat(start) if start else None, D.fromisoformat(end) if end else None
    )
    assert {plan["names"][m.pk] for m in rows} == expected


@pytest.mark.parametrize(
    ("unit", "expected"),
    [(NARYN, {"in_2027"}), (AT_BASHY, {"in_2027"}), (TALAS, {"in_2026"})],
)
def test_the_unit_filter_takes_the_subtree_on_the_page_and_in_the_api(client, plan, unit, expected):
    # in_2027 targets both Naryn oblast and one of its districts: it is listed once.
    assert page_rows(client, plan, unit=unit) == expected
    assert api_rows(plan, unit=unit) == expected
    response = client.get("/en/plan/", {"programme": CODE, "unit": NARYN})
    assert len(response.context["measures"]) == 1


def test_the_body_filter_takes_lead_and_co_executed_measures_on_both(client, plan):
    partner = plan["partner"]
    assert page_rows(client, plan, body=partner.pk) == {"annual"}
    assert api_rows(plan, body=partner.pk) == {"annual"}
    everything = set(plan["names"].values())
    assert page_rows(client, plan, body=plan["lead"].pk) == everything
    assert api_rows(plan, body=plan["lead"].pk) == everything


def test_the_territory_and_body_filters_are_exists_semi_joins():
    unit = AdministrativeUnit.objects.get(soate=NARYN)
    for queryset in (Measure.objects.in_unit(unit), Measure.objects.with_body(1)):
        sql = str(queryset.query).upper()
        assert "EXISTS" in sql
        assert "DISTINCT" not in sql
