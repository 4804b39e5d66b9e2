"""The plan editor carries each funding line's allocation to the target units: a text field per line
("unit: amount" lines), shown filled in, saved through the services, errors next to the field in
the page's language; it works without JavaScript (a plain form post)."""

from __future__ import annotations

import html as html_lib
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import FundingAllocation
from tests.edit_helpers import editor_of, measure_post_data
from tests.factories import FundingLineFactory, MeasureFactory, UserFactory
from tests.measures.test_allocation_write import BATKEN, NARYN, OSH_CITY, unit

pytestmark = pytest.mark.django_db


def edit_url(measure, lang="en"):
    path = reverse("measures:measure_edit", args=[measure.programme.code, measure.number])
    return f"/{lang}{path[3:]}"


@pytest.fixture
def measure():
    measure = MeasureFactory(
        number="1.2.1", deadline_text="IV квартал 2026", target_units=[unit(OSH_CITY), unit(BATKEN)]
    )
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1000.0"))
    return measure


def post(client, measure, lang="en", **overrides):
    return client.post(edit_url(measure, lang), measure_post_data(measure, **overrides))


def allocated(measure):
    return {
        a.unit.soate: a.amount
        for a in FundingAllocation.objects.filter(line__measure=measure).select_related("unit")
    }


def test_the_editor_allocates_a_line_by_name_or_code(client, measure):
    client.force_login(editor_of(measure.programme))
    response = post(
        client, measure, lang="ru", **{"funding-0-allocation": f"город Ош: 600,0\n{BATKEN}: 400"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert allocated(measure) == {OSH_CITY: Decimal("600.0"), BATKEN: Decimal("400.0")}
    # The form shows it back in the page's language, and saving it unchanged keeps it.
    page = client.get(edit_url(measure, "ky")).content.decode()
    assert "Ош шаары: 600,0" in page and "Баткен облусу: 400,0" in page
    english = client.get(edit_url(measure, "en")).content.decode()
    assert "Osh City: 600.0" in english
    measure.refresh_from_db()
    text = "Osh City: 600.0\nBatken Region: 400.0"
    assert post(client, measure, **{"funding-0-allocation": text}).status_code == 302
    assert allocated(measure) == {OSH_CITY: Decimal("600.0"), BATKEN: Decimal("400.0")}
    # Emptied: the line is not allocated any more.
    measure.refresh_from_db()
    assert post(client, measure, **{"funding-0-allocation": ""}).status_code == 302
    assert allocated(measure) == {}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Osh City: 600", "allocate all of it or none of it"),
        ("ru", "город Ош: 600,0", "распределите её всю или не распределяйте"),
        ("en", f"Osh City: 500\n{NARYN}: 500", "Naryn Region is not one of the measure's target"),
        ("en", "Atlantis: 1000", "“Atlantis” is not the name of an administrative unit"),
        ("en", "Osh City 1000", "write the unit, a colon and the amount"),
        ("en", "Osh City: -5\nBatken Region: 1005", "cannot be negative"),
    ],
)
def test_a_bad_allocation_is_refused_next_to_its_field(client, measure, lang, text, expected):
    client.force_login(editor_of(measure.programme))
    version = measure.version
    response = post(client, measure, lang=lang, **{"funding-0-allocation": text})
    assert response.status_code == 200
    html = html_lib.unescape(response.content.decode())
    assert 'id="id_funding-0-allocation_error"' in html
    assert expected in html
    measure.refresh_from_db()
    assert measure.version == version
    assert allocated(measure) == {}


def test_dropping_a_target_unit_that_holds_money_is_refused_with_the_line_named(client, measure):
    client.force_login(editor_of(measure.programme))
    post(client, measure, **{"funding-0-allocation": "Osh City: 600\nBatken Region: 400"})
    measure.refresh_from_db()
    response = post(
        client,
        measure,
        **{
            "measure-target_units": [str(unit(OSH_CITY).pk)],
            "funding-0-allocation": "Osh City: 600\nBatken Region: 400",
        },
    )
    assert response.status_code == 200
    assert "Batken Region is not one of the measure" in html_lib.unescape(response.content.decode())
    assert set(measure.target_units.values_list("soate", flat=True)) == {OSH_CITY, BATKEN}


def test_only_an_editor_of_the_programme_may_allocate(client, measure):
    data = {"funding-0-allocation": "Osh City: 1000\nBatken Region: 0"}
    response = post(client, measure, **data)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory())
    assert post(client, measure, **data).status_code == 403
    assert allocated(measure) == {}
