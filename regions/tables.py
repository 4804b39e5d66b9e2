"""A unit's socio-economic indicators as a table: one row per indicator, a column per year."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from regions.models import AdministrativeUnit, IndicatorValue


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
