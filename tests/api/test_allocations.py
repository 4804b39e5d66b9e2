"""The API carries each funding line's allocation to target units (classifier code, name, amount);
the OpenAPI schema describes it. The measures API is read-only: the rule is enforced where measures
are written (the plan editor, the import, measures.services)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import yaml
from rest_framework.test import APIClient

from measures.models import FundingAllocation
from regions.models import AdministrativeUnit
from tests.factories import FundingLineFactory, MeasureFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    osh, batken = (
        AdministrativeUnit.objects.get(soate=code) for code in ("41721000000000", "41705000000000")
    )
    measure = MeasureFactory(
        number="1.2.1",
        objective__direction__programme=ProgrammeFactory(code="REG-API"),
        target_units=[osh, batken],
    )
    line = FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1000.0"))
    FundingAllocation.objects.create(line=line, unit=batken, amount=Decimal("400.0"))
    FundingAllocation.objects.create(line=line, unit=osh, amount=Decimal("600.0"))
    FundingLineFactory(measure=measure, year=2027, planned_amount=Decimal("50.0"))
    return measure


def test_funding_lines_carry_their_allocations(measure):
    api = APIClient()
    data = api.get("/api/v1/measures/REG-API/1.2.1/?lang=ru").json()
    allocated, unallocated = data["funding"]
    assert allocated["allocations"] == [
        {"unit": "41705000000000", "name": "Баткенская область", "amount": "400.0"},
        {"unit": "41721000000000", "name": "город Ош", "amount": "600.0"},
    ]
    assert unallocated["allocations"] == []
    every = api.get("/api/v1/measures/REG-API/1.2.1/?lang=all").json()
    assert every["funding"][0]["allocations"][1]["name"] == {
        "ky": "Ош шаары",
        "ru": "город Ош",
        "en": "Osh City",
    }
    listed = api.get("/api/v1/measures/?programme=REG-API&lang=en").json()["results"][0]
    assert listed["funding"][0]["allocations"][0]["name"] == "Batken Region"


def test_the_schema_describes_allocations():
    schema = yaml.safe_load(APIClient().get("/api/v1/schema/").content)
    funding = schema["components"]["schemas"]["Funding"]["properties"]
    assert "allocations" in funding
    allocation = schema["components"]["schemas"]["Allocation"]["properties"]
    assert {"unit", "name", "amount"} <= set(allocation)
