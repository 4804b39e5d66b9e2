"""The consolidated report to the Cabinet on one reporting period: its figures from accepted
reports only, the .docx in Kyrgyz and Russian (opened here with python-docx), byte-identical when
built again, the sending kept as sent, who may do what, and a fixed number of queries."""

from __future__ import annotations

import hashlib
import io
import itertools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import docx
import pytest
from django.core.management import call_command
from django.db.models import F, Sum
from django.utils import timezone, translation

from measures.models import (
    FundingAllocation,
    Measure,
    ProgressReport,
    ReportDispatch,
    ReportSpending,
    ReportStatus,
)
from measures.plan_io.consolidated_docx import report_bytes
from measures.reporting import consolidated as C
from programs.models import ProgrammeStatus
from programs.roles import REPORTERS
from tests.edit_helpers import editor_of, user_in
from tests.factories import (
    BodyFactory,
    DirectionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorActualFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ReportSpendingFactory,
    UnitFactory,
    reporting_period,
)

pytestmark = pytest.mark.django_db

RU_TITLE = (
    "Информация о ходе реализации Государственной программы развития регионов на 2025–2030 годы "
    "за II полугодие 2025 года"
)
KY_TITLE = (
    "2025–2030-жылдарга региондорду өнүктүрүүнүн Мамлекеттик программасынын 2025-жылдын "
    "II жарым жылдыгындагы аткарылышынын жүрүшү жөнүндө маалымат"
)
SPAN = {"deadline_kind": "period", "deadline_text": "2025–2030"}
SPAN |= {"deadline_start": date(2025, 1, 1), "deadline_end": date(2030, 12, 31)}


@dataclass
class World:
    programme: object
    period: object
    measures: dict
    oblast_a: object
    oblast_b: object


def accepted(measure, period, **kwargs):
    kwargs.setdefault("execution", "partly_done")
    return ProgressReportFactory(
        measure=measure,
        period=period,
        status=ReportStatus.ACCEPTED,
        reviewed_at=timezone.make_aware(timezone.datetime(2026, 1, 18, 10, 0)),
        **kwargs,
    )


