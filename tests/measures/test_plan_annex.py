"""The exported plan is the annex a ministry files: the annex line and the official title, amounts
a spreadsheet can sum with a total row, "within the approved budget" in words, the indicators in
column 6, header rows repeated on every page; and importing it again changes nothing."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from measures.models import FundingLine, Measure
from measures.plan_io import exporter, layout
from measures.plan_io.importer import apply_plan, build_plan
from programs.models import LegalActKind, LegalActRole, ProgrammeLegalAct
from tests.factories import (
    BodyFactory,
    DirectionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    LegalActFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ObjectiveFactory,
    UnitFactory,
)
from tests.measures.plan_files import RU_HEADERS, make_programme_and_bodies, workbook_bytes
from tests.measures.test_plan_import import snapshot

pytestmark = pytest.mark.django_db

D = datetime.date
LANGS = ("ky", "ru", "en")
ANNEX = {
    "ky": "Кыргыз Республикасынын Министрлер Кабинетинин 2025-жылдын 18-мартындагы № 135 "
    "токтомуна тиркеме",
    "ru": "Приложение к постановлению Кабинета Министров Кыргызской Республики от 18 марта "
    "2025 года № 135",
    "en": "Annex to Resolution of the Cabinet of Ministers of the Kyrgyz Republic No. 135 of "
    "18 March 2025",
}
TITLE = {
    "ky": "Региондорду комплекстүү социалдык-экономикалык өнүктүрүүнүн 2025–2030-жылдарга "
    "Мамлекеттик программасын ишке ашыруу боюнча иш-чаралар планы",
    "ru": "План мероприятий по реализации Государственной программы комплексного "
    "социально-экономического развития регионов на 2025–2030 годы",
    "en": "Action plan for the implementation of the State Programme for Comprehensive "
    "Socio-Economic Development of the Regions for 2025–2030",
}
WITHIN = {
    "ky": "бекитилген бюджеттин чегинде",
    "ru": "в пределах утверждённого бюджета",
    "en": "within the approved budget",
}


@pytest.fixture
def plan():
    """A programme approved by Resolution No. 135, with measures of every funding shape."""
    programme, bodies = make_programme_and_bodies(
        title_ky="Региондорду комплекстүү социалдык-экономикалык өнүктүрүүнүн 2025–2030-жылдарга "
        "Мамлекеттик программасы",
        title_ru="Государственная программа комплексного социально-экономического развития "
        "регионов на 2025–2030 годы",
        title_en="State Programme for Comprehensive Socio-Economic Development of the Regions "
        "for 2025–2030",
    )
    act = LegalActFactory(
        kind=LegalActKind.RESOLUTION,
        number="135",
        date=D(2025, 3, 18),
        issuer_genitive_ky="Кыргыз Республикасынын Министрлер Кабинетинин",
        issuer_genitive_ru="Кабинета Министров Кыргызской Республики",
        issuer_genitive_en="of the Cabinet of Ministers of the Kyrgyz Republic",
    )
    ProgrammeLegalAct.objects.create(programme=programme, legal_act=act, role=LegalActRole.ADOPTION)
    ProgrammeLegalAct.objects.create(
        programme=programme,
        legal_act=LegalActFactory(date=D(2022, 10, 18)),
        role=LegalActRole.BASIS,
    )
    objective = ObjectiveFactory(direction=DirectionFactory(programme=programme, number="1"))
    objective.number = "1.1"
    objective.save()
    # Typed in Kyrgyz; republican money in its own year (a number cell), donors over two years.
    first = MeasureFactory(
        objective=objective,
        number="1.1.1",
        lead_body=bodies["mek"],
        deadline_text="2025-жылдын IV чейреги",
        deadline_start=D(2025, 10, 1),
        deadline_end=D(2025, 12, 31),
        expected_result_ru="Методика утверждена",
        expected_result_ky="Методика бекитилди",
        expected_result_en="The method is approved",
    )
    ExecutorFactory(measure=first, body=bodies["lsg"], in_coordination=True)
    FundingLineFactory(measure=first, year=2025, planned_amount=Decimal("1500.0"))
    FundingLineFactory(
        measure=first, source="donor", year=2026, planned_amount=Decimal("200.5"), donor=None
    )
    FundingLineFactory(
        measure=first,
        source="donor",
        year=2026,
        planned_amount=Decimal("99.5"),
        donor=BodyFactory(),
    )
    FundingLineFactory(measure=first, source="donor", year=2027, planned_amount=Decimal("300.0"))
    indicator = MeasureIndicatorFactory(
        measure=first,
        name_ru="Доля айылных аймаков с программами",
        name_ky="Программасы бар айыл аймактарынын үлүшү",
        name_en="Share of ayil aimaks with programmes",
        unit_of_measure_ru="%",
        unit_of_measure_ky="%",
        unit_of_measure_en="%",
        baseline_value=Decimal("20.000"),
        baseline_year=2024,
    )
    IndicatorTargetFactory(indicator=indicator, year=2025, target_value=Decimal("30"))
    IndicatorTargetFactory(indicator=indicator, year=2026, target_value=Decimal("45.500"))
    IndicatorTargetFactory(
        indicator=indicator, year=2026, target_value=Decimal("99"), unit=UnitFactory()
    )
    # Within the approved budget: a zero line filed under 2025 though the deadline is in 2026.
    second = MeasureFactory(
        objective=objective,
        number="1.1.2",
        lead_body=bodies["minfin"],
        deadline_text="ежегодно, до 1 февраля",
        deadline_kind="annual",
        deadline_start=D(2025, 1, 1),
        deadline_end=D(2030, 2, 1),
    )
    FundingLineFactory(
        measure=second, source="within_budget", year=2025, planned_amount=Decimal("0")
    )
    # Local money over two years and a zero republican line.
    third = MeasureFactory(
        objective=objective,
        number="1.1.3",
        lead_body=bodies["mek"],
        deadline_text="2026-2028-жж.",
        deadline_kind="period",
        deadline_start=D(2026, 1, 1),
        deadline_end=D(2028, 12, 31),
    )
    FundingLineFactory(measure=third, source="local", year=2026, planned_amount=Decimal("100.0"))
    FundingLineFactory(measure=third, source="local", year=2027, planned_amount=Decimal("50.0"))
    FundingLineFactory(measure=third, source="republican", year=2026, planned_amount=Decimal("0"))
    return programme, bodies


def export(programme, *, fmt="xlsx", lang="ru", queryset=None) -> bytes:
    queryset = queryset if queryset is not None else Measure.objects.filter(programme=programme)
    with exporter.export_file(programme, queryset, fmt=fmt, lang=lang) as output:
        return output.read()


def workbook(programme, lang="ru"):
    return load_workbook(io.BytesIO(export(programme, lang=lang)))


def values(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def header_row(rows) -> int:
    """The 1-based Excel row of the headers: the one above the column numbers 1…8."""
    return next(i for i, row in enumerate(rows) if row[:3] == ["1", "2", "3"])


def measure_row(rows, number: str) -> list:
    return next(row for row in rows if row[0] == f"{number}.")


# --- above the table -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_annex_line_and_the_official_title_head_the_xlsx(plan, lang):
    programme, _bodies = plan
    sheet = workbook(programme, lang).worksheets[0]
    assert sheet["F1"].value == ANNEX[lang]
    assert "F1:H1" in {str(cells) for cell_range in [sheet.merged_cells] for cells in cell_range}
    assert sheet["A3"].value == TITLE[lang]
    assert header_row(values(sheet)) == 5


@pytest.mark.parametrize("lang", LANGS)
def test_the_annex_line_and_the_official_title_head_the_docx(plan, lang):
    programme, _bodies = plan
    document = Document(io.BytesIO(export(programme, fmt="docx", lang=lang)))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:2] == [ANNEX[lang], TITLE[lang]]
    assert document.paragraphs[0].paragraph_format.left_indent > 0  # the block at the top right


def test_without_an_approving_act_there_is_no_annex_line(plan):
    programme, _bodies = plan
    programme.act_links.filter(role=LegalActRole.ADOPTION).delete()
    rows = values(workbook(programme).worksheets[0])
    assert rows[0][0] == TITLE["ru"]
    assert not any(ANNEX["ru"] in str(value) for row in rows for value in row)
    document = Document(io.BytesIO(export(programme, fmt="docx")))
    assert document.paragraphs[0].text == TITLE["ru"]


@pytest.mark.parametrize(
    ("lang", "title", "expected"),
    [
        ("ru", "Программа поддержки точек роста на 2025–2030 годы", "Программы поддержки"),
        ("ru", "Концепция развития", "программы «Концепция развития»"),
        ("ky", "2025–2030-жылдарга өсүү чекиттерин колдоо программасы", "колдоо программасын"),
        ("ky", "Өнүктүрүү концепциясы", "«Өнүктүрүү концепциясы» программасын"),
        ("en", "The Growth Points Programme", "implementation of The Growth Points Programme"),
    ],
)
def test_the_official_title_declines_the_programme_or_quotes_it(plan, lang, title, expected):
    programme, _bodies = plan
    setattr(programme, f"title_{lang}", title)
    with translation.override(lang):
        assert expected in layout.plan_title(programme)


# --- amounts ---------------------------------------------------------------------------------


def sql_total(programme, **filters) -> Decimal:
    return FundingLine.objects.filter(measure__programme=programme, **filters).aggregate(
        total=Sum("planned_amount")
    )["total"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_total_rows_equal_the_sums_in_the_database(plan, lang):
    programme, _bodies = plan
    rows = values(workbook(programme, lang).worksheets[0])
    with translation.override(lang):
        total_word, including_word = layout.total_label(), layout.including_label()
        labels = {
            source: layout.source_label(source, lang) for source in ("republican", "local", "donor")
        }
    totals = [row for row in rows if row[1] in (total_word, including_word)]
    assert totals[0][1] == total_word and totals[0][0] is None
    assert Decimal(str(totals[0][7])) == sql_total(programme) == Decimal("2250.0")
    assert {row[6]: Decimal(str(row[7])) for row in totals[1:]} == {
        labels[source]: sql_total(programme, source=source)
        for source in ("republican", "local", "donor")  # the zero within-budget line has no row
    }
    assert {"ky": "Жыйынтыгы", "ru": "Итого", "en": "Total"}[lang] == total_word


def test_the_total_rows_are_number_cells(plan):
    programme, _bodies = plan
    sheet = workbook(programme).worksheets[0]
    cells = [row[7] for row in sheet.iter_rows() if row[1].value in ("Итого", "в том числе")]
    assert len(cells) == 4
    for cell in cells:
        assert cell.data_type == "n" and cell.number_format == "#,##0.0"


def test_the_funding_sheet_has_one_number_per_measure_source_and_year(plan):
    programme, _bodies = plan
    book = workbook(programme)
    assert book.sheetnames == ["План мероприятий", "Финансирование"]
    sheet = book.worksheets[1]
    rows = values(sheet)
    assert rows[0] == [
        "№ п/п",
        "Мероприятие",
        "Источник финансирования",
        "Год",
        "Объём финансирования, тыс. сом",
    ]
    assert sheet.freeze_panes == "A2"
    data = rows[1:]
    assert [(row[0], row[2], row[3]) for row in data] == [
        ("1.1.1.", "Республиканский бюджет", 2025),
        ("1.1.1.", "Средства доноров", 2026),  # two donors' lines of 2026, summed
        ("1.1.1.", "Средства доноров", 2027),
        ("1.1.2.", "В пределах утверждённого бюджета", 2025),
        ("1.1.3.", "Республиканский бюджет", 2026),
        ("1.1.3.", "Местный бюджет", 2026),
        ("1.1.3.", "Местный бюджет", 2027),
    ]
    for row in sheet.iter_rows(min_row=2):
        assert row[3].data_type == "n" and row[4].data_type == "n"
    assert Decimal(str(data[1][4])) == Decimal("300.0")
    assert sum(Decimal(str(row[4])) for row in data) == sql_total(programme)


def test_column_8_stays_as_the_official_text_writes_it(plan):
    programme, _bodies = plan
    sheet = workbook(programme).worksheets[0]
    rows = values(sheet)
    first = measure_row(rows, "1.1.1")
    assert first[6] == "Республиканский бюджет\nСредства доноров"
    assert first[7] == "1 500,0\n2026 – 300,0; 2027 – 300,0"
    third = measure_row(rows, "1.1.3")
    assert third[6] == "Республиканский бюджет\nМестный бюджет"
    assert third[7] == "—\n2026 – 100,0; 2027 – 50,0"  # a source without money: a dash


@pytest.mark.parametrize("lang", LANGS)
def test_within_the_approved_budget_is_written_as_such(plan, lang):
    programme, _bodies = plan
    rows = values(workbook(programme, lang).worksheets[0])
    second = measure_row(rows, "1.1.2")
    assert second[7] == WITHIN[lang]
    assert not any(re.search(r"(^|[\s–])0,0", str(row[7])) for row in rows if row[0])
    document = Document(io.BytesIO(export(programme, fmt="docx", lang=lang)))
    docx_rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert measure_row(docx_rows, "1.1.2")[7] == WITHIN[lang]


def test_a_single_amount_of_the_deadlines_year_is_a_number_cell(plan):
    programme, bodies = plan
    objective = programme.directions.get().objectives.get()
    MeasureFactory(objective=objective, number="1.1.4", lead_body=bodies["mek"])
    FundingLineFactory(measure=Measure.objects.get(number="1.1.4"), year=2026)
    sheet = workbook(programme).worksheets[0]
    cell = next(row[7] for row in sheet.iter_rows() if row[0].value == "1.1.4.")
    assert cell.value == 1500 and cell.data_type == "n"


# --- column 6 --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "result"),
    [
        (
            "ru",
            "Методика утверждена\nИндикатор: Доля айылных аймаков с программами, %: базовое "
            "значение 20 (2024) → 2025 – 30; 2026 – 45,5",
        ),
        (
            "ky",
            "Методика бекитилди\nКөрсөткүч: Программасы бар айыл аймактарынын үлүшү, %: базалык "
            "маани 20 (2024) → 2025 – 30; 2026 – 45,5",
        ),
        (
            "en",
            "The method is approved\nIndicator: Share of ayil aimaks with programmes, %: baseline "
            "20 (2024) → 2025 – 30; 2026 – 45.5",
        ),
    ],
)
def test_column_6_holds_the_expected_result_and_the_indicators(plan, lang, result):
    programme, _bodies = plan
    rows = values(workbook(programme, lang).worksheets[0])
    assert measure_row(rows, "1.1.1")[5] == result  # the target of one unit stays on the page
    document = Document(io.BytesIO(export(programme, fmt="docx", lang=lang)))
    docx_rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert measure_row(docx_rows, "1.1.1")[5] == result


def test_an_indicator_without_baseline_or_targets_is_named_with_its_unit():
    with translation.override("ru"):
        assert layout.indicator_line("Число школ", "ед.", None, None, []) == (
            "Индикатор: Число школ, ед."
        )
        assert layout.indicator_line("Число школ", "ед.", Decimal("1234.5"), None, []) == (
            "Индикатор: Число школ, ед.: базовое значение 1\u00a0234,5"  # no break in a number
        )


# --- pages -----------------------------------------------------------------------------------


def test_docx_repeats_its_header_rows_on_every_page_in_times_new_roman(plan):
    programme, _bodies = plan
    document = Document(io.BytesIO(export(programme, fmt="docx")))
    rows = document.tables[0].rows
    repeated = [bool(row._tr.xpath("./w:trPr/w:tblHeader")) for row in rows]
    assert repeated[:2] == [True, True] and not any(repeated[2:])
    assert rows[0]._tr.xpath("./w:trPr/w:tblHeader")[0].get(qn("w:val")) == "true"
    fonts = document.styles["Normal"].element.rPr.rFonts
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(script)) == "Times New Roman"
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert "Выгружено с портала" in section.footer.paragraphs[0].text


def test_xlsx_freezes_the_header_and_prints_it_on_every_page(plan):
    programme, _bodies = plan
    sheet = workbook(programme).worksheets[0]
    rows = values(sheet)
    header = header_row(rows)
    assert rows[header][:3] == ["1", "2", "3"]  # the column numbers under the headers
    assert sheet.freeze_panes == f"A{header + 2}"
    assert sheet.print_title_rows == f"${header}:${header + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert "Выгружено с портала" in sheet.oddFooter.left.text


# --- the round trip --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_importing_the_annex_again_changes_nothing(plan, lang):
    programme, _bodies = plan
    before = snapshot(programme)
    texts = dict(Measure.objects.values_list("number", "deadline_text"))
    plan_ = build_plan(programme, io.BytesIO(export(programme, lang=lang)))
    assert not plan_.has_errors, plan_.errors
    assert [(row.number, row.action) for row in plan_.rows] == [
        ("1", "unchanged"),
        ("1.1", "unchanged"),
        ("1.1.1", "unchanged"),
        ("1.1.2", "unchanged"),
        ("1.1.3", "unchanged"),
    ], [(row.number, row.changes) for row in plan_.rows]
    apply_plan(plan_)
    assert snapshot(programme) == before
    # the deadlines as typed stay the record, though the file wrote them in its language
    assert dict(Measure.objects.values_list("number", "deadline_text")) == texts
    assert Measure.objects.get(number="1.1.1").indicators.get().targets.count() == 3


def test_a_changed_deadline_in_the_file_replaces_the_text_as_written(plan):
    programme, _bodies = plan
    data = export(programme, lang="ru")
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows():
        if row[0].value == "1.1.1.":
            row[3].value = "I полугодие 2026 года"
    output = io.BytesIO()
    book.save(output)
    plan_ = build_plan(programme, io.BytesIO(output.getvalue()))
    changed = {row.number: row.changes for row in plan_.rows if row.action == "update"}
    assert list(changed) == ["1.1.1"]
    apply_plan(plan_)
    measure = Measure.objects.get(number="1.1.1")
    assert measure.deadline_text == "I полугодие 2026 года"
    assert (measure.deadline_start, measure.deadline_end) == (D(2026, 1, 1), D(2026, 6, 30))


def test_a_clerks_file_with_total_rows_and_within_budget_words_imports(plan):
    programme, _bodies = plan
    rows = [
        ["1.", "Направление"],
        ["1.1.", "Задача"],
        [
            "1.1.7.",
            "Новое мероприятие",
            None,
            "2026-ж.",
            "МЭК",
            None,
            "Республиканский бюджет\nМестный бюджет",
            "в пределах утвержденного бюджета\n—",
        ],
        [None, "Итого", None, None, None, None, None, 0],
        [None, "в том числе:", None, None, None, None, "Республиканский бюджет", 0],
        ["Всего по программе", None, None, None, None, None, None, 0],
    ]
    plan_ = build_plan(programme, io.BytesIO(workbook_bytes(rows, RU_HEADERS)))
    assert not plan_.has_errors, plan_.errors
    assert [row.number for row in plan_.rows] == ["1", "1.1", "1.1.7"]
    funding = plan_.rows[-1].data["funding"]
    assert funding == {("republican", 2026): Decimal("0.0"), ("local", 2026): Decimal("0.0")}


# --- the plan page ---------------------------------------------------------------------------


def test_the_plan_page_names_the_programme_in_its_caption_and_breadcrumbs(client, plan):
    programme, _bodies = plan
    programme.short_title_ru = "Программа развития регионов 2025–2030"
    programme.save()
    with translation.override("ru"):
        url = reverse("measures:measure_list") + f"?programme={programme.code}"
    html = client.get(url).content.decode()
    assert f'<caption id="plan-caption">{TITLE["ru"]}</caption>' in html
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert ">Программа развития регионов 2025–2030</a>" in crumbs
    assert f">{programme.code}" not in crumbs
    assert programme.code not in html.split('id="plan-caption"')[1].split("</caption>")[0]
