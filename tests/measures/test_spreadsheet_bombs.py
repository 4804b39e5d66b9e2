"""Hostile workbooks against the plan import: each is built here from a genuine file, and each
must be read or refused within a time and memory bound, with a clear message (review H2)."""

from __future__ import annotations

import io
import re
import struct
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from measures.plan_io import importer, uploads
from measures.plan_io.importer import PlanFileError, read_rows
from regionalprogram import spreadsheets
from tests.edit_helpers import editor_of
from tests.measures.plan_files import make_programme_and_bodies, realistic_rows, workbook_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
SECONDS = 5.0
MEGABYTES = 64


@pytest.fixture(autouse=True)
def _english():
    # The offline assertions read English messages; the pages below choose their own language.
    with translation.override("en"):
        yield


def rewritten(base: bytes, parts: dict) -> bytes:
    """``base`` with some parts replaced: bytes, or a function writing into the open part."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = parts.get(info.filename, source.read(info.filename))
            if callable(content):
                with target.open(info.filename, "w", force_zip64=True) as part:
                    content(part)
            else:
                target.writestr(info.filename, content)
        for name, content in parts.items():
            if name not in source.namelist():
                if callable(content):
                    with target.open(name, "w", force_zip64=True) as part:
                        content(part)
                else:
                    target.writestr(name, content)
    return output.getvalue()


def genuine() -> bytes:
    return workbook_bytes(realistic_rows())


def wide_sheet(last_row: int) -> bytes:
    """A genuine plan whose sheet declares 16,384 columns down to ``last_row``, with one cell
    there: openpyxl used to yield every empty cell of that rectangle."""
    base = genuine()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        xml = archive.read(SHEET).decode()
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:XFD{last_row}"/>', xml)
    cell = f'<row r="{last_row}"><c r="XFD{last_row}" t="inlineStr"><is><t>x</t></is></c></row>'
    xml = xml.replace("</sheetData>", cell + "</sheetData>")
    return rewritten(base, {SHEET: xml.encode()})


def with_shared_strings(count: int) -> bytes:
    """A genuine plan with a shared-string table of ``count`` two-letter strings (openpyxl writes
    inline strings; Excel writes the table, and openpyxl reads it whole before any row)."""
    base = genuine()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    override = (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    types = types.replace("</Types>", override + "</Types>")

    def write(part):
        part.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
        chunk = b"<si><t>ab</t></si>" * 100_000
        for _ in range(count // 100_000):
            part.write(chunk)
        part.write(b"</sst>")

    return rewritten(base, {"[Content_Types].xml": types.encode(), STRINGS: write})


def zip_bomb() -> bytes:
    """A genuine plan with a 250 MB part of zeros beside it, a quarter of a megabyte packed."""

    def write(part):
        zeros = b"\0" * (1024 * 1024)
        for _ in range(250):
            part.write(zeros)

    return rewritten(genuine(), {"xl/media/padding.bin": write})


def lying_zip_bomb() -> bytes:
    """A genuine plan whose sheet inflates to 100 MB while the zip claims 2 KB for it."""
    base = genuine()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        xml = archive.read(SHEET)

    def write(part):
        head, tail = xml.split(b"</sheetData>")
        part.write(head)
        spaces = b" " * (1024 * 1024)
        for _ in range(100):
            part.write(spaces)
        part.write(b"</sheetData>" + tail)

    data = bytearray(rewritten(base, {SHEET: write}))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(SHEET)
    claimed = 2048
    # The local header's and the central directory's "uncompressed size" fields.
    if info.file_size < 0xFFFFFFFF and data[info.header_offset + 22 : info.header_offset + 26] != (
        b"\xff\xff\xff\xff"
    ):
        struct.pack_into("<I", data, info.header_offset + 22, claimed)
    position = data.find(b"PK\x01\x02")
    while position != -1:
        length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + length] == SHEET.encode():
            struct.pack_into("<I", data, position + 24, claimed)
        position = data.find(b"PK\x01\x02", position + 4)
    return bytes(data)


def measured(function, *args):
    """(result or raised exception, seconds, peak megabytes allocated while it ran)."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        outcome = function(*args)
    except Exception as error:  # the refusal is the outcome under test
        outcome = error
    seconds = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    tracemalloc.stop()
    return outcome, seconds, peak


