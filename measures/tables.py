"""Tables the plan's pages show: money by source and year, summed in SQL and pivoted here."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from measures.models import FundingLine, FundingSource, Measure


def attach_funding_by_source(measures: list[Measure]) -> None:
    """Give each measure `funding_by_source`: [(label, total)], summed in SQL in one query."""
    totals = defaultdict(list)
    labels = dict(FundingSource.choices)
    rows = (
        FundingLine.objects.filter(measure_id__in=[m.pk for m in measures])
        .values("measure_id", "source")
        .annotate(total=Sum("planned_amount"))
        .order_by("measure_id", "source")
    )
    for row in rows:
        totals[row["measure_id"]].append((labels.get(row["source"], row["source"]), row["total"]))
    for measure in measures:
        measure.funding_by_source = totals.get(measure.pk, [])


def funding_table(rows) -> dict:
    """Pivot SQL sums by (source, year) into rows by source with a column per year and totals."""
    labels = dict(FundingSource.choices)
    years = sorted({row["year"] for row in rows})
    by_source: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for row in rows:
        by_source[row["source"]][row["year"]] = row["total"]
    table = []
    for source, cells in by_source.items():
        table.append(
            {
                "label": labels.get(source, source),
                "cells": [cells.get(year) for year in years],
                "total": sum(cells.values(), Decimal(0)),
            }
        )
    year_totals = [
        sum((by_source[s].get(year) or Decimal(0) for s in by_source), Decimal(0)) for year in years
    ]
    return {
        "years": years,
        "rows": table,
        "year_totals": year_totals,
        "total": sum(year_totals, Decimal(0)),
    }
