"""Reference data every install needs: the administrative units of regions/data/kg_admin_units.csv
(oblasts, cities of republican and oblast significance, districts, Bishkek's city districts) and the
former name of Aitmatov district.

Historical models do not run AdministrativeUnit.save(), so the tree path, depth and the untranslated
``name`` column are computed here. Re-running is harmless: rows are matched by classifier code.
"""

from datetime import date
from pathlib import Path

from django.db import migrations

from regions.unit_rows import centre_names, check_rows, read_csv, tree_path_for

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "kg_admin_units.csv"
AITMATOV_SOATE = "41707215000000"


def load_units(apps, schema_editor, only_new: bool = False):
    """Load the file's units; ``only_new`` (later migrations that add rows to the file) creates
    the units not in the database yet and leaves the others, and their staff-edited notes, alone."""
    Unit = apps.get_model("regions", "AdministrativeUnit")
    NameHistory = apps.get_model("regions", "UnitNameHistory")

    existing = {u.soate: u for u in Unit.objects.all()}
    checked = check_rows(read_csv(CSV_PATH), existing_codes=existing)
    if checked.errors:
        raise ValueError("; ".join(str(e) for e in checked.errors))
    centres = centre_names(checked.rows)
    has_old_note = any(field.name == "note_en" for field in Unit._meta.get_fields())

    units = dict(existing)
    for row in checked.rows:
        if only_new and row.soate in existing:
            continue
        parent = units[row.parent_soate] if row.parent_soate else None
        tree_path, depth = tree_path_for(parent.tree_path if parent else "", row.soate)
        values = {
            "level": row.level,
            "iso_3166_2": row.iso_3166_2,
            "parent": parent,
            "name": row.name_ky,
            "name_ky": row.name_ky,
            "name_ru": row.name_ru,
            "name_en": row.name_en,
            "tree_path": tree_path,
            "depth": depth,
        }
        if has_old_note:
            values.update(note="", note_en=row.note)
        else:
            # Re-run against today's models (tests do): the file's notes are internal (0005).
            values["internal_note"] = row.note
        if row.administrative_centre_en:
            ky, ru = centres.get(row.administrative_centre_en, ("", ""))
            values.update(
                administrative_centre=ky or row.administrative_centre_en,
                administrative_centre_ky=ky or None,
                administrative_centre_ru=ru or None,
                administrative_centre_en=row.administrative_centre_en,
            )
        unit, _created = Unit.objects.update_or_create(soate=row.soate, defaults=values)
        units[row.soate] = unit

    if only_new:
        return
    NameHistory.objects.update_or_create(
        unit=units[AITMATOV_SOATE],
        change="rename",
        valid_to=date(2023, 4, 9),
        defaults={
            "name": "Кара-Буура району",
            "name_ky": "Кара-Буура району",
            "name_ru": "Кара-Бууринский район",
            "name_en": "Kara-Buura District",
            "legal_basis": "Кыргыз Республикасынын 2023-жылдын 10-апрелиндеги № 82 Мыйзамы",
            "legal_basis_ky": "Кыргыз Республикасынын 2023-жылдын 10-апрелиндеги № 82 Мыйзамы",
            "legal_basis_ru": "Закон Кыргызской Республики от 10 апреля 2023 года № 82",
            "legal_basis_en": "Law of the Kyrgyz Republic No. 82 of 10 April 2023",
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_units, migrations.RunPython.noop),
    ]
