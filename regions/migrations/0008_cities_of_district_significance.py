"""The cities of district significance (review of 28.11.2026, §4 and D6), added to
regions/data/kg_admin_units.csv and loaded from it by 0002's loader, so the file stays the one path
for reference units: a fresh install gets them in 0002, an existing one here.

Their codes are the pre-reform SOATE codes (AAA 6xx; the post-reform edition is in no source the
project holds). Kant and Kara-Balta became cities of oblast significance in 2024, but their new codes
are unknown: they keep their pre-reform code, level and district, and an internal note says so.
Shamaldy-Sai (Nooken district since 2024) has no known code and is not added.

Razzakov is the former Isfana: the law renaming it was adopted by the Jogorku Kenesh on 16.03.2022
(24.kg/english/228050; kaktus.media 456360). Its number and the date it was signed are not in the
sources, so the former name carries no end date and the legal basis names no number.
"""

from importlib import import_module

from django.db import migrations

RAZZAKOV_SOATE = "41705236610010"
ISFANA = {
    "name": "Исфана ш.",
    "name_ky": "Исфана ш.",
    "name_ru": "г. Исфана",
    "name_en": "Isfana city",
    "legal_basis": "Исфана шаарын кайра атоо жөнүндө Кыргыз Республикасынын Мыйзамы "
    "(Жогорку Кеңеш 2022-жылдын 16-мартында кабыл алган)",
    "legal_basis_ky": "Исфана шаарын кайра атоо жөнүндө Кыргыз Республикасынын Мыйзамы "
    "(Жогорку Кеңеш 2022-жылдын 16-мартында кабыл алган)",
    "legal_basis_ru": "Закон Кыргызской Республики о переименовании города Исфана "
    "(принят Жогорку Кенешем 16 марта 2022 года)",
    "legal_basis_en": "Law of the Kyrgyz Republic on renaming the town of Isfana "
    "(adopted by the Jogorku Kenesh on 16 March 2022)",
}


def load(apps, schema_editor):
    import_module("regions.migrations.0002_admin_units").load_units(
        apps, schema_editor, only_new=True
    )
    Unit = apps.get_model("regions", "AdministrativeUnit")
    NameHistory = apps.get_model("regions", "UnitNameHistory")
    NameHistory.objects.update_or_create(
        unit=Unit.objects.get(soate=RAZZAKOV_SOATE),
        change="rename",
        name_ru=ISFANA["name_ru"],
        defaults=ISFANA,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0007_sane_date_years"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
