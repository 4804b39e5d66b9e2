"""Editing a measure: the form saves through the services, validation messages next to the fields."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import FundingLine, IndicatorTarget, Measure
from programs.models import ResponsibleBody
from tests.edit_helpers import add_row, editor_of, measure_post_data
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
)

pytestmark = pytest.mark.django_db


def edit_url(measure, lang="en"):
    return (
        f"/{lang}"
        + reverse("measures:measure_edit", args=[measure.programme.code, measure.number])[3:]
    )


@pytest.fixture
def measure():
    measure = MeasureFactory(number="1.1.1", deadline_text="IV квартал 2026")
    ExecutorFactory(measure=measure)
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1500.0"))
    indicator = MeasureIndicatorFactory(measure=measure)
    IndicatorTargetFactory(indicator=indicator, year=2026, target_value=Decimal("10"))
    return measure


@pytest.fixture
def editor_client(client, measure):
    client.force_login(editor_of(measure.programme))
    return client


def test_editor_opens_the_form_with_the_measure_in_it(editor_client, measure):
    response = editor_client.get(edit_url(measure))
    assert response.status_code == 200
    html = response.content.decode()
    assert measure.title_ru in html
    assert 'name="measure-deadline_text"' in html and "IV квартал 2026" in html
    assert 'name="funding-0-planned_amount"' in html
    assert "01.10.2026 – 31.12.2026" in html  # the parsed period next to the field


def test_editor_changes_deadline_and_funding_and_the_database_follows(editor_client, measure):
    line = measure.funding_lines.get()
    data = measure_post_data(
        measure,
        **{"measure-deadline_text": "II полугодие 2027", "funding-0-planned_amount": "2500.5"},
    )
    response = editor_client.post(edit_url(measure), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    measure.refresh_from_db()
    assert measure.deadline_text == "II полугодие 2027"
    assert (measure.deadline_kind, measure.deadline_start, measure.deadline_end) == (
        "once",
        datetime.date(2027, 7, 1),
        datetime.date(2027, 12, 31),
    )
    assert measure.version == 2
    line.refresh_from_db()
    assert line.planned_amount == Decimal("2500.5")


def test_rows_are_added_and_removed_in_one_save(editor_client, measure):
    data = measure_post_data(measure, **{"funding-0-DELETE": "on"})
    add_row(data, "funding", source="local", year="2027", planned_amount="300", actual_amount="")
    new_body = BodyFactory()
    add_row(data, "executors", body=str(new_body.pk), in_coordination="on")
    response = editor_client.post(edit_url(measure), data)
    assert response.status_code == 302
    assert list(measure.funding_lines.values_list("source", "year", "planned_amount")) == [
        ("local", 2027, Decimal("300.0"))
    ]
    assert measure.executors.filter(body=new_body, in_coordination=True).exists()


def test_new_measure_is_created_with_its_rows(client):
    existing = MeasureFactory()
    programme = existing.programme
    client.force_login(editor_of(programme))
    lead, co = BodyFactory(), BodyFactory()
    data = measure_post_data(
        None,
        **{
            "measure-direction": str(existing.direction_id),
            "measure-objective": str(existing.objective_id),
            "measure-number": "1.1.9",
            "measure-title_ru": "Новое мероприятие",
            "measure-deadline_text": "2026-жылдын II чейреги",
            "measure-lead_body": str(lead.pk),
        },
    )
    add_row(data, "executors", body=str(co.pk))
    add_row(data, "funding", source="republican", year="2026", planned_amount="100")
    add_row(
        data,
        "indicators",
        name_ru="Число проектов",
        unit_of_measure_ru="ед.",
        target_2026="3",
        target_2027="5",
    )
    response = client.post(f"/en/plan/{programme.code}/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    measure = Measure.objects.get(programme=programme, number="1.1.9")
    assert measure.title_ru == "Новое мероприятие"
    assert (measure.deadline_start, measure.deadline_end) == (
        datetime.date(2026, 4, 1),
        datetime.date(2026, 6, 30),
    )
    assert list(measure.executors.values_list("body", flat=True)) == [co.pk]
    assert measure.funding_lines.get().planned_amount == Decimal("100")
    assert dict(
        IndicatorTarget.objects.filter(indicator__measure=measure).values_list(
            "year", "target_value"
        )
    ) == {2026: Decimal("3"), 2027: Decimal("5")}


def test_form_works_without_javascript_add_row_button_returns_one_more_row(editor_client, measure):
    data = measure_post_data(measure, add_row="funding")
    response = editor_client.post(edit_url(measure), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="funding-1-planned_amount"' in html  # a new empty row
    assert 'name="funding-TOTAL_FORMS" value="2"' in html
    assert FundingLine.objects.filter(measure=measure).count() == 1  # nothing saved yet
    # The browser then posts the form with the row filled in: a plain POST, no script.
    data = measure_post_data(measure)
    add_row(data, "funding", source="donor", year="2028", planned_amount="40")
    response = editor_client.post(edit_url(measure), data)
    assert response.status_code == 302
    assert measure.funding_lines.filter(source="donor", year=2028).exists()


def test_include_all_districts_takes_the_oblasts_districts(editor_client, measure):
    from measures.forms import editable_units

    oblast = next(u for u in editable_units() if u.depth == 0 and u.level == "oblast")
    districts = {u.pk for u in editable_units() if u.tree_path.startswith(oblast.tree_path)}
    data = measure_post_data(
        measure,
        **{"measure-target_units": [str(oblast.pk)], "measure-include_districts": "on"},
    )
    response = editor_client.post(edit_url(measure), data)
    assert response.status_code == 302
    assert set(measure.target_units.values_list("pk", flat=True)) == districts
    assert len(districts) > 1


# --- Validation messages, each next to its field, in the user's language ---


def errors_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"measure-deadline_text": "IV квартал 2035"},
            "The deadline lies outside the programme period 2025–2030.",
        ),
        ({"measure-deadline_text": "когда-нибудь"}, "Cannot read the deadline “когда-нибудь”."),
        ({"measure-number": "DUP"}, "The programme already has a measure numbered 1.1.77."),
        ({"funding-0-planned_amount": "-5"}, "An amount cannot be negative."),
        ({"funding-0-year": "2031"}, "The year 2031 lies outside the programme period 2025–2030."),
    ],
)
def test_validation_messages(editor_client, measure, overrides, message):
    if overrides.get("measure-number") == "DUP":
        MeasureFactory(
            programme=measure.programme,
            direction=measure.direction,
            objective=measure.objective,
            number="1.1.77",
        )
        overrides = {"measure-number": "1.1.77"}
    response = editor_client.post(edit_url(measure), measure_post_data(measure, **overrides))
    html = errors_of(response)
    assert message in html
    assert "field-error" in html
    measure.refresh_from_db()
    assert measure.version == 1  # nothing saved


def test_co_executor_equal_to_lead_is_refused(editor_client, measure):
    data = measure_post_data(measure)
    add_row(data, "executors", body=str(measure.lead_body_id))
    html = errors_of(editor_client.post(edit_url(measure), data))
    assert "The lead body cannot also be a co-executor." in html


def test_duplicate_co_executor_is_refused(editor_client, measure):
    data = measure_post_data(measure)
    add_row(data, "executors", body=data["executors-0-body"])
    html = errors_of(editor_client.post(edit_url(measure), data))
    assert "This body is already listed as a co-executor." in html


def test_target_year_outside_the_period_must_be_cleared(editor_client, measure):
    indicator = measure.indicators.get()
    IndicatorTarget.objects.create(
        indicator=indicator, year=2024, target_value=5
    )  # set before the period moved
    data = measure_post_data(measure)
    html = errors_of(editor_client.post(edit_url(measure), data))
    assert "The year 2024 lies outside the programme period 2025–2030." in html
    data["indicators-0-target_2024"] = ""
    assert editor_client.post(edit_url(measure), data).status_code == 302
    assert not indicator.targets.filter(year=2024).exists()


def test_messages_are_in_the_users_language(editor_client, measure):
    response = editor_client.post(
        edit_url(measure, "ru"),
        measure_post_data(measure, **{"measure-deadline_text": "IV квартал 2035"}),
    )
    html = errors_of(response)
    assert "Срок выходит за пределы периода программы 2025–2030." in html


def test_deadline_preview_shows_the_period_or_why_not(editor_client, measure):
    url = "/en/plan/deadline-preview/"

    def preview(text):
        params = {"programme": measure.programme.code, "measure-deadline_text": text}
        return editor_client.get(url, params).content.decode()

    assert "01.04.2026 – 30.06.2026" in preview("2026-жылдын II чейреги")
    assert "Cannot read the deadline" in preview("скоро")
    html = preview("ежегодно")
    assert "annually" in html and "01.01.2025 – 31.12.2030" in html


def test_two_donors_may_fund_the_same_year(editor_client, measure):
    for _ in range(2):
        FundingLineFactory(measure=measure, source="donor", year=2027, donor=BodyFactory())
    response = editor_client.post(edit_url(measure), measure_post_data(measure))
    assert response.status_code == 302
    assert measure.funding_lines.filter(source="donor", year=2027).count() == 2


def test_same_source_and_year_twice_is_refused(editor_client, measure):
    data = measure_post_data(measure)
    add_row(data, "funding", source="republican", year="2026", planned_amount="1")
    html = errors_of(editor_client.post(edit_url(measure), data))
    assert "There is already a line for republican budget in 2026." in html


def select_options(html: str, name: str) -> list[str]:
    """The values of a select's options, in order."""
    found = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert found, name
    return re.findall(r'<option value="([^"]*)"', found.group(1))