@pytest.fixture
def world():
    programme = ProgrammeFactory(
        code="REG-T",
        title_ru="Государственная программа развития регионов на 2025–2030 годы",
        title_ky="2025–2030-жылдарга региондорду өнүктүрүүнүн Мамлекеттик программасы",
        status=ProgrammeStatus.IN_IMPLEMENTATION,
    )
    period = reporting_period(programme, year=2025, number=2)
    earlier = reporting_period(programme, year=2025, number=1)
    first, second = (DirectionFactory(programme=programme, number=n) for n in ("1", "2"))
    objectives = {
        "1.1": ObjectiveFactory(direction=first, number="1.1"),
        "1.2": ObjectiveFactory(direction=first, number="1.2"),
        "2.1": ObjectiveFactory(direction=second, number="2.1"),
    }
    oblast_a, oblast_b = UnitFactory(), UnitFactory()
    district_a = UnitFactory(parent=oblast_a, level="district")

    def measure(number, **kwargs):
        return MeasureFactory(
            objective=objectives[number.rsplit(".", 1)[0]], number=number, **kwargs
        )

    m = {
        "water": measure("1.1.1", target_units=[district_a, oblast_b], **SPAN),
        "plans": measure("1.1.2", target_units=[oblast_a, oblast_b], **SPAN),
        "submitted": measure("1.2.1", **SPAN),
        "returned": measure("2.1.1", **SPAN),
        "later": measure(
            "2.1.2",
            deadline_kind="once",
            deadline_text="2027",
            deadline_start=date(2027, 1, 1),
            deadline_end=date(2027, 12, 31),
        ),
        "finished": measure(
            "2.1.3",
            deadline_kind="once",
            deadline_text="I полугодие 2025",
            deadline_start=date(2025, 1, 1),
            deadline_end=date(2025, 6, 30),
        ),
        "stuck": measure("2.1.4", **SPAN),
        "archived": measure("2.1.5", archived_at=timezone.now(), **SPAN),
    }
    # Money of 2025: the water line allocated to two units, the plans line to none.
    water_line = FundingLineFactory(measure=m["water"], year=2025, planned_amount=Decimal("1000"))
    FundingAllocation.objects.create(line=water_line, unit=district_a, amount=Decimal("600"))
    FundingAllocation.objects.create(line=water_line, unit=oblast_b, amount=Decimal("400"))
    FundingLineFactory(measure=m["plans"], year=2025, source="local", planned_amount=Decimal("500"))
    FundingLineFactory(measure=m["submitted"], year=2025, planned_amount=Decimal("200"))
    FundingLineFactory(measure=m["water"], year=2026, planned_amount=Decimal("7777"))  # not 2025
    FundingLineFactory(measure=m["archived"], year=2025, planned_amount=Decimal("8888"))

    indicator = MeasureIndicatorFactory(measure=m["water"], name_ru="Сёла с водой")
    IndicatorTargetFactory(indicator=indicator, year=2025, target_value=Decimal("10"))

    water = accepted(
        m["water"],
        period,
        percent_complete=40,
        text_ky="",
        text_ru="Построено 4 водопровода",
        delay_reason_ru="Подрядчик задержал поставку труб",
    )
    ReportSpendingFactory(report=water, amount=Decimal("300.0"))
    IndicatorActualFactory(report=water, indicator=indicator, year=2025, value=Decimal("4"))
    co_body = ExecutorFactory(measure=m["water"]).body
    contribution = accepted(
        m["water"], period, reporting_body=co_body, text_ky="", text_ru="Вклад соисполнителя"
    )
    ReportSpendingFactory(report=contribution, source="local", amount=Decimal("50.0"))
    accepted(m["plans"], period, execution="done", percent_complete=100, text_ky="Иш бүттү")
    submitted = ProgressReportFactory(
        measure=m["submitted"], period=period, status=ReportStatus.SUBMITTED
    )
    ReportSpendingFactory(report=submitted, amount=Decimal("999.0"))
    ProgressReportFactory(measure=m["returned"], period=period, status=ReportStatus.RETURNED)
    accepted(m["finished"], earlier, execution="done", percent_complete=100)
    accepted(
        m["stuck"],
        period,
        execution="not_done",
        percent_complete=0,
        text_ru="Работы не начаты",
        delay_reason_ru="Нет финансирования",
    )
    accepted(m["archived"], period, execution="done", percent_complete=100)
    return World(programme, period, m, oblast_a, oblast_b)


def open_docx(content: bytes):
    return docx.Document(io.BytesIO(content))


def rows(table) -> list[list[str]]:
    result = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        result.append(cells)
    return result


def summary(document, lang) -> dict[str, str]:
    with translation.override(lang):
        labels = {key: str(C.CLASS_LABELS[key]) for key in C.CLASSES}
    values = {cells[0].strip(): cells[1] for cells in rows(document.tables[0])[1:]}
    return {key: values[label] for key, label in labels.items()} | {"all": values}


# --- the figures ------------------------------------------------------------------------------


def test_measures_fall_in_classes_from_accepted_reports_only(world):
    report = C.consolidated_report(world.period)
    classes = {row.measure.number: row.klass for row in report.rows}
    assert classes == {
        "1.1.1": C.PARTLY_DONE,
        "1.1.2": C.DONE,
        "1.2.1": C.NOT_REPORTED,  # submitted, not accepted
        "2.1.1": C.NOT_REPORTED,  # returned
        "2.1.2": C.NOT_DUE,
        "2.1.3": C.DONE,  # done in the earlier half-year
        "2.1.4": C.NOT_DONE,
    }
    finished = next(row for row in report.rows if row.measure.number == "2.1.3")
    assert finished.done_in.number == 1 and finished.report is None
    assert (
        report.accepted_reports
        == ProgressReport.objects.filter(
            period=world.period,
            status=ReportStatus.ACCEPTED,
            measure__archived_at__isnull=True,
            reporting_body=F("measure__lead_body"),
        ).count()
        == 3
    )
    assert report.accepted_contributions == 1
    assert [row.measure.number for row in report.missing] == ["1.2.1", "2.1.1"]


