"""Writes to the action plan: create, update, archive and restore measures, and the measure side
of programme and objective edits.

Every change of a measure row passes through ``measure_save``, the only caller of
``Measure.save()`` outside the model: it refuses a change based on an older version (EditConflict),
checks the model with ``full_clean()``, bumps ``version`` and records who made the change, and why,
in the change history (django-simple-history). The edit form, the working group's proposals, the
plan import, programme and objective edits, archiving, restoring and the demo data all reach it
through the functions below; a measure's rows (co-executors, funding, indicators) may be written in
bulk next to it. A change to a row also moves the measure's ``updated_at`` for the API's sync
(``measure_touch``, wired to the rows' signals in measures/signals.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from measures import figures
from measures.allocation import check_allocations
from measures.models import (
    DeadlineKind,
    FundingAllocation,
    FundingLine,
    FundingSource,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
)
from programs import services as programme_services
from programs.models import Objective, Programme
from regionalprogram.formats import short_datetime
from regionalprogram.languages import LANGUAGE_CODES, active_language

# The fields of a measure a person edits (translated ones in every language).
TRANSLATED_FIELDS = ("title", "implementation_mechanism", "expected_result")
PLAIN_FIELDS = (
    "number",
    "direction",
    "objective",
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "lead_body",
    "status",
)
EDITABLE_FIELDS = PLAIN_FIELDS + tuple(
    f"{n}_{lang}" for n in TRANSLATED_FIELDS for lang in LANGUAGE_CODES
)
EXECUTOR_FIELDS = ("body", "in_coordination", "position")
# Not actual_amount: it is the sum of accepted reports (measures.reporting), never written here.
FUNDING_FIELDS = ("source", "year", "planned_amount", "donor")
INDICATOR_FIELDS = (
    *(f"{n}_{lang}" for n in ("name", "unit_of_measure") for lang in LANGUAGE_CODES),
    "baseline_value",
    "baseline_year",
    "position",
)


@dataclass
class MeasureContent:
    """What a person edits on one page: the measure and the rows that belong to it.

    Rows are dicts of model field values; a row with an ``id`` updates that row of this measure, a
    row without one is new, and a row of the measure missing from the list is removed. An
    indicator's ``targets`` maps a year to the target for the whole measure (per-unit targets are
    left as they are). A funding line's ``allocations``, when the key is there, is the line's whole
    split between target units as (unit or unit id, amount) pairs ([] = not allocated); without the
    key the line keeps its allocation. Whatever is written, every line's allocation must still obey
    ``measures.allocation.check_allocations`` afterwards, or nothing is written.
    """

    fields: dict[str, Any]
    target_units: Iterable | None = None
    executors: list[dict[str, Any]] | None = None
    funding_lines: list[dict[str, Any]] | None = None
    indicators: list[dict[str, Any]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class EditConflict(Exception):
    """Someone saved the measure after the editor opened it; nothing was written."""

    def __init__(self, measure: Measure, expected_version: int):
        super().__init__(f"measure {measure.pk}: version {measure.version} != {expected_version}")
        self.measure = measure
        self.expected_version = expected_version


def _as_user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _mark_history(obj, user, reason: str | None = None):
    """Who makes the next write of ``obj`` and why, for its change history (simple_history reads
    these attributes, also in a bulk write)."""
    obj._history_user = _as_user(user)
    if reason:
        obj._change_reason = reason
    return obj


def _save(obj, user, reason: str | None = None) -> None:
    """Save a row of a measure (co-executor, funding line, indicator, target) with its history."""
    obj.full_clean()
    _mark_history(obj, user, reason).save()


def measure_save(measure: Measure, *, user, reason: str | None = None) -> Measure:
    """Write one change of a measure row: the single path to ``Measure.save()``.

    ``measure`` carries the version its change was made on. When the stored row has moved on since
    (an editor, an import or a programme edit saved in between), EditConflict is raised and nothing
    is written; otherwise the row is checked with ``full_clean()``, its version goes up by one (a
    new measure starts at 1) and the history records ``user`` and ``reason``. The row stays locked
    (SELECT ... FOR UPDATE) to the end of the caller's transaction, so no other save of the same
    version can pass in between.
    """
    with transaction.atomic():
        stored_version = None
        if measure.pk is not None:
            stored_version = (
                Measure.objects.select_for_update()
                .filter(pk=measure.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored_version is not None and stored_version != measure.version:
                raise EditConflict(Measure.objects.get(pk=measure.pk), measure.version)
        measure.full_clean()
        if stored_version is not None:
            measure.version = stored_version + 1
        _mark_history(measure, user, reason).save()
        return measure


# A measure's own links, already read as saved rows by whoever hands a measure to
# ``measures_save_changed`` (the import resolves each from the database): not asked again per row.
_LINKS = ("programme", "direction", "objective", "lead_body")
SAVE_BATCH = 500


def measures_save_changed(measures: list[Measure], *, user, reason: str | None = None) -> None:
    """``measure_save`` for many stored measures at once, by the same rule, in a number of queries
    that grows by the batch, not by the measure: the rows are locked and their versions compared
    in one query (EditConflict on the first that moved on; nothing is written), each is checked
    with ``full_clean()`` (its links are the rows the caller read; the number's uniqueness is asked
    for all of them together), each goes up one version, and the rows and their history (``user``,
    ``reason``) are written in bulk. The plan's kept figures move on once."""
    if not measures:
        return
    if any(measure.pk is None for measure in measures):
        raise ValueError("measures_save_changed writes stored measures; create with measure_save")
    with transaction.atomic():
        ids = [measure.pk for measure in measures]
        stored = {}
        for start in range(0, len(ids), SAVE_BATCH):
            stored.update(
                Measure.objects.select_for_update()
                .filter(pk__in=ids[start : start + SAVE_BATCH])
                .values_list("pk", "version")
            )
        for measure in measures:
            if stored.get(measure.pk, measure.version) != measure.version:
                raise EditConflict(Measure.objects.get(pk=measure.pk), measure.version)
        for measure in measures:
            measure.full_clean(exclude=_LINKS, validate_unique=False, validate_constraints=False)
            measure.normalise()
        _numbers_unique(measures)
        now = timezone.now()
        for measure in measures:
            if measure.pk in stored:
                measure.version = stored[measure.pk] + 1
            measure.updated_at = now
            _mark_history(measure, user, reason)
        fields = [
            f.name
            for f in Measure._meta.concrete_fields
            if not f.primary_key and f.name not in ("created_at",)
        ]
        bulk_update_with_history(
            measures,
            Measure,
            fields,
            batch_size=SAVE_BATCH,
            custom_historical_attrs=(
                {"history_reason_language": active_language()} if reason else None
            ),
        )
        figures.measures_changed(ids)