def test_an_inactive_body_is_offered_only_in_the_list_where_it_is_set(
    editor_client, measure, django_assert_max_num_queries
):
    """The page's body lists share one read of the bodies (ChoosableBodies), and each keeps its
    own rule: every active body, and an inactive one only where it is already set."""
    old_lead = BodyFactory(name_en="Ministry of the past", is_active=False)
    old_partner = BodyFactory(name_en="Retired agency", is_active=False)
    never_set = BodyFactory(name_en="Closed office", is_active=False)
    Measure.objects.filter(pk=measure.pk).update(lead_body=old_lead)
    ExecutorFactory(measure=measure, body=old_partner)
    html = editor_client.get(edit_url(measure)).content.decode()
    lead = select_options(html, "measure-lead_body")
    first, second = (select_options(html, f"executors-{i}-body") for i in (0, 1))
    new_row = select_options(html, "executors-__prefix__-body")
    active = {
        str(pk)
        for pk in ResponsibleBody.objects.filter(is_active=True).values_list("pk", flat=True)
    }
    assert str(old_lead.pk) in lead and str(old_partner.pk) not in lead
    assert str(never_set.pk) not in lead + first + second + new_row
    executor_rows = [first, second]
    assert sum(str(old_partner.pk) in row for row in executor_rows) == 1
    assert str(old_lead.pk) not in first + second + new_row
    assert set(new_row) - {""} == active
    assert lead[0] == "" and new_row[0] == ""  # the empty choice, with its label
    assert "— choose a body —" in html
    # One read of the bodies for all five lists, whatever their number.
    with django_assert_max_num_queries(19) as captured:
        editor_client.get(edit_url(measure))
    body_reads = [
        q for q in captured.captured_queries if 'FROM "programs_responsiblebody"' in q["sql"]
    ]
    assert len(body_reads) == 1, [q["sql"][:120] for q in body_reads]


def test_an_inactive_body_cannot_be_chosen_where_it_is_not_set(editor_client, measure):
    closed = BodyFactory(name_en="Closed office", is_active=False)
    data = measure_post_data(measure, **{"measure-lead_body": str(closed.pk)})
    response = editor_client.post(edit_url(measure), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    measure.refresh_from_db()
    assert measure.lead_body_id != closed.pk
