"""Action-plan workbooks for the import tests, written with openpyxl as a ministry clerk would."""

from __future__ import annotations

import io

from openpyxl import Workbook

from programs.models import BodyKind
from tests.factories import BodyFactory, ProgrammeFactory

RU_HEADERS = [
    "№ п/п",
    "Задача / Наименование мероприятия",
    "Механизм реализации",
    "Срок исполнения",
    "Ответственные исполнители",
    "Ожидаемый результат / индикатор",
    "Источник финансирования",
    "Объём финансирования, тыс. сом",
]
KY_HEADERS = [
    "№",
    "Маселе / Иш-чаранын аталышы",
    "Ишке ашыруу механизми",
    "Аткаруу мөөнөтү",
    "Жооптуу аткаруучулар",
    "Күтүлүүчү натыйжа / индикатор",
    "Каржылоо булагы",
    "Каржылоонун көлөмү, миң сом",
]

GOOD_ROWS = {"1.1.1", "1.1.3", "2.1.1"}
BAD_ROWS = {"1.1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4"}


def realistic_rows() -> list[list]:
    """The plan as rows of the sheet under the headers (Excel rows 6…)."""
    return [
        ["1. Урбанизированные территории и точки роста"],  # merged A:H
        ["1.1.", "Развитие точек роста", None, None, None, None, None, None],
        [
            "1.1.1.",
            "Разработка методики интеграции пространственного и социально-экономического "
            "планирования",
            "Приказ МЭК",
            "IV квартал 2025",
            "МЭК\nМинистерство финансов (по согласованию)\nОМСУ (по согласованию)",
            "Методика утверждена",
            "Республиканский бюджет\nДонорские средства",
            "1 500,0\n2 000,0",
        ],
        [
            "1.1.2.",
            "Пилотирование генеральных планов",
            "Постановление Кабинета министров",
            "2025–2030",
            "Минфин; МЭК",
            "10 генпланов",
            "Республиканский бюджет",
            "2025 – 1 000,0; 2026 – 1 500,0",
        ],
        [
            "1.1.3.",
            "Ежегодный мониторинг точек роста",
            None,
            "ежегодно",
            "мэк, Омсу (по согласованию)",
            "Доклад в Администрацию Президента",
            "в пределах утвержденного бюджета",
            None,
        ],
        ["1.2.", "Повышение потенциала ОМСУ", None, None, None, None, None, None],
        [
            "1.2.1.",
            "Обучение специалистов",
            None,
            "когда-нибудь",
            "МЭК",
            None,
            "Местный бюджет",
            "300,0",
        ],
        [
            "1.2.2.",
            "Создание центров компетенций",
            None,
            "2026",
            "Министерство чудес",
            None,
            None,
            None,
        ],
        [
            "1.2.3.",
            "Гранты ОМСУ",
            None,
            "II полугодие 2026",
            "МЭК",
            None,
            "Местный бюджет",
            "12,3,4",
        ],
        ["1.2.4.", "Субсидии", None, "II полугодие 2026", "МЭК", None, "Местный бюджет", "-500,0"],
        ["1.1.2.", "Повтор номера", None, "2027", "МЭК", None, None, None],
        ["2.", "Территории особого внимания", None, None, None, None, None, None],
        ["2.1.", "Высокогорные и приграничные территории", None, None, None, None, None, None],
        [
            "2.1.1.",
            "Программа поддержки приграничных айылных аймаков",
            "Проекты партнёров по развитию",
            "II квартал 2026",
            "Министерство финансов\nМЭК",
            "Не менее 20 аймаков",
            "Донорские средства",
            "2026 – 5 000,0; 2027 – 2 500,5",
        ],
    ]


def workbook_bytes(
    rows: list[list], headers=RU_HEADERS, *, title_rows=True, merge_first=True
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title_rows:
        sheet.append(["План мероприятий по реализации Государственной программы 2025–2030"])
        sheet.append(["(утверждён постановлением Кабинета министров)"])
        sheet.append([])
    sheet.append(headers)
    sheet.append(list(range(1, 9)))
    for row in rows:
        sheet.append(row)
        if merge_first and len(row) == 1:
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=8
            )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def excel_row(number: str, rows=None, *, first=6, occurrence=0) -> int:
    """The Excel row number at which a measure number stands in realistic_rows()."""
    rows = rows or realistic_rows()
    seen = 0
    for offset, row in enumerate(rows):
        if str(row[0]).rstrip(".") == number or str(row[0]).startswith(number + ". "):
            if seen == occurrence:
                return first + offset
            seen += 1
    raise KeyError(number)


def make_programme_and_bodies(**programme_kwargs):
    programme = ProgrammeFactory(period_start_year=2025, period_end_year=2030, **programme_kwargs)
    mek = BodyFactory(
        name_ky="Экономика жана коммерция министрлиги",
        name_ru="Министерство экономики и коммерции",
        name_en="Ministry of Economy and Commerce",
        short_name_ky="ЭКМ",
        short_name_ru="МЭК",
        short_name_en="MEC",
    )
    minfin = BodyFactory(
        name_ky="Финансы министрлиги",
        name_ru="Министерство финансов",
        name_en="Ministry of Finance",
        short_name_ky="ФМ",
        short_name_ru="Минфин",
        short_name_en="MoF",
    )
    lsg = BodyFactory(
        name_ky="Жергиликтүү өз алдынча башкаруу органдары",
        name_ru="Органы местного самоуправления",
        name_en="Local self-government bodies",
        short_name_ky="ЖӨБ",
        short_name_ru="ОМСУ",
        short_name_en="LSG",
        kind=BodyKind.LSG,
    )
    return programme, {"mek": mek, "minfin": minfin, "lsg": lsg}
