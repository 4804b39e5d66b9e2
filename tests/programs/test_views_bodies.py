from __future__ import annotations

import pytest

from programs.models import BodyKind
from tests.factories import BodyFactory, ExecutorFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_body_list_filters_by_kind_and_search(client):
    ministry = BodyFactory(name_en="Ministry of Water")
    lsg = BodyFactory(name_en="Naryn city council", kind=BodyKind.LSG)
    content = client.get("/en/bodies/", {"kind": "lsg"}).content.decode()
    assert lsg.name_en in content and ministry.name_en not in content
    content = client.get("/en/bodies/", {"q": "water"}).content.decode()
    assert ministry.name_en in content and lsg.name_en not in content


def test_unknown_kind_is_an_error(client):
    response = client.get("/en/bodies/", {"kind": "aliens"})
    assert response.status_code == 400
    assert "Unknown kind of body." in response.content.decode()


def test_body_page_lists_led_and_co_executed_measures(client):
    body = BodyFactory()
    led = MeasureFactory(lead_body=body)
    co = ExecutorFactory(body=body).measure
    content = client.get(f"/en/bodies/{body.pk}/").content.decode()
    assert led.title_en in content and co.title_en in content


def test_list_pages_run_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(30):
        ExecutorFactory(measure=MeasureFactory())
    with django_assert_max_num_queries(2):
        client.get("/en/bodies/")
    with django_assert_max_num_queries(1):
        client.get("/en/programmes/")
    with django_assert_max_num_queries(1):
        client.get("/en/territory/")