def _numbers_unique(measures: list[Measure]) -> None:
    """The rule ``measure_number_unique`` (one number per programme) for many measures: one query
    per batch, a ValidationError naming the first number taken."""
    seen: set[tuple[int, str]] = set()
    for measure in measures:
        key = (measure.programme_id, measure.number)
        if key in seen:
            raise ValidationError(
                {"number": _("Measure number %(number)s is taken.") % {"number": measure.number}}
            )
        seen.add(key)
    for start in range(0, len(measures), SAVE_BATCH):
        batch = measures[start : start + SAVE_BATCH]
        clash = Q()
        for measure in batch:
            clash |= Q(programme_id=measure.programme_id, number=measure.number)
        taken = (
            Measure.objects.filter(clash)
            .exclude(pk__in=[m.pk for m in batch])
            .values_list("number", flat=True)
            .first()
        )
        if taken is not None:
            raise ValidationError(
                {"number": _("Measure number %(number)s is taken.") % {"number": taken}}
            )


def measure_touch(measure_ids: Iterable[int]) -> None:
    """A change to a measure's co-executors, target units, funding lines, indicators or targets is
    a change to the measure for the API's sync: ``updated_since`` must find it. Only the timestamp
    moves; the version is the business of ``measure_save``."""
    ids = [pk for pk in measure_ids if pk]
    if ids:
        Measure.objects.filter(pk__in=ids).update(updated_at=timezone.now())
        figures.measures_changed(ids)


