"""The territory dashboard's figures: per unit, the measures that reach it by status, its money
(allocated, and reaching — never added together, see measures.reporting.territory), the share of
its measures that are overdue, money per inhabitant and its socio-economic indicators.

``territory_rows`` answers for all units of one level in a fixed number of queries (three)
whatever the size of the plan: the units with their money, the status counts grouped in SQL, and
the units' indicator values.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from measures.models import ComputedStatus, Measure
from measures.reporting.territory import with_money
from regions.maps import MapClass, classify
from regions.models import AdministrativeUnit, IndicatorValue, SocioEconomicIndicator

POPULATION = "population"  # thousand people: money (thousand som) / population = som per person
PATH_SEGMENT = 15  # a SOATE code and its slash in AdministrativeUnit.tree_path

STATUS_ORDER = ComputedStatus.by_attention()


@dataclass(frozen=True)
class Figure:
    """A figure the map can be coloured by."""

    key: str
    label: str
    unit_of_measure: str
    decimals: int = 0


BASE_FIGURES = [
    Figure("measures", _("Measures that reach the unit"), pgettext_lazy("count", "measures")),
    Figure("overdue_share", _("Share of measures overdue"), "%", 1),
    Figure(
        "allocated_per_inhabitant",
        _("Money allocated to the unit per inhabitant"),
        _("som per inhabitant"),
    ),
    Figure(
        "reaching_per_inhabitant",
        _("Unallocated money of measures that reach the unit, per inhabitant"),
        _("som per inhabitant"),
    ),
    Figure("allocated", _("Money allocated to the unit"), _("thousand som"), 1),
]


def figures() -> list[Figure]:
    """The base figures and one per socio-economic indicator (its latest value)."""
    indicators = [
        Figure(f"indicator:{i.code}", i.name, i.unit_of_measure, i.decimals)
        for i in SocioEconomicIndicator.objects.order_by("code")
    ]
    return BASE_FIGURES + indicators


@dataclass
class UnitRow:
    unit: AdministrativeUnit
    allocated: Decimal
    reaching: Decimal
    by_status: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, tuple[Decimal, int]] = field(default_factory=dict)  # code: (value, year)
    map_class: int = 0  # the class of the figure the map shows, 0 for no data

    @property
    def measures(self) -> int:
        return sum(self.by_status.values())

    @property
    def status_mix(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in STATUS_ORDER, statuses with no measure left out."""
        return [
            (status, ComputedStatus(status).label, self.by_status[status])
            for status in STATUS_ORDER
            if self.by_status.get(status)
        ]

    @property
    def status_bar(self) -> list[tuple[str, str, tuple[int, int]]]:
        """status_mix with each status's (start, width) on a bar as long as the measure count."""
        bar, start = [], 0
        for status, label, count in self.status_mix:
            bar.append((status, label, (start, count)))
            start += count
        return bar

    @property
    def overdue_share(self) -> Decimal | None:
        if not self.measures:
            return None
        share = Decimal(100 * self.by_status.get(ComputedStatus.OVERDUE, 0)) / self.measures
        return share.quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def population(self) -> Decimal | None:
        value = self.indicators.get(POPULATION)
        return value[0] if value and value[0] > 0 else None

    def _per_inhabitant(self, money: Decimal) -> Decimal | None:
        if self.population is None:
            return None
        return (money / self.population).quantize(Decimal("1"), ROUND_HALF_UP)

    @property
    def allocated_per_inhabitant(self) -> Decimal | None:
        return self._per_inhabitant(self.allocated)

    @property
    def reaching_per_inhabitant(self) -> Decimal | None:
        return self._per_inhabitant(self.reaching)

    def figure(self, key: str) -> Decimal | int | None:
        if key.startswith("indicator:"):
            value = self.indicators.get(key.split(":", 1)[1])
            return value[0] if value else None
        return getattr(self, key)


def territory_units(parent: AdministrativeUnit | None) -> QuerySet[AdministrativeUnit]:
    """The units a level of the dashboard lists: the top units (oblasts and cities of republican
    significance), or the current units directly below ``parent``."""
    below = AdministrativeUnit.objects.current().filter(parent=OuterRef("pk"))
    units = AdministrativeUnit.objects.current().annotate(has_units_below=Exists(below))
    if parent is None:
        return units.filter(parent__isnull=True).order_by("soate")
    return units.filter(parent=parent).order_by("soate")


def territory_rows(
    units: QuerySet[AdministrativeUnit],
    measures: QuerySet[Measure],
    depth: int,
    today: datetime.date | None = None,
) -> list[UnitRow]:
    """One row per unit of ``units`` (all at ``depth``) for the measures of ``measures``."""
    rows = [
        UnitRow(unit, unit.money_allocated, unit.money_reaching)
        for unit in with_money(units, measures)
    ]
    by_path = {row.unit.tree_path: row for row in rows}
    if not rows:
        return rows
    # A measure reaches a unit when one of its targets lies at or below it: the unit's tree path is
    # the first depth+1 segments of the target's. Each measure counts once per unit.
    counts = (
        measures.with_computed_status(today)
        .annotate(reached=Substr("target_units__tree_path", 1, PATH_SEGMENT * (depth + 1)))
        .filter(reached__in=list(by_path))
        .values("reached", "effective_status")
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    )
    for count in counts:
        row = by_path[count["reached"]]
        row.by_status[count["effective_status"]] = count["count"]
    values = (
        IndicatorValue.objects.filter(unit__in=[row.unit for row in rows])
        .select_related("indicator")
        .order_by("year")
    )
    by_id = {row.unit.pk: row for row in rows}
    latest: dict = defaultdict(dict)
    for value in values:  # later years overwrite earlier ones
        latest[value.unit_id][value.indicator.code] = (
            round(value.value, value.indicator.decimals),
            value.year,
        )
    for unit_id, indicators in latest.items():
        by_id[unit_id].indicators = indicators
    return rows


@dataclass
class Overview:
    """One level of the dashboard: the units with their rows, coloured by ``figure``."""

    parent: AdministrativeUnit | None
    parent_row: UnitRow | None
    rows: list[UnitRow]
    figure: Figure
    classes: list[MapClass]


def figure_by_key(key: str | None) -> Figure | None:
    return next((f for f in figures() if f.key == key), None)


def territory_overview(
    parent: AdministrativeUnit | None,
    measures: QuerySet[Measure],
    figure: Figure,
    today: datetime.date | None = None,
) -> Overview:
    """The units below ``parent`` (the top units without one) — or ``parent`` alone when nothing
    lies below it — each with its figures and its class for ``figure``. Six queries at most."""
    units = territory_units(parent)
    depth = 0 if parent is None else parent.depth + 1
    parent_row = None
    if parent is not None:
        below = AdministrativeUnit.objects.current().filter(parent=OuterRef("pk"))
        own = AdministrativeUnit.objects.filter(pk=parent.pk).annotate(
            has_units_below=Exists(below)
        )
        parent_row = territory_rows(own, measures, parent.depth, today)[0]
    rows = territory_rows(units, measures, depth, today)
    if parent is not None and not rows:
        rows = [parent_row]
    classes, numbers = classify([row.figure(figure.key) for row in rows])
    for row, number in zip(rows, numbers, strict=True):
        row.map_class = number
    return Overview(parent, parent_row, rows, figure, classes)
