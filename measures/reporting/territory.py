"""Money by territory, counted once.

Two figures per unit, never added together:

- **allocated**: the planned money of funding lines allocated to the unit or to units below it.
  Each allocation row belongs to one unit, so rolling up district → oblast → country counts every
  som once.
- **reaching**: the planned money of lines that are *not* allocated, of measures that target the
  unit or a unit below it. No unit may claim it: it is shown apart as "money of measures that reach
  the unit". A line is counted once per unit however many of the measure's targets lie below it.

``unit_money`` answers for any number of units in one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    DecimalField,
    Exists,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from measures.models import FundingAllocation, FundingLine, Measure
from regions.models import AdministrativeUnit

ZERO = Decimal("0.0")
MONEY = DecimalField(max_digits=16, decimal_places=1)


@dataclass(frozen=True)
class UnitMoney:
    allocated: Decimal
    reaching: Decimal


def _sum(queryset: QuerySet, field: str) -> Coalesce:
    """A scalar subquery SUM(field) over ``queryset`` (0 when it has no rows)."""
    total = queryset.order_by().annotate(total=Func(F(field), function="SUM")).values("total")
    return Coalesce(Subquery(total, output_field=MONEY), Value(ZERO), output_field=MONEY)


def _in_year(year: int | None, prefix: str = "") -> Q:
    return Q(**{f"{prefix}year": year}) if year is not None else Q()


def allocated_sum(measures: QuerySet[Measure], year: int | None = None) -> Coalesce:
    """For a unit queryset: money allocated to the unit or below it (of lines of ``year``)."""
    return _sum(
        FundingAllocation.objects.filter(
            _in_year(year, "line__"),
            line__measure__in=measures,
            unit__tree_path__startswith=OuterRef("tree_path"),
        ),
        "amount",
    )


def reaching_sum(measures: QuerySet[Measure], year: int | None = None) -> Coalesce:
    """For a unit queryset: unallocated money of measures that target the unit or below it (of
    lines of ``year``)."""
    targets = Measure.target_units.through.objects.filter(
        measure_id=OuterRef("measure_id"),
        administrativeunit__tree_path__startswith=OuterRef(OuterRef("tree_path")),
    )
    lines = FundingLine.objects.filter(_in_year(year), measure__in=measures).filter(
        ~Exists(FundingAllocation.objects.filter(line=OuterRef("pk"))), Exists(targets)
    )
    return _sum(lines, "planned_amount")


def with_money(
    units: QuerySet[AdministrativeUnit], measures: QuerySet[Measure], year: int | None = None
):
    """``units`` annotated with ``money_allocated`` and ``money_reaching`` (thousand KGS), of
    every year or of ``year`` alone."""
    return units.annotate(
        money_allocated=allocated_sum(measures, year), money_reaching=reaching_sum(measures, year)
    )


def unit_money(
    units: QuerySet[AdministrativeUnit], measures: QuerySet[Measure], year: int | None = None
) -> dict[int, UnitMoney]:
    """{unit id: UnitMoney} for every unit of ``units``, in one query (``year``: that year's
    funding lines only)."""
    return {
        unit.pk: UnitMoney(unit.money_allocated, unit.money_reaching)
        for unit in with_money(units, measures, year)
    }


def programme_money(measures: QuerySet[Measure]) -> dict[str, Decimal]:
    """The whole of ``measures``' planned money split the same way: allocated to some unit, or not
    allocated (of which: measures with target units, and measures with none)."""
    lines = FundingLine.objects.filter(measure__in=measures)
    allocated = Exists(FundingAllocation.objects.filter(line=OuterRef("pk")))
    targeted = Exists(
        Measure.target_units.through.objects.filter(measure_id=OuterRef("measure_id"))
    )
    totals = lines.aggregate(
        planned=Coalesce(Sum("planned_amount"), ZERO, output_field=MONEY),
        allocated=Coalesce(Sum("planned_amount", filter=Q(allocated)), ZERO, output_field=MONEY),
        unallocated_targeted=Coalesce(
            Sum("planned_amount", filter=Q(~allocated, targeted)), ZERO, output_field=MONEY
        ),
        untargeted=Coalesce(
            Sum("planned_amount", filter=Q(~allocated, ~targeted)), ZERO, output_field=MONEY
        ),
    )
    return totals


def unit_funding_rows(unit: AdministrativeUnit, measures: QuerySet[Measure]) -> dict[str, list]:
    """The unit's two figures by source and year, as rows {source, year, total} for
    ``measures.tables.funding_table``: ``allocated`` (allocations to the unit or below it) and
    ``reaching`` (lines not allocated, of measures that target the unit or below it). Two queries."""
    allocated = (
        FundingAllocation.objects.filter(
            line__measure__in=measures, unit__tree_path__startswith=unit.tree_path
        )
        .values(source=F("line__source"), year=F("line__year"))
        .annotate(total=Sum("amount"))
        .order_by("source", "year")
    )
    reaching = (
        FundingLine.objects.filter(measure__in=measures.in_unit(unit))
        .filter(~Exists(FundingAllocation.objects.filter(line=OuterRef("pk"))))
        .values("source", "year")
        .annotate(total=Sum("planned_amount"))
        .order_by("source", "year")
    )
    return {"allocated": list(allocated), "reaching": list(reaching)}


def attach_unit_money(measures: list[Measure], unit: AdministrativeUnit) -> None:
    """Give each measure (of a page) ``money_here``, its money allocated to the unit or below it,
    and ``money_unallocated``, its money on lines not allocated to units. One query."""
    ids = [measure.pk for measure in measures]
    here = Exists(FundingAllocation.objects.filter(line=OuterRef("pk")))
    rows = (
        FundingLine.objects.filter(measure_id__in=ids)
        .values("measure_id")
        .annotate(
            unallocated=Coalesce(Sum("planned_amount", filter=Q(~here)), ZERO, output_field=MONEY),
            here=Coalesce(
                Sum(
                    "allocations__amount",
                    filter=Q(allocations__unit__tree_path__startswith=unit.tree_path),
                ),
                ZERO,
                output_field=MONEY,
            ),
        )
        .order_by()
    )
    by_measure = {row["measure_id"]: row for row in rows}
    for measure in measures:
        row = by_measure.get(measure.pk, {})
        measure.money_here = row.get("here", ZERO)
        measure.money_unallocated = row.get("unallocated", ZERO)
