"""Request bodies and long texts have limits, checked before anything reads the body (review M6,
L6): a 1 GiB anonymous body is refused at once with 413, a member's token cannot post 60 MB."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from meetings.models import Proposal
from regionalprogram.middleware import RequestSizeLimitMiddleware
from tests.api.conftest import token_client
from tests.api.test_access import member, plan, proposal_payload  # noqa: F401 - fixtures
from tests.factories import UserFactory

GIB = 1024**3


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_huge_anonymous_body_is_refused_before_it_is_read(client, lang):
    body = b'--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin\r\n--x--\r\n'
    response = client.generic(
        "POST",
        f"/{lang}/accounts/login/",
        body,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(GIB),  # declared; the server would otherwise read it all
    )
    assert response.status_code == 413
    text = response.content.decode()
    expected = {
        "en": "The request is too large (1,024.0 MB); at most 2.5 MB can be sent.",
        "ru": "Запрос слишком большой (1\xa0024,0 МБ); можно отправить не больше 2,5 МБ.",
    }[lang]
    assert text == expected


@pytest.mark.django_db
def test_a_huge_api_body_is_a_json_413(member):  # noqa: F811
    before = Proposal.objects.count()
    payload = proposal_payload(text="x" * (3 * 1024 * 1024))
    response = token_client(member).post("/api/v1/proposals/?lang=en", payload, format="json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]
    assert Proposal.objects.count() == before


@pytest.mark.django_db
def test_proposal_texts_have_a_length_in_the_api(member):  # noqa: F811
    before = Proposal.objects.count()
    response = token_client(member).post(
        "/api/v1/proposals/", proposal_payload(text="x" * 20_001), format="json"
    )
    assert response.status_code == 400
    assert "text" in response.json()
    assert Proposal.objects.count() == before
    response = token_client(member).post(
        "/api/v1/proposals/", proposal_payload(text="x" * 20_000), format="json"
    )
    assert response.status_code == 201


@pytest.mark.django_db
def test_only_a_signed_in_users_upload_may_be_large(settings):
    factory = RequestFactory()
    upload = factory.post("/en/x/", data={"a": "b"})  # multipart
    plain = factory.post("/en/x/", data="{}", content_type="application/json")
    upload.user = plain.user = AnonymousUser()
    assert RequestSizeLimitMiddleware.limit(upload) == settings.REQUEST_MAX_BYTES
    upload.user = plain.user = UserFactory()
    assert RequestSizeLimitMiddleware.limit(upload) == settings.REQUEST_MAX_UPLOAD_BYTES
    assert RequestSizeLimitMiddleware.limit(plain) == settings.REQUEST_MAX_BYTES
    assert settings.REQUEST_MAX_UPLOAD_BYTES >= 5 * 10 * 1024 * 1024  # five 10 MB attachments
