"""The programme-period rule has one home, Programme.check_period / check_year: the model, the
editor's form, the import and the live deadline preview refuse the same things with one message."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from measures.deadlines import DeadlineOutsidePeriod, parse_programme_deadline
from measures.models import FundingLine, IndicatorTarget
from measures.plan_io.importer import build_plan
from programs.models import ProgrammeStatus
from tests.edit_helpers import editor_of, measure_post_data
from tests.factories import (
    ExecutorFactory,
    FundingLineFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.measures.plan_files import make_programme_and_bodies, workbook_bytes

pytestmark = pytest.mark.django_db

LATE = "IV квартал 2035"  # 01.10.2035 – 31.12.2035, after a 2025–2030 programme


@pytest.fixture
def measure():
    measure = MeasureFactory(number="1.1.1")
    ExecutorFactory(measure=measure)
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("100.0"))
    return measure


def localised(path: str, lang: str) -> str:
    return f"/{lang}{path[3:]}"


def form_errors(client, measure, lang, **overrides) -> str:
    url = localised(
        reverse("measures:measure_edit", args=[measure.programme.code, measure.number]), lang
    )
    response = client.post(url, measure_post_data(measure, **overrides))
    assert response.status_code == 200  # the form comes back, nothing saved
    measure.refresh_from_db()
    assert measure.version == 1
    return response.content.decode()


def preview(client, programme, text, lang="en"):
    url = localised(reverse("measures:deadline_preview"), lang)
    return client.get(url, {"programme": programme.code, "measure-deadline_text": text})


def import_errors(programme, deadline, amount=None) -> list[str]:
    rows = [
        ["1.", "Направление", None, None, None, None, None, None],
        ["1.1.", "Задача", None, None, None, None, None, None],
        ["1.1.1.", "Мероприятие", None, deadline, "МЭК", None, "РБ" if amount else None, amount],
    ]
    row = build_plan(programme, io.BytesIO(workbook_bytes(rows))).rows[-1]
    return [issue.message for issue in row.errors]


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_a_deadline_outside_the_period_gets_one_message_on_every_path(client, measure, lang):
    programme = measure.programme
    client.force_login(editor_of(programme))
    with translation.override(lang):
        expected = programme.check_period(datetime.date(2035, 10, 1), datetime.date(2035, 12, 31))
        assert "2025–2030" in expected

        # the model
        measure.deadline_start, measure.deadline_end = (
            datetime.date(2035, 10, 1),
            datetime.date(2035, 12, 31),
        )
        with pytest.raises(ValidationError) as raised:
            measure.full_clean()
        assert raised.value.message_dict["deadline_text"] == [expected]
        measure.refresh_from_db()

        # the import
        import_programme, _bodies = make_programme_and_bodies()
        assert import_errors(import_programme, LATE) == [expected]

    # the editor's form and the live preview, in the user's language
    assert expected in form_errors(client, measure, lang, **{"measure-deadline_text": LATE})
    response = preview(client, programme, LATE, lang)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    assert "2035" not in html  # no "Read as … 31.12.2035" for a period the save refuses


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
def test_a_year_outside_the_period_gets_one_message_on_every_path(client, measure, lang):
    programme = measure.programme
    client.force_login(editor_of(programme))
    indicator = MeasureIndicatorFactory(measure=measure)
    with translation.override(lang):
        expected = programme.check_year(2031)
        assert "2031" in expected and "2025–2030" in expected
        for row in (
            FundingLine(measure=measure, source="republican", year=2031, planned_amount=1),
            IndicatorTarget(indicator=indicator, year=2031, target_value=1),
        ):
            with pytest.raises(ValidationError) as raised:
                row.full_clean()
            assert raised.value.message_dict["year"] == [expected]
        import_programme, _bodies = make_programme_and_bodies()
        assert import_errors(import_programme, "2026", "2031 – 100,0") == [expected]
    assert expected in form_errors(client, measure, lang, **{"funding-0-year": "2031"})


def test_a_target_set_before_the_period_moved_gets_the_same_year_message(client, measure):
    client.force_login(editor_of(measure.programme))
    indicator = MeasureIndicatorFactory(measure=measure)
    IndicatorTarget.objects.create(indicator=indicator, year=2024, target_value=5)
    data = measure_post_data(measure)
    url = reverse("measures:measure_edit", args=[measure.programme.code, measure.number])
    html = client.post(localised(url, "en"), data).content.decode()
    with translation.override("en"):
        assert measure.programme.check_year(2024) in html


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("IV квартал 2025", datetime.date(2025, 10, 1), datetime.date(2025, 12, 31)),
        ("2025–2030", datetime.date(2025, 1, 1), datetime.date(2030, 12, 31)),
        ("ежегодно", datetime.date(2025, 1, 1), datetime.date(2030, 12, 31)),
        ("31.12.2030", datetime.date(2030, 12, 31), datetime.date(2030, 12, 31)),
    ],
)
def test_deadlines_inside_the_period_read_as_their_span(text, start, end):
    programme = ProgrammeFactory.build(period_start_year=2025, period_end_year=2030)
    parsed = parse_programme_deadline(text, programme)
    assert (parsed.start, parsed.end) == (start, end)


@pytest.mark.parametrize("text", ["IV квартал 2024", "2024–2026", "2030–2031", "01.01.2031"])
def test_deadlines_reaching_outside_the_period_are_refused(text):
    programme = ProgrammeFactory.build(period_start_year=2025, period_end_year=2030)
    with pytest.raises(DeadlineOutsidePeriod):
        parse_programme_deadline(text, programme)


def test_the_preview_inside_the_period_shows_the_period(client, measure):
    client.force_login(editor_of(measure.programme))
    html = preview(client, measure.programme, "IV квартал 2030").content.decode()
    assert "01.10.2030 – 31.12.2030" in html
    assert "field-error" not in html


def test_the_preview_is_for_signed_in_users_only(client, measure):
    response = preview(client, measure.programme, LATE)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_preview_does_not_reveal_a_draft_programme_to_an_outsider(client):
    draft = ProgrammeFactory(
        status=ProgrammeStatus.DRAFT, period_start_year=2025, period_end_year=2026
    )
    client.force_login(UserFactory())
    html = preview(client, draft, "2027").content.decode()
    assert "2025–2026" not in html  # the draft's period stays unknown
    assert "01.01.2027 – 31.12.2027" in html
    client.force_login(editor_of(draft))
    assert "2025–2026" in preview(client, draft, "2027").content.decode()