def test_a_sheet_declaring_16384_columns_is_read_by_its_layout_columns_only():
    data = wide_sheet(20_000)
    assert len(data) < 20_000  # a small file
    outcome, seconds, peak = measured(read_rows, io.BytesIO(data))
    assert not isinstance(outcome, Exception), outcome
    language, columns, rows = outcome
    assert language == "ru" and len(rows) > 5  # the plan itself is still read
    assert seconds < SECONDS and peak < MEGABYTES, (seconds, peak)


def test_a_sheet_going_on_past_the_row_limit_is_refused_quickly():
    outcome, seconds, peak = measured(read_rows, io.BytesIO(wide_sheet(1_048_576)))
    assert isinstance(outcome, PlanFileError)
    assert "The sheet has more than 25,000 rows; split the file." in str(outcome)
    assert seconds < SECONDS and peak < MEGABYTES, (seconds, peak)


@pytest.mark.parametrize(
    ("count", "message"),
    [
        # 11 million strings, 198 MB unpacked: more than the table may take.
        (11_000_000, "xl/sharedStrings.xml is over 32 MB"),
        # Under the size bound, over the count bound.
        (1_000_000, "more than 200,000 different texts"),
    ],
)
def test_a_huge_shared_string_table_is_refused_before_it_is_loaded(count, message):
    data = with_shared_strings(count)
    assert len(data) < 1_000_000
    outcome, seconds, peak = measured(read_rows, io.BytesIO(data))
    assert isinstance(outcome, PlanFileError)
    assert message in str(outcome)
    assert seconds < SECONDS and peak < MEGABYTES, (seconds, peak)


def test_a_zip_bomb_is_refused_from_the_declared_sizes():
    data = zip_bomb()
    assert len(data) < 1_000_000
    outcome, seconds, peak = measured(read_rows, io.BytesIO(data))
    assert isinstance(outcome, PlanFileError)
    assert "unpacks to more than 200 MB" in str(outcome)
    assert seconds < SECONDS and peak < MEGABYTES, (seconds, peak)


def test_a_zip_lying_about_its_sizes_is_refused_without_inflating():
    data = lying_zip_bomb()
    assert len(data) < 1_000_000
    outcome, seconds, peak = measured(read_rows, io.BytesIO(data))
    assert isinstance(outcome, PlanFileError), outcome
    assert "cannot be read" in str(outcome) or "not an Excel workbook" in str(outcome)
    assert seconds < SECONDS and peak < MEGABYTES, (seconds, peak)


def test_reading_stops_at_the_time_budget(monkeypatch):
    monkeypatch.setattr(spreadsheets, "READ_SECONDS", -1.0)
    with pytest.raises(PlanFileError, match="took too long; it was stopped at row 1"):
        read_rows(io.BytesIO(genuine()))


# --- through the pages: the message in the user's language, and one parse per upload --------


@pytest.fixture
def programme(settings, tmp_path):
    settings.PLAN_IMPORT_DIR = tmp_path / "plan-imports"
    return make_programme_and_bodies()[0]


def upload(client, programme, data: bytes, lang="en"):
    url = f"/{lang}{reverse('measures:plan_import', args=[programme.code])[3:]}"
    return client.post(url, {"file": SimpleUploadedFile("plan.xlsx", data, content_type=XLSX)})


@pytest.mark.django_db
def test_the_upload_page_refuses_a_bomb_in_the_users_language(client, programme):
    client.force_login(editor_of(programme))
    started = time.monotonic()
    response = upload(client, programme, wide_sheet(1_048_576), lang="ru")
    assert time.monotonic() - started < SECONDS
    assert response.status_code == 400
    assert "На листе больше 25\xa0000 строк; разделите файл." in response.content.decode()
    response = upload(client, programme, with_shared_strings(1_000_000), lang="ky")
    assert response.status_code == 400
    assert "200\xa0000" in response.content.decode()
    assert uploads.storage().listdir("")[1] == []  # nothing of the refused files is kept


@pytest.mark.django_db
def test_the_workbook_is_parsed_once_per_upload(client, programme, monkeypatch):
    client.force_login(editor_of(programme))
    calls = []
    original = importer.read_rows

    def counting(fileobj):
        calls.append(1)
        return original(fileobj)

    monkeypatch.setattr("measures.views_io.read_rows", counting)
    preview = upload(client, programme, genuine())["Location"]
    for _ in range(3):
        assert client.get(preview).status_code == 200
    client.post(preview, {"action": "decide"})
    assert client.get(preview).status_code == 200
    assert len(calls) == 1
