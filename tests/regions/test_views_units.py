"""The territory pages: the tree in one query, a unit with its subtree's measures and money."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programs.models import ProgrammeStatus
from regions.models import IndicatorValue, SocioEconomicIndicator, UnitLevel, UnitNameHistory
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    FundingLineFactory,
    MeasureFactory,
    ObjectiveFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def oblast():
    return UnitFactory(level=UnitLevel.OBLAST, name_en="Naryn oblast")


@pytest.fixture
def district(oblast):
    return UnitFactory(level=UnitLevel.DISTRICT, parent=oblast, name_en="At-Bashy district")


def test_tree_nests_districts_under_their_oblast_in_one_query(client, oblast, district):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/en/territory/")
    content = response.content.decode()
    assert content.index("Naryn oblast") < content.index("At-Bashy district")
    unit_queries = [q for q in ctx.captured_queries if "regions_administrativeunit" in q["sql"]]
    assert len(unit_queries) == 1


def test_unit_page_shows_breadcrumb_history_and_subtree_measures(client, oblast, district):
    UnitNameHistory.objects.create(
        unit=district, name_en="Old name", name_ky="Эски", name_ru="Старое"
    )
    measure = MeasureFactory(
        objective__direction__programme__status=ProgrammeStatus.ADOPTED, target_units=[district]
    )
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1500"))
    FundingLineFactory(measure=measure, year=2027, planned_amount=Decimal("500"))
    FundingLineFactory(measure=MeasureFactory(target_units=[UnitFactory()]), planned_amount=9)

    response = client.get(f"/en/territory/{oblast.soate}/")
    content = response.content.decode()
    assert measure.title_en in content
    assert "2,000.0" in content  # the total over both years, summed in SQL
    assert "9.0" not in content

    district_page = client.get(f"/ru/territory/{district.soate}/").content.decode()
    assert oblast.name_ru in district_page
    assert "Старое" in district_page


def test_unit_indicators_table(client, oblast):
    indicator = SocioEconomicIndicator.objects.create(
        code="poverty-test", name_en="Poverty rate", unit_of_measure_en="%", decimals=1
    )
    IndicatorValue.objects.create(
        indicator=indicator, unit=oblast, year=2022, value=Decimal("33.2")
    )
    assert "33,2" in client.get(f"/ky/territory/{oblast.soate}/").content.decode()
    assert "33.2" in client.get(f"/en/territory/{oblast.soate}/").content.decode()


def test_unknown_code_is_404(client):
    assert client.get("/ky/territory/41700000000099/").status_code == 404


def unit_page_queries(client, unit, count: int) -> int:
    objective = ObjectiveFactory(direction__programme__status=ProgrammeStatus.ADOPTED)
    body = BodyFactory()
    for n in range(count):
        measure = MeasureFactory(objective=objective, target_units=[unit], number=f"1.1.{n + 1}")
        ExecutorFactory(measure=measure, body=body)
        FundingLineFactory(measure=measure)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"/ky/territory/{unit.soate}/").status_code == 200
    return len(ctx.captured_queries)


def test_unit_page_runs_the_same_queries_for_10_and_200_measures(client):
    with_10 = unit_page_queries(client, UnitFactory(), 10)
    big = UnitFactory()
    with_200 = unit_page_queries(client, big, 200)
    assert with_10 == with_200
    # Money allocated to the unit and, apart, the money reaching it; the page's ids read first;
    # the count and the money kept (measures.figures.kept_for_query), read again on the next view.
    assert with_200 <= 28
    with CaptureQueriesContext(connection) as again:
        client.get(f"/ky/territory/{big.soate}/")
    assert len(again.captured_queries) <= 16
