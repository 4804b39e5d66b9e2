"""The territory: the tree of units and one unit with what the plan does there."""

from __future__ import annotations

from django.shortcuts import render

from regions.models import AdministrativeUnit, UnitLevel

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
