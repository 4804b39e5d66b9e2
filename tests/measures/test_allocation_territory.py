"""Money by territory, counted once (issue 11): allocations sum over the territory tree exactly once
(district → oblast → country), money not allocated is shown apart as money of measures that reach
the unit and never claimed by it; the unit page shows the two figures apart, in a fixed number of
queries."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import FundingAllocation, Measure
from measures.reporting.territory import programme_money, unit_money
from programs.models import ProgrammeStatus
from regions.models import AdministrativeUnit
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    FundingLineFactory,
    MeasureFactory,
    ObjectiveFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

BATKEN = "41705000000000"
BATKEN_DISTRICT = "41705214000000"
KYZYL_KIYA = "41705430000010"
NARYN = "41704000000000"
AT_BASHY = "41704220000000"
OSH_CITY = "41721000000000"


def unit(soate):
    return AdministrativeUnit.objects.get(soate=soate)


def allocate(line, **amounts):
    for soate, amount in amounts.items():
        FundingAllocation.objects.create(line=line, unit=unit(soate), amount=Decimal(amount))


@pytest.fixture
def plan():
    """Three measures of one adopted programme:

    * two oblasts, not allocated: 1 000 reach Batken and Naryn, neither may claim it;
    * a district and its oblast's city: 300 to Batken district, 200 to Kyzyl-Kiya (Batken oblast);
    * two oblasts' districts, allocated: 70 to At-Bashy (Naryn), 30 to Batken district, and a
      second line of the same measure not allocated (50).
    """
    objective = ObjectiveFactory(direction__programme=ProgrammeFactory(code="REG-TEST"))
    both = MeasureFactory(objective=objective, target_units=[unit(BATKEN), unit(NARYN)])
    FundingLineFactory(measure=both, year=2026, planned_amount=Decimal("1000.0"))
    local = MeasureFactory(
        objective=objective, target_units=[unit(BATKEN_DISTRICT), unit(KYZYL_KIYA)]
    )
    line = FundingLineFactory(measure=local, year=2026, planned_amount=Decimal("500.0"))
    allocate(line, **{BATKEN_DISTRICT: "300.0", KYZYL_KIYA: "200.0"})
    split = MeasureFactory(
        objective=objective, target_units=[unit(AT_BASHY), unit(BATKEN_DISTRICT)]
    )
    line = FundingLineFactory(measure=split, year=2026, planned_amount=Decimal("100.0"))
    allocate(line, **{AT_BASHY: "70.0", BATKEN_DISTRICT: "30.0"})
    FundingLineFactory(measure=split, source="local", year=2027, planned_amount=Decimal("50.0"))
    return objective.direction.programme


def money(*soates):
    units = AdministrativeUnit.objects.filter(soate__in=soates)
    by_id = unit_money(units, Measure.objects.active())
    return {u.soate: by_id[u.pk] for u in units}


def test_a_measure_reaching_two_oblasts_is_claimed_by_neither(plan):
    figures = money(BATKEN, NARYN)
    assert figures[NARYN].allocated == Decimal("70.0")  # At-Bashy's part only
    assert figures[BATKEN].allocated == Decimal("530.0")  # 300 + 200 + 30
    # The unallocated 1 000 and 50 reach both oblasts (the 50 through its two districts) and are
    # shown apart, once per unit however many of the measure's targets lie below it.
    assert figures[NARYN].reaching == Decimal("1050.0")
    assert figures[BATKEN].reaching == Decimal("1050.0")


def test_a_district_and_its_oblasts_city_add_up_to_the_oblast(plan):
    figures = money(BATKEN, BATKEN_DISTRICT, KYZYL_KIYA)
    assert figures[BATKEN_DISTRICT].allocated == Decimal("330.0")
    assert figures[KYZYL_KIYA].allocated == Decimal("200.0")
    assert figures[BATKEN].allocated == (
        figures[BATKEN_DISTRICT].allocated + figures[KYZYL_KIYA].allocated
    )
    assert figures[KYZYL_KIYA].reaching == Decimal("0.0")


def test_the_rollup_to_the_country_counts_each_allocation_once(plan):
    """Over the whole tree: each unit's allocated money is the sum of the allocations in its
    subtree (computed here apart from the SQL), and the top-level units together hold every
    allocated som exactly once."""
    units = list(AdministrativeUnit.objects.all())
    figures = unit_money(AdministrativeUnit.objects.all(), Measure.objects.active())
    allocations = list(FundingAllocation.objects.select_related("unit"))
    for each in units:
        expected = sum(
            (a.amount for a in allocations if a.unit.tree_path.startswith(each.tree_path)),
            Decimal("0.0"),
        )
        assert figures[each.pk].allocated == expected, each
    top = sum((figures[u.pk].allocated for u in units if u.depth == 0), Decimal("0.0"))
    total = programme_money(Measure.objects.filter(programme=plan))
    assert top == total["allocated"] == Decimal("600.0")
    assert total["planned"] == Decimal("1650.0")
    assert total["unallocated_targeted"] == Decimal("1050.0")


def page(client, soate, lang="en"):
    return html.unescape(client.get(f"/{lang}/territory/{soate}/").content.decode())


def section(content, anchor):
    start = content.index(f'id="{anchor}"')
    return content[start : content.index("</section>", start)]


def test_the_unit_page_shows_allocated_and_reaching_money_apart(client, plan):
    content = page(client, BATKEN)
    allocated = section(content, "money-allocated")
    reaching = section(content, "money-reaching")
    assert "Money allocated to this territory" in allocated
    assert "530.0" in allocated and "1,000.0" not in allocated
    assert "not allocated to units" in reaching
    assert "1,050.0" in reaching and "530.0" not in reaching
    # Kyzyl-Kiya's page: its 200, and nothing of the oblast-wide measure.
    city = page(client, KYZYL_KIYA, "ru")
    assert "200,0" in section(city, "money-allocated")
    assert "1 000,0" not in city.replace("\xa0", " ")


def unit_page_queries(client, soate, count: int, assert_max) -> int:
    objective = ObjectiveFactory(direction__programme__status=ProgrammeStatus.ADOPTED)
    body = BodyFactory()
    for n in range(count):
        measure = MeasureFactory(
            objective=objective, target_units=[unit(soate)], number=f"1.1.{n + 1}"
        )
        ExecutorFactory(measure=measure, body=body)
        allocate(FundingLineFactory(measure=measure), **{soate: "1500.0"})
        FundingLineFactory(measure=measure, source="local")
    # Ids first: +1. The page's count and the unit's money are kept (measures.figures.
    # kept_for_query): the first view computes and stores them, the next reads them.
    with assert_max(28), CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/ky/territory/{soate}/").status_code == 200
    with assert_max(16):
        assert client.get(f"/ky/territory/{soate}/").status_code == 200
    return len(ctx.captured_queries)


def test_the_unit_page_runs_the_same_queries_for_5_and_60_measures(
    client, django_assert_max_num_queries
):
    few = unit_page_queries(client, AT_BASHY, 5, django_assert_max_num_queries)
    many = unit_page_queries(client, BATKEN_DISTRICT, 60, django_assert_max_num_queries)
    assert few == many
