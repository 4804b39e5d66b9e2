"""One measure: everything attached to it, with reports and decisions shown to the right people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from measures.models import FundingSource, ReportStatus
from tests.edit_helpers import editor_of
from tests.factories import (
    DecisionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    MeetingFactory,
    ProgressReportFactory,
    ProposalFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure():
    unit = UnitFactory(name_en="Naryn oblast")
    measure = MeasureFactory(number="1.1.2", target_units=[unit])
    ExecutorFactory(measure=measure)
    FundingLineFactory(measure=measure, year=2026, planned_amount=Decimal("1500"))
    FundingLineFactory(
        measure=measure, year=2027, source=FundingSource.LOCAL, planned_amount=Decimal("250.5")
    )
    IndicatorTargetFactory(
        indicator=MeasureIndicatorFactory(measure=measure, name_en="Schools built"),
        year=2027,
        target_value=Decimal("12"),
    )
    return measure


def url(measure, lang="en"):
    return f"/{lang}/plan/{measure.programme.code}/{measure.number}/"


def test_measure_page_shows_funding_table_targets_and_units(client, measure):
    content = client.get(url(measure)).content.decode()
    assert "Naryn oblast" in content
    assert "Schools built" in content
    assert ">2027<" in content  # a year, not "2,027"
    assert "1,750.5" in content  # the grand total
    assert "IV квартал 2026" in content and "01.10.2026 – 31.12.2026" in content


def test_trailing_dot_in_the_number_finds_the_measure(client, measure):
    assert client.get(f"/en/plan/{measure.programme.code}/1.1.2./").status_code == 200


def test_public_sees_only_accepted_reports_the_programmes_editor_sees_submitted(client, measure):
    ProgressReportFactory(measure=measure, text_ky="Accepted work", status=ReportStatus.ACCEPTED)
    ProgressReportFactory(
        measure=measure, text_ky="Submitted work", status=ReportStatus.SUBMITTED, number=2
    )
    ProgressReportFactory(
        measure=measure, text_ky="Draft work", status=ReportStatus.DRAFT, year=2026
    )
    public = client.get(url(measure)).content.decode()
    assert "Accepted work" in public
    assert "Submitted work" not in public and "Draft work" not in public
    client.force_login(editor_of(measure.programme))
    editor = client.get(url(measure)).content.decode()
    assert "Accepted work" in editor and "Submitted work" in editor
    assert "Draft work" not in editor  # a draft stays with its body until it is submitted


def test_proposals_and_decisions_linked_to_the_measure(client, measure):
    ProposalFactory(resulting_measure=measure, title="Build schools in Naryn")
    published = MeetingFactory(news_published_at=timezone.now())
    DecisionFactory(meeting=published, text_en="Approve measure 1.1.2").measures.add(measure)
    DecisionFactory(meeting=MeetingFactory(), text_en="Unpublished decision").measures.add(measure)
    content = client.get(url(measure)).content.decode()
    assert "Build schools in Naryn" in content
    assert "Approve measure 1.1.2" in content
    assert "Unpublished decision" not in content