def test_spending_is_the_years_plan_against_the_accepted_reports_by_source(world):
    report = C.consolidated_report(world.period)
    sources = {row.source: (row.planned, row.spent) for row in report.sources}
    assert sources == {
        "republican": (Decimal("1200.0"), Decimal("300.0")),
        "local": (Decimal("500.0"), Decimal("50.0")),
    }
    # The same sums asked independently of the database.
    spent = ReportSpending.objects.filter(
        report__period=world.period,
        report__status=ReportStatus.ACCEPTED,
        report__measure__archived_at__isnull=True,
    ).aggregate(total=Sum("amount"))["total"]
    assert report.spent_total == spent == Decimal("350.0")
    planned = (
        Measure.objects.active()
        .filter(programme=world.programme, funding_lines__year=2025)
        .aggregate(total=Sum("funding_lines__planned_amount"))["total"]
    )
    assert report.planned_total == planned == Decimal("1700.0")


def test_the_regional_breakdown_keeps_allocated_and_reaching_money_apart(world):
    report = C.consolidated_report(world.period)
    regions = {region.unit.pk: region for region in report.regions}
    a, b = regions[world.oblast_a.pk], regions[world.oblast_b.pk]
    assert (a.measures, a.allocated, a.reaching) == (2, Decimal("600.0"), Decimal("500.0"))
    assert (b.measures, b.allocated, b.reaching) == (2, Decimal("400.0"), Decimal("500.0"))
    assert a.classes[C.PARTLY_DONE] == a.classes[C.DONE] == 1
    # Allocated money over all units is the allocated lines of the year, each som once.
    assert sum(r.allocated for r in report.regions) == Decimal("1000.0")


def test_indicators_compare_the_accepted_actual_with_the_years_target(world):
    report = C.consolidated_report(world.period)
    (row,) = report.indicators
    assert (row.measure.number, row.target, row.actual, row.percent) == (
        "1.1.1",
        Decimal("10"),
        Decimal("4"),
        Decimal("40"),
    )


# --- the document ---------------------------------------------------------------------------


