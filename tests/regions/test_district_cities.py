"""The cities of district significance of the review of 28.11.2026 (§4, D6) arrive with `migrate`,
from the reference file, under their districts; Kant and Kara-Balta keep their pre-reform place with
an internal note; Razzakov keeps its former name Isfana."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from regions.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db

CITIES = {
    # soate: (Russian name, the district it lies in)
    "41702215600010": ("г. Чолпон-Ата", "Иссык-Кульский район"),
    "41703211610010": ("г. Кербен", "Аксыйский район"),
    "41703215600010": ("г. Кочкор-Ата", "Ноокенский район"),
    "41703220400010": ("г. Кок-Жангак", "Сузакский район"),
    "41703225600010": ("г. Токтогул", "Токтогульский район"),
    "41705236610010": ("г. Раззаков", "Лейлекский район"),
    "41705258600010": ("г. Айдаркен", "Кадамжайский район"),
    "41705258610020": ("г. Кадамжай", "Кадамжайский район"),
    "41706226600010": ("г. Кара-Суу", "Кара-Сууский район"),
    "41706242600010": ("г. Ноокат", "Ноокатский район"),
    "41706255600010": ("г. Узген", "Узгенский район"),
    "41708206600010": ("г. Кант", "Ысык-Атинский район"),
    "41708209600010": ("г. Кара-Балта", "Жайылский район"),
    "41708213600010": ("г. Орловка", "Кеминский район"),
    "41708213600020": ("г. Кемин", "Кеминский район"),
    "41708219600010": ("г. Каинды", "Панфиловский район"),
    "41708222600010": ("г. Шопоков", "Сокулукский район"),
}


def test_every_city_of_district_significance_sits_under_its_district():
    units = AdministrativeUnit.objects.filter(level=UnitLevel.CITY_DISTRICT).select_related(
        "parent__parent"
    )
    found = {u.soate: (u.name_ru, u.parent.name_ru) for u in units}
    assert found == CITIES
    for unit in units:
        assert unit.parent.level == UnitLevel.DISTRICT
        assert unit.soate[:8] == unit.parent.soate[:8]  # the code names the district
        assert unit.tree_path == f"{unit.parent.tree_path}{unit.soate}/"
        assert unit.depth == 2
        assert unit.name_ky.endswith(" ш.") and unit.name_en.endswith(" city")


def test_shamaldy_sai_is_not_given_an_invented_code():
    assert not AdministrativeUnit.objects.filter(name_en__icontains="Shamaldy").exists()


@pytest.mark.parametrize("soate", ["41708206600010", "41708209600010"])
def test_kant_and_kara_balta_say_internally_what_is_missing(soate):
    unit = AdministrativeUnit.objects.get(soate=soate)
    assert "oblast significance in 2024" in unit.internal_note
    assert "post-reform SOATE code" in unit.internal_note


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_kants_internal_note_is_not_on_its_public_page(client, lang):
    unit = AdministrativeUnit.objects.get(soate="41708206600010")
    content = client.get(f"/{lang}/territory/{unit.soate}/").content.decode()
    assert unit.name_ky in content or unit.name_ru in content or unit.name_en in content
    assert "NSC" not in content and "pre-reform" not in content


def test_razzakov_was_isfana():
    unit = AdministrativeUnit.objects.get(soate="41705236610010")
    assert (unit.name_ky, unit.name_ru, unit.name_en) == (
        "Раззаков ш.",
        "г. Раззаков",
        "Razzakov city",
    )
    former = unit.former_names.get()
    assert (former.name_ky, former.name_ru, former.name_en) == (
        "Исфана ш.",
        "г. Исфана",
        "Isfana city",
    )
    assert former.change == "rename"
    assert "16 марта 2022" in former.legal_basis_ru


def test_the_later_migration_adds_only_what_is_missing_and_keeps_staff_notes():
    kant = AdministrativeUnit.objects.get(soate="41708206600010")
    kant.internal_note = "Checked with the NSC by phone."
    kant.save()
    Unit = AdministrativeUnit
    Unit.objects.filter(soate="41708222600010").delete()
    import_module("regions.migrations.0008_cities_of_district_significance").load(apps, None)
    assert Unit.objects.filter(soate="41708222600010", parent__soate="41708222000000").exists()
    kant.refresh_from_db()
    assert kant.internal_note == "Checked with the NSC by phone."
    assert Unit.objects.get(soate="41705236610010").former_names.count() == 1