def _delete(obj, user, reason: str | None = None) -> None:
    _mark_history(obj, user, reason).delete()


def _apply(obj, values: dict[str, Any], names: Iterable[str]) -> bool:
    """Set the listed fields that differ; a foreign key may come as an object (``body``) or as an
    id (``body_id``). Returns whether anything changed."""
    changed = False
    for name in names:
        model_field = obj._meta.get_field(name[:-3] if name.endswith("_id") else name)
        for key in {model_field.name, model_field.attname}:
            if key not in values:
                continue
            value = values[key]
            if model_field.many_to_one:
                value = getattr(value, "pk", value)
                key = model_field.attname
            if getattr(obj, key) != value:
                setattr(obj, key, value)
                changed = True
    return changed


def _sync_rows(
    *,
    existing: Iterable,
    rows: list[dict[str, Any]],
    make,
    names: Iterable[str],
    user,
    reason: str | None,
    keep_ids: bool = False,
) -> dict[Any, Any]:
    """Bring a measure's rows in line with ``rows``: remove the missing ones first (so that a
    unique body or source/year can move to another row), then update, then add. Returns the saved
    objects by the row dicts' ids (or position in ``rows`` for new ones)."""
    current = {obj.pk: obj for obj in existing}
    wanted_ids = {row.get("id") for row in rows if row.get("id") in current}
    for pk, obj in current.items():
        if pk not in wanted_ids:
            _delete(obj, user, reason)
    saved = {}
    for index, row in enumerate(rows):
        pk = row.get("id")
        if pk in current:
            obj = current[pk]
            if _apply(obj, row, names):
                _save(obj, user, reason)
        else:
            obj = make()
            if keep_ids and pk:
                obj.pk = pk
            _apply(obj, row, names)
            _save(obj, user, reason)
        saved[pk if pk in current else ("new", index)] = obj
        row["_saved"] = obj
    return saved


def _write_content(
    measure: Measure, content: MeasureContent, user, reason: str | None, keep_ids: bool = False
) -> None:
    if content.target_units is not None:
        units = {getattr(unit, "pk", unit) for unit in content.target_units}
        if units != set(measure.target_units.values_list("pk", flat=True)):
            measure._history_user = _as_user(user)
            measure.target_units.set(units)
    if content.executors is not None:
        _sync_rows(
            existing=measure.executors.all(),
            rows=content.executors,
            make=lambda: MeasureExecutor(measure=measure),
            names=EXECUTOR_FIELDS,
            user=user,
            reason=reason,
            keep_ids=keep_ids,
        )
    if content.funding_lines is not None:
        kept = {row.get("id") for row in content.funding_lines if row.get("id")}
        # A line that goes takes its allocation with it, each removal in the history.
        for allocation in FundingAllocation.objects.filter(line__measure=measure).exclude(
            line_id__in=kept
        ):
            _delete(allocation, user, reason)
        _sync_rows(
            existing=measure.funding_lines.all(),
            rows=content.funding_lines,
            make=lambda: FundingLine(measure=measure),
            names=FUNDING_FIELDS,
            user=user,
            reason=reason,
            keep_ids=keep_ids,
        )
        for row in content.funding_lines:
            if "allocations" in row:
                allocations_write(row["_saved"], row["allocations"], user=user, reason=reason)
    if content.indicators is not None:
        _sync_rows(
            existing=measure.indicators.all(),
            rows=content.indicators,
            make=lambda: MeasureIndicator(measure=measure),
            names=INDICATOR_FIELDS,
            user=user,
            reason=reason,
            keep_ids=keep_ids,
        )
        for row in content.indicators:
            if "targets" in row:
                _sync_targets(row["_saved"], row["targets"], user, reason)
    if content.target_units is not None or content.funding_lines is not None:
        allocations_check(measure)


