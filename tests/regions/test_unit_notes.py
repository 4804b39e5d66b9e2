"""A unit has two notes: the internal one (the reference file's remarks on the data, for staff, in
the admin only) and the public one, written for readers in each language and shown only in its
own language."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.utils.html import escape
from rest_framework.test import APIClient

from regions.models import AdministrativeUnit, UnitLevel
from regions.services import units_import
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("ky", "ru", "en")
CHUI = "41708000000000"
AT_BASHY = "41704220000000"
PERVOMAISKY = "41711203000000"
NOTE_LABELS = {"ky": "Эскертүү", "ru": "Примечание", "en": "Note"}


@pytest.fixture
def noted_unit():
    return UnitFactory(
        level=UnitLevel.OBLAST,
        internal_note="COD-AB EN spells it wrong; check with the NSC",
        public_note_ky="Облустун борбору — Нарын шаары.",
        public_note_ru="Административный центр области — город Нарын.",
        public_note_en="The oblast's administrative centre is the city of Naryn.",
    )


def test_reference_notes_are_internal_now():
    notes = dict(
        AdministrativeUnit.objects.exclude(internal_note="").values_list("soate", "internal_note")
    )
    assert "sources disagree" in notes[CHUI]
    assert "Ak-Bashy" in notes[AT_BASHY]
    assert not AdministrativeUnit.objects.exclude(public_note_ky=None).exclude(public_note_ky="")
    assert not AdministrativeUnit.objects.filter(internal_note__contains="uncertain").exists()


def test_the_bishkek_district_is_written_as_the_source_writes_it():
    unit = AdministrativeUnit.objects.get(soate=PERVOMAISKY)
    assert unit.name_ky == "Биринчи май району"
    assert unit.__dict__["name"] == "Биринчи май району"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_internal_note_on_any_public_unit_page(client, lang):
    notes = list(AdministrativeUnit.objects.exclude(internal_note="").values_list("internal_note"))
    assert len(notes) >= 9  # the seven oblasts' centres, At-Bashy, Kok-Jangak, Aitmatov
    for soate in AdministrativeUnit.objects.values_list("soate", flat=True):
        page = client.get(f"/{lang}/territory/{soate}/")
        assert page.status_code == 200
        content = page.content.decode()
        for (note,) in notes:
            assert note not in content, (soate, note)
        assert "admin centre:" not in content
        assert (
            f"<dt>{NOTE_LABELS[lang]}</dt>" not in content
        )  # no public note in the reference data


def test_oblast_centres_are_shown_in_each_language_from_their_own_field(client):
    # What the developer note said for readers ("admin centre: Naryn") is a translated field.
    naryn = "41704000000000"
    assert "<dd>Нарын</dd>" in client.get(f"/ky/territory/{naryn}/").content.decode()
    assert "<dd>Нарын</dd>" in client.get(f"/ru/territory/{naryn}/").content.decode()
    assert "<dd>Naryn</dd>" in client.get(f"/en/territory/{naryn}/").content.decode()
    for unit in AdministrativeUnit.objects.filter(level=UnitLevel.OBLAST).exclude(soate=CHUI):
        assert unit.administrative_centre_ky and unit.administrative_centre_ru, unit.soate
        assert unit.administrative_centre_ky.isascii() is False
        assert unit.administrative_centre_ru.isascii() is False
        assert unit.administrative_centre_en.isascii()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_note_shows_in_the_readers_language_and_no_other(client, noted_unit, lang):
    content = client.get(f"/{lang}/territory/{noted_unit.soate}/").content.decode()
    own = escape(getattr(noted_unit, f"public_note_{lang}"))
    assert f"<dt>{NOTE_LABELS[lang]}</dt><dd>{own}</dd>" in content
    for other in LANGUAGES:
        if other != lang:
            assert escape(getattr(noted_unit, f"public_note_{other}")) not in content
    assert noted_unit.internal_note not in content


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_an_english_only_public_note_does_not_fall_back_onto_kyrgyz_or_russian_pages(client, lang):
    unit = UnitFactory(public_note_en="Only in English.")
    content = client.get(f"/{lang}/territory/{unit.soate}/").content.decode()
    assert "Only in English." not in content
    assert f"<dt>{NOTE_LABELS[lang]}</dt>" not in content
    assert "Only in English." in client.get(f"/en/territory/{unit.soate}/").content.decode()


@pytest.mark.parametrize("lang", [*LANGUAGES, "all"])
def test_no_internal_note_in_the_units_api(noted_unit, lang):
    api = APIClient()
    notes = [n for n in AdministrativeUnit.objects.values_list("internal_note", flat=True) if n]
    listing = api.get(f"/api/v1/units/?lang={lang}&page_size=500")
    assert listing.status_code == 200
    results = listing.json()["results"]
    assert len(results) == AdministrativeUnit.objects.count()
    detail = api.get(f"/api/v1/units/{noted_unit.soate}/?lang={lang}")
    for text in (listing.content.decode(), detail.content.decode()):
        for note in notes:
            assert note not in text
    assert all("internal_note" not in unit and "note" not in unit for unit in results)


def test_units_api_gives_the_public_note_in_the_requested_language_only(noted_unit):
    api = APIClient()
    url = f"/api/v1/units/{noted_unit.soate}/"
    assert api.get(url, {"lang": "ru"}).json()["public_note"] == noted_unit.public_note_ru
    assert api.get(url, {"lang": "all"}).json()["public_note"] == {
        "ky": noted_unit.public_note_ky,
        "ru": noted_unit.public_note_ru,
        "en": noted_unit.public_note_en,
    }
    english_only = UnitFactory(public_note_en="Only in English.")
    body = api.get(f"/api/v1/units/{english_only.soate}/", {"lang": "ky"}).json()
    assert body["public_note"] == ""


def test_units_api_export_has_no_internal_note(noted_unit):
    csv = APIClient().get("/api/v1/units/", {"format": "csv", "lang": "all"})
    assert csv.status_code == 200
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert noted_unit.internal_note not in text
    assert "sources disagree" not in text
    assert noted_unit.public_note_ru in text


def test_staff_see_and_edit_the_internal_note_in_the_admin(client, noted_unit):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    page = client.get(f"/en/admin/regions/administrativeunit/{noted_unit.pk}/change/")
    assert page.status_code == 200
    assert noted_unit.internal_note in page.content.decode()
    found = client.get("/en/admin/regions/administrativeunit/", {"q": "COD-AB"})
    assert noted_unit.name_en in found.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_others_do_not_reach_the_internal_note_in_the_admin(client, noted_unit, who):
    if who == "member":
        client.force_login(UserFactory(username="plain-member"))
    page = client.get(f"/en/admin/regions/administrativeunit/{noted_unit.pk}/change/")
    assert page.status_code == 302
    assert "/admin/login/" in page["Location"]
    assert noted_unit.internal_note not in page.content.decode()


def test_logged_in_staff_do_not_see_the_internal_note_on_the_public_page(client, noted_unit):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    content = client.get(f"/en/territory/{noted_unit.soate}/").content.decode()
    assert noted_unit.internal_note not in content


# The import: `note` fills the internal note; public_note_ky/ru/en are optional columns.
AK_MUZ = {
    "soate": "41704220800000",
    "level": "ayil_aimak",
    "parent_soate": AT_BASHY,
    "name_ky": "Ак-Муз айыл аймагы",
    "name_ru": "Ак-Музский айылный аймак",
    "name_en": "Ak-Muz ayil aimak",
}


def test_import_puts_the_note_column_in_the_internal_note_and_reads_public_notes():
    report = units_import(
        rows=[
            {
                **AK_MUZ,
                "note": "code illustrative",
                "public_note_ky": "Айыл аймагы 2024-жылы түзүлгөн (То\u04ca).",
                "public_note_ru": "Айылный аймак образован в 2024 году.",
                "public_note_en": "",
            }
        ]
    )
    assert report.ok and report.created == 1
    unit = AdministrativeUnit.objects.get(soate=AK_MUZ["soate"])
    assert unit.internal_note == "code illustrative"
    assert unit.public_note_ky == "Айыл аймагы 2024-жылы түзүлгөн (То\u04a3)."  # ӊ → ң
    assert unit.public_note_ru == "Айылный аймак образован в 2024 году."
    assert not unit.public_note_en


def test_a_file_without_note_columns_leaves_the_notes_alone():
    units_import(rows=[{**AK_MUZ, "note": "from the file", "public_note_ru": "Для читателей."}])
    again = units_import(rows=[AK_MUZ])
    assert (again.updated, again.unchanged) == (0, 1)
    unit = AdministrativeUnit.objects.get(soate=AK_MUZ["soate"])
    assert (unit.internal_note, unit.public_note_ru) == ("from the file", "Для читателей.")


def test_importing_the_same_public_notes_again_changes_nothing():
    rows = [
        {**AK_MUZ, "note": "", "public_note_ky": "", "public_note_ru": "", "public_note_en": ""}
    ]
    assert units_import(rows=rows).created == 1
    again = units_import(rows=rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


# The data migration: the old note columns become one internal note; settled doubts go.
@pytest.mark.parametrize(
    ("old", "internal"),
    [
        (("", None, None, "admin centre: Naryn"), "admin centre: Naryn"),
        (("", "эскертүү", "эскертүү", "note"), "эскертүү\nnote"),
        (("", None, None, "Bishkek city district; Kyrgyz form uncertain"), ""),
        (("", None, None, None), ""),
    ],
)
def test_migration_makes_one_internal_note_from_the_old_columns(old, internal):
    migration = import_module("regions.migrations.0005_move_unit_notes")
    assert migration.internal_note_from(*old) == internal
