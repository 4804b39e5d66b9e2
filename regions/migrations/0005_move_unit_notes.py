"""The notes the units had so far were the reference file's developer notes, in English, shown on
every public page ("admin centre: Naryn", "COD-AB EN 'Ak-Bashy' is a typo"). They become internal
notes. The Bishkek districts' "Kyrgyz form uncertain" notes go: the review of 28.11.2026 confirmed
the forms (mediaportal.kg), and "Биринчи май району" is written with a small "май" there.

Public notes start empty: the administrative centres they would repeat are shown from their own
translated field, and a reader's note is written, not copied from a developer's.
"""

from django.db import migrations

# Notes that said nothing but a doubt the review has settled.
SETTLED_NOTES = {"Bishkek city district; Kyrgyz form uncertain"}
PERVOMAISKY_SOATE = "41711203000000"
PERVOMAISKY_OLD, PERVOMAISKY_NEW = "Биринчи Май району", "Биринчи май району"


def internal_note_from(*notes: str | None) -> str:
    """One internal note from the old columns (untranslated, ky, ru, en): each text once."""
    texts: list[str] = []
    for note in notes:
        note = (note or "").strip()
        if note and note not in texts:
            texts.append(note)
    text = "\n".join(texts)
    return "" if text in SETTLED_NOTES else text


def move_notes(apps, schema_editor):
    Unit = apps.get_model("regions", "AdministrativeUnit")
    for unit in Unit.objects.all().only("pk", "note", "note_ky", "note_ru", "note_en"):
        note = internal_note_from(unit.note, unit.note_ky, unit.note_ru, unit.note_en)
        Unit.objects.filter(pk=unit.pk).update(internal_note=note)
    for field in ("name", "name_ky"):
        Unit.objects.filter(soate=PERVOMAISKY_SOATE, **{field: PERVOMAISKY_OLD}).update(
            **{field: PERVOMAISKY_NEW}
        )


def restore_notes(apps, schema_editor):
    Unit = apps.get_model("regions", "AdministrativeUnit")
    for unit in Unit.objects.exclude(internal_note="").only("pk", "internal_note"):
        Unit.objects.filter(pk=unit.pk).update(note_en=unit.internal_note)


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0004_unit_public_and_internal_notes"),
    ]

    operations = [
        migrations.RunPython(move_notes, restore_notes),
    ]
