"""Import an action plan from .xlsx: read → plan (compare with the database) → apply.

``build_plan`` never writes: it reads every row, reports every error by row and column, and says
for each row whether it creates, changes or leaves unchanged a direction, objective or measure.
``apply_plan`` writes a plan in one transaction, and refuses while errors remain unless the failed
rows are to be skipped. The same plan object serves the preview page and the command.

Decisions (also in the README):
* Measures are matched by programme + number, directions and objectives by number. Rows of the
  database that are not in the file are left alone: an import adds and updates, it never archives.
* A measure in the file that was archived is restored (the file is the plan as it should be).
* Texts go to the columns of the file's language (from its headers); a text equal to what the
  portal shows in that language (with its fallback) is unchanged.
* The lead body's "in coordination" mark is not stored (it follows from the body's kind); a
  co-executor's mark is.
* A deadline that reads as the measure's own kind and dates is unchanged, and its text as written
  stays: the export writes deadlines in the file's language ("IV квартал 2025 года" for a measure
  typed "2025-жылдын IV чейреги"), and importing that file again must change nothing.
* Column 6's indicator lines, the total row and the rows under it are the export's, for readers:
  the import skips them (indicators are edited on the measure's page).
* The export's ninth column, "sample data", is read: a direction, objective or measure the import
  creates from a marked row is created as sample data; records that exist keep their flag.
* A source with no money of its own (a dash, "в пределах утверждённого бюджета", or nothing) is
  the same whatever year its zero line was filed under.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import resolution_order

from measures import services
from measures.allocation import UnitIndex, check_allocations, parse_allocation
from measures.deadlines import DeadlineParseError, parse_programme_deadline
from measures.models import FundingLine, FundingSource, Measure, MeasureExecutor
from measures.plan_io import layout
from measures.services import measure_save
from programs.models import BodyKind, Direction, Objective, Programme, ResponsibleBody
from programs.numbers import NUMBER_RE, heading_numbers, normalise_number
from regionalprogram import spreadsheets
from regionalprogram.languages import LANGUAGE_CODES

HEADER_SEARCH_ROWS = 15
MAX_ROWS = 20_000
# Rows of the sheet read at most, empty ones included: the data rows, headings and blank lines.
MAX_SHEET_ROWS = 25_000


class PlanFileError(ValueError):
    """The file as a whole cannot be read (not a workbook, no header row...)."""


ACTION_LABELS = {
    "create": gettext_lazy("new"),
    "update": gettext_lazy("changed"),
    "unchanged": gettext_lazy("unchanged"),
    "failed": gettext_lazy("error"),
    "ignored": gettext_lazy("ignored"),
}
KIND_LABELS = {
    "direction": gettext_lazy("direction"),
    "objective": gettext_lazy("objective"),
    "measure": gettext_lazy("measure"),
    "note": gettext_lazy("text row"),
}


@dataclass
class Issue:
    row: int
    column: str | None
    column_letter: str
    message: str

    @property
    def column_label(self) -> str:
        return str(layout.COLUMN_LABELS[self.column]) if self.column else ""


@dataclass
class RowPlan:
    row: int
    kind: str
    number: str = ""
    title: str = ""
    action: str = "unchanged"
    changes: list[str] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    target: object = None

    @property
    def failed(self) -> bool:
        return bool(self.errors)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS["failed" if self.failed else self.action])

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass
class ImportPlan:
    programme: Programme
    language: str
    rows: list[RowPlan]
    unknown_bodies: dict[str, list[int]]
    columns: dict[str, int]

    @property
    def errors(self) -> list[Issue]:
        return [issue for row in self.rows for issue in row.errors]

    @property
    def failed_rows(self) -> list[RowPlan]:
        return [row for row in self.rows if row.failed]

    @property
    def has_errors(self) -> bool:
        return any(row.failed for row in self.rows)

    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "unchanged": 0, "failed": 0, "ignored": 0}
        for row in self.rows:
            counts["failed" if row.failed else row.action] += 1
        return counts


# --- reading -------------------------------------------------------------------------------


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_rows(fileobj) -> tuple[str, dict[str, int], list[tuple[int, dict[str, object]]]]:
    """The file's language, its column map and its data rows as (Excel row number, cells).

    The workbook is read within the bounds of ``regionalprogram.spreadsheets``: its parts are
    measured before parsing, only the first columns are read, and the rows stop at a limit and a
    time budget; a file over any bound is a PlanFileError with the reason.
    """
    from openpyxl import load_workbook

    try:
        spreadsheets.check_archive(fileobj)
    except spreadsheets.SpreadsheetRefused as error:
        raise PlanFileError(str(error)) from None
    try:
        workbook = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise PlanFileError(
            _("The file cannot be read as an Excel workbook (.xlsx): %(error)s")
            % {"error": error.__class__.__name__}
        ) from None
    try:
        return _read_sheet(workbook.worksheets[0])
    except spreadsheets.SpreadsheetRefused as error:
        raise PlanFileError(str(error)) from None
    except (
        KeyError,
        IndexError,
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        zipfile.BadZipFile,
        zlib.error,
    ) as error:
        if isinstance(error, PlanFileError):
            raise
        # A damaged sheet part, XML that is not XML (expat refuses entity bombs), no sheet at all.
        raise PlanFileError(
            _("The file cannot be read as an Excel workbook (.xlsx): %(error)s")
            % {"error": error.__class__.__name__}
        ) from None
    finally:
        workbook.close()


def _read_sheet(sheet) -> tuple[str, dict[str, int], list[tuple[int, dict[str, object]]]]:
    """The header row (searched in the first rows), the columns it names and the data rows."""
    rows = spreadsheets.bounded_rows(sheet, max_rows=MAX_SHEET_ROWS)
    columns: dict[str, int] = {}
    header_texts: list[str] = []
    for number, values in rows:
        if number > HEADER_SEARCH_ROWS:
            break
        found = {}
        for index, value in enumerate(values or ()):
            column = layout.recognise_header(layout.cell_text(value))
            if column and column not in found:
                found[column] = index
        if all(key in found for key in layout.REQUIRED_COLUMNS) and len(found) >= 5:
            columns = found
            header_texts = [layout.cell_text(v) for v in values if v is not None]
            break
    if not columns:
        raise PlanFileError(
            _(
                "No header row found in the first %(rows)s rows. The table needs the columns "
                "of the official layout: %(columns)s."
            )
            % {
                "rows": HEADER_SEARCH_ROWS,
                "columns": ", ".join(str(label) for _key, label in layout.COLUMNS),
            }
        )
    data: list[tuple[int, dict[str, object]]] = []
    for number, values in rows:
        values = values or ()
        cells = {
            key: (values[index] if index < len(values) else None) for key, index in columns.items()
        }
        if not any(layout.cell_text(v) for v in values):
            continue
        texts = [layout.cell_text(v) for v in values if layout.cell_text(v)]
        if (
            texts
            and all(t.isdigit() for t in texts)
            and texts == [str(i) for i in range(1, len(texts) + 1)]
        ):
            continue  # the row of column numbers 1 2 3 … 8 under the headers
        number_text = layout.cell_text(cells.get("number"))
        if layout.is_total_label(number_text) or (
            not number_text and layout.is_total_label(layout.cell_text(cells.get("title")))
        ):
            continue  # "Итого" and the "в том числе" rows under it: sums, not the plan
        # A heading written in the first cell and merged across: "1. Urbanized territories".
        first = layout.cell_text(values[0]) if values else ""
        others = [layout.cell_text(v) for v in values[1:]]
        if first and not any(others) and (match := layout.HEADING_IN_ONE_CELL_RE.match(first)):
            cells = dict.fromkeys(columns)
            cells["number"] = match.group("number")
            cells["title"] = match.group("title")
        data.append((number, cells))
        if len(data) > MAX_ROWS:
            raise PlanFileError(
                _("The file has more than %(max)s rows; split it.") % {"max": MAX_ROWS}
            )
    return layout.header_language(header_texts), columns, data


# --- the database side ---------------------------------------------------------------------


def _resolved(obj, name: str, lang: str) -> str:
    """What the portal shows for a translated field in `lang` (modeltranslation's fallback)."""
    for code in resolution_order(lang):
        value = getattr(obj, f"{name}_{code}", "") or ""
        if value:
            return value
    return ""


class BodyIndex:
    """Every body by every name and abbreviation in every language, normalised."""

    def __init__(self, bodies):
        self.by_key: dict[str, list[ResponsibleBody]] = defaultdict(list)
        self._near_keys: dict[str, str] = {}  # by_key's keys as layout.near_key, for suggest()
        for body in bodies:
            self.add(body)

    def add(self, body: ResponsibleBody) -> None:
        keys = set()
        for lang in LANGUAGE_CODES:
            for name in ("name", "short_name"):
                value = getattr(body, f"{name}_{lang}", "") or ""
                if value:
                    keys.add(layout.normalise_key(value))
        for key in keys:
            if body not in self.by_key[key]:
                self.by_key[key].append(body)

    def lookup(self, text: str) -> list[ResponsibleBody]:
        found = self.by_key.get(layout.normalise_key(text), [])
        active = [b for b in found if b.is_active]
        return active or found

    def alias(self, name: str, body: ResponsibleBody) -> None:
        """From now on ``name`` means ``body`` (an editor's decision for a name of the file)."""
        self.by_key[layout.normalise_key(name)] = [body]

    def suggest(self, text: str, limit: int = 3) -> list[ResponsibleBody]:
        """The bodies a name that matches none nearly names (layout.name_likeness: the same but
        for quotes and punctuation, one letter apart, or very alike), closest and active first."""
        wanted = layout.near_key(text)
        near_keys = self._near_keys
        best: dict[int, tuple[float, ResponsibleBody]] = {}
        for key, bodies in self.by_key.items():
            if key not in near_keys:
                near_keys[key] = layout.near_key(key)
            score = layout.name_likeness(wanted, near_keys[key])
            for body in bodies if score else ():
                if score > best.get(body.pk, (0.0, None))[0]:
                    best[body.pk] = (score, body)
        ranked = sorted(
            best.values(), key=lambda pair: (-pair[0], not pair[1].is_active, str(pair[1]))
        )
        return [body for _score, body in ranked[:limit]]


def default_funding_year(programme: Programme, start, end) -> int:
    """The year a bare amount belongs to: the deadline's first year within the programme period."""
    for day in (start, end):
        if day is not None and programme.covers_year(day.year):
            return day.year
    return programme.period_start_year


# --- parsing one measure row ---------------------------------------------------------------


@dataclass
class Executor:
    text: str
    marked: bool
    body: ResponsibleBody | None = None


def parse_executors(text: str, bodies: BodyIndex) -> list[Executor]:
    executors: list[Executor] = []
    for part in re.split(r"[\n;]+", text):
        tokens = [token.strip() for token in part.split(",")]
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if not token:
                i += 1
                continue
            if layout.ONLY_MARK_RE.match(token):
                if executors:
                    executors[-1].marked = True
                i += 1
                continue
            matched = None
            for j in range(len(tokens), i, -1):
                name, marked = layout.split_mark(", ".join(tokens[i:j]))
                found = bodies.lookup(name)
                if found:
                    matched = (j, name, marked, found)
                    break
            if matched:
                j, name, marked, found = matched
                executors.append(Executor(name, marked, found[0] if len(found) == 1 else None))
                if len(found) > 1:
                    executors[-1].text = name
                    executors[-1].ambiguous = found  # type: ignore[attr-defined]
                i = j
                continue
            # Unknown: a name with commas continues while the next piece starts in lower case.
            j = i + 1
            while j < len(tokens) and tokens[j][:1].islower() and not bodies.lookup(tokens[j]):
                j += 1
            name, marked = layout.split_mark(", ".join(tokens[i:j]))
            executors.append(Executor(name, marked))
            i = j
    return executors


def _split_lines(text: str, separators: str) -> list[str]:
    return [line.strip() for line in re.split(separators, text) if line.strip()]


class FundingParser:
    def __init__(self, programme: Programme):
        self.programme = programme
        self.sources = layout.source_index()
        self.units = UnitIndex()

    def parse_allocations(self, value, funding: dict, targets: list, add_error) -> dict:
        """The allocation column → {(source, year): [(unit, amount)]}, each line checked by the one
        rule (measures.allocation) against the file's amount and the measure's target units."""
        allocations: dict[tuple[str, int], list] = {}
        for line in _split_lines(layout.cell_text(value), r"\n+"):
            head, colon, rest = line.partition(":")
            match = layout.ALLOCATION_HEAD_RE.match(head.strip())
            source = match and self.sources.get(layout.normalise_key(match["source"].rstrip(".")))
            if not colon or not match:
                add_error(
                    "allocation",
                    _(
                        "“%(text)s”: write the funding source and year, a colon, then each unit "
                        "and its amount, e.g. “Республиканский бюджет, 2026: Ош шаары – 600,0; "
                        "Баткен облусу – 400,0”."
                    )
                    % {"text": line},
                )
                continue
            if source is None:
                add_error(
                    "allocation",
                    _("Unknown funding source “%(text)s”.") % {"text": match["source"]},
                )
                continue
            key = (source, int(match["year"]))
            label = f"{layout.source_label(source, translation.get_language())}, {key[1]}"
            if key not in funding:
                add_error(
                    "allocation",
                    _("%(line)s: the Amount column has no money of this source in this year.")
                    % {"line": label},
                )
                continue
            if key in allocations:
                add_error("allocation", _("%(line)s is allocated on two lines.") % {"line": label})
                continue
            pairs, errors = parse_allocation(rest, self.units, targets)
            if not errors:
                errors = check_allocations(
                    planned_amount=funding[key], allocations=pairs, target_units=targets
                )
            for error in errors:
                add_error("allocation", _("%(line)s: %(error)s") % {"line": label, "error": error})
            allocations[key] = pairs
        return allocations

    def parse(self, source_value, amount_value, default_year: int, add_error) -> dict:
        """{(source, year): amount}; errors through add_error(column, message)."""
        source_text = layout.cell_text(source_value)
        sources: list[str] = []
        for line in _split_lines(source_text, r"[\n;]+"):
            source = self.sources.get(layout.normalise_key(line.rstrip(".")))
            if source is None:
                add_error(
                    "source",
                    _("Unknown funding source “%(text)s”. Known sources: %(known)s.")
                    % {
                        "text": line,
                        "known": ", ".join(str(label) for _v, label in FundingSource.choices),
                    },
                )
                return {}
            sources.append(source)
        if isinstance(amount_value, int | float | Decimal) and not isinstance(amount_value, bool):
            amount_lines = [str(Decimal(str(amount_value)))]
        else:
            amount_lines = _split_lines(layout.cell_text(amount_value), r"\n+")
        if not sources:
            if amount_lines:
                add_error("amount", _("An amount is given without a funding source."))
            return {}
        if len(amount_lines) > len(sources) and len(sources) == 1:
            amount_lines = ["; ".join(amount_lines)]
        if amount_lines and len(amount_lines) != len(sources):
            add_error(
                "amount",
                _(
                    "%(amounts)s amount lines for %(sources)s funding sources: write one line of "
                    "amounts per source, in the same order."
                )
                % {"amounts": len(amount_lines), "sources": len(sources)},
            )
            return {}
        funding: dict[tuple[str, int], Decimal] = {}
        for index, source in enumerate(sources):
            line = amount_lines[index] if index < len(amount_lines) else ""
            entries = _split_lines(line, r";+")
            if len(entries) == 1 and layout.is_no_amount(entries[0], self.sources):
                entries = []
            if not entries:
                entries_parsed = [(default_year, Decimal("0.0"))]
            else:
                entries_parsed = []
                for entry in entries:
                    match = layout.YEAR_AMOUNT_RE.match(entry)
                    if match:
                        year, text = int(match.group("year")), match.group("amount")
                        if message := self.programme.check_year(year):
                            add_error("amount", message)
                            return {}
                    elif len(entries) == 1:
                        year, text = default_year, entry
                    else:
                        add_error(
                            "amount",
                            _(
                                "“%(text)s”: with several amounts, give each its year (2025 – 1 000,0)."
                            )
                            % {"text": entry},
                        )
                        return {}
                    try:
                        entries_parsed.append((year, layout.parse_amount(text)))
                    except layout.AmountError as error:
                        add_error("amount", str(error))
                        return {}
            for year, amount in entries_parsed:
                if (source, year) in funding:
                    add_error(
                        "amount",
                        _("The source “%(source)s” has two amounts for %(year)s.")
                        % {"source": layout.source_label(source, "en"), "year": year},
                    )
                    return {}
                funding[(source, year)] = amount
        return funding


# --- the plan ------------------------------------------------------------------------------


TEXT_FIELDS = (
    ("title", "title"),
    ("mechanism", "implementation_mechanism"),
    ("result", "expected_result"),
)


def _field_label(name: str) -> str:
    labels = {
        "number": _("number"),
        "title": _("measure"),
        "implementation_mechanism": _("implementation mechanism"),
        "expected_result": _("expected result"),
        "deadline": _("deadline"),
        "lead_body": _("lead body"),
        "executors": _("co-executors"),
        "funding": _("funding"),
        "allocation": _("allocation to territories"),
        "placement": _("direction / objective"),
        "restored": _("restored from the archive"),
        "heading": _("title"),
    }
    return str(labels[name])


def load_bodies() -> BodyIndex:
    return BodyIndex(
        ResponsibleBody.objects.only(
            "id",
            "is_active",
            *[f"{n}_{lang}" for n in ("name", "short_name") for lang in LANGUAGE_CODES],
        )
    )


# Measures of the file read per query: bounded memory and a query count that grows with the
# file by the batch, not by the row.
MEASURE_BATCH = 5000


def _file_numbers(data) -> Iterator[str]:
    for _row_number, cells in data:
        yield layout.cell_text(cells.get("number"))


def load_measures(programme: Programme, numbers) -> dict[str, Measure]:
    """The programme's measures (archived ones too) that the file names, by number, with what the
    comparison reads: their direction, objective, co-executors, funding and target units (five
    queries per batch of numbers; the rest of the plan is never loaded)."""
    wanted = sorted({number for number in numbers if number and NUMBER_RE.match(number)})
    measures: dict[str, Measure] = {}
    for start in range(0, len(wanted), MEASURE_BATCH):
        batch = wanted[start : start + MEASURE_BATCH]
        for measure in (
            Measure.objects.filter(programme=programme, number__in=batch)
            .select_related("direction", "objective")
            .prefetch_related(
                Prefetch(
                    "executors",
                    queryset=MeasureExecutor.objects.order_by("position", "id"),
                    to_attr="executor_list",
                ),
                Prefetch(
                    "funding_lines",
                    queryset=FundingLine.objects.prefetch_related("allocations"),
                    to_attr="funding_list",
                ),
                Prefetch("target_units", to_attr="target_list"),
            )
        ):
            measures[measure.number] = measure
    return measures


def build_plan(
    programme: Programme, fileobj=None, *, rows=None, bodies: BodyIndex | None = None
) -> ImportPlan:
    """The plan of a file (``fileobj``), or of its rows as ``read_rows`` returned them (``rows``,
    kept with an upload so that the workbook is parsed once, not on every preview)."""
    language, columns, data = rows if rows is not None else read_rows(fileobj)
    bodies = bodies or load_bodies()
    directions = {
        normalise_number(d.number): d for d in Direction.objects.filter(programme=programme)
    }
    objectives = {
        normalise_number(o.number): o
        for o in Objective.objects.filter(direction__programme=programme).select_related(
            "direction"
        )
    }
    measures = load_measures(programme, (normalise_number(n) for n in _file_numbers(data)))
    funding_parser = FundingParser(programme)
    letters = {key: _column_letter(index) for key, index in columns.items()}
    plan = ImportPlan(programme, language, [], {}, columns)

    seen_numbers: dict[str, RowPlan] = {}
    file_directions: dict[str, RowPlan] = {}
    file_objectives: dict[str, RowPlan] = {}

    for row_number, cells in data:
        row = RowPlan(row=row_number, kind="measure")

        def add_error(column, message, row=row):
            letter = letters.get(column, "") if column else ""
            row.errors.append(Issue(row.row, column, letter, str(message)))

        text = {key: layout.cell_text(cells.get(key)) for key in layout.COLUMN_LABELS}
        text["result"] = layout.split_result(text["result"])[0]
        number = normalise_number(text["number"])
        row.number, row.title = number, text["title"]
        # The export's "sample data" column: a row created from a marked row is created as sample
        # data; an existing record keeps its flag (an import never turns fact into demo or back).
        row.data["sample"] = bool(layout.cell_text(cells.get("sample")))
        filled_details = any(
            text[key]
            for key in ("mechanism", "deadline", "executors", "result", "source", "amount")
        )
        if not number:
            if filled_details:
                add_error("number", _("The number is missing."))
            else:
                row.kind, row.action = "note", "ignored"
            plan.rows.append(row)
            continue
        if not NUMBER_RE.match(number):
            add_error("number", _("“%(number)s” is not a number like 1.2.3.") % {"number": number})
            plan.rows.append(row)
            continue
        depth = layout.number_depth(number)
        if depth <= 2 and not filled_details:
            row.kind = "direction" if depth == 1 else "objective"
        if number in seen_numbers:
            first = seen_numbers[number]
            message = _("The number %(number)s appears twice: in rows %(first)s and %(row)s.") % {
                "number": number,
                "first": first.row,
                "row": row.row,
            }
            add_error("number", message)
            if not any(issue.column == "number" for issue in first.errors):
                first.errors.append(Issue(first.row, "number", letters["number"], message))
            plan.rows.append(row)
            continue
        seen_numbers[number] = row
        if not row.title:
            add_error("title", _("The title is missing."))

        if row.kind == "direction":
            file_directions[number] = row
            _plan_heading(row, directions.get(number), language)
        elif row.kind == "objective":
            file_objectives[number] = row
            parent = number.split(".")[0]
            if parent not in directions and parent not in file_directions:
                add_error(
                    "number",
                    _("The direction %(number)s is neither in the file nor in the programme.")
                    % {"number": parent},
                )
            _plan_heading(row, objectives.get(number), language)
            row.data["direction"] = parent
        else:
            _plan_measure(
                row,
                text,
                cells,
                columns,
                programme=programme,
                language=language,
                existing=measures.get(number),
                bodies=bodies,
                funding_parser=funding_parser,
                add_error=add_error,
                known_directions=set(directions) | set(file_directions),
                known_objectives=set(objectives) | set(file_objectives),
                plan=plan,
            )
        plan.rows.append(row)
    plan.directions, plan.objectives = directions, objectives  # type: ignore[attr-defined]
    return plan


def _plan_heading(row: RowPlan, existing, language: str) -> None:
    row.target = existing
    row.data["title"] = row.title
    if existing is None:
        row.action = "create"
        return
    if row.title not in (
        _resolved(existing, "title", language),
        getattr(existing, f"title_{language}"),
    ):
        row.changes.append(_field_label("heading"))
    if existing.archived_at is not None:
        row.changes.append(_field_label("restored"))
    row.action = "update" if row.changes else "unchanged"


def _plan_measure(
    row: RowPlan,
    text: dict,
    cells: dict,
    columns: dict,
    *,
    programme,
    language,
    existing,
    bodies,
    funding_parser,
    add_error,
    known_directions,
    known_objectives,
    plan,
) -> None:
    number = row.number
    direction_number, objective_number = heading_numbers(number)
    if direction_number not in known_directions:
        add_error(
            "number",
            _("The direction %(number)s is neither in the file nor in the programme.")
            % {"number": direction_number},
        )
    if objective_number and objective_number not in known_objectives:
        add_error(
            "number",
            _("The objective %(number)s is neither in the file nor in the programme.")
            % {"number": objective_number},
        )
    data = row.data
    data["direction"], data["objective"] = direction_number, objective_number
    for key, name in TEXT_FIELDS:
        if key in columns:
            data[name] = text[key]

    deadline_start = deadline_end = None
    if "deadline" in columns:
        data["deadline_text"] = text["deadline"]
        if text["deadline"]:
            try:
                parsed = parse_programme_deadline(text["deadline"], programme)
            except DeadlineParseError as error:  # unreadable, or outside the programme period
                add_error("deadline", str(error))
            else:
                deadline_start, deadline_end = parsed.start, parsed.end
                data.update(parsed.as_measure_fields())
                if existing is not None and parsed == (
                    existing.deadline_kind,
                    existing.deadline_start,
                    existing.deadline_end,
                ):
                    # The same deadline, perhaps written in another language: the text as
                    # written stays the record.
                    data["deadline_text"] = existing.deadline_text
        else:
            data.update(deadline_kind="once", deadline_start=None, deadline_end=None)
    elif existing is not None:
        deadline_start, deadline_end = existing.deadline_start, existing.deadline_end

    executors = parse_executors(text["executors"], bodies)
    if not executors:
        add_error("executors", _("No responsible executor: the lead body comes first."))
    seen_bodies: set[int] = set()
    for executor in executors:
        if getattr(executor, "ambiguous", None):
            add_error(
                "executors",
                _("“%(name)s” matches several bodies: %(bodies)s. Write the full name.")
                % {"name": executor.text, "bodies": "; ".join(str(b) for b in executor.ambiguous)},
            )
        elif executor.body is None:
            add_error(
                "executors",
                _("Unknown body “%(name)s”: no responsible body has this name or abbreviation.")
                % {"name": executor.text},
            )
            plan.unknown_bodies.setdefault(executor.text, []).append(row.row)
        elif executor.body.pk in seen_bodies:
            add_error(
                "executors",
                _("“%(name)s” is listed twice among the executors.") % {"name": executor.text},
            )
        else:
            seen_bodies.add(executor.body.pk)
    data["executors"] = executors

    if "source" in columns or "amount" in columns:
        year = default_funding_year(programme, deadline_start, deadline_end)
        data["funding"] = funding_parser.parse(
            cells.get("source"), cells.get("amount"), year, add_error
        )
        _plan_allocations(row, cells, columns, existing, funding_parser, add_error)

    row.target = existing
    if row.errors:
        return
    if existing is None:
        row.action = "create"
        return
    row.changes = _measure_changes(existing, data, language)
    row.action = "update" if row.changes else "unchanged"


def _allocations_of(funding_lines) -> dict:
    """{(source, year): {unit id: amount}} of the allocated lines, donors summed."""
    current: dict[tuple[str, int], dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for funding_line in funding_lines:
        for allocation in funding_line.allocations.all():
            key = (funding_line.source, funding_line.year)
            current[key][allocation.unit_id] += allocation.amount
    return {key: dict(units) for key, units in current.items()}


def _current_allocations(measure: Measure) -> dict:
    return _allocations_of(measure.funding_list)


def _file_allocations(allocations: dict) -> dict:
    return {
        key: {unit.pk: amount for unit, amount in pairs}
        for key, pairs in allocations.items()
        if pairs
    }


def _plan_allocations(row, cells, columns, existing, funding_parser, add_error) -> None:
    """With the allocation column, the file says each line's allocation (a line not written there
    is not allocated); without it, the portal's allocations stay, and a file that changes the
    amount of an allocated line is refused (the allocation would no longer add up)."""
    data = row.data
    funding = data.get("funding") or {}
    if row.errors or "funding" not in data:
        return
    targets = list(existing.target_list) if existing is not None else []
    current = _current_allocations(existing) if existing is not None else {}
    if "allocation" not in columns:
        for key in current:
            if funding_shape({key: funding.get(key, Decimal("0.0"))}) != funding_shape(
                {key: sum(current[key].values(), Decimal("0.0"))}
            ):
                add_error(
                    "amount",
                    _(
                        "%(source)s, %(year)s is allocated to the measure's territories; the file "
                        "changes its amount. Add the allocation column (export the plan to get "
                        "it) or change the allocation on the measure's page first."
                    )
                    % {
                        "source": layout.source_label(key[0], translation.get_language()),
                        "year": key[1],
                    },
                )
        return
    allocations = funding_parser.parse_allocations(
        cells.get("allocation"), funding, targets, add_error
    )
    if row.errors:
        return
    wanted = _file_allocations(allocations)
    if existing is not None and wanted != current:
        lines_per_key = defaultdict(int)
        for funding_line in existing.funding_list:
            lines_per_key[(funding_line.source, funding_line.year)] += 1
        for key in set(wanted) | set(current):
            if wanted.get(key) != current.get(key) and lines_per_key[key] > 1:
                add_error(
                    "allocation",
                    _(
                        "%(source)s, %(year)s has several lines (donors) on the portal: allocate "
                        "them on the measure's page."
                    )
                    % {
                        "source": layout.source_label(key[0], translation.get_language()),
                        "year": key[1],
                    },
                )
    data["allocations"] = wanted


def _measure_changes(measure: Measure, data: dict, language: str) -> list[str]:
    changes = []
    for _key, name in TEXT_FIELDS:
        if name in data and data[name] not in (
            _resolved(measure, name, language),
            getattr(measure, f"{name}_{language}") or "",
        ):
            changes.append(_field_label(name))
    if "deadline_text" in data and (
        data["deadline_text"] != measure.deadline_text
        or data.get("deadline_kind") != measure.deadline_kind
        or data.get("deadline_start") != measure.deadline_start
        or data.get("deadline_end") != measure.deadline_end
    ):
        changes.append(_field_label("deadline"))
    executors = data["executors"]
    if executors[0].body.pk != measure.lead_body_id:
        changes.append(_field_label("lead_body"))
    wanted = [(e.body.pk, e.marked) for e in executors[1:]]
    current = [(e.body_id, e.in_coordination) for e in measure.executor_list]
    if wanted != current:
        changes.append(_field_label("executors"))
    if "funding" in data and funding_shape(data["funding"]) != funding_shape(
        _current_funding(measure)
    ):
        changes.append(_field_label("funding"))
    if "allocations" in data and data["allocations"] != _current_allocations(measure):
        changes.append(_field_label("allocation"))
    objective_number = data["objective"]
    if (
        normalise_number(measure.direction.number) != data["direction"]
        if measure.direction_id
        else True
    ) or (
        (normalise_number(measure.objective.number) if measure.objective_id else None)
        != objective_number
    ):
        changes.append(_field_label("placement"))
    if measure.archived_at is not None:
        changes.append(_field_label("restored"))
    return changes


def funding_shape(funding: dict) -> dict:
    """{source: ((year, amount), …)} to compare funding by; a source with no money of its own is
    None whatever year its zero line is filed under (a bare "within the budget" goes to the
    deadline's first year, which need not be the year it was first filed under)."""
    by_source: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for (source, year), amount in funding.items():
        by_source[source][year] = amount
    return {
        source: tuple(sorted(years.items())) if any(years.values()) else None
        for source, years in by_source.items()
    }


def _current_funding(measure: Measure) -> dict:
    funding: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for line in measure.funding_list:
        funding[(line.source, line.year)] += line.planned_amount
    return dict(funding)


# --- applying ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowPlan] = field(default_factory=list)


class PlanHasErrors(Exception):
    pass


def create_missing_bodies(names, *, language: str) -> list[ResponsibleBody]:
    """Bodies for executor names that matched nothing; their kind is 'other' until edited."""
    index = load_bodies()
    created = []
    for name in names:
        name = name.strip()[:500]
        if not name or index.lookup(name):
            continue
        body = ResponsibleBody(kind=BodyKind.OTHER, **{f"name_{language}": name})
        if len(name) <= 20 and name.upper() == name:
            setattr(body, f"short_name_{language}", name)
        body.full_clean()
        body.save()
        index.add(body)
        created.append(body)
    return created


def _tracked(model) -> bool:
    """Whether django-simple-history records the model (bulk writes must then go through it)."""
    return hasattr(model, "history")


@dataclass
class _Author:
    """Who imports and why, for the change history of every row the import writes."""

    user: object
    reason: str

    def mark(self, obj):
        obj._history_user = self.user
        obj._change_reason = self.reason
        return obj


def _bulk_create(model, objects: list, author: _Author) -> None:
    if not objects:
        return
    if _tracked(model):
        from simple_history.utils import bulk_create_with_history

        bulk_create_with_history(
            objects, model, default_user=author.user, default_change_reason=author.reason
        )
    else:
        model.objects.bulk_create(objects)


def _delete(queryset, author: _Author) -> None:
    if _tracked(queryset.model):
        for obj in queryset:
            author.mark(obj).delete()  # one history record each
    else:
        queryset.delete()


def apply_plan(
    plan: ImportPlan, *, user=None, source: str = "", skip_failed_rows: bool = False
) -> ImportResult:
    """Write the plan in one transaction; refuse while errors remain unless skipping them.

    Measures are written through measures.services.measure_save: each changed one goes up a
    version, so an editor who opened it before the import gets a conflict instead of overwriting
    it, and the history says ``user`` imported it (from the file named ``source``). A measure saved
    by someone else after the plan was built raises EditConflict; nothing is written then."""
    if plan.has_errors and not skip_failed_rows:
        raise PlanHasErrors(_("The file has errors; nothing was imported."))
    result = ImportResult()
    programme = plan.programme
    lang = plan.language
    user = user if user is not None and user.is_authenticated else None
    reason = _("imported from %(file)s") % {"file": source} if source else _("imported")
    author = _Author(user, reason[:100])  # the history's reason column holds 100 characters
    pending: list[tuple[RowPlan, Measure]] = []  # changed stored measures, written together
    with transaction.atomic():
        directions = dict(plan.directions)  # type: ignore[attr-defined]
        objectives = dict(plan.objectives)  # type: ignore[attr-defined]
        position = {"direction": 0, "objective": 0}
        for row in plan.rows:
            if row.failed:
                result.skipped.append(row)
                continue
            if row.kind == "note":
                continue
            if row.kind == "direction":
                position["direction"] += 1
                directions[row.number] = _apply_heading(
                    row,
                    Direction(
                        programme=programme, number=row.number, position=position["direction"]
                    ),
                    lang,
                    author,
                )
            elif row.kind == "objective":
                position["objective"] += 1
                direction = directions.get(row.data["direction"])
                if direction is None:  # its direction row failed
                    result.skipped.append(row)
                    continue
                objectives[row.number] = _apply_heading(
                    row,
                    Objective(
                        direction=direction, number=row.number, position=position["objective"]
                    ),
                    lang,
                    author,
                )
            else:
                direction = directions.get(row.data["direction"])
                objective = objectives.get(row.data["objective"]) if row.data["objective"] else None
                if direction is None or (row.data["objective"] and objective is None):
                    result.skipped.append(row)
                    continue
                _apply_measure(row, programme, direction, objective, lang, author, pending)
            if row.action == "create":
                result.created += 1
            elif row.action == "update":
                result.updated += 1
            else:
                result.unchanged += 1
        # The changed stored measures in bulk (measures_save_changed: the rule of measure_save,
        # its queries by the batch), then their rows, then the allocation rule for all of them.
        services.measures_save_changed(
            [measure for _row, measure in pending], user=author.user, reason=author.reason
        )
        for row, measure in pending:
            _apply_rows(row, measure, author)
        services.allocations_check_many([measure for _row, measure in pending])
    return result


def _apply_heading(row: RowPlan, new, lang: str, author: _Author):
    obj = row.target
    if row.action == "unchanged":
        return obj
    if obj is None:
        obj = new
        obj.sample = row.data.get("sample", False)
    setattr(obj, f"title_{lang}", row.title[:1000])
    obj.archived_at = None
    obj.full_clean(validate_unique=False, validate_constraints=False)
    author.mark(obj).save()
    return obj


def _apply_measure(row, programme, direction, objective, lang, author: _Author, pending) -> None:
    """A new measure is written now (through measure_save, which gives it its id); a changed
    stored one is set up and left in ``pending`` for apply_plan's bulk write."""
    if row.action == "unchanged":
        return
    data = row.data
    measure = row.target or Measure(
        programme=programme, number=row.number, sample=data.get("sample", False)
    )
    measure.programme = programme
    measure.direction = direction
    measure.objective = objective
    for _key, name in TEXT_FIELDS:
        if name in data and (
            measure.pk is None
            or data[name]
            not in (_resolved(measure, name, lang), getattr(measure, f"{name}_{lang}"))
        ):
            setattr(measure, f"{name}_{lang}", data[name])
    if "deadline_text" in data:
        measure.deadline_text = data["deadline_text"][:255]
        measure.deadline_kind = data.get("deadline_kind", "once")
        measure.deadline_start = data.get("deadline_start")
        measure.deadline_end = data.get("deadline_end")
    measure.lead_body = data["executors"][0].body
    measure.archived_at = None
    if measure.pk is not None:
        pending.append((row, measure))
        return
    measure_save(measure, user=author.user, reason=author.reason)
    _apply_rows(row, measure, author)
    # The one rule, asked once more inside the transaction: a refusal undoes the whole import.
    services.allocations_check(measure)


def _apply_rows(row, measure: Measure, author: _Author) -> None:
    """The measure's co-executors, funding lines and allocations as the row has them; only what
    differs is written (the stored rows were read with the measure: load_measures)."""
    data = row.data
    executors = data["executors"]
    wanted = [(e.body.pk, e.marked) for e in executors[1:]]
    current = [(e.body_id, e.in_coordination) for e in getattr(measure, "executor_list", [])]
    if wanted != current:
        _delete(MeasureExecutor.objects.filter(measure=measure), author)
        _bulk_create(
            MeasureExecutor,
            [
                MeasureExecutor(
                    measure=measure, body_id=body_id, in_coordination=marked, position=i
                )
                for i, (body_id, marked) in enumerate(wanted, start=1)
            ],
            author,
        )
    funding_written = "funding" in data and _apply_funding(measure, data["funding"], author)
    if "allocations" in data:
        kept = getattr(measure, "funding_list", None) if not funding_written else None
        _apply_allocations(measure, data["allocations"], author, kept)


def _apply_allocations(measure: Measure, allocations: dict, author: _Author, lines=None) -> None:
    """Write the file's allocation of each (source, year) whose allocation changed; such a key has
    one line by now (several donor lines of a changed key are refused when the plan is built).
    ``lines``: the measure's funding lines with their allocations, when read already and unchanged
    since."""
    funding_lines = (
        list(lines)
        if lines is not None
        else list(FundingLine.objects.filter(measure=measure).prefetch_related("allocations"))
    )
    current = _allocations_of(funding_lines)
    for funding_line in funding_lines:
        key = (funding_line.source, funding_line.year)
        wanted = allocations.get(key, {})
        if wanted != current.get(key, {}):
            services.allocations_write(
                funding_line, list(wanted.items()), user=author.user, reason=author.reason
            )


def _apply_funding(measure: Measure, funding: dict, author: _Author) -> bool:
    """Write the file's funding of the measure where it differs; whether anything was written."""
    lines = getattr(measure, "funding_list", []) if measure.pk else []
    if lines and funding_shape(_current_funding(measure)) == funding_shape(funding):
        return False
    by_key: dict[tuple[str, int], list[FundingLine]] = defaultdict(list)
    for line in lines:
        by_key[(line.source, line.year)].append(line)
    create = []
    for key, amount in funding.items():
        existing = by_key.pop(key, [])
        plain = [line for line in existing if line.donor_id is None]
        if len(existing) == 1 and existing[0].planned_amount == amount:
            continue
        keep = plain[0] if plain else None
        for line in existing:
            if line is not keep:
                _drop_line(line, author)
        if keep is not None:
            keep.planned_amount = amount
            author.mark(keep).save(update_fields=["planned_amount"])
        else:
            create.append(
                FundingLine(measure=measure, source=key[0], year=key[1], planned_amount=amount)
            )
    for leftover in by_key.values():
        for line in leftover:
            _drop_line(line, author)
    _bulk_create(FundingLine, create, author)
    return True


def _drop_line(line: FundingLine, author: _Author) -> None:
    # Money already reported as spent stays on record; only its plan goes to zero. A line that is
    # no longer planned is not allocated either.
    for allocation in line.allocations.all():
        author.mark(allocation).delete()
    author.mark(line)
    if line.actual_amount is not None:
        line.planned_amount = Decimal("0.0")
        line.save(update_fields=["planned_amount"])
    else:
        line.delete()
