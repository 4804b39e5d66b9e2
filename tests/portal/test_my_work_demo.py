"""Issue 10's "done when": after seed_demo, each demo account's login opens its own work."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

SECTIONS = {
    "admin": ["Programmes I edit", "Working group secretariat"],
    "editor": ["Programmes I edit"],
    "secretary": ["Working group secretariat"],
    "member": ["My proposals and meetings"],
    "reporter": ["Reports of my body"],
    "partner": ["Data for partners"],
}
ALL_SECTIONS = {heading for headings in SECTIONS.values() for heading in headings}


def test_each_demo_account_lands_on_its_own_work(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--i-know-this-is-not-production", stdout=StringIO())
    for username, sections in SECTIONS.items():
        response = Client().post(
            "/en/accounts/login/", {"username": username, "password": "demo12345"}, follow=True
        )
        assert response.redirect_chain[-1][0] == "/en/my-work/", username
        page = response.content.decode()
        shown = {heading for heading in ALL_SECTIONS if f">{heading}</h2>" in page}
        assert shown == set(sections), username
        assert "Your account has no role on the portal yet" not in page
