"""The allocation rule on the measure's one write path (measures.services): allocations are written
and checked there, a violation names the line and nothing is half-saved, a change of the target
units or of a line's amount that breaks an allocation is refused, and the history covers them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from measures.history import measure_history
from measures.models import FundingAllocation, FundingLine
from measures.services import MeasureContent, measure_restore_version, measure_update
from regions.models import AdministrativeUnit
from tests.factories import FundingLineFactory, MeasureFactory, UserFactory

pytestmark = pytest.mark.django_db

OSH_CITY = "41721000000000"
BATKEN = "41705000000000"
NARYN = "41704000000000"


def unit(soate: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(soate=soate)


@pytest.fixture
def measure():
    measure = MeasureFactory(target_units=[unit(OSH_CITY), unit(BATKEN)])
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1000.0"))
    return measure


def funding_rows(measure, **changes):
    rows = []
    for line in measure.funding_lines.all():
        row = {
            "id": line.pk,
            "source": line.source,
            "year": line.year,
            "planned_amount": line.planned_amount,
        }
        row.update(changes)
        rows.append(row)
    return rows


def save(measure, *, units=None, lines=None):
    measure.refresh_from_db()
    return measure_update(
        measure=measure,
        content=MeasureContent(fields={}, target_units=units, funding_lines=lines),
        user=UserFactory(),
        expected_version=measure.version,
    )


def stored(measure) -> dict[str, Decimal]:
    return {
        a.unit.soate: a.amount
        for a in FundingAllocation.objects.filter(line__measure=measure).select_related("unit")
    }


def test_an_allocation_in_full_is_written(measure):
    allocations = [(unit(OSH_CITY), Decimal("600.0")), (unit(BATKEN), Decimal("400.0"))]
    save(measure, lines=funding_rows(measure, allocations=allocations))
    assert stored(measure) == {OSH_CITY: Decimal("600.0"), BATKEN: Decimal("400.0")}


def test_a_partial_allocation_is_refused_naming_the_line_and_nothing_is_saved(measure):
    allocations = [(unit(OSH_CITY), Decimal("600.0"))]
    version = measure.version
    with translation.override("en"), pytest.raises(ValidationError) as error:
        save(
            measure,
            lines=funding_rows(measure, planned_amount=Decimal("900.0"), allocations=allocations),
        )
    message = " ".join(error.value.messages)
    assert "Republican budget, 2026" in message
    assert "allocate all of it or none of it" in message
    measure.refresh_from_db()
    assert measure.version == version
    assert stored(measure) == {}
    assert FundingLine.objects.get(measure=measure).planned_amount == Decimal("1000.0")


def test_a_unit_that_is_not_a_target_is_refused(measure):
    allocations = [(unit(OSH_CITY), Decimal("500.0")), (unit(NARYN), Decimal("500.0"))]
    with translation.override("ru"), pytest.raises(ValidationError) as error:
        save(measure, lines=funding_rows(measure, allocations=allocations))
    assert "Нарынская область" in " ".join(error.value.messages)
    assert stored(measure) == {}


def test_changing_the_target_units_or_the_amount_under_an_allocation_is_refused(measure):
    allocations = [(unit(OSH_CITY), Decimal("600.0")), (unit(BATKEN), Decimal("400.0"))]
    save(measure, lines=funding_rows(measure, allocations=allocations))
    with pytest.raises(ValidationError):
        save(measure, units=[unit(OSH_CITY)])
    assert set(measure.target_units.values_list("soate", flat=True)) == {OSH_CITY, BATKEN}
    with pytest.raises(ValidationError):
        save(measure, lines=funding_rows(measure, planned_amount=Decimal("1200.0")))
    assert FundingLine.objects.get(measure=measure).planned_amount == Decimal("1000.0")
    # The amount and the allocation changed together is fine; so is taking the allocation away.
    save(
        measure,
        lines=funding_rows(
            measure,
            planned_amount=Decimal("1200.0"),
            allocations=[(unit(OSH_CITY), Decimal("800.0")), (unit(BATKEN), Decimal("400.0"))],
        ),
    )
    assert stored(measure) == {OSH_CITY: Decimal("800.0"), BATKEN: Decimal("400.0")}
    save(measure, lines=funding_rows(measure, allocations=[]))
    assert stored(measure) == {}
    save(measure, units=[unit(OSH_CITY)])


def test_removing_a_line_removes_its_allocation(measure):
    save(
        measure,
        lines=funding_rows(
            measure,
            allocations=[(unit(OSH_CITY), Decimal("1000.0")), (unit(BATKEN), Decimal("0.0"))],
        ),
    )
    save(measure, lines=[])
    assert not FundingAllocation.objects.exists()


def test_the_history_shows_allocations_and_a_restore_brings_them_back(measure):
    first = [(unit(OSH_CITY), Decimal("600.0")), (unit(BATKEN), Decimal("400.0"))]
    save(measure, lines=funding_rows(measure, allocations=first))
    measure.refresh_from_db()
    version_with_first = measure.history.filter(version=measure.version).first().history_id
    save(
        measure,
        lines=funding_rows(
            measure,
            allocations=[(unit(OSH_CITY), Decimal("100.0")), (unit(BATKEN), Decimal("900.0"))],
        ),
    )
    with translation.override("en"):
        subjects = [entry.subject for entry in measure_history(measure)]
    assert "Allocation of republican budget, 2026 to Osh City" in subjects
    measure.refresh_from_db()
    measure_restore_version(measure=measure, history_id=version_with_first, user=UserFactory())
    assert stored(measure) == {OSH_CITY: Decimal("600.0"), BATKEN: Decimal("400.0")}


def test_the_admin_cannot_change_funding_or_target_units_past_the_rule(client, measure):
    """The admin is no second write path for what the allocation rule guards."""
    line = measure.funding_lines.get()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/en/admin/measures/fundingline/{line.pk}/change/").status_code == 200
    response = client.post(
        f"/en/admin/measures/fundingline/{line.pk}/change/",
        {"measure": measure.pk, "source": line.source, "year": line.year, "planned_amount": "5"},
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.planned_amount == Decimal("1000.0")
    page = client.get(f"/en/admin/measures/measure/{measure.pk}/change/").content.decode()
    assert 'name="target_units"' not in page
    assert 'name="funding_lines-0-planned_amount"' not in page
