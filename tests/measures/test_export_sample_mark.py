"""Every export marks the demo's invented rows: the plan's .xlsx/.docx carry a ninth column
"sample data" after the eight official ones (and a note above the table), the API's CSV/XLSX a
`sample` column; and an exported file with the mark imports back without an error."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from measures.models import Measure
from measures.plan_io import layout
from measures.plan_io.importer import apply_plan, build_plan
from programs.models import Direction, Objective
from tests.factories import ProgrammeFactory
from tests.measures.plan_files import make_programme_and_bodies, realistic_rows, workbook_bytes
from tests.measures.test_plan_export import export_bytes, header_index, sheet_rows
from tests.measures.test_plan_import import snapshot

pytestmark = pytest.mark.django_db

OFFICIAL_RU = [
    "№ п/п",
    "Задача / Наименование мероприятия",
    "Механизм реализации",
    "Срок исполнения",
    "Ответственные исполнители",
    "Ожидаемый результат / индикатор",
    "Источник финансирования",
    "Объём финансирования, тыс. сом",
]


@pytest.fixture
def imported():
    programme, bodies = make_programme_and_bodies()
    plan = build_plan(programme, io.BytesIO(workbook_bytes(realistic_rows())))
    apply_plan(plan, skip_failed_rows=True)
    return programme


@pytest.fixture
def partly_invented(imported):
    Measure.objects.filter(programme=imported, number="1.1.1").update(sample=True)
    Direction.objects.filter(programme=imported, number="2").update(sample=True)
    return imported


def allocation_ru() -> str:
    with translation.override("ru"):
        return str(layout.ALLOCATION_COLUMN[1])


def test_a_plan_of_facts_keeps_the_eight_official_columns_and_no_mark(imported):
    rows = sheet_rows(export_bytes(imported, lang="ru"))
    header = rows[header_index(rows)]
    # the official eight, then the allocation to territories; no "sample data" column
    assert [cell for cell in header if cell] == [*OFFICIAL_RU, allocation_ru()]
    assert not any("демонстрац" in str(cell or "") for row in rows for cell in row)


def test_xlsx_marks_each_invented_row_in_a_last_column_after_the_official_ones(partly_invented):
    rows = sheet_rows(export_bytes(partly_invented, lang="ru"))
    first = header_index(rows)
    assert rows[first][:10] == [*OFFICIAL_RU, allocation_ru(), "демонстрационные данные"]
    # the note above the table says what the mark means
    above = " ".join(str(cell) for row in rows[:first] for cell in row if cell)
    assert "не входят ни в один официальный план" in above
    marks = {row[0]: row[9] for row in rows[first + 2 :] if row[0]}
    assert marks["1.1.1."] == "демонстрационные данные"
    assert marks["2."] == "демонстрационные данные"
    assert marks["1.1.3."] is None and marks["1."] is None and marks["2.1."] is None
    # the totals include a sample measure's money, and say so
    total = next(row for row in rows if row[1] == "Итого")
    assert total[9] == "демонстрационные данные"


def test_the_funding_sheet_marks_the_invented_measures_money(partly_invented):
    workbook = load_workbook(io.BytesIO(export_bytes(partly_invented, lang="en")))
    funding = [[c.value for c in row] for row in workbook.worksheets[1].iter_rows()]
    assert funding[0][-1] == "sample data"
    by_number = {row[0]: row[-1] for row in funding[1:]}
    assert by_number["1.1.1."] == "sample data"
    assert by_number["1.1.3."] is None


@pytest.mark.parametrize(("lang", "mark"), [("ky", "үлгү маалымат"), ("en", "sample data")])
def test_docx_marks_the_invented_rows_in_the_files_language(partly_invented, lang, mark):
    document = Document(io.BytesIO(export_bytes(partly_invented, fmt="docx", lang=lang)))
    table = document.tables[0]
    assert len(table.columns) == 9
    assert table.rows[0].cells[8].text == mark
    marked = {row.cells[0].text for row in table.rows[2:] if row.cells[8].text == mark}
    assert {"1.1.1.", "2."} <= marked and "1.1.3." not in marked
    with translation.override(lang):
        assert layout.sample_note() in [p.text for p in document.paragraphs]


@pytest.mark.parametrize("lang", ["ru", "ky", "en"])
def test_re_importing_a_marked_export_changes_nothing_and_reports_no_error(partly_invented, lang):
    before = snapshot(partly_invented)
    plan = build_plan(partly_invented, io.BytesIO(export_bytes(partly_invented, lang=lang)))
    assert not plan.has_errors, plan.errors
    assert {row.action for row in plan.rows} == {"unchanged"}
    apply_plan(plan)
    assert snapshot(partly_invented) == before
    assert Measure.objects.get(programme=partly_invented, number="1.1.1").sample


def test_importing_a_marked_export_into_another_programme_keeps_the_mark(partly_invented):
    copy = ProgrammeFactory(period_start_year=2025, period_end_year=2030)
    plan = build_plan(copy, io.BytesIO(export_bytes(partly_invented, lang="ru")))
    assert not plan.has_errors, plan.errors
    apply_plan(plan)
    invented = set(
        Measure.objects.filter(programme=copy, sample=True).values_list("number", flat=True)
    )
    assert invented == {"1.1.1"}
    assert Direction.objects.get(programme=copy, number="2").sample
    assert not Direction.objects.get(programme=copy, number="1").sample
    assert not Objective.objects.filter(direction__programme=copy, sample=True).exists()


def test_the_mark_never_turns_an_existing_fact_into_a_sample(imported):
    # A file whose row 1.1.3 says "sample data" does not change the measure that exists.
    data = export_bytes(imported, lang="ru")
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    first = next(r for r in range(1, 20) if str(sheet.cell(r, 1).value or "").startswith("№"))
    sheet.cell(first, 9).value = "демонстрационные данные"
    row = next(r for r in range(first, sheet.max_row + 1) if sheet.cell(r, 1).value == "1.1.3.")
    sheet.cell(row, 9).value = "демонстрационные данные"
    output = io.BytesIO()
    workbook.save(output)
    plan = build_plan(imported, io.BytesIO(output.getvalue()))
    assert not plan.has_errors, plan.errors
    apply_plan(plan)
    assert not Measure.objects.get(programme=imported, number="1.1.3").sample


def test_the_api_csv_and_xlsx_mark_sample_measures(client):
    from programs.models import ProgrammeStatus
    from tests.factories import MeasureFactory

    programme = ProgrammeFactory(status=ProgrammeStatus.IN_IMPLEMENTATION, code="API-S")
    invented = MeasureFactory(programme=programme, number="1.1.1", sample=True)
    fact = MeasureFactory(programme=programme, number="1.1.2", objective=invented.objective)
    import csv

    response = client.get("/api/v1/measures/", {"format": "csv", "programme": "API-S"})
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = {row["number"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows[invented.number]["sample"] == "true"
    assert rows[fact.number]["sample"] == "false"
    response = client.get("/api/v1/measures/", {"format": "xlsx", "programme": "API-S"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    column = table[0].index("sample")
    marks = {row[table[0].index("number")]: row[column] for row in table[1:]}
    assert marks == {"1.1.1": "true", "1.1.2": "false"}
