"""The workbook carries the allocation of funding lines to target units in a column after the eight
official ones ("Республиканский бюджет, 2026: Ош шаары – 600,0; Баткен облусу – 400,0"): the export
writes it, the import reads it back unchanged, and a bad allocation fails its row with the column
named while nothing of the file is applied."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from measures.models import FundingAllocation, FundingLine, Measure
from measures.plan_io import exporter
from measures.plan_io.importer import PlanHasErrors, apply_plan, build_plan
from regions.models import AdministrativeUnit
from tests.factories import MeasureFactory, ObjectiveFactory, UserFactory

pytestmark = pytest.mark.django_db

OSH_CITY, BATKEN, NARYN = "41721000000000", "41705000000000", "41704000000000"


def unit(soate):
    return AdministrativeUnit.objects.get(soate=soate)


@pytest.fixture
def programme():
    objective = ObjectiveFactory(number="1.2", direction__number="1")
    programme = objective.direction.programme
    measure = MeasureFactory(
        objective=objective,
        number="1.2.1",
        deadline_text="2025–2030",
        deadline_kind="period",
        deadline_start=datetime.date(2025, 1, 1),
        deadline_end=datetime.date(2030, 12, 31),
        target_units=[unit(OSH_CITY), unit(BATKEN)],
    )
    line = FundingLine.objects.create(
        measure=measure, source="republican", year=2026, planned_amount=Decimal("1000.0")
    )
    FundingAllocation.objects.create(line=line, unit=unit(OSH_CITY), amount=Decimal("600.0"))
    FundingAllocation.objects.create(line=line, unit=unit(BATKEN), amount=Decimal("400.0"))
    FundingLine.objects.create(
        measure=measure, source="local", year=2027, planned_amount=Decimal("50.0")
    )
    return programme


def export(programme, lang="ru") -> bytes:
    queryset = Measure.objects.active().filter(programme=programme)
    with exporter.export_file(programme, queryset, fmt="xlsx", lang=lang) as output:
        return output.read()


def sheet_rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))


def measure_row(rows, number="1.2.1."):
    return next(row for row in rows if row[0] == number)


def allocations(programme) -> dict:
    return {
        (a.line.source, a.line.year, a.unit.soate): a.amount
        for a in FundingAllocation.objects.filter(
            line__measure__programme=programme
        ).select_related("line", "unit")
    }


def test_the_export_writes_the_allocation_after_the_official_columns(programme):
    rows = sheet_rows(export(programme, "ru"))
    header = next(row for row in rows if row[8] and str(row[0]).startswith("№"))
    assert header[8] == "Распределение по территориям, тыс. сом"
    assert measure_row(rows)[8] == (
        "Республиканский бюджет, 2026: Баткенская область – 400,0; город Ош – 600,0"
    )
    ky = measure_row(sheet_rows(export(programme, "ky")))
    assert "Баткен облусу – 400,0; Ош шаары – 600,0" in ky[8]


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_export_then_import_keeps_the_allocations_and_changes_nothing(programme, lang):
    before = allocations(programme)
    plan = build_plan(programme, io.BytesIO(export(programme, lang)))
    assert not plan.errors, plan.errors
    assert plan.counts()["update"] == 0
    apply_plan(plan)
    assert allocations(programme) == before


def test_an_import_into_a_copy_with_the_target_units_carries_the_allocation(programme):
    data = export(programme)
    copy = ObjectiveFactory(number="1.2", direction__number="1").direction.programme
    target = Measure.objects.get(programme=programme)
    MeasureFactory(
        programme=copy,
        objective=copy.directions.get().objectives.get(),
        number="1.2.1",
        target_units=[unit(OSH_CITY), unit(BATKEN)],
    )
    plan = build_plan(copy, io.BytesIO(data))
    assert not plan.errors, plan.errors
    apply_plan(plan, user=UserFactory())
    assert allocations(copy) == allocations(programme)
    assert target.pk != Measure.objects.get(programme=copy).pk


def edited(data: bytes, text: str) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows():
        if row[0].value == "1.2.1.":
            row[8].value = text
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Республиканский бюджет, 2026: город Ош – 600,0", "распределите её всю"),
        (
            "Республиканский бюджет, 2026: город Ош – 500,0; Нарынская область – 500,0",
            "Нарынская область",
        ),
        ("Республиканский бюджет, 2029: город Ош – 1 000,0", "2029"),
        ("город Ош 1000", "источник финансирования и год"),
    ],
)
def test_a_bad_allocation_fails_its_row_and_nothing_is_imported(programme, text, expected):
    before = allocations(programme)
    with translation.override("ru"):
        plan = build_plan(programme, io.BytesIO(edited(export(programme), text)))
    assert plan.has_errors
    (issue,) = [i for i in plan.errors if i.column == "allocation"][:1]
    assert issue.column_letter == "I"
    assert expected in issue.message
    with pytest.raises(PlanHasErrors):
        apply_plan(plan)
    assert allocations(programme) == before


def test_a_changed_allocation_in_the_file_is_applied_and_named_in_the_preview(programme):
    text = "Республиканский бюджет, 2026: город Ош – 100,0; Баткенская область – 900,0"
    plan = build_plan(programme, io.BytesIO(edited(export(programme), text)))
    (row,) = [row for row in plan.rows if row.number == "1.2.1"]
    assert row.action == "update"
    apply_plan(plan)
    assert allocations(programme)[("republican", 2026, BATKEN)] == Decimal("900.0")
    # An empty cell: the line is not allocated any more.
    apply_plan(build_plan(programme, io.BytesIO(edited(export(programme), ""))))
    assert allocations(programme) == {}


def test_an_official_file_without_the_column_keeps_allocations_but_not_a_changed_amount(
    programme,
):
    workbook = load_workbook(io.BytesIO(export(programme)))
    sheet = workbook.worksheets[0]
    sheet.delete_cols(9)
    output = io.BytesIO()
    workbook.save(output)
    before = allocations(programme)
    plan = build_plan(programme, io.BytesIO(output.getvalue()))
    assert not plan.errors
    apply_plan(plan)
    assert allocations(programme) == before
    for row in sheet.iter_rows():
        if row[0].value == "1.2.1.":
            row[7].value = "2026 – 2 000,0\n2027 – 50,0"
    output = io.BytesIO()
    workbook.save(output)
    with translation.override("en"):
        plan = build_plan(programme, io.BytesIO(output.getvalue()))
    (issue,) = plan.errors
    assert issue.column == "amount"
    assert "Republican budget, 2026 is allocated to the measure's territories" in issue.message
