"""The territory dashboard and its map: the figures per unit against independent SQL, the map's
data endpoint, who sees which programme, bad input, and a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measures.models import ComputedStatus, FundingAllocation, FundingLine, Measure
from measures.reporting.territory_figures import figure_by_key, territory_overview
from programs.models import ProgrammeStatus
from programs.roles import EDITORS
from regions.maps import country_shapes, outlines, tile_layout, tile_shapes
from regions.models import AdministrativeUnit, IndicatorValue, SocioEconomicIndicator, UnitLevel
from tests.edit_helpers import user_in
from tests.factories import FundingLineFactory, MeasureFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

BATKEN, OSH, CHUI = "41705000000000", "41706000000000", "41708000000000"
ALAI, ARAVAN = "41706207000000", "41706211000000"


def unit(soate: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(soate=soate)


@pytest.fixture
def plan():
    """A programme in implementation: a measure reaching two oblasts with unallocated money, one in
    two districts of Osh oblast with money allocated per district, one overdue measure in Batken,
    and an archived measure that must not count."""
    programme = ProgrammeFactory(code="TERR-1", status=ProgrammeStatus.IN_IMPLEMENTATION)
    two = MeasureFactory(
        programme__code="X",
        objective__direction__programme=programme,
        target_units=[unit(BATKEN), unit(OSH)],
    )
    FundingLineFactory(measure=two, planned_amount=Decimal("72000.0"))
    districts = MeasureFactory(
        objective__direction__programme=programme, target_units=[unit(ALAI), unit(ARAVAN)]
    )
    line = FundingLineFactory(measure=districts, planned_amount=Decimal("300.0"))
    FundingAllocation.objects.create(line=line, unit=unit(ALAI), amount=Decimal("200.0"))
    FundingAllocation.objects.create(line=line, unit=unit(ARAVAN), amount=Decimal("100.0"))
    MeasureFactory(
        objective__direction__programme=programme,
        target_units=[unit(BATKEN)],
        deadline_text="I квартал 2025",
        deadline_start=datetime.date(2025, 1, 1),
        deadline_end=datetime.date(2025, 3, 31),
    )
    archived = MeasureFactory(objective__direction__programme=programme, target_units=[unit(CHUI)])
    Measure.objects.filter(pk=archived.pk).update(archived_at=datetime.datetime.now(datetime.UTC))
    population = SocioEconomicIndicator.objects.get(code="population")
    IndicatorValue.objects.create(
        indicator=population, unit=unit(OSH), year=2022, value=Decimal("1300")
    )
    IndicatorValue.objects.create(
        indicator=population, unit=unit(OSH), year=2023, value=Decimal("1400")
    )
    return programme


def sql(query: str, params) -> object:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()[0]


def sql_measures(programme, unit_: AdministrativeUnit) -> int:
    return sql(
        """SELECT COUNT(DISTINCT m.id) FROM measures_measure m
           JOIN measures_measure_target_units t ON t.measure_id = m.id
           JOIN regions_administrativeunit u ON u.id = t.administrativeunit_id
           WHERE m.programme_id = %s AND m.archived_at IS NULL AND u.tree_path LIKE %s""",
        [programme.pk, unit_.tree_path + "%"],
    )


def sql_allocated(programme, unit_: AdministrativeUnit) -> Decimal:
    return sql(
        """SELECT COALESCE(SUM(a.amount), 0) FROM measures_fundingallocation a
           JOIN measures_fundingline l ON l.id = a.line_id
           JOIN measures_measure m ON m.id = l.measure_id
           JOIN regions_administrativeunit u ON u.id = a.unit_id
           WHERE m.programme_id = %s AND m.archived_at IS NULL AND u.tree_path LIKE %s""",
        [programme.pk, unit_.tree_path + "%"],
    )


def sql_reaching(programme, unit_: AdministrativeUnit) -> Decimal:
    return sql(
        """SELECT COALESCE(SUM(l.planned_amount), 0) FROM measures_fundingline l
           JOIN measures_measure m ON m.id = l.measure_id
           WHERE m.programme_id = %s AND m.archived_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM measures_fundingallocation a WHERE a.line_id = l.id)
             AND EXISTS (SELECT 1 FROM measures_measure_target_units t
                         JOIN regions_administrativeunit u ON u.id = t.administrativeunit_id
                         WHERE t.measure_id = m.id AND u.tree_path LIKE %s)""",
        [programme.pk, unit_.tree_path + "%"],
    )


def test_every_figure_equals_an_independent_sql_computation(plan, client):
    response = client.get(reverse("api:territory-list"), {"programme": plan.code})
    assert response.status_code == 200
    units = {row["soate"]: row for row in response.json()["units"]}
    top = AdministrativeUnit.objects.current().filter(parent__isnull=True)
    assert set(units) == set(top.values_list("soate", flat=True))
    for u in top:
        row = units[u.soate]
        assert row["measures"] == sql_measures(plan, u)
        assert sum(row["by_status"].values()) == row["measures"]
        assert Decimal(row["money_allocated"]) == sql_allocated(plan, u)
        assert Decimal(row["money_reaching"]) == sql_reaching(plan, u)
    assert units[BATKEN]["measures"] == 2
    assert Decimal(units[BATKEN]["money_reaching"]) == Decimal("72000.0")
    assert Decimal(units[OSH]["money_allocated"]) == Decimal("300.0")
    assert units[CHUI]["measures"] == 0  # the archived measure does not count
    overdue = Measure.objects.active().filter(programme=plan).in_unit(unit(BATKEN))
    overdue = overdue.in_status([ComputedStatus.OVERDUE]).count()
    assert units[BATKEN]["by_status"].get("overdue", 0) == overdue == 1
    assert Decimal(units[BATKEN]["overdue_share"]) == Decimal("50.0")
    # Money per inhabitant: thousand som / thousand people (the latest population, 2023).
    assert units[OSH]["indicators"]["population"] == {"value": "1400.0", "year": 2023}
    assert Decimal(units[OSH]["allocated_per_inhabitant"]) == round(Decimal("300") / 1400)
    assert Decimal(units[OSH]["reaching_per_inhabitant"]) == round(Decimal("72000") / 1400)
    assert units[BATKEN]["allocated_per_inhabitant"] is None  # no population: no data


def test_districts_of_an_oblast_and_the_no_double_count_rule(plan, client):
    response = client.get(
        reverse("api:territory-list"),
        {"programme": plan.code, "parent": OSH, "figure": "allocated"},
    )
    data = response.json()
    units = {row["soate"]: row for row in data["units"]}
    assert set(units) == set(unit(OSH).children.values_list("soate", flat=True))
    assert Decimal(units[ALAI]["money_allocated"]) == Decimal("200.0")
    assert Decimal(units[ARAVAN]["money_allocated"]) == Decimal("100.0")
    # The districts' allocations add up to the oblast's, counted once.
    oblast = client.get(reverse("api:territory-list"), {"programme": plan.code}).json()
    osh = next(row for row in oblast["units"] if row["soate"] == OSH)
    total = sum(Decimal(row["money_allocated"]) for row in data["units"])
    assert total == Decimal(osh["money_allocated"]) == sql_allocated(plan, unit(OSH))
    # Alai holds the largest value: the top class; districts with nothing are in the lowest.
    assert units[ALAI]["map_class"] == 5 and units[ALAI]["value"] == "200.0"
    assert units[ARAVAN]["map_class"] == 3
    assert units["41706242000000"]["map_class"] == 1
    assert data["classes"][0] == {"map_class": 1, "low": "0.0", "high": "40.0"}


def test_bad_parameters_are_a_400_keyed_by_parameter(plan, client):
    response = client.get(
        reverse("api:territory-list"),
        {"programme": "NOPE", "parent": "123", "figure": "height", "lang": "ru"},
    )
    assert response.status_code == 400
    assert set(response.json()) == {"programme", "parent", "figure"}


def test_drafts_are_shown_only_to_who_may_see_them(plan, client):
    draft = ProgrammeFactory(code="DRAFT-1", status=ProgrammeStatus.DRAFT)
    MeasureFactory(objective__direction__programme=draft, target_units=[unit(CHUI)])
    url = reverse("api:territory-list")
    assert client.get(url, {"programme": draft.code}).status_code == 400
    page = client.get(reverse("regions:territory_map"), {"programme": draft.code})
    assert page.status_code == 200 and page.context["programme"] != draft
    client.force_login(user_in("partners"))
    assert client.get(url, {"programme": draft.code}).status_code == 400
    client.force_login(user_in(EDITORS, programmes=[draft]))
    units = {r["soate"]: r for r in client.get(url, {"programme": draft.code}).json()["units"]}
    assert units[CHUI]["measures"] == 1


def test_the_map_page_draws_every_top_unit_and_the_same_figures_in_its_table(plan, client):
    response = client.get(
        reverse("regions:territory_map"), {"programme": plan.code, "figure": "measures"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    rows = {row.unit.soate: row for row in response.context["overview"].rows}
    shapes = response.context["shapes"]
    assert {s.unit.soate for s in shapes} == set(rows)  # 7 oblasts + Bishkek + Osh
    for shape in shapes:
        assert (
            f'data-soate="{shape.unit.soate}" data-class="{rows[shape.unit.soate].map_class}"'
            in html
        )
    assert html.count('class="unit-shape') == 9
    assert "<title>" in html and 'class="map-legend"' in html
    # Batken's shape opens its districts; its row links to the unit's page and the next level.
    assert reverse("regions:territory_map_unit", args=[BATKEN]) in html
    assert reverse("regions:unit_detail", args=[BATKEN]) in html


def test_a_bad_figure_on_the_page_is_a_message_not_an_error(plan, client):
    response = client.get(reverse("regions:territory_map"), {"figure": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"].errors["figure"]
    assert response.context["overview"].figure.key == "measures"


def test_a_district_without_units_below_shows_itself(plan, client):
    response = client.get(reverse("regions:territory_map_unit", args=[ALAI]))
    assert response.status_code == 200
    assert [row.unit.soate for row in response.context["overview"].rows] == [ALAI]
    assert (
        client.get(reverse("regions:territory_map_unit", args=["41799999000000"])).status_code
        == 404
    )


def test_all_oblasts_and_cities_of_republican_significance_have_a_shape():
    top = list(AdministrativeUnit.objects.current().filter(parent__isnull=True))
    assert len(top) == 9
    shapes, viewbox = country_shapes(top)
    assert {s.unit.iso_3166_2 for s in shapes} == {
        "KG-B",
        "KG-C",
        "KG-J",
        "KG-N",
        "KG-O",
        "KG-T",
        "KG-Y",
        "KG-GB",
        "KG-GO",
    }
    assert viewbox[2] == 1000
    assert all(s.path.startswith("M") for s in shapes if s.unit.level == UnitLevel.OBLAST)
    assert (MAPDATA_SIZE := len(str(outlines()))) < 100_000, MAPDATA_SIZE


def test_the_tile_layout_places_every_unit_below_each_oblast_once():
    for parent in AdministrativeUnit.objects.current().filter(parent__isnull=True):
        children = list(parent.children.current())
        if not children:
            continue
        layout = tile_layout()[parent.soate]
        assert set(layout) == {c.soate for c in children}, parent
        assert len({tuple(v) for v in layout.values()}) == len(layout), parent
        shapes, _ = tile_shapes(parent, children)
        assert len(shapes) == len(children)


def test_a_unit_the_layout_does_not_know_is_drawn_below_it():
    osh = unit(OSH)
    new = AdministrativeUnit.objects.create(
        soate="41706299000000", level=UnitLevel.DISTRICT, parent=osh, name="New"
    )
    shapes, viewbox = tile_shapes(osh, [*osh.children.all()])
    placed = next(s for s in shapes if s.unit == new)
    assert float(placed.y) >= 300 and viewbox[3] == 400


def make_measures(programme, count: int):
    units = list(AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)[:8])
    for index in range(count):
        measure = MeasureFactory(
            objective__direction__programme=programme,
            target_units=[units[index % len(units)], units[(index + 3) % len(units)]],
        )
        line = FundingLineFactory(measure=measure)
        if index % 2:
            FundingAllocation.objects.create(
                line=line, unit=units[index % len(units)], amount=line.planned_amount
            )


def test_fixed_number_of_queries_whatever_the_plan_size(plan, client):
    urls = [
        (reverse("regions:territory_map"), {"programme": plan.code}, 12),
        (
            reverse("regions:territory_map_unit", args=[OSH]),
            {"programme": plan.code, "figure": "overdue_share"},
            14,
        ),
        (reverse("api:territory-list"), {"programme": plan.code, "parent": OSH}, 12),
    ]

    def counts():
        numbers = []
        for url, params, limit in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url, params).status_code == 200
            assert len(queries) <= limit, (url, len(queries))
            numbers.append(len(queries))
        return numbers

    make_measures(plan, 2)
    small = counts()
    make_measures(plan, 25)
    assert counts() == small


def test_overview_in_three_queries_per_level(plan, django_assert_num_queries):
    measures = Measure.objects.active().filter(programme=plan)
    figure = figure_by_key("measures")
    with django_assert_num_queries(4):  # figures (indicators) are asked separately: 1 + 3
        figure = figure_by_key("overdue_share")
        territory_overview(None, measures, figure)
    assert FundingLine.objects.filter(measure__programme=plan).exists()


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 1, 2, 3, 4], [(1, 0, 0), (2, 1, 1), (3, 2, 2), (4, 3, 3), (5, 4, 4)]),
        ([0, 10, 3, None], [(1, 0, 2), (2, 3, 5), (3, 6, 8), (4, 9, 10)]),
        ([7, 7], [(1, 7, 7)]),
    ],
)
def test_counts_get_whole_number_classes_that_do_not_overlap(values, expected):
    from regions.maps import classify

    classes, numbers = classify(values)
    assert [(c.number, c.low, c.high) for c in classes] == expected
    for value, number in zip(values, numbers, strict=True):
        if value is None:
            assert number == 0
        else:
            assert classes[number - 1].low <= value <= classes[number - 1].high