# --- Allocation of funding lines to target units -------------------------------------------------


def allocations_write(
    line: FundingLine, allocations: Iterable[tuple[Any, Decimal]], *, user, reason=None
) -> None:
    """Make ``allocations`` ((unit or unit id, amount) pairs) the line's whole split between
    units, each change in the history. Does not check the rule: the caller ends with
    ``allocations_check`` on the measure, inside the same transaction."""
    wanted: dict[int, Decimal] = {}
    for unit, amount in allocations:
        wanted[getattr(unit, "pk", unit)] = amount
    current = {allocation.unit_id: allocation for allocation in line.allocations.all()}
    for unit_id, allocation in current.items():
        if unit_id not in wanted:
            _delete(allocation, user, reason)
    for unit_id, amount in wanted.items():
        allocation = current.get(unit_id) or FundingAllocation(line=line, unit_id=unit_id)
        if allocation.pk is None or allocation.amount != amount:
            allocation.amount = amount
            _save(allocation, user, reason)


def line_label(line) -> str:
    """'Republican budget, 2026' — how a message names a funding line."""
    return _("%(source)s, %(year)s") % {
        "source": str(FundingSource(line.source).label).capitalize()
        if line.source in FundingSource.values
        else line.source,
        "year": line.year,
    }


def _lines_errors(lines, targets) -> list[str]:
    errors = []
    for line in lines:
        rows = [(allocation.unit, allocation.amount) for allocation in line.allocations.all()]
        for message in check_allocations(
            planned_amount=line.planned_amount, allocations=rows, target_units=targets
        ):
            errors.append(_("%(line)s: %(error)s") % {"line": line_label(line), "error": message})
    return errors


def allocation_errors(measure: Measure) -> list[str]:
    """What is wrong with the allocation of any of the measure's funding lines, each message
    naming its line (three queries)."""
    targets = list(measure.target_units.all())
    lines = measure.funding_lines.prefetch_related("allocations__unit").order_by(
        "year", "source", "id"
    )
    return _lines_errors(lines, targets)


def allocations_check(measure: Measure) -> None:
    """Refuse (ValidationError, naming each line) a state where a line's allocation breaks the
    rule: after a change of the target units, of a line's amount or of an allocation. Called at the
    end of every write of a measure's rows, inside its transaction, so nothing is half-saved."""
    if errors := allocation_errors(measure):
        raise ValidationError(errors)


def allocations_check_many(measures: list[Measure]) -> None:
    """``allocations_check`` for many measures (four queries per batch): the first measure whose
    allocation breaks the rule is refused, its number before each message."""
    ids = [measure.pk for measure in measures]
    for start in range(0, len(ids), SAVE_BATCH):
        lines = FundingLine.objects.order_by("year", "source", "id").prefetch_related(
            "allocations__unit"
        )
        for measure in (
            Measure.objects.filter(pk__in=ids[start : start + SAVE_BATCH])
            .order_by("sort_key", "id")
            .prefetch_related("target_units", Prefetch("funding_lines", queryset=lines))
        ):
            errors = _lines_errors(measure.funding_lines.all(), list(measure.target_units.all()))
            if errors:
                raise ValidationError([f"{measure.number}: {error}" for error in errors])


def _sync_targets(indicator: MeasureIndicator, targets: dict[int, Decimal | None], user, reason):
    current = {t.year: t for t in indicator.targets.filter(unit__isnull=True)}
    for year, target in current.items():
        if targets.get(year) is None:
            _delete(target, user, reason)
    for year, value in sorted(targets.items()):
        if value is None:
            continue
        target = current.get(year) or IndicatorTarget(indicator=indicator, year=year)
        if target.pk is None or target.target_value != value:
            target.target_value = value
            _save(target, user, reason)


