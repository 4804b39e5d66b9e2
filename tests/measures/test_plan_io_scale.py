"""Exports and imports whose queries do not grow with the rows, and an import that reads only the
measures its file names."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Measure
from measures.plan_io import exporter, importer
from measures.plan_io.importer import apply_plan, build_plan, read_rows
from tests.factories import (
    BodyFactory,
    DirectionFactory,
    ExecutorFactory,
    FundingLineFactory,
    MeasureFactory,
    ObjectiveFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def plan_of(count: int):
    programme = ProgrammeFactory()
    # Measures numbered 1.1.N stand under direction 1 and objective 1.1, as the file says.
    direction = DirectionFactory(programme=programme, number="1")
    objective = ObjectiveFactory(direction=direction, number="1.1")
    lead, co = BodyFactory(), BodyFactory()
    for measure in MeasureFactory.create_batch(count, objective=objective, lead_body=lead):
        ExecutorFactory(measure=measure, body=co)
        FundingLineFactory(measure=measure)
    return programme


def exported_rows(programme, queryset=None):
    queryset = queryset if queryset is not None else Measure.objects.filter(programme=programme)
    with exporter.export_file(programme, queryset, fmt="xlsx", lang="ru") as output:
        return read_rows(io.BytesIO(output.read()))


def reimport_queries(programme) -> tuple[int, dict]:
    rows = exported_rows(programme)
    with CaptureQueriesContext(connection) as queries:
        plan = build_plan(programme, rows=rows)
        result = apply_plan(plan, source="plan.xlsx")
    assert plan.errors == []
    return len(queries), {"plan": plan.counts(), "unchanged": result.unchanged}


def test_re_importing_an_unchanged_plan_costs_the_same_queries_for_10_and_100_rows():
    small, small_counts = reimport_queries(plan_of(10))
    large, large_counts = reimport_queries(plan_of(100))
    assert small_counts["plan"]["unchanged"] == 12  # a direction, an objective, 10 measures
    assert large_counts["plan"]["unchanged"] == 102
    assert small_counts["plan"]["update"] == large_counts["plan"]["update"] == 0
    assert large_counts["unchanged"] == 102
    assert large == small


def test_the_measures_are_read_in_batches(monkeypatch):
    programme = plan_of(7)
    one_batch, _counts = reimport_queries(programme)
    monkeypatch.setattr(importer, "MEASURE_BATCH", 3)  # 7 measures: three batches
    three_batches, counts = reimport_queries(programme)
    assert counts["plan"]["unchanged"] == 9
    assert three_batches == one_batch + 2 * 5  # the measures and their four prefetches, per batch


def test_an_import_reads_only_the_measures_its_file_names():
    programme = plan_of(20)
    named = list(Measure.objects.filter(programme=programme).order_by("id")[:2])
    rows = exported_rows(programme, Measure.objects.filter(pk__in=[m.pk for m in named]))
    loaded = importer.load_measures(
        programme, (importer.normalise_number(n) for n in importer._file_numbers(rows[2]))
    )
    assert set(loaded) == {m.number for m in named}
    plan = build_plan(programme, rows=rows)
    targets = {row.number: row.target for row in plan.rows if row.kind == "measure"}
    assert {number: m.pk for number, m in targets.items()} == {m.number: m.pk for m in named}
    assert all(row.action == "unchanged" for row in plan.rows if row.kind == "measure")


def test_a_changed_row_is_still_written_with_its_history():
    programme = plan_of(3)
    measure = Measure.objects.filter(programme=programme).order_by("id").first()
    rows = exported_rows(programme)
    language, columns, data = rows
    for _row_number, cells in data:
        if importer.normalise_number(str(cells.get("number") or "")) == measure.number:
            cells["title"] = "Новое название"
    plan = build_plan(programme, rows=(language, columns, data))
    assert plan.counts()["update"] == 1
    apply_plan(plan, source="plan.xlsx")
    measure.refresh_from_db()
    assert measure.title_ru == "Новое название"
    assert measure.history.first().history_change_reason.count("plan.xlsx") == 1
    assert measure.version == 2


def changed_import_queries(count: int) -> tuple[int, list[Measure]]:
    """Queries of an import whose every measure row has a new Russian title (and one line of
    money more), and the measures afterwards."""
    programme = plan_of(count)
    language, columns, data = exported_rows(programme)
    for _row_number, cells in data:
        if (
            cells.get("title")
            and importer.normalise_number(str(cells.get("number") or "")).count(".") == 2
        ):  # a measure's 1.1.N, not its direction's or objective's
            cells["title"] = f"{cells['title']} (изменено)"
    with CaptureQueriesContext(connection) as queries:
        plan = build_plan(programme, rows=(language, columns, data))
        assert plan.errors == []
        assert plan.counts()["update"] == count
        result = apply_plan(plan, source="plan.xlsx")
    assert result.updated == count
    return len(queries), list(Measure.objects.filter(programme=programme).order_by("id"))


def test_changing_every_measure_costs_the_same_queries_for_10_and_100_rows():
    small, _measures = changed_import_queries(10)
    large, measures = changed_import_queries(100)
    assert large == small
    # Each written by the one rule: a version up, the title, and a history record saying why.
    assert {m.version for m in measures} == {2}
    assert all(m.title_ru.endswith("(изменено)") for m in measures)
    latest = [m.history.first() for m in measures]
    assert {h.history_type for h in latest} == {"~"}
    assert all("plan.xlsx" in h.history_change_reason for h in latest)
    assert {h.history_reason_language for h in latest} != {""}


def test_a_bulk_written_measure_that_moved_on_is_a_conflict_and_nothing_is_written():
    from measures.services import EditConflict

    programme = plan_of(3)
    language, columns, data = exported_rows(programme)
    for _row_number, cells in data:
        if cells.get("title"):
            cells["title"] = f"{cells['title']} (изменено)"
    plan = build_plan(programme, rows=(language, columns, data))
    moved = Measure.objects.filter(programme=programme).order_by("id").last()
    Measure.objects.filter(pk=moved.pk).update(version=5)  # an editor saved it meanwhile
    with pytest.raises(EditConflict):
        apply_plan(plan, source="plan.xlsx")
    assert not Measure.objects.filter(programme=programme, title_ru__endswith="(изменено)").exists()


def test_the_allocation_rule_for_many_measures_names_the_measure_at_fault():
    from django.core.exceptions import ValidationError

    from measures.models import FundingAllocation
    from measures.services import allocations_check, allocations_check_many
    from tests.factories import UnitFactory

    programme = plan_of(3)
    measures = list(Measure.objects.filter(programme=programme).order_by("id"))
    allocations_check_many(measures)  # nothing allocated: nothing wrong
    unit = UnitFactory()
    line = measures[1].funding_lines.get()
    FundingAllocation.objects.create(line=line, unit=unit, amount=line.planned_amount)
    with pytest.raises(ValidationError) as many:
        allocations_check_many(measures)
    with pytest.raises(ValidationError) as one:
        allocations_check(measures[1])
    # The same rule's message, the measure's number before it.
    assert many.value.messages == [f"{measures[1].number}: {m}" for m in one.value.messages]
