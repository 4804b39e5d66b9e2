"""Reading and checking rows of the administrative-unit classifier (the columns of
``regions/data/kg_admin_units.csv``).

Pure functions without database access: the import service checks rows against the database, the
reference-data migration against its historical models, and both use the same rules.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regions.models import SOATE_RE, UnitLevel, normalize_kyrgyz, normalize_soate

COLUMNS = (
    "soate",
    "iso_3166_2",
    "level",
    "parent_soate",
    "name_ky",
    "name_ru",
    "name_en",
    "note",
    "public_note_ky",
    "public_note_ru",
    "public_note_en",
)
REQUIRED_COLUMNS = ("soate", "level", "parent_soate", "name_ky", "name_ru", "name_en")
NAME_COLUMNS = ("name_ky", "name_ru", "name_en")
# Optional note columns and the unit fields they fill. `note` is the file's own remark on the data
# (a typo in a source, sources that disagree): it stays internal. Staff may write notes in the
# admin too, so a file without one of these columns leaves that note as it is.
NOTE_COLUMNS = {
    "note": "internal_note",
    "public_note_ky": "public_note_ky",
    "public_note_ru": "public_note_ru",
    "public_note_en": "public_note_en",
}

# Spellings found in source files for levels the model names differently.
LEVEL_ALIASES = {
    "city_raion": UnitLevel.CITY_DISTRICT_AREA.value,
    "city_district_area": UnitLevel.CITY_DISTRICT_AREA.value,
    "aiyl_aimak": UnitLevel.AYIL_AIMAK.value,
}
KNOWN_LEVELS = {choice.value for choice in UnitLevel}
# Levels at the top of the tree; every other level sits under a parent.
ROOT_LEVELS = {UnitLevel.OBLAST.value, UnitLevel.CITY_REPUBLICAN.value}

ADMIN_CENTRE_RE = re.compile(r"admin(?:istrative)? centre:\s*(?P<centre>[^;]+)", re.IGNORECASE)
# "sources disagree (Bishkek or Tokmok)" is a note for people, not a centre.
UNCERTAIN_CENTRE_RE = re.compile(r"disagree|uncertain|\bor\b|\?", re.IGNORECASE)

FIRST_DATA_ROW = 2  # row 1 of a spreadsheet is the header


@dataclass(frozen=True)
class RowError:
    """One problem in one cell; ``row`` counts like a spreadsheet (the header is row 1).

    The message stays lazy until it is shown, so it comes out in the language of the reader.
    """

    row: int
    column: str
    template: Promise | str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return str(self.template) % self.params if self.params else str(self.template)

    def __str__(self) -> str:
        return f"{self.row}: {self.column}: {self.message}"


@dataclass
class UnitRow:
    """A checked row, ready to be written."""

    row: int
    soate: str
    level: str
    parent_soate: str
    name_ky: str
    name_ru: str
    name_en: str
    iso_3166_2: str = ""
    note: str = ""
    administrative_centre_en: str = ""
    # Unit field → text, for the note columns the file has (see NOTE_COLUMNS).
    notes: dict[str, str] = field(default_factory=dict)


@dataclass
class CheckedRows:
    rows: list[UnitRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


# The whole territory, ayil aimaks and villages included, is a few thousand rows: a file far
# beyond these bounds is a mistake or an attack, and is refused before it fills the memory.
MAX_CSV_BYTES = 10 * 1024 * 1024
MAX_CSV_ROWS = 50_000


class CsvRefused(ValueError):
    """The file is over a bound or not CSV at all; ``str()`` says which."""


def read_csv(source: str | Path | io.TextIOBase | bytes) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV as dicts; a byte-order mark (Excel writes one) is tolerated."""
    if isinstance(source, str | Path):
        if Path(source).stat().st_size > MAX_CSV_BYTES:
            raise CsvRefused(_too_large())
        source = Path(source).read_bytes()
    if isinstance(source, bytes):
        text = source.decode("utf-8-sig")
    else:
        text = source.read(MAX_CSV_BYTES + 1)
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        text = text.removeprefix("\ufeff")
    if len(text) > MAX_CSV_BYTES:
        raise CsvRefused(_too_large())
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    try:
        if reader.fieldnames:
            reader.fieldnames = [name.strip().removeprefix("\ufeff") for name in reader.fieldnames]
        for row in reader:
            rows.append(dict(row))
            if len(rows) > MAX_CSV_ROWS:
                raise CsvRefused(
                    _("The file has more than %(max)s rows; split it.") % {"max": MAX_CSV_ROWS}
                )
    except csv.Error as error:  # a field over csv's own limit, a stray NUL…
        raise CsvRefused(
            _("Line %(line)s is not valid CSV: %(error)s")
            % {"line": reader.line_num + 1, "error": error}
        ) from None
    return rows


