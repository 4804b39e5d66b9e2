"""Writes to the territory: importing administrative units from the classifier."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from regions.models import AdministrativeUnit
from regions.unit_rows import RowError, UnitRow, centre_names, check_rows


@dataclass
class ImportReport:
    """What an import did, or would do (dry run), or why it did nothing."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        if self.errors:
            head = _("%(count)d error(s); nothing was loaded.") % {"count": len(self.errors)}
            return [head] + [
                _("row %(row)d, column %(column)s: %(message)s")
                % {"row": e.row, "column": e.column, "message": e.message}
                for e in self.errors
            ]
        summary = _(
            "%(rows)d row(s): %(created)d created, %(updated)d updated, %(unchanged)d unchanged."
        ) % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            summary += " " + _("Dry run: nothing was saved.")
        return [summary]


def _apply_row(
    row: UnitRow,
    unit: AdministrativeUnit | None,
    parent: AdministrativeUnit | None,
    centres: Mapping[str, tuple[str, str]],
) -> tuple[AdministrativeUnit, bool]:
    """Set a unit's fields from a row; returns (unit, changed)."""
    values: dict[str, object] = {
        "level": row.level,
        "iso_3166_2": row.iso_3166_2,
        "name_ky": row.name_ky,
        "name_ru": row.name_ru,
        "name_en": row.name_en,
        "parent": parent,
        **row.notes,
    }
    if row.administrative_centre_en:
        ky, ru = centres.get(row.administrative_centre_en, ("", ""))
        values.update(
            administrative_centre_ky=ky or row.administrative_centre_en,
            administrative_centre_ru=ru or None,
            administrative_centre_en=row.administrative_centre_en,
        )
    if unit is None:
        unit = AdministrativeUnit(soate=row.soate)
        changed = True
    else:
        changed = any(not _same(unit, name, value) for name, value in values.items())
    for name, value in values.items():
        setattr(unit, name, value)
    return unit, changed


def _same(unit: AdministrativeUnit, name: str, value: object) -> bool:
    """Whether the unit already holds ``value``; an empty text and a NULL are the same."""
    if name == "parent":
        return unit.parent_id == (value.pk if value is not None else None)
    current = unit.__dict__.get(name)
    if isinstance(value, str) or value is None:
        return (current or "") == (value or "")
    return current == value


def units_import(*, rows: Iterable[Mapping[str, object]], dry_run: bool = False) -> ImportReport:
    """Create or update administrative units by classifier code, all or nothing.

    Every row is checked first; if any row has a problem the report lists each one (row, column,
    message) and the database is not touched. Rows may refer to parents in the database or in an
    earlier row of the same file.
    """
    rows = list(rows)
    codes_in_file = set()
    for row in rows:
        for column in ("soate", "parent_soate"):
            value = row.get(column)
            if value:
                codes_in_file.add("".join(ch for ch in str(value) if ch.isdigit()))
    existing = dict(
        AdministrativeUnit.objects.filter(soate__in=codes_in_file).values_list("soate", "pk")
    )
    checked = check_rows(rows, existing_codes=existing)
    report = ImportReport(rows=len(rows), errors=checked.errors, dry_run=dry_run)
    if checked.errors:
        return report

    centres = centre_names(checked.rows, known=_known_centre_names())
    # Set only the per-language columns; saving in the default language makes modeltranslation
    # copy Kyrgyz into the untranslated column, whatever language the caller speaks.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE), transaction.atomic():
        units = {u.soate: u for u in AdministrativeUnit.objects.filter(soate__in=codes_in_file)}
        for row in checked.rows:
            parent = units.get(row.parent_soate) if row.parent_soate else None
            unit, changed = _apply_row(row, units.get(row.soate), parent, centres)
            if not changed:
                report.unchanged += 1
                continue
            if unit.pk is None:
                report.created += 1
            else:
                report.updated += 1
            # save() computes the tree path from the parent and moves the descendants with it.
            unit.tree_path, unit.depth = unit.compute_tree_path()
            unit.full_clean()
            unit.save()
            units[unit.soate] = unit
        if dry_run:
            transaction.set_rollback(True)
    return report


def _known_centre_names() -> dict[str, tuple[str, str]]:
    """Cities already in the database, by English short name, for naming administrative centres."""
    cities = AdministrativeUnit.objects.filter(level__startswith="city")
    return centre_names(
        UnitRow(
            row=0,
            soate=unit.soate,
            level=unit.level,
            parent_soate="",
            name_ky=unit.name_ky or "",
            name_ru=unit.name_ru or "",
            name_en=unit.name_en or "",
        )
        for unit in cities
    )
