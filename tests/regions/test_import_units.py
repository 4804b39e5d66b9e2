"""Importing classifier units: all rows are checked first, and a file with any bad row loads
nothing."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from regions.models import AdministrativeUnit, UnitLevel
from regions.services import units_import
from regions.unit_rows import read_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The assertions read English messages; the portal's default language is Kyrgyz.
    with translation.override("en"):
        yield


HEADER = "soate,iso_3166_2,level,parent_soate,name_ky,name_ru,name_en,note\n"
# Two ayil aimaks of At-Bashy district (Naryn) and a village in the first.
GOOD = HEADER + (
    "41704220800000,,ayil_aimak,41704220000000,Ак-Муз айыл аймагы,Ак-Музский айылный аймак,"
    "Ak-Muz ayil aimak,\n"
    "417 04 220 810 000,,ayil_aimak,417-04-220-000-000,Ак-Жар айыл аймагы,"
    "Ак-Жарский айылный аймак,Ak-Jar ayil aimak,illustrative code\n"
)


def write(tmp_path: Path, text: str, *, bom: bool = False) -> Path:
    path = tmp_path / "units.csv"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def test_good_csv_creates_units_under_the_right_parent(tmp_path):
    call_command("import_units", str(write(tmp_path, GOOD, bom=True)))
    at_bashy = AdministrativeUnit.objects.get(soate="41704220000000")
    ak_jar = AdministrativeUnit.objects.get(soate="41704220810000")
    assert ak_jar.parent == at_bashy
    assert ak_jar.level == UnitLevel.AYIL_AIMAK
    assert ak_jar.tree_path == "41704000000000/41704220000000/41704220810000/"
    assert ak_jar.depth == 2
    assert ak_jar.__dict__["name"] == "Ак-Жар айыл аймагы"  # untranslated column is Kyrgyz
    assert (ak_jar.name_ky, ak_jar.name_ru, ak_jar.name_en) == (
        "Ак-Жар айыл аймагы",
        "Ак-Жарский айылный аймак",
        "Ak-Jar ayil aimak",
    )
    naryn = AdministrativeUnit.objects.get(soate="41704000000000")
    assert AdministrativeUnit.objects.subtree(naryn).filter(level="ayil_aimak").count() == 2


def test_parent_may_come_earlier_in_the_same_file():
    rows = [
        {
            "soate": "41704220800000",
            "level": "ayil_aimak",
            "parent_soate": "41704220000000",
            "name_ky": "Ак-Муз айыл аймагы",
            "name_ru": "Ак-Музский айылный аймак",
            "name_en": "Ak-Muz ayil aimak",
        },
        {
            "soate": "41704220800010",
            "level": "ayil_aimak",
            "parent_soate": "41704220800000",
            "name_ky": "Ак-Муз айылы",
            "name_ru": "село Ак-Муз",
            "name_en": "Ak-Muz village",
        },
    ]
    report = units_import(rows=rows)
    assert report.ok and report.created == 2
    village = AdministrativeUnit.objects.get(soate="41704220800010")
    assert village.parent.soate == "41704220800000"
    assert village.depth == 3


def test_bad_rows_are_reported_one_by_one_and_nothing_is_loaded(tmp_path, capsys):
    text = HEADER + (
        # row 2: good on its own
        "41704220800000,,ayil_aimak,41704220000000,Ак-Муз айыл аймагы,Ак-Музский,Ak-Muz,\n"
        # row 3: unknown parent
        "41704220820000,,ayil_aimak,41704999000000,Казыбек айыл аймагы,Казыбекский,Kazybek,\n"
        # row 4: malformed code
        "4170422,,ayil_aimak,41704220000000,Кара-Суу айыл аймагы,Кара-Сууйский,Kara-Suu,\n"
        # row 5: duplicate of row 2
        "41704220800000,,ayil_aimak,41704220000000,Ак-Муз,Ак-Муз,Ak-Muz,\n"
        # row 6: unknown level and an empty Russian name
        "41704220830000,,village_council,41704220000000,Ачы-Суу,,Achy-Suu,\n"
    )
    before = AdministrativeUnit.objects.count()
    with pytest.raises(CommandError):
        call_command("import_units", str(write(tmp_path, text)))
    assert AdministrativeUnit.objects.count() == before
    assert not AdministrativeUnit.objects.filter(soate="41704220800000").exists()

    report = units_import(rows=read_csv(write(tmp_path, text)))
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "parent_soate"),
        (4, "soate"),
        (5, "soate"),
        (6, "level"),
        (6, "name_ru"),
    ]
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert "41704999000000" in messages[(3, "parent_soate")]
    assert "14 digits" in messages[(4, "soate")]
    assert "row 2" in messages[(5, "soate")]
    assert "village_council" in messages[(6, "level")]
    err = capsys.readouterr().err
    assert "row 3, column parent_soate" in err
    assert "row 4, column soate" in err


def test_command_exits_with_status_1_on_bad_rows(tmp_path):
    from tests.subprocesses import child_environment, run_manage

    path = write(tmp_path, HEADER + "123,,district,,x,y,z,\n")
    result = run_manage("import_units", str(path), env=child_environment(DEBUG="1"))
    assert result.returncode == 1
    # The command speaks the default language (Kyrgyz); the row and the column are in any case.
    assert "2" in result.stderr and "soate" in result.stderr
    assert "“123”" in result.stderr


def test_dry_run_loads_nothing(tmp_path, capsys):
    before = AdministrativeUnit.objects.count()
    call_command("import_units", str(write(tmp_path, GOOD)), "--dry-run")
    assert AdministrativeUnit.objects.count() == before
    out = capsys.readouterr().out
    assert "2 created" in out
    assert "Dry run" in out


def test_reimport_is_idempotent_and_updates_changed_names(tmp_path):
    path = write(tmp_path, GOOD)
    first = units_import(rows=read_csv(path))
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    count = AdministrativeUnit.objects.count()

    second = units_import(rows=read_csv(path))
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert AdministrativeUnit.objects.count() == count

    third = units_import(rows=read_csv(write(tmp_path, GOOD.replace("Ak-Jar", "Ak-Djar"))))
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    assert AdministrativeUnit.objects.get(soate="41704220810000").name_en == "Ak-Djar ayil aimak"


def test_reimporting_the_reference_file_changes_nothing():
    path = Path(__file__).resolve().parents[2] / "regions" / "data" / "kg_admin_units.csv"
    report = units_import(rows=read_csv(path))
    assert report.ok
    assert (report.created, report.updated, report.unchanged) == (0, 0, 82)


def test_wrong_kyrgyz_letter_is_normalised():
    # ӊ (U+04CA) where Kyrgyz writes ң (U+04A3).
    report = units_import(
        rows=[
            {
                "soate": "41702220800000",
                "level": "ayil_aimak",
                "parent_soate": "41702220000000",
                "name_ky": "Кара-Талаа айыл аймагы (То\u04ca)",
                "name_ru": "Кара-Талаа",
                "name_en": "Kara-Talaa",
            }
        ]
    )
    assert report.ok
    unit = AdministrativeUnit.objects.get(soate="41702220800000")
    assert unit.name_ky == "Кара-Талаа айыл аймагы (То\u04a3)"
    assert "\u04ca" not in unit.__dict__["name"]


def test_missing_column_is_reported_on_the_header_row():
    report = units_import(rows=[{"soate": "41704220800000", "level": "ayil_aimak"}])
    assert not report.ok
    assert {(e.row, e.column) for e in report.errors} == {
        (1, "parent_soate"),
        (1, "name_ky"),
        (1, "name_ru"),
        (1, "name_en"),
    }


def test_a_csv_over_the_bounds_is_refused_with_a_message(tmp_path, monkeypatch):
    from regions import unit_rows

    header = "soate,iso_3166_2,level,parent_soate,name_ky,name_ru,name_en,note\n"
    monkeypatch.setattr(unit_rows, "MAX_CSV_ROWS", 100)
    with pytest.raises(unit_rows.CsvRefused, match="more than 100 rows"):
        read_csv((header + "x,,,,,,,\n" * 101).encode())
    # One field bigger than csv's own limit (128 KB) is a clear refusal, not a crash.
    with pytest.raises(unit_rows.CsvRefused, match="Line 2 is not valid CSV"):
        read_csv((header + '"' + "a" * 200_000 + '",,,,,,,\n').encode())
    monkeypatch.setattr(unit_rows, "MAX_CSV_BYTES", 1000)
    path = write(tmp_path, header + "x" * 2000)
    with pytest.raises(unit_rows.CsvRefused, match="larger than"):
        read_csv(path)
    with pytest.raises(CommandError, match="larger than"):
        call_command("import_units", str(path))