def _too_large() -> str:
    return _("The file is larger than %(size)s MB.") % {"size": MAX_CSV_BYTES // (1024 * 1024)}


def normalize_level(value: str) -> str:
    level = (value or "").strip().lower()
    return LEVEL_ALIASES.get(level, level)


def admin_centre_from_note(note: str) -> str:
    """'admin centre: Karakol' → 'Karakol'; empty where the note says the sources disagree."""
    match = ADMIN_CENTRE_RE.search(note or "")
    if not match:
        return ""
    centre = match.group("centre").strip()
    return "" if UNCERTAIN_CENTRE_RE.search(centre) else centre


def tree_path_for(parent_path: str, soate: str) -> tuple[str, int]:
    """Materialised path and depth of a unit below a parent with ``parent_path`` ('' for a root)."""
    path = f"{parent_path}{soate}/"
    return path, path.count("/") - 1


def _cell(row: Mapping[str, object], column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def check_rows(
    rows: Iterable[Mapping[str, object]], *, existing_codes: Iterable[str]
) -> CheckedRows:
    """Check every row and collect every problem; nothing is written here.

    ``existing_codes`` are the SOATE codes already in the database: a parent must be one of them or
    appear earlier in the same file.
    """
    result = CheckedRows()
    existing = set(existing_codes)
    seen: dict[str, int] = {}
    rows = list(rows)
    if rows:
        missing = [column for column in REQUIRED_COLUMNS if column not in rows[0]]
        for column in missing:
            result.errors.append(RowError(1, column, _("The column is missing.")))
        if missing:
            return result

    for index, raw in enumerate(rows):
        number = index + FIRST_DATA_ROW
        errors: list[RowError] = []

        raw_code = _cell(raw, "soate")
        soate = normalize_soate(raw_code)
        if not raw_code:
            errors.append(RowError(number, "soate", _("The classifier code is empty.")))
        elif not SOATE_RE.match(soate):
            errors.append(
                RowError(
                    number,
                    "soate",
                    _(
                        "“%(value)s” is not a classifier code: it needs 14 digits "
                        "starting with 417."
                    ),
                    {"value": raw_code},
                )
            )
        elif soate in seen:
            errors.append(
                RowError(
                    number,
                    "soate",
                    _("The code %(code)s is already used in row %(row)s of this file."),
                    {"code": soate, "row": seen[soate]},
                )
            )

        level = normalize_level(_cell(raw, "level"))
        if level not in KNOWN_LEVELS:
            errors.append(
                RowError(
                    number,
                    "level",
                    _("Unknown level “%(value)s”; expected one of: %(levels)s."),
                    {"value": _cell(raw, "level"), "levels": ", ".join(sorted(KNOWN_LEVELS))},
                )
            )

        raw_parent = _cell(raw, "parent_soate")
        parent = normalize_soate(raw_parent)
        if raw_parent:
            if not SOATE_RE.match(parent):
                errors.append(
                    RowError(
                        number,
                        "parent_soate",
                        _("“%(value)s” is not a classifier code of a parent unit."),
                        {"value": raw_parent},
                    )
                )
            elif parent == soate:
                errors.append(
                    RowError(number, "parent_soate", _("A unit cannot be its own parent."))
                )
            elif parent not in existing and parent not in seen:
                errors.append(
                    RowError(
                        number,
                        "parent_soate",
                        _(
                            "The parent unit %(code)s is neither in the database nor in an "
                            "earlier row of this file."
                        ),
                        {"code": parent},
                    )
                )
            elif level in ROOT_LEVELS:
                errors.append(
                    RowError(
                        number,
                        "parent_soate",
                        _("An oblast or a city of republican significance has no parent."),
                    )
                )
        elif level in KNOWN_LEVELS and level not in ROOT_LEVELS:
            errors.append(RowError(number, "parent_soate", _("This level needs a parent unit.")))

        names = {column: normalize_kyrgyz(_cell(raw, column)) for column in NAME_COLUMNS}
        for column, value in names.items():
            if not value:
                errors.append(RowError(number, column, _("The name is empty.")))
            elif len(value) > 255:
                errors.append(
                    RowError(number, column, _("The name is longer than 255 characters."))
                )

        iso = _cell(raw, "iso_3166_2")
        if len(iso) > 8:
            errors.append(
                RowError(number, "iso_3166_2", _("An ISO 3166-2 code has at most 8 characters."))
            )

        if SOATE_RE.match(soate) and soate not in seen:
            seen[soate] = number
        if errors:
            result.errors.extend(errors)
            continue
        note = _cell(raw, "note")
        notes = {
            unit_field: normalize_kyrgyz(_cell(raw, column))
            for column, unit_field in NOTE_COLUMNS.items()
            if column in raw
        }
        result.rows.append(
            UnitRow(
                row=number,
                soate=soate,
                level=level,
                parent_soate=parent,
                iso_3166_2=iso,
                note=note,
                administrative_centre_en=admin_centre_from_note(note),
                notes=notes,
                **names,
            )
        )
    return result


def centre_names(rows: Iterable[UnitRow], known: Mapping[str, tuple[str, str]] | None = None):
    """Kyrgyz and Russian names of the cities the notes give as centres, keyed by English name.

    A centre is named in English in the notes ('admin centre: Karakol'); the same file lists the
    city ('Каракол ш.', 'г. Каракол', 'Karakol city'), which gives its names in the other languages.
    """
    names: dict[str, tuple[str, str]] = dict(known or {})
    for row in rows:
        if not row.level.startswith("city"):
            continue
        short_en = re.sub(r"\s+city$", "", row.name_en, flags=re.IGNORECASE).strip()
        short_ky = re.sub(r"\s+(ш\.|шаары)$", "", row.name_ky).strip()
        short_ru = re.sub(r"^(г\.|город)\s+", "", row.name_ru).strip()
        names.setdefault(short_en, (short_ky, short_ru))
    return names