def measure_create(
    *, programme: Programme, content: MeasureContent, user, reason: str | None = None
) -> Measure:
    """A new measure of the programme with its rows, in one transaction."""
    with transaction.atomic():
        measure = Measure(programme=programme)
        _apply(measure, content.fields, EDITABLE_FIELDS)
        measure_save(measure, user=user, reason=reason)
        _write_content(measure, content, user, reason)
        return measure


def measure_update(
    *,
    measure: Measure,
    content: MeasureContent,
    user,
    expected_version: int | None,
    reason: str | None = None,
) -> Measure:
    """Save an edit made on top of ``expected_version``; refuse it with EditConflict when someone
    else saved in between. The row is locked (SELECT ... FOR UPDATE) from the version check to the
    commit, so two saves of the same version cannot both pass."""
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        if expected_version is not None and locked.version != expected_version:
            raise EditConflict(locked, expected_version)
        _apply(locked, content.fields, EDITABLE_FIELDS)
        measure_save(locked, user=user, reason=reason)
        _write_content(locked, content, user, reason)
        return locked


def measure_archive(*, measure: Measure, user) -> Measure:
    """Hide the measure from the plan; it stays in the database and in the history."""
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        if locked.archived_at is None:
            locked.archived_at = timezone.now()
            measure_save(locked, user=user, reason=_("archived"))
        return locked


def measure_unarchive(*, measure: Measure, user) -> Measure:
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        if locked.archived_at is not None:
            if (
                Measure.objects.active()
                .filter(programme_id=locked.programme_id, number=locked.number)
                .exclude(pk=locked.pk)
                .exists()
            ):
                raise ValidationError(
                    _("Another measure of the programme has the number %(number)s now.")
                    % {"number": locked.number}
                )
            locked.archived_at = None
            measure_save(locked, user=user, reason=_("restored from the archive"))
        return locked


def _rows_as_of(history_model, when: datetime.datetime, **filters) -> list:
    """The rows that existed at ``when``, as their last historical records before it."""
    latest = {}
    for record in history_model.objects.filter(history_date__lte=when, **filters).order_by(
        "history_date", "history_id"
    ):
        latest[record.id] = record
    return [record for record in latest.values() if record.history_type != "-"]


