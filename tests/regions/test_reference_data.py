"""The classifier units, their history, the territory types and the indicator definitions arrive
with `migrate`, in every install."""

import csv
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from programs.roles import ROLE_PERMISSIONS
from regions.models import (
    AdministrativeUnit,
    SocioEconomicIndicator,
    TerritoryType,
    UnitLevel,
    UnitNameHistory,
)

CSV_PATH = Path(__file__).resolve().parents[2] / "regions" / "data" / "kg_admin_units.csv"

pytestmark = pytest.mark.django_db


def test_levels_are_counted_as_in_the_classifier():
    units = AdministrativeUnit.objects
    assert units.count() == 82
    assert units.filter(level=UnitLevel.OBLAST).count() == 7
    assert units.filter(level=UnitLevel.CITY_REPUBLICAN).count() == 2
    assert units.filter(level=UnitLevel.DISTRICT).count() == 40
    assert units.filter(level=UnitLevel.CITY_DISTRICT_AREA).count() == 4


def test_every_unit_below_the_top_has_a_parent_and_a_consistent_tree_path():
    for unit in AdministrativeUnit.objects.select_related("parent"):
        if unit.level in (UnitLevel.OBLAST, UnitLevel.CITY_REPUBLICAN):
            assert unit.parent is None
            assert unit.tree_path == f"{unit.soate}/"
            assert unit.depth == 0
        else:
            assert unit.parent is not None, unit.soate
            assert unit.tree_path == f"{unit.parent.tree_path}{unit.soate}/"
            assert unit.depth == unit.parent.depth + 1


def test_names_in_three_languages_and_the_untranslated_column_is_kyrgyz():
    rows = {row["soate"]: row for row in csv.DictReader(CSV_PATH.open(encoding="utf-8-sig"))}
    for unit in AdministrativeUnit.objects.all():
        row = rows[unit.soate]
        assert (unit.name_ky, unit.name_ru, unit.name_en) == (
            row["name_ky"],
            row["name_ru"],
            row["name_en"],
        )
        assert unit.__dict__["name"] == unit.name_ky


def test_subtree_of_an_oblast_is_its_districts_and_cities():
    naryn = AdministrativeUnit.objects.get(soate="41704000000000")
    below = AdministrativeUnit.objects.subtree(naryn).exclude(pk=naryn.pk)
    assert set(below.values_list("name_en", flat=True)) == {
        "Ak-Talaa District",
        "At-Bashy District",
        "Jumgal District",
        "Kochkor District",
        "Naryn District",
        "Naryn city",
    }
    kok_jangak = AdministrativeUnit.objects.get(soate="41703220400010")
    assert kok_jangak.depth == 2
    assert kok_jangak.parent.name_en == "Suzak District"


def test_administrative_centre_from_the_note_but_not_where_sources_disagree():
    issyk_kul = AdministrativeUnit.objects.get(soate="41702000000000")
    assert (
        issyk_kul.administrative_centre_ky,
        issyk_kul.administrative_centre_ru,
        issyk_kul.administrative_centre_en,
    ) == ("Каракол", "Каракол", "Karakol")
    chui = AdministrativeUnit.objects.get(soate="41708000000000")
    assert not chui.administrative_centre_en
    assert "sources disagree" in chui.internal_note  # for staff, not for the public page


def test_aitmatov_district_keeps_its_former_name():
    aitmatov = AdministrativeUnit.objects.get(name_en="Aitmatov District")
    assert aitmatov.parent.name_en == "Talas Region"
    former = UnitNameHistory.objects.get(unit=aitmatov)
    assert (former.name_ky, former.name_ru, former.name_en) == (
        "Кара-Буура району",
        "Кара-Бууринский район",
        "Kara-Buura District",
    )
    assert former.change == "rename"
    assert former.valid_to.isoformat() == "2023-04-09"
    assert "№ 82" in former.legal_basis_ru
    assert "No. 82" in former.legal_basis_en
    assert "№ 82" in former.legal_basis_ky


def test_territory_types_and_indicator_definitions():
    assert dict(TerritoryType.objects.values_list("code", "category")) == {
        "urbanized": "urbanized",
        "growth-point": "urbanized",
        "high-mountain": "special_attention",
        "remote": "special_attention",
        "border": "special_attention",
    }
    assert TerritoryType.objects.get(code="growth-point").name_ru == "Точка роста"
    assert SocioEconomicIndicator.objects.count() == 8
    grp = SocioEconomicIndicator.objects.get(code="grp-per-capita")
    assert (grp.unit_of_measure_ky, grp.unit_of_measure_ru, grp.unit_of_measure_en) == (
        "миң сом",
        "тыс. сом",
        "thousand som",
    )
    for indicator in SocioEconomicIndicator.objects.all():
        assert indicator.name_ky and indicator.name_ru and indicator.name_en


def test_reference_data_migration_can_run_again_without_duplicates():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("regions.migrations.0002_admin_units")
    types = import_module("regions.migrations.0003_territory_types_and_indicators")
    migration.load_units(apps, None)
    types.load(apps, None)
    assert AdministrativeUnit.objects.count() == 82
    assert UnitNameHistory.objects.count() == 2
    assert TerritoryType.objects.count() == 5
    assert SocioEconomicIndicator.objects.count() == 8


def test_role_groups_exist_with_their_permissions_after_migrate():
    for name, perms in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        granted = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == set(perms), name
    assert not Group.objects.filter(name="admin").exists()