def test_the_russian_report_reads_as_the_official_document(world):
    document = open_docx(report_bytes(world.period, "ru"))
    texts = [p.text for p in document.paragraphs]
    assert RU_TITLE in texts
    assert document.core_properties.title == RU_TITLE
    assert any("01.07.2025 – 31.12.2025" in t and "15.01.2026" in t for t in texts)
    figures = summary(document, "ru")
    assert (figures[C.DONE], figures[C.PARTLY_DONE], figures[C.NOT_DONE]) == ("2", "1", "1")
    assert (figures[C.NOT_REPORTED], figures[C.NOT_DUE]) == ("2", "1")
    assert figures["all"]["Мероприятия плана мероприятий"] == "7"
    assert figures["all"]["Принято отчётов о ходе выполнения ответственных исполнителей"] == "3"
    assert figures["all"]["Запланировано на 2025 год, тыс. сомов"] == "1 700,0"
    assert figures["all"]["Израсходовано с 1 января 2025 года, тыс. сомов"] == "350,0"

    status = {cells[0]: cells for cells in rows(document.tables[1])[1:]}
    water = status["1.1.1."]
    assert water[3] == "выполнено частично" and water[4] == "40"
    assert "Построено 4 водопровода" in water[5]
    assert "Причина задержки: Подрядчик задержал поставку труб" in water[5]
    assert "Вклад соисполнителя" in water[5]
    # A text written only in Kyrgyz is given in Kyrgyz and marked so.
    assert status["1.1.2."][5] == "Иш бүттү [текст на кыргызском языке]"
    assert status["2.1.3."][3] == "выполнено (I полугодие 2025 года)"
    assert status["1.2.1."][3] == "отчёт не представлен"
    assert "2.1.5." not in status  # archived
    assert "1." in status and "1.1." in status  # direction and objective rows

    (indicator,) = rows(document.tables[2])[1:]
    assert indicator == ["1.1.1.", "Сёла с водой, единиц", "0 (2024)", "10", "4", "40"]
    spending = rows(document.tables[3])
    assert spending[1] == ["Республиканский бюджет", "1 200,0", "300,0", "25"]
    assert spending[-1] == ["Итого", "1 700,0", "350,0", "21"]
    regions = {cells[0]: cells for cells in rows(document.tables[4])[1:]}
    assert regions[world.oblast_a.name_ru][:4] == [world.oblast_a.name_ru, "2", "600,0", "500,0"]
    missing = [cells[0] for cells in rows(document.tables[5])[1:]]
    assert missing == ["1.2.1.", "2.1.1."]
    assert "Демонстрационные данные" not in document.sections[0].header.paragraphs[0].text


def test_the_kyrgyz_report_is_in_kyrgyz(world):
    document = open_docx(report_bytes(world.period, "ky"))
    texts = [p.text for p in document.paragraphs]
    assert KY_TITLE in texts
    figures = summary(document, "ky")
    assert figures[C.DONE] == "2" and figures["all"]["Иш-чаралар планынын иш-чаралары"] == "7"
    status = {cells[0]: cells for cells in rows(document.tables[1])[1:]}
    assert status["1.1.1."][3] == "жарым-жартылай аткарылды"
    assert "Построено 4 водопровода [орусча жазылган текст]" in status["1.1.1."][5]
    assert status["1.1.2."][5] == "Иш бүттү"
    assert rows(document.tables[3])[-1][0] == "Жыйынтыгы"
    assert "Information" not in " ".join(texts)


def test_sample_content_is_marked_on_the_first_page_each_page_and_its_measure(world):
    Measure.objects.filter(pk=world.measures["water"].pk).update(sample=True)
    document = open_docx(report_bytes(world.period, "ru"))
    assert document.paragraphs[0].text.startswith("ДЕМОНСТРАЦИОННЫЕ ДАННЫЕ.")
    assert "Демонстрационные данные" in document.sections[0].header.paragraphs[0].text
    status = {cells[0]: cells for cells in rows(document.tables[1])[1:]}
    assert "(демонстрационные данные)" in status["1.1.1."][1]
    assert "(демонстрационные данные)" not in status["1.1.2."][1]


def test_building_it_again_gives_the_same_bytes_and_unaccepted_reports_change_nothing(world):
    first = report_bytes(world.period, "ru")
    assert report_bytes(world.period, "ru") == first
    ProgressReportFactory(
        measure=world.measures["stuck"],
        period=world.period,
        reporting_body=BodyFactory(),
        status=ReportStatus.SUBMITTED,
        text_ru="Новый представленный отчёт",
    )
    ProgressReport.objects.filter(measure=world.measures["submitted"]).update(text_ru="Правка")
    assert report_bytes(world.period, "ru") == first
    document = open_docx(first)
    assert document.core_properties.modified.date() == date(2026, 1, 18)


def test_the_command_writes_the_report(world, tmp_path):
    target = tmp_path / "report.docx"
    call_command("consolidated_report", "REG-T", "half_year/2025/2", "--lang", "ru", "-o", target)
    assert target.read_bytes() == report_bytes(world.period, "ru")


