"""A measure's change history as people read it: who, when, which field, old → new.

Built from django-simple-history's records of the measure and of its rows (co-executors, funding
lines, indicators, targets) with a fixed number of queries, however long the history is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from measures.models import (
    FundingAllocation,
    FundingLine,
    FundingSource,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
)
from programs.models import Direction, Objective, ResponsibleBody
from regionalprogram.formats import short_date, short_datetime
from regionalprogram.languages import IN_LANGUAGE, LANGUAGE_CODES
from regions.models import AdministrativeUnit

MEASURE_FIELDS = (
    "number",
    "direction",
    "objective",
    *(
        f"{n}_{lang}"
        for n in ("title", "implementation_mechanism", "expected_result")
        for lang in LANGUAGE_CODES
    ),
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "lead_body",
    "status",
    "archived_at",
)
ROW_FIELDS = {
    MeasureExecutor: ("body", "in_coordination"),
    FundingLine: ("source", "year", "planned_amount", "actual_amount", "donor"),
    MeasureIndicator: (
        *(f"{n}_{lang}" for n in ("name", "unit_of_measure") for lang in LANGUAGE_CODES),
        "baseline_value",
        "baseline_year",
    ),
    IndicatorTarget: ("year", "unit", "target_value"),
    FundingAllocation: ("unit", "amount"),
}
KIND_LABELS = {
    "+": gettext_lazy("added"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("removed"),
}
RELATED = {
    "body": ResponsibleBody,
    "donor": ResponsibleBody,
    "lead_body": ResponsibleBody,
    "direction": Direction,
    "objective": Objective,
    "unit": AdministrativeUnit,
}


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    user: Any
    subject: str
    kind: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""
    reason_language: str = ""  # the language the reason is written in ("" when not recorded)
    history_id: int | None = None  # set on the measure's own entries: a version to restore

    @property
    def visible(self) -> bool:
        """A save that changed nothing a person sees (only the version went up) is not shown."""
        return bool(self.changes or self.reason or self.kind != "~")

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


def _field_label(model, name: str) -> str:
    model_field = model._meta.get_field(name)
    label = str(model_field.verbose_name)
    for lang, words in IN_LANGUAGE.items():
        if name.endswith(f"_{lang}") and name[:-3] in {
            "title",
            "implementation_mechanism",
            "expected_result",
            "name",
            "unit_of_measure",
        }:
            base = model._meta.get_field(name[:-3]).verbose_name
            return f"{base} ({words})"
    return label


class _Labels:
    """Names of the bodies, directions, objectives and units the entries mention, one query each."""

    def __init__(self):
        self.wanted: dict[type, set] = {}
        self.names: dict[type, dict] = {}

    def want(self, name: str, value) -> None:
        if name in RELATED and value:
            self.wanted.setdefault(RELATED[name], set()).add(value)

    def load(self) -> None:
        for model, ids in self.wanted.items():
            self.names[model] = {obj.pk: str(obj) for obj in model.objects.filter(pk__in=ids)}

    def of(self, name: str, value) -> str:
        return self.names.get(RELATED[name], {}).get(value, f"#{value}")


def _display(model, name: str, value, labels: _Labels) -> str:
    if value is None or value == "":
        return "—"
    if name in RELATED:
        return labels.of(name, value)
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return short_datetime(value)
    if isinstance(value, datetime.date):
        return short_date(value)
    if isinstance(value, Decimal):
        return formats.number_format(
            value.normalize() if value == value.to_integral() else value,
            use_l10n=True,
            force_grouping=True,
        )
    if name.endswith("year"):
        return str(value)
    return str(value)


def _blank(value):
    """None and an empty text are the same to a reader (a column filled in later)."""
    return None if value == "" else value


def _attname(model, name: str) -> str:
    return model._meta.get_field(name).attname


def _values(record, model, names) -> dict[str, Any]:
    return {name: getattr(record, _attname(model, name)) for name in names}


def _subject(model, values: dict[str, Any], labels: _Labels, extra: dict) -> str:
    if model is MeasureExecutor:
        return _("Co-executor: %(body)s") % {"body": labels.of("body", values["body"])}
    if model is FundingLine:
        return _("Funding: %(source)s, %(year)s") % {
            "source": FundingSource(values["source"]).label if values["source"] else "—",
            "year": values["year"],
        }
    if model is MeasureIndicator:
        name = values.get("name_ky") or values.get("name_ru") or values.get("name_en") or ""
        return _("Indicator: %(name)s") % {"name": name}
    if model is FundingAllocation:
        source, year = extra.get(("line", values.get("_line")), ("", ""))
        return _("Allocation of %(source)s, %(year)s to %(unit)s") % {
            "source": FundingSource(source).label if source else "—",
            "year": year,
            "unit": labels.of("unit", values["unit"]),
        }
    if model is IndicatorTarget:
        return _("Target of “%(indicator)s” for %(year)s") % {
            "indicator": extra.get(values.get("_indicator"), ""),
            "year": values["year"],
        }
    return _("Measure")


def _entries_for(records, model, names, labels: _Labels, extra=None) -> list[Entry]:
    """Pair each record with the previous one of the same row and list what differs."""
    previous: dict[int, dict] = {}
    raw = []
    for record in records:
        values = _values(record, model, names)
        if model is IndicatorTarget:
            values["_indicator"] = record.indicator_id
        if model is FundingAllocation:
            values["_line"] = record.line_id
            labels.want("unit", values["unit"])
        before = previous.get(record.id)
        previous[record.id] = values
        for name in names:
            labels.want(name, values[name])
            if before:
                labels.want(name, before[name])
        raw.append((record, values, before))
    return raw


def _build(raw, model, names, labels: _Labels, extra=None) -> list[Entry]:
    entries = []
    for record, values, before in raw:
        kind = record.history_type
        changes = []
        if kind == "~" and before is not None:
            for name in names:
                if _blank(before[name]) != _blank(values[name]):
                    changes.append(
                        Change(
                            _field_label(model, name),
                            _display(model, name, before[name], labels),
                            _display(model, name, values[name], labels),
                        )
                    )
            if hasattr(record, "_unit_change"):
                changes.append(record._unit_change)
        elif kind == "+":
            for name in names:
                value = values[name]
                if value is not None and value != "" and value is not False:
                    changes.append(
                        Change(
                            _field_label(model, name),
                            "",
                            _display(model, name, values[name], labels),
                        )
                    )
        entries.append(
            Entry(
                when=record.history_date,
                user=record.history_user,
                subject=_subject(model, values, labels, extra or {}),
                kind=kind,
                changes=changes,
                reason=record.history_change_reason or "",
                reason_language=getattr(record, "history_reason_language", ""),
                history_id=record.history_id if model is Measure else None,
            )
        )
    return entries


def measure_history(measure: Measure, *, since: datetime.datetime | None = None) -> list[Entry]:
    """The measure's entries, newest first; ``since`` keeps only those after that moment."""
    labels = _Labels()
    measure_records = list(
        Measure.history.model.objects.filter(id=measure.pk)
        .select_related("history_user")
        .prefetch_related("historicalmeasure_target_units_set")
        .order_by("history_date", "history_id")
    )
    units_before = None
    for record in measure_records:
        units = {
            row.administrativeunit_id for row in record.historicalmeasure_target_units_set.all()
        }
        if units_before is not None and units != units_before:
            for unit in units | units_before:
                labels.want("unit", unit)
            record._units_diff = (units_before, units)
        units_before = units
    raw_all = [
        (Measure, MEASURE_FIELDS, _entries_for(measure_records, Measure, MEASURE_FIELDS, labels))
    ]
    indicator_records = list(
        MeasureIndicator.history.model.objects.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    indicator_names = {}
    for record in indicator_records:
        indicator_names[record.id] = record.name_ky or record.name_ru or record.name_en
    line_records = list(
        FundingLine.history.model.objects.filter(measure_id=measure.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    line_names = {("line", record.id): (record.source, record.year) for record in line_records}
    for model in (
        MeasureExecutor,
        FundingLine,
        FundingAllocation,
        MeasureIndicator,
        IndicatorTarget,
    ):
        if model is MeasureIndicator:
            records = indicator_records
        elif model is FundingLine:
            records = line_records
        elif model is FundingAllocation:
            records = (
                model.history.model.objects.filter(
                    line_id__in=list({record.id for record in line_records})
                )
                .select_related("history_user")
                .order_by("history_date", "history_id")
            )
        elif model is IndicatorTarget:
            records = (
                model.history.model.objects.filter(indicator_id__in=list(indicator_names))
                .select_related("history_user")
                .order_by("history_date", "history_id")
            )
        else:
            records = (
                model.history.model.objects.filter(measure_id=measure.pk)
                .select_related("history_user")
                .order_by("history_date", "history_id")
            )
        raw_all.append(
            (model, ROW_FIELDS[model], _entries_for(records, model, ROW_FIELDS[model], labels))
        )
    labels.load()
    for record in measure_records:
        if hasattr(record, "_units_diff"):
            before, after = record._units_diff
            record._unit_change = Change(
                str(Measure._meta.get_field("target_units").verbose_name),
                ", ".join(sorted(labels.of("unit", u) for u in before)) or "—",
                ", ".join(sorted(labels.of("unit", u) for u in after)) or "—",
            )
    entries = []
    for model, names, raw in raw_all:
        entries.extend(_build(raw, model, names, labels, {**indicator_names, **line_names}))
    if since is not None:
        entries = [e for e in entries if e.when > since and e.visible]
    entries.sort(key=lambda e: (e.when, e.history_id or 0), reverse=True)
    return entries


@dataclass
class EditGroup:
    """Entries one person saved together (one press of "Save")."""

    when: datetime.datetime
    user: Any
    entries: list[Entry]

    @property
    def history_id(self) -> int | None:
        return next((e.history_id for e in self.entries if e.history_id), None)

    @property
    def visible_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.visible]


def grouped(entries: list[Entry], window: datetime.timedelta = datetime.timedelta(seconds=5)):
    groups: list[EditGroup] = []
    for entry in entries:  # newest first
        last = groups[-1] if groups else None
        if (
            last is not None
            and getattr(last.user, "pk", None) == getattr(entry.user, "pk", None)
            and last.entries[-1].when - entry.when <= window
        ):
            last.entries.append(entry)
        else:
            groups.append(EditGroup(when=entry.when, user=entry.user, entries=[entry]))
    return groups


def skip_unchanged_save(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: a save that changes none of the tracked columns leaves no history entry.

    Re-running an import or the demo data, or pressing "Save" in the admin without a change, would
    otherwise fill the history with entries that say nothing. One primary-key lookup per save."""
    if raw or instance.pk is None or instance._state.adding:
        if hasattr(instance, "skip_history_when_saving"):
            del instance.skip_history_when_saving
        return
    fields = [
        f
        for f in instance._meta.concrete_fields
        if not f.primary_key and not getattr(f, "auto_now", False) and f.name != "sort_key"
    ]
    stored = (
        sender._default_manager.filter(pk=instance.pk).values(*[f.attname for f in fields]).first()
    )
    unchanged = stored is not None and all(
        _same(f, stored[f.attname], getattr(instance, f.attname)) for f in fields
    )
    if unchanged:
        instance.skip_history_when_saving = True
    elif hasattr(instance, "skip_history_when_saving"):
        del instance.skip_history_when_saving


def _same(model_field, stored, current) -> bool:
    try:
        current = model_field.to_python(current)
    except Exception:  # noqa: BLE001 - a value the field cannot read is a change; save() will say why
        return False
    return _blank(stored) == _blank(current)


def plan_change_records(*programmes):
    """The measure records of the plans of ``programmes`` (objects or ids), one per save, newest first, with the author's
    body selected: a QuerySet, so the page filters and pages it in the database.

    One save of a measure (``measures.services.measure_save``, which raises the version) writes
    the measure, then its target units as a second record of the same version; a page of changes
    shows the save once, as its first record (a new measure reads "added", not "added" and
    "changed")."""
    history = Measure.history.model
    earlier_of_same_save = history.objects.filter(
        id=OuterRef("id"), version=OuterRef("version"), history_id__lt=OuterRef("history_id")
    )
    return (
        history.objects.filter(programme_id__in=[getattr(p, "pk", p) for p in programmes])
        .exclude(Exists(earlier_of_same_save))
        .select_related("history_user__profile__body")
        .order_by("-history_date", "-history_id")
    )


def tracked_models() -> list[type]:
    from programs.models import Direction, Objective, Programme

    return [
        Programme,
        Direction,
        Objective,
        Measure,
        MeasureExecutor,
        FundingLine,
        FundingAllocation,
        MeasureIndicator,
        IndicatorTarget,
    ]
