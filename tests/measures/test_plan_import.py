"""Import of an action plan from .xlsx: the plan (preview), errors by row and column, applying."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.utils import translation

from measures.models import FundingLine, Measure, MeasureExecutor
from measures.plan_io import layout
from measures.plan_io.importer import (
    PlanFileError,
    PlanHasErrors,
    apply_plan,
    build_plan,
    create_missing_bodies,
)
from programs.models import Direction, Objective, ResponsibleBody
from tests.factories import BodyFactory, DirectionFactory, MeasureFactory, ObjectiveFactory
from tests.measures.plan_files import (
    BAD_ROWS,
    GOOD_ROWS,
    KY_HEADERS,
    excel_row,
    make_programme_and_bodies,
    realistic_rows,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are asserted in English; the portal's default language is Kyrgyz.
    with translation.override("en"):
        yield


@pytest.fixture
def setup():
    return make_programme_and_bodies()


def plan_for(programme, data: bytes):
    return build_plan(programme, io.BytesIO(data))


def snapshot(programme):
    """Everything the import writes, comparable between two points in time."""
    return {
        "directions": sorted(
            Direction.objects.filter(programme=programme).values_list(
                "number", "title_ru", "archived_at"
            )
        ),
        "objectives": sorted(
            Objective.objects.filter(direction__programme=programme).values_list(
                "number", "title_ru", "direction__number"
            )
        ),
        "measures": sorted(
            Measure.objects.filter(programme=programme).values_list(
                "number",
                "title_ru",
                "implementation_mechanism_ru",
                "expected_result_ru",
                "deadline_text",
                "deadline_kind",
                "deadline_start",
                "deadline_end",
                "lead_body_id",
                "objective__number",
                "updated_at",
            )
        ),
        "executors": sorted(
            MeasureExecutor.objects.filter(measure__programme=programme).values_list(
                "measure__number", "body_id", "in_coordination", "position"
            )
        ),
        "funding": sorted(
            FundingLine.objects.filter(measure__programme=programme).values_list(
                "measure__number", "source", "year", "planned_amount"
            )
        ),
    }


def test_preview_lists_every_row_and_every_error_by_row_and_column(setup):
    programme, _bodies = setup
    plan = plan_for(programme, workbook_bytes(realistic_rows()))

    assert plan.language == "ru"
    listed = [(row.row, row.number, row.kind) for row in plan.rows]
    assert listed == [
        (6, "1", "direction"),
        (7, "1.1", "objective"),
        (8, "1.1.1", "measure"),
        (9, "1.1.2", "measure"),
        (10, "1.1.3", "measure"),
        (11, "1.2", "objective"),
        (12, "1.2.1", "measure"),
        (13, "1.2.2", "measure"),
        (14, "1.2.3", "measure"),
        (15, "1.2.4", "measure"),
        (16, "1.1.2", "measure"),
        (17, "2", "direction"),
        (18, "2.1", "objective"),
        (19, "2.1.1", "measure"),
    ]
    assert {row.number for row in plan.rows if row.failed} == BAD_ROWS
    assert all(row.action == "create" for row in plan.rows if not row.failed)

    errors = {(issue.row, issue.column_letter): issue.message for issue in plan.errors}
    assert "1.1.2" in errors[(9, "A")] and "16" in errors[(9, "A")]
    assert "9" in errors[(16, "A")]
    assert "когда-нибудь" in errors[(excel_row("1.2.1"), "D")]
    assert "Министерство чудес" in errors[(excel_row("1.2.2"), "E")]
    assert "12,3,4" in errors[(excel_row("1.2.3"), "H")]
    assert "negative" in errors[(excel_row("1.2.4"), "H")]
    assert list(plan.unknown_bodies) == ["Министерство чудес"]
    assert plan.counts() == {"create": 8, "update": 0, "unchanged": 0, "failed": 6, "ignored": 0}


def test_multi_executor_and_multi_source_cells_are_read(setup):
    programme, bodies = setup
    plan = plan_for(programme, workbook_bytes(realistic_rows()))
    row = next(r for r in plan.rows if r.number == "1.1.1")
    assert [(e.body, e.marked) for e in row.data["executors"]] == [
        (bodies["mek"], False),
        (bodies["minfin"], True),
        (bodies["lsg"], True),
    ]
    # A bare amount belongs to the deadline's year (IV квартал 2025).
    assert row.data["funding"] == {
        ("republican", 2025): Decimal("1500.0"),
        ("donor", 2025): Decimal("2000.0"),
    }
    row = next(r for r in plan.rows if r.number == "2.1.1")
    assert row.data["funding"] == {
        ("donor", 2026): Decimal("5000.0"),
        ("donor", 2027): Decimal("2500.5"),
    }
    row = next(r for r in plan.rows if r.number == "1.1.3")
    assert row.data["deadline_kind"] == "annual"
    assert [(e.body, e.marked) for e in row.data["executors"]] == [
        (bodies["mek"], False),
        (bodies["lsg"], True),
    ]
    assert row.data["funding"] == {("within_budget", 2025): Decimal("0.0")}


def test_with_errors_nothing_is_applied(setup):
    programme, _bodies = setup
    plan = plan_for(programme, workbook_bytes(realistic_rows()))
    with pytest.raises(PlanHasErrors):
        apply_plan(plan)
    assert not Measure.objects.filter(programme=programme).exists()
    assert not Direction.objects.filter(programme=programme).exists()


def test_skip_failed_rows_applies_the_good_rows_and_reports_the_skipped(setup):
    programme, bodies = setup
    plan = plan_for(programme, workbook_bytes(realistic_rows()))
    result = apply_plan(plan, skip_failed_rows=True)

    assert {r.number for r in result.skipped} == BAD_ROWS
    assert sorted(r.row for r in result.skipped) == [9, 12, 13, 14, 15, 16]
    assert result.created == 8  # 2 directions, 3 objectives, 3 measures
    assert set(Measure.objects.filter(programme=programme).values_list("number", flat=True)) == (
        GOOD_ROWS
    )
    measure = Measure.objects.get(programme=programme, number="1.1.1")
    assert measure.title_ru.startswith("Разработка методики")
    assert measure.objective.number == "1.1" and measure.direction.number == "1"
    assert measure.lead_body == bodies["mek"]
    assert measure.deadline_kind == "once" and measure.deadline_end.isoformat() == "2025-12-31"
    assert list(measure.executors.order_by("position").values_list("body", "in_coordination")) == [
        (bodies["minfin"].pk, True),
        (bodies["lsg"].pk, True),
    ]
    assert sorted(measure.funding_lines.values_list("source", "year", "planned_amount")) == [
        ("donor", 2025, Decimal("2000.0")),
        ("republican", 2025, Decimal("1500.0")),
    ]
    assert Direction.objects.get(programme=programme, number="2").title_ru == (
        "Территории особого внимания"
    )


def test_importing_the_same_file_twice_changes_nothing(setup):
    programme, _bodies = setup
    data = workbook_bytes(realistic_rows())
    apply_plan(plan_for(programme, data), skip_failed_rows=True)
    before = snapshot(programme)

    plan = plan_for(programme, data)
    counts = plan.counts()
    assert counts["create"] == 0 and counts["update"] == 0
    assert counts["unchanged"] == 8
    result = apply_plan(plan, skip_failed_rows=True)
    assert (result.created, result.updated) == (0, 0)
    assert snapshot(programme) == before


def test_a_changed_row_is_reported_with_the_changed_fields(setup):
    programme, _bodies = setup
    rows = realistic_rows()
    apply_plan(plan_for(programme, workbook_bytes(rows)), skip_failed_rows=True)
    rows[2][3] = "I квартал 2026"  # 1.1.1 deadline
    rows[2][7] = "1 600,0\n2 000,0"
    plan = plan_for(programme, workbook_bytes(rows))
    row = next(r for r in plan.rows if r.number == "1.1.1")
    assert row.action == "update"
    assert row.changes == ["deadline", "funding"]
    apply_plan(plan, skip_failed_rows=True)
    measure = Measure.objects.get(programme=programme, number="1.1.1")
    assert measure.deadline_text == "I квартал 2026"
    # The bare amounts now belong to 2026, the deadline's year.
    assert sorted(measure.funding_lines.values_list("source", "year", "planned_amount")) == [
        ("donor", 2026, Decimal("2000.0")),
        ("republican", 2026, Decimal("1600.0")),
    ]


def test_archived_measure_in_the_file_is_restored(setup):
    programme, bodies = setup
    data = workbook_bytes(realistic_rows())
    apply_plan(plan_for(programme, data), skip_failed_rows=True)
    Measure.objects.filter(programme=programme, number="1.1.3").update(
        archived_at="2025-05-01T00:00:00Z"
    )
    plan = plan_for(programme, data)
    row = next(r for r in plan.rows if r.number == "1.1.3")
    assert row.action == "update" and "restored from the archive" in row.changes
    apply_plan(plan, skip_failed_rows=True)
    assert Measure.objects.get(programme=programme, number="1.1.3").archived_at is None


def test_measures_of_the_programme_not_in_the_file_are_left_alone(setup):
    programme, bodies = setup
    objective = ObjectiveFactory(
        direction=DirectionFactory(programme=programme, number="9"), number="9.1"
    )
    other = MeasureFactory(objective=objective, number="9.1.1", lead_body=bodies["mek"])
    apply_plan(plan_for(programme, workbook_bytes(realistic_rows())), skip_failed_rows=True)
    other.refresh_from_db()
    assert other.archived_at is None


def test_create_missing_bodies_then_the_row_imports(setup):
    programme, _bodies = setup
    data = workbook_bytes(realistic_rows())
    plan = plan_for(programme, data)
    created = create_missing_bodies(plan.unknown_bodies, language=plan.language)
    assert [body.name_ru for body in created] == ["Министерство чудес"]
    assert ResponsibleBody.objects.filter(name_ru="Министерство чудес").count() == 1
    plan = plan_for(programme, data)
    row = next(r for r in plan.rows if r.number == "1.2.2")
    assert not row.failed and row.action == "create"
    # Creating twice creates nothing more.
    assert create_missing_bodies(["Министерство чудес"], language="ru") == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Министерство экономики и коммерции", "mek"),
        ("  министерство   ЭКОНОМИКИ и коммерции ", "mek"),
        ("МЭК", "mek"),
        ("mec", "mek"),
        ("Экономика жана коммерция министрлиги", "mek"),
        ("Ministry of Finance", "minfin"),
        ("ЖӨБ", "lsg"),
        ("Жергиликтүү өз алдынча башкаруу органдары", "lsg"),
    ],
)
def test_executors_match_names_and_abbreviations_in_any_language(setup, cell, expected):
    programme, bodies = setup
    rows = [
        ["1.", "Направление", None, None, None, None, None, None],
        ["1.1.", "Задача", None, None, None, None, None, None],
        ["1.1.1.", "Мероприятие", None, "2026", cell, None, None, None],
    ]
    plan = plan_for(programme, workbook_bytes(rows))
    row = plan.rows[-1]
    assert not row.failed, row.errors
    assert row.data["executors"][0].body == bodies[expected]


def test_wrong_look_alike_letter_still_matches(setup):
    programme, bodies = setup
    bodies["lsg"].name_ky = "Жергиликтүү башкаруу органы Ың"
    bodies["lsg"].save()
    rows = [
        ["1.", "Направление"],
        ["1.1.1.", "Мероприятие", None, "2026", "жергиликтүү башкаруу органы ың", None, None, None],
    ]
    plan = plan_for(programme, workbook_bytes(rows, merge_first=False))
    # "ӊ" (U+04CA) in the file is the Kyrgyz ң.
    rows[1][4] = "Жергиликтүү башкаруу органы Ы\u04ca"
    plan = plan_for(programme, workbook_bytes(rows, merge_first=False))
    assert plan.rows[-1].data["executors"][0].body == bodies["lsg"]


def test_a_body_name_with_commas_is_one_executor(setup):
    programme, bodies = setup
    labour = BodyFactory(name_ru="Министерство труда, социального обеспечения и миграции")
    rows = [
        ["1.", "Направление"],
        [
            "1.1",
            "Мероприятие",
            None,
            "2026",
            "Министерство труда, социального обеспечения и миграции, МЭК",
            None,
            None,
            None,
        ],
    ]
    plan = plan_for(programme, workbook_bytes(rows, merge_first=False))
    row = plan.rows[-1]
    assert row.kind == "measure" and not row.failed, row.errors
    assert [e.body for e in row.data["executors"]] == [labour, bodies["mek"]]


def test_kyrgyz_headers_without_title_rows(setup):
    programme, bodies = setup
    rows = [
        ["1.", "Урбанизацияланган аймактар", None, None, None, None, None, None],
        [
            "1.0.1",
            "Иш-чара",
            None,
            "2026-жылдын II чейреги",
            "ЭКМ\nЖӨБ (макулдашуу боюнча)",
            None,
            "Республикалык бюджет",
            "2026 – 1 000,0",
        ],
    ]
    rows[1][0] = "1.1"
    plan = plan_for(programme, workbook_bytes(rows, KY_HEADERS, title_rows=False))
    assert plan.language == "ky"
    row = plan.rows[-1]
    assert not row.failed, row.errors
    assert row.data["deadline_end"].isoformat() == "2026-06-30"
    assert [(e.body, e.marked) for e in row.data["executors"]] == [
        (bodies["mek"], False),
        (bodies["lsg"], True),
    ]
    apply_plan(plan)
    assert Measure.objects.get(programme=programme, number="1.1").title_ky == "Иш-чара"


@pytest.mark.parametrize(
    ("number", "deadline", "amount", "column", "fragment"),
    [
        ("1.1.x", "2026", None, "A", "1.2.3"),
        ("1.1.1", "2031", None, "D", "2025–2030"),
        ("1.1.1", "2026", "2024 – 100,0", "H", "2024"),
        ("1.1.1", "2026", "1 00,0", "H", "1 00,0"),
        ("1.1.1", "2026", "100,05", "H", "one decimal"),
        ("1.1.1", "2026", "100; 200", "H", "its year"),
        ("7.1.1", "2026", None, "A", "7"),
    ],
)
def test_bad_values_are_reported_at_their_column(setup, number, deadline, amount, column, fragment):
    programme, _bodies = setup
    rows = [
        ["1.", "Направление", None, None, None, None, None, None],
        ["1.1.", "Задача", None, None, None, None, None, None],
        [number, "Мероприятие", None, deadline, "МЭК", None, "РБ" if amount else None, amount],
    ]
    plan = plan_for(programme, workbook_bytes(rows))
    row = plan.rows[-1]
    assert row.failed
    assert any(i.column_letter == column and fragment in i.message for i in row.errors), row.errors


def test_an_unknown_funding_source_is_reported(setup):
    programme, _bodies = setup
    rows = [
        ["1.", "Направление", None, None, None, None, None, None],
        ["1.1", "Мероприятие", None, "2026", "МЭК", None, "Клад в огороде", "100,0"],
    ]
    plan = plan_for(programme, workbook_bytes(rows))
    issue = plan.rows[-1].errors[0]
    assert (issue.column_letter, issue.column) == ("G", "source")
    assert "Клад в огороде" in issue.message


def test_a_file_without_the_header_row_is_refused(setup):
    programme, _bodies = setup
    with pytest.raises(PlanFileError):
        plan_for(programme, workbook_bytes([["1.", "x"]], headers=["a", "b", "c"]))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 500,0", Decimal("1500.0")),
        ("1\u00a0500,0", Decimal("1500.0")),
        ("1500.5", Decimal("1500.5")),
        ("12 345 678", Decimal("12345678.0")),
        ("0", Decimal("0.0")),
    ],
)
def test_amounts_with_comma_decimals_and_space_thousands(text, value):
    assert layout.parse_amount(text) == value
    assert layout.parse_amount(layout.format_amount(value)) == value


@pytest.mark.parametrize("text", ["12,3,4", "-5", "1.500,0", "abc", "1 50", ""])
def test_garbled_amounts_are_refused(text):
    with pytest.raises(layout.AmountError):
        layout.parse_amount(text)
