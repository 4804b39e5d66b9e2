"""Export of the plan as .xlsx/.docx: layout, languages, formula guard, round trip, access, queries."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from openpyxl import load_workbook

from measures.models import Measure
from measures.plan_io import exporter, layout
from measures.plan_io.importer import apply_plan, build_plan
from programs.models import BodyKind, Objective, ProgrammeStatus
from tests.factories import (
    BodyFactory,
    DirectionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ObjectiveFactory,
    ProgrammeFactory,
)
from tests.measures.plan_files import make_programme_and_bodies, realistic_rows, workbook_bytes
from tests.measures.test_plan_import import snapshot

pytestmark = pytest.mark.django_db


def export_bytes(programme, *, fmt="xlsx", lang="ru", queryset=None) -> bytes:
    queryset = (
        queryset if queryset is not None else Measure.objects.active().filter(programme=programme)
    )
    with exporter.export_file(programme, queryset, fmt=fmt, lang=lang) as output:
        return output.read()


def sheet_rows(data: bytes) -> list[list]:
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(data)).active.iter_rows()]


def header_index(rows: list[list]) -> int:
    """The index of the header row (the one with "№" in column 1)."""
    return next(i for i, row in enumerate(rows) if str(row[0] or "").startswith("№"))


def plan_content(programme, lang="ru"):
    """The plan as a reader sees it, without ids or timestamps (nor the deadline as typed: a
    copy made from an export holds the deadline as the export writes it)."""
    return {
        "directions": sorted(
            (d.number, getattr(d, f"title_{lang}")) for d in programme.directions.all()
        ),
        "objectives": sorted(
            (o.number, getattr(o, f"title_{lang}"))
            for o in Objective.objects.filter(direction__programme=programme)
        ),
        "measures": sorted(
            (
                m.number,
                getattr(m, f"title_{lang}"),
                getattr(m, f"implementation_mechanism_{lang}"),
                getattr(m, f"expected_result_{lang}"),
                m.deadline_kind,
                m.deadline_start,
                m.deadline_end,
                m.lead_body_id,
                m.objective.number if m.objective_id else None,
                tuple((e.body_id, e.in_coordination) for e in m.executors.order_by("position")),
                tuple(sorted(m.funding_lines.values_list("source", "year", "planned_amount"))),
            )
            for m in Measure.objects.filter(programme=programme)
        ),
    }


@pytest.fixture
def imported():
    programme, bodies = make_programme_and_bodies()
    plan = build_plan(programme, io.BytesIO(workbook_bytes(realistic_rows())))
    apply_plan(plan, skip_failed_rows=True)
    return programme, bodies


def test_xlsx_has_title_headers_headings_and_measures_in_the_chosen_language(imported):
    programme, _bodies = imported
    workbook = load_workbook(io.BytesIO(export_bytes(programme, lang="ky")))
    with translation.override("ky"):
        # the Kyrgyz catalogue's word, not the English
        assert workbook.sheetnames[0] == str(_("Action plan")) != "Action plan"
    rows = sheet_rows(export_bytes(programme, lang="ky"))
    # no approving act: the official title comes first
    assert rows[0][0] == f"«{programme.title_ky}» программасын ишке ашыруу боюнча иш-чаралар планы"
    first = header_index(rows)
    header = rows[first]
    assert header[:2] == ["№", "Милдет / Иш-чаранын аталышы"]
    assert header[7] == "Каржылоонун көлөмү, миң сом"
    numbers = [row[0] for row in rows[first + 2 :] if row[0]]
    # The objective 1.2 lost all its measures to errors on import, and is still in the plan.
    assert numbers == ["1.", "1.1.", "1.1.1.", "1.1.3.", "1.2.", "2.", "2.1.", "2.1.1."]
    measure_row = rows[first + 4]
    assert measure_row[4].split("\n")[1:] == [
        "Финансы министрлиги (макулдашуу боюнча)",
        "Жергиликтүү өз алдынча башкаруу органдары (макулдашуу боюнча)",
    ]


def test_xlsx_round_trip_into_an_empty_copy_gives_an_equal_plan(imported):
    programme, _bodies = imported
    data = export_bytes(programme, lang="ru")
    copy = ProgrammeFactory(period_start_year=2025, period_end_year=2030)
    plan = build_plan(copy, io.BytesIO(data))
    assert not plan.has_errors, plan.errors
    apply_plan(plan)
    original, copied = plan_content(programme), plan_content(copy)
    assert copied == original
    assert len(copied["measures"]) == 3
    # the copy's deadlines are written as the Russian file writes them
    assert set(Measure.objects.filter(programme=copy).values_list("deadline_text", flat=True)) == {
        "IV квартал 2025 года",
        "ежегодно",
        "II квартал 2026 года",
    }


def test_re_importing_an_export_into_the_same_programme_changes_nothing(imported):
    programme, _bodies = imported
    # Also a measure made in the portal: several years, a donor line, an LSG co-executor.
    objective = programme.directions.get(number="2").objectives.get()
    measure = MeasureFactory(
        objective=objective,
        number="2.1.2",
        deadline_text="2025–2030",
        deadline_kind="period",
        deadline_start="2025-01-01",
        deadline_end="2030-12-31",
        title_ru='=HYPERLINK("http://x")',
        title_ky="",
        title_en="",
    )
    ExecutorFactory(measure=measure, body=BodyFactory(kind=BodyKind.LSG), in_coordination=True)
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("10.5"))
    FundingLineFactory(measure=measure, year=2027, planned_amount=Decimal("20.0"))
    FundingLineFactory(measure=measure, source="local", year=2025, planned_amount=Decimal("3.0"))
    before = snapshot(programme)
    for lang in ("ru", "ky", "en"):
        plan = build_plan(programme, io.BytesIO(export_bytes(programme, lang=lang)))
        assert not plan.has_errors, plan.errors
        assert {row.action for row in plan.rows} == {"unchanged"}, [
            (row.number, row.changes) for row in plan.rows if row.action != "unchanged"
        ]
        apply_plan(plan)
    assert snapshot(programme) == before


def test_formula_looking_cells_are_neutralised(imported):
    programme, bodies = imported
    objective = programme.directions.get(number="1").objectives.get(number="1.1")
    for number, text in (
        ("1.1.7", "=1+2"),
        ("1.1.8", "+7 сом"),
        ("1.1.9", "-вычесть"),
        ("1.1.10", "@SUM(A1)"),
    ):
        MeasureFactory(
            objective=objective,
            number=number,
            title_ru=text,
            lead_body=bodies["mek"],
        )
    MeasureFactory(
        objective=objective,
        number="1.1.11",
        expected_result_ru="\tтаб",
        implementation_mechanism_ru="\r=cmd",
        lead_body=bodies["mek"],
    )
    workbook = load_workbook(io.BytesIO(export_bytes(programme, lang="ru")))
    cells = [cell for row in workbook.active.iter_rows() for cell in row if cell.value is not None]
    assert not [cell for cell in cells if cell.data_type == "f"]
    for cell in cells:
        if isinstance(cell.value, str):
            assert not cell.value.startswith(("=", "+", "-", "@", "\t", "\r")), cell.value
    titles = {cell.value for cell in cells}
    assert {"'=1+2", "'+7 сом", "'-вычесть", "'@SUM(A1)", "'\tтаб"} <= titles
    # ... and the import takes the guard off again: the re-import changes nothing (leading tabs
    # and carriage returns are whitespace to the import, so only 1.1.11 differs).
    plan = build_plan(programme, io.BytesIO(export_bytes(programme, lang="ru")))
    assert {row.number for row in plan.rows if row.action != "unchanged"} == {"1.1.11"}


def test_docx_has_the_headers_in_the_chosen_language_and_the_measure_titles(imported):
    programme, _bodies = imported
    for lang, header in (
        ("ru", "Задача / Наименование мероприятия"),
        ("en", "Objective / Measure"),
    ):
        document = Document(io.BytesIO(export_bytes(programme, fmt="docx", lang=lang)))
        table = document.tables[0]
        assert [cell.text for cell in table.rows[0].cells][1] == header
        texts = {cell.text for row in table.rows for cell in row.cells}
        for measure in Measure.objects.filter(programme=programme):
            with translation.override(lang):
                assert measure.title in texts
        with translation.override(lang):
            assert document.paragraphs[0].text == layout.plan_title(programme)


def test_export_command_writes_the_file(imported, tmp_path):
    programme, _bodies = imported
    target = tmp_path / "plan.docx"
    call_command(
        "export_action_plan",
        "--programme",
        programme.code,
        "--format",
        "docx",
        "--lang",
        "en",
        "-o",
        str(target),
        stdout=io.StringIO(),
    )
    assert "Objective / Measure" in {c.text for c in Document(str(target)).tables[0].rows[0].cells}
    target = tmp_path / "plan.xlsx"
    call_command(
        "export_action_plan",
        "--programme",
        programme.code,
        "--format",
        "xlsx",
        "--lang",
        "ru",
        "-o",
        str(target),
        stdout=io.StringIO(),
    )
    rows = [[c.value for c in row] for row in load_workbook(target).active.iter_rows()]
    assert rows[header_index(rows)][:2] == ["№ п/п", "Задача / Наименование мероприятия"]


# --- the view ------------------------------------------------------------------------------


def export_url(fmt="xlsx", **params):
    from urllib.parse import urlencode

    return reverse("measures:plan_export", args=[fmt]) + "?" + urlencode(params)


def test_anyone_may_export_a_published_plan_with_the_page_filters(client, imported):
    programme, bodies = imported
    response = client.get(export_url(programme=programme.code, lang="ru", body=bodies["lsg"].pk))
    assert response.status_code == 200
    assert response["Content-Type"] == exporter.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    rows = sheet_rows(b"".join(response.streaming_content))
    numbers = [row[0] for row in rows[header_index(rows) + 2 :] if row[0]]
    assert numbers == ["1.", "1.1.", "1.1.1.", "1.1.3."]  # only the measures the LSG executes

    response = client.get(export_url("docx", programme=programme.code, lang="en"))
    assert response.status_code == 200
    assert response["Content-Type"] == exporter.DOCX_CONTENT_TYPE


def test_a_draft_is_not_exported_to_the_anonymous(client):
    draft = ProgrammeFactory(status=ProgrammeStatus.DRAFT)
    MeasureFactory(objective=ObjectiveFactory(direction=DirectionFactory(programme=draft)))
    assert client.get(export_url(programme=draft.code)).status_code == 404
    assert client.get(export_url("docx", programme=draft.code)).status_code == 404


def test_a_bad_filter_or_format_is_refused(client, imported):
    programme, _bodies = imported
    assert client.get(export_url(programme=programme.code, year="never")).status_code == 400
    assert client.get(export_url("pdf", programme=programme.code)).status_code == 404


@pytest.mark.parametrize("count", [10, 200])
def test_the_export_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    programme = ProgrammeFactory()
    objective = ObjectiveFactory(direction=DirectionFactory(programme=programme))
    lead, co = BodyFactory(), BodyFactory()
    measures = MeasureFactory.create_batch(count, objective=objective, lead_body=lead)
    for measure in measures:
        ExecutorFactory(measure=measure, body=co)
        FundingLineFactory(measure=measure)
        IndicatorTargetFactory(indicator=MeasureIndicatorFactory(measure=measure))
    # 5 per chunk of 500 measures (rows, co-executors, funding, indicators, their targets), the
    # headings, the approving act, the programme, the session's, and the count that decides
    # between streaming and a background job (EXPORT_DIRECT_MAX_MEASURES).
    with django_assert_max_num_queries(13):
        response = client.get(export_url(programme=programme.code, lang="ru"))
    assert response.status_code == 200
    rows = sheet_rows(b"".join(response.streaming_content))
    # title, blank, headers, column numbers, direction, objective, the measures, total, source
    assert len(rows) == 4 + 2 + count + 2


def document_built_whole(programme, queryset, lang: str) -> bytes:
    """The annex as python-docx builds it with the whole table in memory (how the export wrote
    it before it streamed its rows): the reference the streamed file must equal part for part."""
    from django.utils import timezone
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    from measures.plan_io.docx_common import repeat_header, use_font

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    use_font(document)
    sample = exporter.has_sample_rows(programme, queryset)
    with translation.override(lang):
        head = exporter.heading(programme, timezone.localdate())
        if head.annex:
            annex = document.add_paragraph(head.annex)
            annex.paragraph_format.left_indent = Cm(18)
            annex.paragraph_format.space_after = Pt(12)
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        run = title.add_run(head.title)
        run.bold, run.font.size = True, Pt(12)
        if sample:
            note = document.add_paragraph()
            note.paragraph_format.space_after = Pt(6)
            note.add_run(layout.sample_note()).bold = True
        table = document.add_table(rows=2, cols=9 if sample else 8)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, exporter.headers(sample), strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        for index, cell in enumerate(table.rows[1].cells[:8], start=1):
            cell.text = str(index)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for row in table.rows:
            repeat_header(row)
        totals = exporter.Totals()
        for kind, values, obj in exporter.plan_rows(programme, queryset, all_headings=True):
            cells = table.add_row().cells
            if sample:
                cells[8].text = exporter.sample_cell(obj)
            if kind == "measure":
                for cell, value in zip(cells[:8], values, strict=True):
                    cell.text = exporter._docx_text(value)
                totals.add(exporter.funding_by_source(obj), sample=obj.sample)
            else:
                cells[0].text = values[0]
                merged = cells[1].merge(cells[7])
                merged.text = values[1]
                for cell in (cells[0], merged):
                    for run in cell.paragraphs[0].runs:
                        run.bold = True
        for label, source, amount in totals.rows():
            cells = table.add_row().cells
            cells[1].text, cells[6].text = label, source
            cells[7].text = layout.format_amount(amount)
            if totals.includes_sample:
                cells[8].text = str(layout.SAMPLE_LABEL)
            for cell in (cells[1], cells[7]):
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        section.footer.paragraphs[0].text = head.exported
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def zip_parts(data: bytes) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
@pytest.mark.parametrize("with_sample", [False, True])
def test_docx_written_row_by_row_equals_the_document_built_whole(imported, lang, with_sample):
    programme, _bodies = imported
    if with_sample:  # the ninth column, the sample note and the marked total
        Measure.objects.filter(programme=programme, number="1.1.3").update(sample=True)
    queryset = Measure.objects.active().filter(programme=programme)
    streamed = export_bytes(programme, fmt="docx", lang=lang)
    whole = zip_parts(document_built_whole(programme, queryset, lang))
    assert list(zip_parts(streamed)) == list(whole)  # the same parts in the same order
    assert zip_parts(streamed) == whole  # and the same bytes in each
    table = Document(io.BytesIO(streamed)).tables[0]
    assert len(table.rows) > 2 + queryset.count()  # headers, headings, measures and totals
    assert len(table.columns) == (9 if with_sample else 8)


def test_docx_rows_come_in_chunks_in_the_plan_order(imported, monkeypatch):
    programme, _bodies = imported
    queryset = Measure.objects.active().filter(programme=programme)
    expected = export_bytes(programme, fmt="docx", lang="ru")
    monkeypatch.setattr(exporter, "CHUNK", 2)
    assert zip_parts(export_bytes(programme, fmt="docx", lang="ru")) == zip_parts(expected)
    numbers = [
        row.cells[0].text
        for row in Document(io.BytesIO(expected)).tables[0].rows
        if row.cells[0].text.count(".") == 3
    ]
    assert numbers == [f"{m.number}." for m in queryset.in_plan_order()]
