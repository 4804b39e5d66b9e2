"""The import preview as an editor reads it: which rows to show, what each changed row changes
(old → new, in the page's language) and what the executor names that match no body should mean.

Nothing here decides whether a row changes: the engine (``importer.build_plan``) does, and lists the
changed fields in ``RowPlan.changes``; this module only renders those fields' old and new values
from the data the engine already holds (the measure as loaded, the row's parsed ``data``). Names
that match no body are offered the bodies ``importer.BodyIndex.suggest`` finds; an editor's
decision per name becomes an alias in the same index, so the import reads the name as that body.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from measures.deadlines import measure_deadline, render_deadline
from measures.models import FundingSource
from measures.plan_io import layout
from measures.plan_io.exporter import SOURCE_ORDER
from measures.plan_io.importer import (
    TEXT_FIELDS,
    ImportPlan,
    RowPlan,
    _current_allocations,
    _current_funding,
    _field_label,
    _resolved,
    build_plan,
    create_missing_bodies,
    funding_shape,
    load_bodies,
)
from programs.models import ResponsibleBody
from regions.models import AdministrativeUnit

SHOW_CHANGES = "changes"
SHOW_ALL = "all"
# Up to this many rows the preview shows them all at first; a longer file opens on its changes.
HANDFUL = 10
PAGE_SIZE = 50

NEW_BODY = "new"
USE_BODY = "use:"


# --- which rows --------------------------------------------------------------------------


def default_show(plan: ImportPlan) -> str:
    return SHOW_CHANGES if len(plan.rows) > HANDFUL else SHOW_ALL


def is_change_or_error(row: RowPlan) -> bool:
    return row.failed or row.action in ("create", "update")


def rows_page(plan: ImportPlan, show: str, page_number):
    """One page of the rows to show: every row, or only those that change something or fail."""
    rows = plan.rows if show == SHOW_ALL else [r for r in plan.rows if is_change_or_error(r)]
    return Paginator(rows, PAGE_SIZE).get_page(page_number)


# --- old → new -----------------------------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


def _blank(text: str) -> str:
    return text if text else "—"


def _years(years) -> str:
    """A source's money as the plan writes it: '2025 – 1 000,0; 2026 – 1 500,0'."""
    return "; ".join(f"{year} – {layout.format_amount(amount)}" for year, amount in years)


def _funding_value(source: str, shape: dict) -> str:
    if source not in shape:
        return "—"
    if shape[source] is None:  # a source with no money of its own
        if source == FundingSource.WITHIN_BUDGET:
            return layout.within_budget_words()
        return pgettext("funding", "no amount")
    return _years(shape[source])


class _Names:
    """The bodies and units the shown rows mention by id, one query each for the whole page."""

    def __init__(self, rows: list[RowPlan]):
        body_ids, unit_ids = set(), set()
        for row in rows:
            measure = row.target
            if row.kind != "measure" or measure is None:
                continue
            body_ids.add(measure.lead_body_id)
            body_ids.update(e.body_id for e in measure.executor_list)
            for units in _current_allocations(measure).values():
                unit_ids.update(units)
            for units in row.data.get("allocations", {}).values():
                unit_ids.update(units)
        self.bodies = {b.pk: str(b) for b in ResponsibleBody.objects.filter(pk__in=body_ids)}
        self.units = {u.pk: u for u in AdministrativeUnit.objects.filter(pk__in=unit_ids)}

    def body(self, pk) -> str:
        return self.bodies.get(pk, f"#{pk}")

    def allocation(self, key, allocations: dict) -> str:
        if key not in allocations:
            return "—"
        pairs = [(self.units[pk], amount) for pk, amount in allocations[key].items()]
        return layout.allocation_line(key[0], key[1], pairs, translation.get_language())


def _executors(pairs) -> str:
    mark = " " + layout.coordination_mark_active()
    return "; ".join(name + (mark if marked else "") for name, marked in pairs) or "—"


