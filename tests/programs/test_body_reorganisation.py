"""Bodies are reorganised: a plan that names the old body reads correctly through its successor."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from programs.models import ProgrammeStatus
from tests.factories import BodyFactory, ExecutorFactory, MeasureFactory

pytestmark = pytest.mark.django_db

REORGANISED = datetime.date(2025, 2, 10)


@pytest.fixture
def gosstroy():
    ministry = BodyFactory(
        name_ru="Министерство строительства, архитектуры и жилищно-коммунального хозяйства",
        name_en="Ministry of Construction, Architecture and Housing and Communal Services",
        short_name_en="MinConstruction",
        short_name_ru="Минстрой",
        valid_from=datetime.date(2025, 2, 11),
    )
    return BodyFactory(
        name_ru="Госстрой",
        name_en="State Agency for Architecture, Construction and Housing",
        short_name_en="Gosstroy",
        short_name_ru="Госстрой",
        valid_to=REORGANISED,
        successor=ministry,
    )


def test_body_page_says_where_its_functions_went(client, gosstroy):
    html = client.get(f"/ru/bodies/{gosstroy.pk}/").content.decode()
    assert "Реорганизован в" in html and gosstroy.successor.name_ru in html
    assert "10.02.2025" in html
    html = client.get(f"/en/bodies/{gosstroy.successor.pk}/").content.decode()
    assert "Formerly" in html and gosstroy.name_en in html


def test_measures_naming_the_old_body_show_the_successor(client, gosstroy):
    measure = MeasureFactory(
        lead_body=gosstroy, objective__direction__programme__status=ProgrammeStatus.ADOPTED
    )
    ExecutorFactory(measure=measure, body=gosstroy)
    html = client.get(f"/en/plan/{measure.programme.code}/{measure.number}/").content.decode()
    assert html.count("now:") == 2 and "MinConstruction" in html
    html = client.get("/ru/plan/", {"programme": measure.programme.code}).content.decode()
    assert "ныне:" in html and "Минстрой" in html


def test_plan_page_queries_do_not_grow_with_reorganised_bodies(
    client, gosstroy, django_assert_max_num_queries
):
    def plan_queries(count: int) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        measure = MeasureFactory(
            lead_body=gosstroy, objective__direction__programme__status=ProgrammeStatus.ADOPTED
        )
        for _ in range(count - 1):
            other = MeasureFactory(
                lead_body=BodyFactory(valid_to=REORGANISED, successor=gosstroy.successor),
                objective=measure.objective,
            )
            ExecutorFactory(measure=other, body=gosstroy)
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/plan/", {"programme": measure.programme.code})
        return len(queries)

    assert plan_queries(3) == plan_queries(25)


def test_a_successor_needs_an_end_date_and_cannot_be_itself(gosstroy):
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyFactory(successor=gosstroy.successor, valid_to=None)
    gosstroy.successor.successor = gosstroy
    gosstroy.successor.valid_to = datetime.date(2026, 1, 1)
    with pytest.raises(ValidationError, match="leads back"):
        gosstroy.successor.full_clean()


def test_api_gives_dates_and_successor(client, gosstroy):
    data = client.get(f"/api/v1/bodies/{gosstroy.pk}/").json()
    assert data["valid_to"] == "2025-02-10"
    assert data["successor"] == gosstroy.successor.pk
