"""Figures summed over a whole plan, kept instead of summed on every page view.

Each programme has a counter (``PlanVersion``) that every write to its plan moves on inside the
writer's own transaction: the measures, their funding lines, co-executors, target units, indicators
and targets (through ``measure_touch``), reports and their indicator values, and the reporting
periods (measures.signals connects them). The figures are computed once per (programme, counter,
day) and kept in the cache. A reader never writes the counter, so a long import never blocks a
page: while the import is open, readers see the old counter and the old figures; once it commits,
the counter has moved and the next reader computes the figures afresh. The day is part of the key
because statuses (overdue, not reported) move with the date alone.

A reader that computed the figures from data older than the counter it read (a write committed in
between) keeps them under that older counter, which the next read no longer asks for: kept figures
can never outlive the write that changed them.
"""

from __future__ import annotations

import datetime
import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.module_loading import import_string

from measures.models import ComputedStatus, FundingLine, Measure, PlanVersion

CACHE_SECONDS = 24 * 3600


def status_counts(measures, today: datetime.date, *group_by: str) -> dict:
    """Measures counted by the status the plan's *Progress* filter reads (the editor's status where
    set, else the computed one), grouped by ``group_by`` fields: one query."""
    rows = (
        measures.with_computed_status(today)
        .values(*group_by, "effective_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts: dict = defaultdict(int)
    for row in rows:
        key = tuple(row[name] for name in group_by)
        counts[(*key, row["effective_status"])] += row["count"]
    return counts


def compute(programme_id: int, today: datetime.date) -> dict:
    """The figures of a programme's active plan, summed now (what the kept ones must equal)."""
    measures = Measure.objects.active().filter(programme_id=programme_id)
    counts = status_counts(measures, today, "sample", "direction_id")
    by_status = dict.fromkeys(ComputedStatus.values, 0)
    by_direction: dict[int, int] = defaultdict(int)
    sample = 0
    for (is_sample, direction_id, status), n in counts.items():
        by_status[status] += n
        by_direction[direction_id] += n
        sample += n if is_sample else 0
    funding = FundingLine.objects.filter(measure__in=measures.values("pk")).aggregate(
        total=Sum("planned_amount")
    )["total"]
    return {
        "total": sum(by_status.values()),
        "sample": sample,
        "by_status": by_status,
        "by_direction": dict(by_direction),
        "funding": funding,
    }


def plan_version(programme_id: int) -> int:
    row = PlanVersion.objects.filter(programme_id=programme_id).values_list("version", flat=True)
    return next(iter(row), 0)


# Every kind of whole-plan figures kept per programme: its name and the function that sums it,
# ``compute(programme_id, today)``, which returns plain, picklable data in every language (one set
# serves every reader). ``kept``, the worker and ``manage.py keep_figures`` all read it here.
WHOLE_PLAN_FIGURES = {
    "plan-figures": "measures.figures.compute",
    "programme-dashboard": "measures.reporting.dashboard.programme_figures",
}


def _compute(name: str):
    if name not in WHOLE_PLAN_FIGURES:
        raise ValueError(f"{name} is not in measures.figures.WHOLE_PLAN_FIGURES")
    return import_string(WHOLE_PLAN_FIGURES[name])


def kept(name: str, programme_id: int, today: datetime.date | None = None) -> dict:
    """The figures ``name`` of WHOLE_PLAN_FIGURES, kept until the programme's plan changes or the
    day turns: one query (the counter) while kept. Anything a reader may rename without touching
    the plan (directions, objectives) is joined by the caller.

    After a change or at a new day, with KEPT_FIGURES_IN_BACKGROUND, a reader gets the figures
    kept last and a worker sums the new ones (measures.tasks.refresh_kept_figures), at most once
    per KEPT_FIGURES_REFRESH_SECONDS: an editor saving every few seconds would otherwise make
    every reader of a large plan wait for its sums, or keep a worker summing it without pause. A
    refresh overdue by more than KEPT_FIGURES_STALE_SECONDS (no worker) is summed by the reader.
    Only a programme never summed before (``manage.py keep_figures`` sums them all at a
    deployment) is summed in the first reader's request."""
    compute = _compute(name)
    today = today or timezone.localdate()
    version = plan_version(programme_id)
    value = cache.get(_key(name, programme_id, version, today))
    if value is not None:
        return value
    if settings.KEPT_FIGURES_IN_BACKGROUND:
        latest = cache.get(_latest_key(name, programme_id))
        if latest is not None and _refresh_later(name, programme_id, latest, today):
            return latest["value"]
    return _compute_and_keep(name, programme_id, version, today, compute)


def _key(name: str, programme_id: int, version: int, today: datetime.date) -> str:
    return f"{name}:{programme_id}:{version}:{today.isoformat()}"


def _latest_key(name: str, programme_id: int) -> str:
    # Not by day: yesterday's figures stand in for today's until a worker has summed them.
    return f"{name}:{programme_id}:latest"


def _compute_and_keep(name, programme_id, version, today, compute):
    value = compute(programme_id, today)
    cache.set(_key(name, programme_id, version, today), value, CACHE_SECONDS)
    latest_key = _latest_key(name, programme_id)
    latest = cache.get(latest_key)
    if latest is None or (latest["day"], latest["version"]) <= (today.isoformat(), version):
        # never back to an older plan's figures
        cache.set(
            latest_key,
            {"version": version, "day": today.isoformat(), "value": value, "at": time.time()},
            CACHE_SECONDS,
        )
    return value


def _pending_key(name: str, programme_id: int) -> str:
    return f"refreshing:{name}:{programme_id}"


def _refresh_later(name, programme_id, latest: dict, today) -> bool:
    """Ask a worker to sum the figures again, at most once per KEPT_FIGURES_REFRESH_SECONDS per
    programme and kind (however often its plan changes: a sum of a large plan is seconds of the
    database's time); whether the reader may take the last figures meanwhile: not when the sum is
    overdue by more than KEPT_FIGURES_STALE_SECONDS (no worker is running), when the reader sums
    them itself."""
    pending = _pending_key(name, programme_id)
    due = cache.get(pending)
    if due is not None:
        return time.time() - due <= settings.KEPT_FIGURES_STALE_SECONDS
    due = max(time.time(), latest.get("at", 0) + settings.KEPT_FIGURES_REFRESH_SECONDS)
    if not cache.add(pending, due, CACHE_SECONDS):
        return True  # another reader asked a moment ago
    from measures.tasks import refresh_kept_figures

    refresh_kept_figures.using(
        run_after=datetime.datetime.fromtimestamp(due, tz=datetime.UTC)
    ).enqueue(name=name, programme_id=programme_id, day=today.isoformat())
    return True


def refresh(*, name: str, programme_id: int, day: str) -> bool:
    """The worker's side of ``kept``: sum and keep the figures of the plan's current version (the
    counter read before summing, so that figures never outlive a write). Whether it summed.
    Once done, the next reader of a newer plan asks for the next sum."""
    today = datetime.date.fromisoformat(day)
    version = plan_version(programme_id)
    try:
        if cache.get(_key(name, programme_id, version, today)) is not None:
            return False
        _compute_and_keep(name, programme_id, version, today, _compute(name))
        return True
    finally:
        cache.delete(_pending_key(name, programme_id))


def plans_state() -> str:
    """One text that changes whenever any programme's plan changes (every counter, in one
    query): the key of what is kept across programmes."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT md5(coalesce(string_agg(programme_id || ':' || version, ','"
            " ORDER BY programme_id), '')) FROM measures_planversion"
        )
        return cursor.fetchone()[0]


def kept_for_query(name: str, queryset, compute, today: datetime.date | None = None):
    """``compute(queryset)`` kept until any plan changes or the day turns, per query: the key
    holds the SQL of the queryset's rows (its filters, the reader's visible programmes), so two
    readers share it only when they ask the same. Two queries while kept."""
    today = today or timezone.localdate()
    try:
        sql, params = queryset.values("pk").query.sql_with_params()
    except EmptyResultSet:  # a query that selects nothing by construction (none())
        return compute(queryset)
    digest = hashlib.sha1(  # noqa: S324 - a cache key, not a secret
        repr((sql, params)).encode(), usedforsecurity=False
    ).hexdigest()
    key = f"{name}:{plans_state()}:{today.isoformat()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute(queryset)
        cache.set(key, value, CACHE_SECONDS)
    return value


def kept_count(queryset) -> int:
    """The number of measures a filtered plan query selects, kept (``kept_for_query``): the plan
    page's and the API's page counts, which PostgreSQL would otherwise count row by row."""
    return kept_for_query("plan-count", queryset, lambda qs: qs.count())


def plan_figures(programme_id: int, today: datetime.date | None = None) -> dict:
    """The programme's figures (see ``compute``), kept (see ``kept``)."""
    return kept("plan-figures", programme_id, today)


_BUMP = """
    INSERT INTO measures_planversion (programme_id, version)
    SELECT DISTINCT programme_id, 1 FROM ({programmes}) AS changed(programme_id)
    WHERE programme_id IS NOT NULL
    ON CONFLICT (programme_id) DO UPDATE SET version = measures_planversion.version + 1
"""


def _bump(programmes_sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_BUMP.format(programmes=programmes_sql), params)


def keep_all(today: datetime.date | None = None) -> int:
    """Sum and keep every programme's whole-plan figures now (``manage.py keep_figures``): after a
    deployment or a cache flush, so that no reader is the first. Returns how many were summed."""
    from programs.models import Programme

    today = today or timezone.localdate()
    summed = 0
    for programme_id in Programme.objects.order_by("pk").values_list("pk", flat=True):
        for name in WHOLE_PLAN_FIGURES:
            _compute_and_keep(name, programme_id, plan_version(programme_id), today, _compute(name))
            summed += 1
    return summed


def plan_changed(programme_ids: Iterable[int]) -> None:
    """The plans of these programmes changed: their kept figures no longer hold."""
    ids = sorted({pk for pk in programme_ids if pk})
    if ids:
        _bump("SELECT unnest(%s::bigint[])", [ids])


def measures_changed(measure_ids: Iterable[int]) -> None:
    """These measures (or rows of them) changed: their programmes' figures no longer hold."""
    ids = sorted({pk for pk in measure_ids if pk})
    if ids:
        _bump("SELECT programme_id FROM measures_measure WHERE id = ANY(%s)", [ids])


def reports_changed(report_ids: Iterable[int]) -> None:
    ids = sorted({pk for pk in report_ids if pk})
    if ids:
        _bump(
            "SELECT m.programme_id FROM measures_progressreport r"
            " JOIN measures_measure m ON m.id = r.measure_id WHERE r.id = ANY(%s)",
            [ids],
        )


def cycles_changed(cycle_ids: Iterable[int]) -> None:
    ids = sorted({pk for pk in cycle_ids if pk})
    if ids:
        _bump("SELECT programme_id FROM measures_reportingcycle WHERE id = ANY(%s)", [ids])
