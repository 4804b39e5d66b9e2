"""A measure's status is compiled to SQL once per query shape (regionalprogram.expressions): the
text kept for one shape must never serve another. The same status filter used at the top of a
query, inside ``IN (…)``, inside ``EXISTS (…)`` and grouped, in either order after the kept texts
are forgotten, selects the same measures — the ones the plan made overdue."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef

from measures.models import ComputedStatus, FundingLine, Measure
from regionalprogram import expressions
from tests.factories import FundingLineFactory
from tests.portal.conftest import TODAY

OVERDUE = ComputedStatus.OVERDUE


def overdue():
    return Measure.objects.with_computed_status(TODAY).filter(effective_status=OVERDUE)


def top():
    return set(overdue().values_list("pk", flat=True))


def inside_in():
    lines = FundingLine.objects.filter(measure__in=overdue().values("pk"))
    return set(lines.values_list("measure_id", flat=True))


def inside_exists():
    outer = Measure.objects.filter(Exists(overdue().filter(pk=OuterRef("pk"))))
    return set(outer.values_list("pk", flat=True))


def grouped():
    rows = (
        Measure.objects.with_computed_status(TODAY)
        .values("effective_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["effective_status"]: row["n"] for row in rows}


def test_kept_status_sql_never_serves_another_query_shape(plan):
    late = {m.pk for m in plan.add_overdue(2)}
    on_time = plan.add(3)
    for measure in [*on_time, *Measure.objects.filter(pk__in=late)]:
        FundingLineFactory(measure=measure)
    checks = [top, inside_in, inside_exists, grouped]
    expected = [late, late, late, {OVERDUE: 2, **grouped_rest(on_time)}]
    for order in (checks, list(reversed(checks))):
        expressions._kept.clear()
        results = {check: check() for check in order}
        assert [results[check] for check in checks] == expected
    # Kept, the texts are reused: the same answers again without compiling the status.
    assert [check() for check in checks] == expected
    assert expressions._kept


def grouped_rest(on_time) -> dict:
    statuses = (
        Measure.objects.with_computed_status(TODAY)
        .filter(pk__in=[m.pk for m in on_time])
        .values_list("effective_status", flat=True)
    )
    counts: dict = {}
    for status in statuses:
        counts[status] = counts.get(status, 0) + 1
    return counts