def _measure_diff(row: RowPlan, plan: ImportPlan, names: _Names) -> list[FieldChange]:
    measure, data, lang = row.target, row.data, plan.language
    labels = {
        _field_label(name): name
        for name in (
            *(name for _key, name in TEXT_FIELDS),
            "deadline",
            "lead_body",
            "executors",
            "funding",
            "allocation",
            "placement",
            "restored",
        )
    }
    diff = []
    for label in row.changes:
        name = labels.get(label)
        if name in {n for _key, n in TEXT_FIELDS}:
            diff.append(FieldChange(label, _blank(_resolved(measure, name, lang)), data[name]))
        elif name == "deadline":
            new = render_deadline(
                data.get("deadline_kind", "once"),
                data.get("deadline_start"),
                data.get("deadline_end"),
                data.get("deadline_text", ""),
            )
            diff.append(FieldChange(label, _blank(measure_deadline(measure)), _blank(new)))
        elif name == "lead_body":
            new = str(data["executors"][0].body)
            diff.append(FieldChange(label, names.body(measure.lead_body_id), new))
        elif name == "executors":
            old = _executors(
                (names.body(e.body_id), e.in_coordination) for e in measure.executor_list
            )
            new = _executors((str(e.body), e.marked) for e in data["executors"][1:])
            diff.append(FieldChange(label, old, new))
        elif name == "funding":
            old, new = funding_shape(_current_funding(measure)), funding_shape(data["funding"])
            for source in sorted(set(old) | set(new), key=lambda s: SOURCE_ORDER.get(s, 99)):
                if old.get(source, "absent") != new.get(source, "absent"):
                    source_label = layout.source_label(source, translation.get_language())
                    diff.append(
                        FieldChange(
                            f"{label}: {source_label}",
                            _funding_value(source, old),
                            _funding_value(source, new),
                        )
                    )
        elif name == "allocation":
            old, new = _current_allocations(measure), data["allocations"]
            for key in sorted(
                set(old) | set(new), key=lambda k: (SOURCE_ORDER.get(k[0], 99), k[1])
            ):
                if old.get(key) != new.get(key):
                    diff.append(
                        FieldChange(label, names.allocation(key, old), names.allocation(key, new))
                    )
        elif name == "placement":
            diff.append(FieldChange(label, _placement_of(measure, plan), _placement(data)))
        elif name == "restored":
            diff.append(FieldChange(label, _("archived"), _("in the plan")))
        else:  # a change the preview has no renderer for: named, without values
            diff.append(FieldChange(label, "", ""))
    return diff


def _placement(data: dict) -> str:
    return " / ".join(number for number in (data["direction"], data["objective"]) if number)


def _placement_of(measure, plan: ImportPlan) -> str:
    """The measure's direction and objective numbers, from the headings the plan loaded."""
    directions = {d.pk: number for number, d in plan.directions.items()}  # type: ignore[attr-defined]
    objectives = {o.pk: number for number, o in plan.objectives.items()}  # type: ignore[attr-defined]
    numbers = [directions.get(measure.direction_id, ""), objectives.get(measure.objective_id, "")]
    return " / ".join(n for n in numbers if n) or "—"


def row_diffs(plan: ImportPlan, rows: list[RowPlan]) -> dict[int, list[FieldChange]]:
    """{Excel row: [old → new of each changed field]} for the changed rows among ``rows``."""
    changed = [row for row in rows if row.action == "update" and not row.failed and row.target]
    names = _Names(changed)
    diffs = {}
    for row in changed:
        if row.kind == "measure":
            diffs[row.row] = _measure_diff(row, plan, names)
        else:
            heading = _field_label("heading")
            diffs[row.row] = [
                FieldChange(
                    heading, _blank(_resolved(row.target, "title", plan.language)), row.title
                )
                if label == heading
                else FieldChange(label, _("archived"), _("in the plan"))
                for label in row.changes
            ]
    return diffs


# --- names that match no body ---------------------------------------------------------------


def body_suggestions(plan: ImportPlan) -> dict[str, list[ResponsibleBody]]:
    """{name of the file that matches no body: the bodies it nearly names}, in the file's order."""
    if not plan.unknown_bodies:
        return {}
    index = load_bodies()  # every body: a near match need not be named anywhere in the file
    return {name: index.suggest(name) for name in plan.unknown_bodies}


def plan_with_decisions(programme, rows, decisions: dict[str, str]) -> ImportPlan:
    """The plan of the file's ``rows`` with the editor's decision for each name that matched no
    body: ``use:<id>`` (one of the suggested bodies, checked by the caller) or ``new`` (the body
    is created here). It writes, so it runs inside the caller's transaction: the import's, or one
    rolled back when it only previews."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("plan_with_decisions creates bodies: call it inside a transaction")
    language = rows[0]
    new_names = [name for name, choice in decisions.items() if choice == NEW_BODY]
    create_missing_bodies(new_names, language=language)
    bodies = load_bodies()
    chosen_ids = {
        int(choice.removeprefix(USE_BODY))
        for choice in decisions.values()
        if choice.startswith(USE_BODY)
    }
    chosen = {b.pk: b for b in ResponsibleBody.objects.filter(pk__in=chosen_ids)}
    for name, choice in decisions.items():
        if choice.startswith(USE_BODY):
            bodies.alias(name, chosen[int(choice.removeprefix(USE_BODY))])
    return build_plan(programme, rows=rows, bodies=bodies)