def measure_restore_version(*, measure: Measure, history_id: int, user) -> Measure:
    """Bring the measure and its rows back to how they were after history entry ``history_id``.

    The restore is itself a new entry in the history (reason "restored the version of ..."), so it
    can be undone the same way."""
    record = measure.history.get(history_id=history_id)
    # A save writes the measure first, then its target units and rows: the version ends where the
    # next version begins, and its last measure record holds the target units.
    record = measure.history.filter(version=record.version).order_by("history_date").last()
    following = measure.history.filter(version__gt=record.version).order_by("history_date").first()
    when = (
        following.history_date - datetime.timedelta(microseconds=1) if following else timezone.now()
    )
    reason = _("restored the version of %(date)s") % {
        "date": short_datetime(record.history_date, seconds=True)
    }
    fields = {Measure._meta.get_field(name).attname: None for name in EDITABLE_FIELDS}
    for attname in fields:
        fields[attname] = getattr(record, attname)
    indicator_records = _rows_as_of(MeasureIndicator.history.model, when, measure_id=measure.pk)
    targets_by_indicator: dict[int, dict[int, Decimal]] = {}
    for target in _rows_as_of(
        IndicatorTarget.history.model,
        when,
        indicator_id__in=[r.id for r in indicator_records],
        unit_id__isnull=True,
    ):
        targets_by_indicator.setdefault(target.indicator_id, {})[target.year] = target.target_value
    units = [row.administrativeunit_id for row in record.historicalmeasure_target_units_set.all()]

    def rows(history_model, names, **filters):
        attnames = [MODEL_OF[history_model]._meta.get_field(n).attname for n in names]
        return [
            {"id": r.id, **{a: getattr(r, a) for a in attnames}}
            for r in _rows_as_of(history_model, when, **filters)
        ]

    funding_lines = rows(FundingLine.history.model, FUNDING_FIELDS, measure_id=measure.pk)
    allocations_by_line: dict[int, list[tuple[int, Decimal]]] = {}
    for allocation in _rows_as_of(
        FundingAllocation.history.model, when, line_id__in=[row["id"] for row in funding_lines]
    ):
        allocations_by_line.setdefault(allocation.line_id, []).append(
            (allocation.unit_id, allocation.amount)
        )
    for row in funding_lines:
        row["allocations"] = allocations_by_line.get(row["id"], [])
    content = MeasureContent(
        fields=fields,
        target_units=units,
        executors=rows(MeasureExecutor.history.model, EXECUTOR_FIELDS, measure_id=measure.pk),
        funding_lines=funding_lines,
        indicators=[
            {**row, "targets": targets_by_indicator.get(row["id"], {})}
            for row in rows(MeasureIndicator.history.model, INDICATOR_FIELDS, measure_id=measure.pk)
        ],
    )
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        _apply(locked, content.fields, fields.keys())
        measure_save(locked, user=user, reason=reason)
        _write_content(locked, content, user, reason, keep_ids=True)
        return locked


MODEL_OF = {
    MeasureExecutor.history.model: MeasureExecutor,
    FundingLine.history.model: FundingLine,
    MeasureIndicator.history.model: MeasureIndicator,
}


# --- The measure side of programme and objective edits ------------------------------------------


def _save_following(measure: Measure, *, user, reason: str) -> None:
    """Save a measure changed by an edit of something else, naming it in the error: the person
    sees the programme or objective form, not the measure's fields."""
    try:
        measure_save(measure, user=user, reason=reason)
    except ValidationError as error:
        raise ValidationError(
            _("Measure %(number)s: %(errors)s")
            % {"number": measure.number, "errors": " ".join(error.messages)}
        ) from error


def _numbered_years(queryset, number_field: str, limit: int = 10) -> str:
    """ "1.1.1 (2030), 1.2.4 (2029, 2030)": the measures and years of the rows, at most ``limit``
    measures."""
    years: dict[str, set[int]] = {}
    for number, year in queryset.values_list(number_field, "year").distinct().order_by():
        years.setdefault(number, set()).add(year)
    numbers = sorted(years, key=lambda n: [int(p) if p.isdigit() else 0 for p in n.split(".")])
    return ", ".join(
        f"{n} ({', '.join(str(y) for y in sorted(years[n]))})" for n in numbers[:limit]
    )


