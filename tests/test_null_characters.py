"""A NUL character in input is refused with a 400 everywhere, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/ky/plan/?q=a%00b", "/en/plan/?unit=%0041704000000000", "/ru/bodies/?q=%00"],
)
def test_pages_refuse_null_characters(client, url):
    response = client.get(url)
    assert response.status_code == 400


def test_api_refuses_null_characters_keyed_by_parameter(client):
    response = client.get("/api/v1/measures/?direction=%00E&status=planned")
    assert response.status_code == 400
    assert list(response.json()) == ["direction"]


def test_form_post_with_null_character_is_refused(client):
    response = client.post("/en/accounts/login/", {"username": "a\x00", "password": "x"})
    assert response.status_code == 400
