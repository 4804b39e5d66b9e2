"""Breadcrumbs name the programme by its short name in the reader's language, never by its code."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from measures.models import ReportStatus
from tests.edit_helpers import editor_of
from tests.factories import MeasureFactory, ProgressReportFactory

pytestmark = pytest.mark.django_db


def breadcrumbs(html: str) -> str:
    match = re.search(r'<nav[^>]*class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S)
    assert match, "the page has no breadcrumbs"
    return re.sub(r"<[^>]+>", " ", match.group(1))  # the words a reader sees, not the links


@pytest.fixture
def programme():
    programme = MeasureFactory().programme
    programme.code = "SP-2025"
    programme.short_title_ru, programme.short_title_en = "Регионы 2025–2030", "Regions 2025–2030"
    programme.save()
    return programme


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_direction_form_names_the_programme(client, programme, lang):
    client.force_login(editor_of(programme))
    html = client.get(f"/{lang}/programmes/{programme.code}/directions/new/").content.decode()
    trail = breadcrumbs(html)
    assert "SP-2025" not in trail
    with translation.override(lang):
        assert str(programme) in trail


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_report_page_names_the_programme(client, programme, lang):
    measure = programme.measures.get()
    report = ProgressReportFactory(measure=measure, status=ReportStatus.SUBMITTED)
    client.force_login(editor_of(programme))
    response = client.get(f"/{lang}/reports/{report.pk}/")
    assert response.status_code == 200
    trail = breadcrumbs(response.content.decode())
    assert "SP-2025" not in trail
    with translation.override(lang):
        assert str(programme) in trail


def test_the_programme_page_names_itself(client, programme):
    html = client.get(f"/ru/programmes/{programme.code}/").content.decode()
    trail = breadcrumbs(html)
    assert "SP-2025" not in trail and "Регионы 2025–2030" in trail


@pytest.mark.parametrize(
    "path",
    [
        "/ru/programmes/SP-2025/dashboard/",
        "/ru/programmes/SP-2025/data-quality/",
        "/ru/reports/consolidated/SP-2025/",
    ],
)
def test_monitoring_pages_name_the_programme(client, programme, path):
    client.force_login(editor_of(programme))
    response = client.get(path)
    assert response.status_code == 200
    trail = breadcrumbs(response.content.decode())
    assert "SP-2025" not in trail and "Регионы 2025–2030" in trail
