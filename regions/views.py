"""The territory: the tree of units and one unit with what the plan does there."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Sum
from django.shortcuts import get_object_or_404, render

from measures.models import FundingLine, Measure
from measures.views import attach_funding_by_source, funding_table, plan_rows_queryset
from programs.models import Programme, ProgrammeTerritory
from regions.models import AdministrativeUnit, IndicatorValue, UnitLevel, normalize_soate

UNIT_MEASURES_PAGE_SIZE = 50


def unit_list(request):
    # One query, in tree order: each oblast or city is followed by the units below it.
    units = (
        AdministrativeUnit.objects.current()
        .exclude(level=UnitLevel.AYIL_AIMAK)
        .order_by("tree_path")
    )
    roots: list[dict] = []
    for unit in units:
        if unit.depth == 0 or not roots:
            roots.append({"unit": unit, "children": []})
        else:
            roots[-1]["children"].append(unit)
    return render(request, "regions/administrativeunit_list.html", {"roots": roots})


def unit_detail(request, soate: str):
    unit = get_object_or_404(
        AdministrativeUnit.objects.select_related("merged_into"), soate=normalize_soate(soate)
    )
    ancestor_codes = [code for code in unit.tree_path.split("/") if code and code != unit.soate]
    ancestors = sorted(
        AdministrativeUnit.objects.filter(soate__in=ancestor_codes), key=lambda u: u.depth
    )
    children = unit.children.order_by("soate")
    visible_programmes = Programme.objects.visible_to(request.user)
    measures_in_unit = (
        Measure.objects.active().in_unit(unit).filter(programme__in=visible_programmes)
    )
    page = Paginator(
        plan_rows_queryset().in_unit(unit).filter(programme__in=visible_programmes),
        UNIT_MEASURES_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    measures = list(page.object_list)
    attach_funding_by_source(measures)
    for measure in measures:
        measure.overdue = measure.is_overdue()
    funding_rows = (
        FundingLine.objects.filter(measure__in=measures_in_unit.values("pk"))
        .values("source", "year")
        .annotate(total=Sum("planned_amount"))
        .order_by("source", "year")
    )
    typed = (
        ProgrammeTerritory.objects.filter(unit=unit, programme__in=visible_programmes)
        .select_related("programme", "territory_type")
        .order_by("-programme__period_start_year", "territory_type__code")
    )
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": children,
        "former_names": unit.former_names.all(),
        "typed": typed,
        "page_obj": page,
        "measures": measures,
        "funding": funding_table(list(funding_rows)),
        "indicators": indicator_table(unit),
    }
    return render(request, "regions/administrativeunit_detail.html", context)


def indicator_table(unit: AdministrativeUnit) -> dict:
    """Socio-economic indicators of the unit, one row per indicator and a column per year."""
    values = IndicatorValue.objects.filter(unit=unit).select_related("indicator")
    years: set[int] = set()
    rows: dict = defaultdict(dict)
    for value in values:
        years.add(value.year)
        rows[value.indicator][value.year] = value.value
    ordered_years = sorted(years)
    return {
        "years": ordered_years,
        "rows": [
            {
                "indicator": indicator,
                "cells": [_rounded(cells.get(y), indicator.decimals) for y in ordered_years],
            }
            for indicator, cells in sorted(rows.items(), key=lambda item: item[0].code)
        ],
    }


def _rounded(value: Decimal | None, decimals: int):
    if value is None:
        return None
    return round(value, decimals)
