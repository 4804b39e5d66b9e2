"""A deadline is written in the reader's language from its kind and dates, and every written form
reads back to the same kind and dates (the export → import round trip depends on it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from measures.deadlines import measure_deadline, parse_deadline, render_deadline
from tests.factories import BodyFactory, MeasureFactory, UnitFactory

D = dt.date
START, END = 2025, 2030  # the programme period the parser gives open-ended deadlines

# kind, start, end → ky, ru, en
FORMS = [
    (
        ("once", D(2025, 10, 1), D(2025, 12, 31)),
        "2025-жылдын IV чейреги",
        "IV квартал 2025 года",
        "Q4 2025",
    ),
    (
        ("once", D(2026, 7, 1), D(2026, 12, 31)),
        "2026-жылдын II жарым жылдыгы",
        "II полугодие 2026 года",
        "H2 2026",
    ),
    (
        ("once", D(2026, 1, 1), D(2026, 6, 30)),
        "2026-жылдын I жарым жылдыгы",
        "I полугодие 2026 года",
        "H1 2026",
    ),
    (("once", D(2025, 1, 1), D(2025, 12, 31)), "2025-жыл", "2025 год", "2025"),
    (
        ("once", D(2026, 12, 1), D(2026, 12, 31)),
        "2026-жылдын декабры",
        "декабрь 2026 года",
        "December 2026",
    ),
    (("once", D(2026, 5, 1), D(2026, 5, 31)), "2026-жылдын майы", "май 2026 года", "May 2026"),
    (
        ("once", D(2025, 12, 31), D(2025, 12, 31)),
        "31.12.2025-жылга чейин",
        "до 31.12.2025",
        "by 31.12.2025",
    ),
    (("period", D(2025, 1, 1), D(2030, 12, 31)), "2025–2030-жылдар", "2025–2030 годы", "2025–2030"),
    (("period", D(2026, 1, 1), D(2028, 12, 31)), "2026–2028-жылдар", "2026–2028 годы", "2026–2028"),
    (("annual", D(2025, 1, 1), D(2030, 12, 31)), "жыл сайын", "ежегодно", "annually"),
    (
        ("annual", D(2025, 1, 1), D(2030, 2, 1)),
        "жыл сайын, 1-февралга чейин",
        "ежегодно, до 1 февраля",
        "annually, by 1 February",
    ),
    (
        ("annual", D(2025, 1, 1), D(2030, 5, 15)),
        "жыл сайын, 15-майга чейин",
        "ежегодно, до 15 мая",
        "annually, by 15 May",
    ),
    (("continuous", D(2025, 1, 1), D(2030, 12, 31)), "туруктуу", "постоянно", "continuously"),
]
CASES = [
    pytest.param(deadline, lang, text, id=f"{lang}-{text}")
    for deadline, *texts in FORMS
    for lang, text in zip(("ky", "ru", "en"), texts, strict=True)
]


@pytest.mark.parametrize(("deadline", "lang", "text"), CASES)
def test_every_kind_is_written_in_each_language(deadline, lang, text):
    assert render_deadline(*deadline, lang=lang) == text
    with translation.override(lang):
        assert render_deadline(*deadline) == text  # the active language by default


@pytest.mark.parametrize(("deadline", "lang", "text"), CASES)
def test_every_written_form_reads_back_to_the_same_kind_and_dates(deadline, lang, text):
    assert tuple(parse_deadline(text, period_start_year=START, period_end_year=END)) == deadline


def test_the_quarters_and_months_of_a_year_all_read_back():
    for lang in ("ky", "ru", "en"):
        for quarter in range(4):
            start = D(2027, 3 * quarter + 1, 1)
            end = D(2027, 3 * quarter + 3, 1) + dt.timedelta(days=31)
            end = end.replace(day=1) - dt.timedelta(days=1)
            text = render_deadline("once", start, end, lang=lang)
            assert tuple(parse_deadline(text)) == ("once", start, end), text
        for month in range(1, 13):
            start = D(2027, month, 1)
            end = (start + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
            text = render_deadline("once", start, end, lang=lang)
            assert tuple(parse_deadline(text)) == ("once", start, end), text
            yearly = render_deadline("annual", D(START, 1, 1), D(END, month, 10), lang=lang)
            parsed = parse_deadline(yearly, period_start_year=START, period_end_year=END)
            assert tuple(parsed) == ("annual", D(START, 1, 1), D(END, month, 10)), yearly


def test_dates_no_form_describes_fall_back_to_the_text_as_written():
    odd = ("once", D(2026, 2, 15), D(2026, 11, 30))  # never written by the parser
    assert render_deadline(*odd, "с 15.02 по 30.11.2026", lang="en") == "с 15.02 по 30.11.2026"
    assert render_deadline(*odd, lang="ru") == "15.02.2026 – 30.11.2026"
    assert render_deadline("once", None, None, "", lang="ru") == ""


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        # recurring more often than yearly: read as continuous (the status knows yearly due dates)
        ("ежеквартально", "continuous", D(START, 1, 1), D(END, 12, 31)),
        ("Ежеквартально, до 10 числа", "continuous", D(START, 1, 1), D(END, 12, 31)),
        ("ежемесячно", "continuous", D(START, 1, 1), D(END, 12, 31)),
        ("чейрек сайын", "continuous", D(START, 1, 1), D(END, 12, 31)),
        ("quarterly", "continuous", D(START, 1, 1), D(END, 12, 31)),
        # Kyrgyz abbreviations of "жыл" / "жылдар"
        ("2026-ж.", "once", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026 ж.", "once", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-ж", "once", D(2026, 1, 1), D(2026, 12, 31)),
        ("2025–2030 жж.", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2025-2030-жж.", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2025–2030-жж", "period", D(2025, 1, 1), D(2030, 12, 31)),
        ("2026-ж. II чейреги", "once", D(2026, 4, 1), D(2026, 6, 30)),
        ("2026-ж. I жарым жылдыгы", "once", D(2026, 1, 1), D(2026, 6, 30)),
        # the Russian abbreviation of "квартал"
        ("II кв. 2026 г.", "once", D(2026, 4, 1), D(2026, 6, 30)),
        ("4 кв 2025", "once", D(2025, 10, 1), D(2025, 12, 31)),
    ],
)
def test_more_written_forms_are_understood(text, kind, start, end):
    assert tuple(parse_deadline(text, period_start_year=START, period_end_year=END)) == (
        kind,
        start,
        end,
    )


def test_the_template_filter_calls_the_one_renderer():
    measure = MeasureFactory.build(
        deadline_text="2025-жылдын IV чейреги",
        deadline_kind="once",
        deadline_start=D(2025, 10, 1),
        deadline_end=D(2025, 12, 31),
    )
    template = Template("{% load plan %}{{ measure|deadline }}")
    for lang, text in (("ky", "2025-жылдын IV чейреги"), ("ru", "IV квартал 2025 года")):
        with translation.override(lang):
            assert template.render(Context({"measure": measure})) == text
            assert measure_deadline(measure) == text


# --- where deadlines are shown ---------------------------------------------------------------


@pytest.fixture
def typed_in_kyrgyz(db):
    """A measure whose deadline was typed in Kyrgyz, reaching a unit, led by a body."""
    unit = UnitFactory()
    measure = MeasureFactory(
        number="1.1.1",
        deadline_text="2025-жылдын IV чейреги",
        deadline_kind="once",
        deadline_start=D(2025, 10, 1),
        deadline_end=D(2025, 12, 31),
        lead_body=BodyFactory(),
        target_units=[unit],
    )
    return measure, unit


def page(client, name, args, lang, query=""):
    with translation.override(lang):
        url = reverse(name, args=args)
    response = client.get(url + query)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("lang", "shown"),
    [("ru", "IV квартал 2025 года"), ("en", "Q4 2025"), ("ky", "2025-жылдын IV чейреги")],
)
def test_pages_show_the_deadline_in_their_language(client, typed_in_kyrgyz, lang, shown):
    measure, unit = typed_in_kyrgyz
    code = measure.programme.code
    pages = {
        "plan": page(client, "measures:measure_list", [], lang, f"?programme={code}"),
        "measure": page(client, "measures:measure_detail", [code, measure.number], lang),
        "body": page(client, "programs:body_detail", [measure.lead_body_id], lang),
        "unit": page(client, "regions:unit_detail", [unit.soate], lang),
    }
    for name, html in pages.items():
        assert shown in html, name
        if lang != "ky":
            # the Kyrgyz text as typed appears only as the record on the measure's page
            assert ("2025-жылдын IV чейреги" in html) == (name == "measure"), name


def test_the_measure_page_keeps_the_text_as_written_for_the_record(client, typed_in_kyrgyz):
    measure, _unit = typed_in_kyrgyz
    code = measure.programme.code
    html = page(client, "measures:measure_detail", [code, measure.number], "ru")
    assert "как записано в плане" in html
    assert "2025-жылдын IV чейреги" in html
    # ... and says nothing more when the written text is the rendered one
    html = page(client, "measures:measure_detail", [code, measure.number], "ky")
    assert "планда жазылгандай" not in html


def test_the_editor_preview_shows_how_pages_will_write_the_deadline(client, typed_in_kyrgyz):
    from tests.factories import UserFactory

    measure, _unit = typed_in_kyrgyz
    client.force_login(UserFactory())
    response = client.get(
        "/ru/plan/deadline-preview/",
        {"programme": measure.programme.code, "measure-deadline_text": "2026-ж. II чейреги"},
    )
    html = response.content.decode()
    assert "II квартал 2026 года" in html and "01.04.2026 – 30.06.2026" in html


@pytest.mark.parametrize(
    ("lang", "rendered"),
    [
        ("ru", "IV квартал 2025 года"),
        ("en", "Q4 2025"),
        ("ky", "2025-жылдын IV чейреги"),
        ("all", {"ky": "2025-жылдын IV чейреги", "ru": "IV квартал 2025 года", "en": "Q4 2025"}),
    ],
)
def test_the_api_gives_the_rendered_deadline_next_to_the_text(typed_in_kyrgyz, lang, rendered):
    measure, _unit = typed_in_kyrgyz
    client = APIClient()
    response = client.get(f"/api/v1/measures/{measure.programme.code}/1.1.1/?lang={lang}")
    assert response.status_code == 200
    deadline = response.json()["deadline"]
    assert deadline["text"] == "2025-жылдын IV чейреги"
    assert deadline["rendered"] == rendered
    listed = client.get(f"/api/v1/measures/?lang={lang}").json()["results"][0]
    assert listed["deadline"]["rendered"] == rendered


def test_the_reporter_sees_the_measures_deadline_in_their_language(client, typed_in_kyrgyz):
    from programs.roles import REPORTERS
    from tests.edit_helpers import user_in
    from tests.factories import ProgressReportFactory, reporting_period

    measure, _unit = typed_in_kyrgyz
    reporter = user_in(REPORTERS)
    reporter.profile.body = measure.lead_body
    reporter.profile.save()
    client.force_login(reporter)
    period = reporting_period(measure.programme, year=2025, number=2)
    response = client.get(f"/ru/reports/measure/{measure.pk}/period/{period.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Срок исполнения мероприятия: IV квартал 2025 года" in " ".join(html.split())
    report = ProgressReportFactory(measure=measure, period=period, status="submitted")
    with translation.override("en"):
        response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert "Q4 2025" in response.content.decode()