def measures_follow_programme_period(*, programme: Programme, user) -> list[Measure]:
    """After the programme's period changed: annual and continuous measures take the new period.

    Measures with their own dates must still fit: while one lies outside, nothing is written and a
    ValidationError on ``period_start_year`` names them. Returns the measures that moved."""
    start_year, end_year = programme.period_start_year, programme.period_end_year
    outside = list(
        Measure.objects.active()
        .filter(programme=programme, deadline_kind__in=[DeadlineKind.ONCE, DeadlineKind.PERIOD])
        .filter(
            Q(deadline_start__year__lt=start_year)
            | Q(deadline_end__year__lt=start_year)
            | Q(deadline_end__year__gt=end_year)
        )
        .order_by("sort_key")
        .values_list("number", flat=True)[:10]
    )
    problems = []
    if outside:
        problems.append(
            _(
                "The deadlines of measures %(numbers)s fall outside %(start)s–%(end)s: "
                "change them first."
            )
            % {"numbers": ", ".join(outside), "start": start_year, "end": end_year}
        )
    # Money and targets of years the new period leaves out would be orphaned: the measure could no
    # longer be saved as it is (review M9b). They are named, and nothing is written.
    off_years = ~Q(year__gte=start_year, year__lte=end_year)
    funding = _numbered_years(
        FundingLine.objects.filter(
            off_years, measure__programme=programme, measure__archived_at=None
        ),
        "measure__number",
    )
    targets = _numbered_years(
        IndicatorTarget.objects.filter(
            off_years,
            indicator__measure__programme=programme,
            indicator__measure__archived_at=None,
        ),
        "indicator__measure__number",
    )
    if funding:
        problems.append(
            _(
                "Funding lines of measures %(lines)s lie outside %(start)s–%(end)s: change them first."
            )
            % {"lines": funding, "start": start_year, "end": end_year}
        )
    if targets:
        problems.append(
            _(
                "Indicator targets of measures %(lines)s lie outside %(start)s–%(end)s: change "
                "them first."
            )
            % {"lines": targets, "start": start_year, "end": end_year}
        )
    if problems:
        raise ValidationError({"period_start_year": problems})
    start, end = datetime.date(start_year, 1, 1), datetime.date(end_year, 12, 31)
    moved = []
    with transaction.atomic():
        for measure in (
            Measure.objects.select_for_update()
            .filter(
                programme=programme,
                deadline_kind__in=[DeadlineKind.ANNUAL, DeadlineKind.CONTINUOUS],
            )
            .exclude(deadline_start=start, deadline_end=end)
            .order_by("sort_key")
        ):
            measure.programme = programme
            measure.deadline_start, measure.deadline_end = start, end
            _save_following(measure, user=user, reason=_("follows the programme period"))
            moved.append(measure)
    return moved


def objective_move_measures(*, objective: Objective, user) -> list[Measure]:
    """The objective's measures follow it to its direction, so they stay under it. Returns the
    measures that moved."""
    moved = []
    with transaction.atomic():
        for measure in (
            Measure.objects.select_for_update()
            .filter(objective=objective)
            .exclude(direction_id=objective.direction_id)
            .order_by("sort_key")
        ):
            measure.objective = objective
            measure.direction_id = objective.direction_id
            _save_following(measure, user=user, reason=_("moved with its objective"))
            moved.append(measure)
    return moved


def programme_update_with_measures(
    *, programme: Programme, data: dict[str, Any], user, version: str | None
) -> Programme:
    """The programme edit page's save: the programme, then its measures that follow its period,
    in one transaction (nothing is saved when a measure refuses the new period)."""
    with transaction.atomic():
        programme = programme_services.programme_update(
            programme=programme, data=data, user=user, version=version
        )
        measures_follow_programme_period(programme=programme, user=user)
        return programme


def objective_update_with_measures(
    *, objective: Objective, data: dict[str, Any], user, version: str | None
) -> Objective:
    """The objective edit page's save: the objective, then its measures when it moved to another
    direction, in one transaction."""
    with transaction.atomic():
        objective = programme_services.objective_update(
            objective=objective, data=data, user=user, version=version
        )
        objective_move_measures(objective=objective, user=user)
        return objective


def measure_set_status_override(*, measure: Measure, status: str, reason: str, user) -> Measure:
    """Set (or, with an empty ``status``, clear) the editor's status of a measure, which stands
    beside the computed one (measures.reporting.status) until cleared. A reason is required."""
    reason = (reason or "").strip()
    if status and not reason:
        raise ValidationError({"status_override_reason": _("Say why the status is set by hand.")})
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        locked.status_override = status or ""
        locked.status_override_reason = reason if status else ""
        locked.status_override_by = _as_user(user) if status else None
        locked.status_override_at = timezone.now() if status else None
        return measure_save(
            locked,
            user=user,
            reason=_("status set by hand") if status else _("status set by hand cleared"),
        )