def test_generation_runs_a_fixed_number_of_queries(world, django_assert_num_queries):
    numbers = itertools.count(100)

    def add_measures(count):
        objective = world.measures["stuck"].objective
        for _index in range(count):
            measure = MeasureFactory(
                objective=objective,
                number=f"2.1.{next(numbers)}",
                target_units=[world.oblast_a],
                **SPAN,
            )
            FundingLineFactory(measure=measure, year=2025)
            target = IndicatorTargetFactory(indicator__measure=measure, year=2025)
            report = accepted(measure, world.period, text_ru="Сделано")
            ReportSpendingFactory(report=report)
            IndicatorActualFactory(report=report, indicator=target.indicator, year=2025)

    add_measures(2)
    with django_assert_num_queries(12) as small:
        report_bytes(world.period, "ru")
    add_measures(15)
    with django_assert_num_queries(len(small.captured_queries)):
        report_bytes(world.period, "ky")


# --- the pages ------------------------------------------------------------------------------


def reporter():
    user = user_in(REPORTERS)
    user.profile.body = BodyFactory()
    user.profile.save()
    return user


@pytest.fixture
def users(world):
    return {
        "reviewer": editor_of(world.programme),
        "other_editor": editor_of(ProgrammeFactory()),
        "reporter": reporter(),
        "anonymous": None,
    }


def pages(world):
    base = f"/ru/reports/consolidated/{world.programme.code}/"
    period = f"{base}{world.period.pk}/"
    return [base, period, f"{period}download/ru/", f"{period}download/ky/", f"{period}send/"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("reviewer", 200), ("other_editor", 403), ("reporter", 403), ("anonymous", "login")],
)
def test_only_the_programmes_reviewers_open_the_consolidated_reports(
    world, users, client, role, expected
):
    if users[role] is not None:
        client.force_login(users[role])
    for url in pages(world):
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and "/login/" in response["Location"], url
        else:
            assert response.status_code == expected, url


def test_the_list_puts_closed_periods_first_and_links_both_languages(
    world, users, client, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 11, 28))
    client.force_login(users["reviewer"])
    response = client.get(pages(world)[0])
    content = response.content.decode()
    order = [
        content.index(f">{label}</a>")
        for label in ("I полугодие 2026 года", "II полугодие 2025 года", "II полугодие 2026 года")
    ]
    assert order == sorted(order)  # closed, latest first; then the open one
    assert ">I полугодие 2027 года</a>" not in content  # not begun
    assert f"/{world.period.pk}/download/ky/" in content
    assert f"/{world.period.pk}/download/ru/" in content
    download = client.get(pages(world)[2])
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download.content == report_bytes(world.period, "ru")


def test_the_review_queue_links_to_the_consolidated_reports(world, users, client):
    client.force_login(users["reviewer"])
    response = client.get(f"/ru/reports/review/{world.programme.code}/")
    assert f"/ru/reports/consolidated/{world.programme.code}/" in response.content.decode()


