"""One measure: everything attached to it, with reports and decisions shown to the right people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from measures.models import FundingSource, ReportStatus
from meetings.models import ProposalStatus
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
    UserFactory,
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


def test_public_sees_only_accepted_reports_staff_sees_all(client, measure):
    ProgressReportFactory(measure=measure, text="Accepted work", status=ReportStatus.ACCEPTED)
    ProgressReportFactory(
        measure=measure, text="Draft work", status=ReportStatus.DRAFT, period_number=2
    )
    public = client.get(url(measure)).content.decode()
    assert "Accepted work" in public and "Draft work" not in public
    client.force_login(UserFactory(is_staff=True))
    staff = client.get(url(measure)).content.decode()
    assert "Accepted work" in staff and "Draft work" in staff


def test_proposals_and_decisions_linked_to_the_measure(client, measure):
    # A proposal that produced a measure has been accepted; unanswered ones stay with the group
    # (tests/measures/test_measure_page_proposals.py).
    ProposalFactory(
        resulting_measure=measure, title="Build schools in Naryn", status=ProposalStatus.ACCEPTED
    )
    published = MeetingFactory(news_published_at=timezone.now())
    DecisionFactory(meeting=published, text_en="Approve measure 1.1.2").measures.add(measure)
    DecisionFactory(meeting=MeetingFactory(), text_en="Unpublished decision").measures.add(measure)
    content = client.get(url(measure)).content.decode()
    assert "Build schools in Naryn" in content
    assert "Approve measure 1.1.2" in content
    assert "Unpublished decision" not in content