def send_data(**overrides):
    data = {
        "language": "ru",
        "to_cabinet": "on",
        "to_administration": "on",
        "other_recipient": "",
        "sent_on": "2026-01-20",
        "letter_number": "01-12/345",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_sending_is_recorded_only_after_the_check_and_keeps_the_file_as_sent(
    world, users, client
):
    client.force_login(users["reviewer"])
    url = pages(world)[4]
    check = client.post(url, send_data())
    assert check.status_code == 200
    assert "Проверьте отправку перед записью" in check.content.decode()
    assert not ReportDispatch.objects.exists()

    sent = report_bytes(world.period, "ru")
    response = client.post(url, send_data(confirm="1"))
    assert response.status_code == 302
    record = ReportDispatch.objects.get()
    assert (record.to_cabinet, record.to_administration, record.letter_number) == (
        True,
        True,
        "01-12/345",
    )
    assert record.recorded_by == users["reviewer"] and record.sent_on == date(2026, 1, 20)
    assert record.sha256 == hashlib.sha256(sent).hexdigest()

    # The data change afterwards: the report built now differs, the one sent does not.
    ProgressReport.objects.filter(measure=world.measures["submitted"]).update(
        status=ReportStatus.ACCEPTED, execution="done"
    )
    Measure.objects.filter(pk=world.measures["water"].pk).update(title_ru="Новое название")
    assert report_bytes(world.period, "ru") != sent
    client.logout()  # a sent report is public, like its programme
    download = client.get(f"/ru/reports/sent/{record.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == sent
    programme_page = client.get(f"/ru/programmes/{world.programme.code}/").content.decode()
    assert "Отчёты, направленные Кабинету Министров" in programme_page
    assert f"/ru/reports/sent/{record.pk}/" in programme_page


def test_the_period_page_lists_its_sendings(world, users, client):
    client.force_login(users["reviewer"])
    client.post(pages(world)[4], send_data(confirm="1", to_administration=None))
    content = client.get(pages(world)[1]).content.decode()
    assert "01-12/345" in content and "Кабинет Министров" in content


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"to_cabinet": None, "to_administration": None}, "to_cabinet", "Укажите, кому"),
        ({"sent_on": "2025-12-01"}, "sent_on", "до окончания периода (31.12.2025)"),
        ({"sent_on": "2999-01-01"}, "sent_on", "не может быть в будущем"),
        ({"language": "en"}, "language", ""),
        ({"sent_on": "не дата"}, "sent_on", ""),
    ],
)
def test_a_bad_sending_is_refused_with_a_message_and_nothing_recorded(
    world, users, client, overrides, field, message
):
    client.force_login(users["reviewer"])
    response = client.post(pages(world)[4], send_data(confirm="1", **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not ReportDispatch.objects.exists()


def test_only_reviewers_record_a_sending(world, users, client):
    client.force_login(users["other_editor"])
    assert client.post(pages(world)[4], send_data(confirm="1")).status_code == 403
    assert not ReportDispatch.objects.exists()


def test_a_sent_report_of_a_draft_programme_is_not_public(world, users, client):
    from measures.reporting import Dispatch, report_dispatch_record

    record = report_dispatch_record(
        period=world.period,
        dispatch=Dispatch(language="ky", sent_on=date(2026, 1, 20), to_cabinet=True),
        user=users["reviewer"],
    )
    assert client.get(f"/ky/reports/sent/{record.pk}/").status_code == 200
    world.programme.status = ProgrammeStatus.DRAFT
    world.programme.save()
    assert client.get(f"/ky/reports/sent/{record.pk}/").status_code == 404


def test_a_sent_report_of_sample_content_is_marked_sample_where_it_is_listed(world, users, client):
    from measures.reporting import Dispatch, report_dispatch_record

    Measure.objects.filter(pk=world.measures["plans"].pk).update(sample=True)
    record = report_dispatch_record(
        period=world.period,
        dispatch=Dispatch(language="ru", sent_on=date(2026, 1, 20), to_administration=True),
        user=users["reviewer"],
    )
    with translation.override("en"):
        assert record.sample and record.recipients == ["Presidential Administration"]
    page = client.get(f"/ru/programmes/{world.programme.code}/").content.decode()
    assert "Администрация Президента" in page and 'class="sample-flag"' in page


def test_the_list_and_the_programme_page_run_a_fixed_number_of_queries(
    world, users, client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from measures.reporting import Dispatch, report_dispatch_record

    def send(count):
        for day in range(count):
            report_dispatch_record(
                period=world.period,
                dispatch=Dispatch(language="ky", sent_on=date(2026, 1, 20 + day), to_cabinet=True),
                user=users["reviewer"],
            )

    client.force_login(users["reviewer"])
    urls = [pages(world)[0], pages(world)[1], f"/ru/programmes/{world.programme.code}/"]
    send(1)
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
    send(4)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
