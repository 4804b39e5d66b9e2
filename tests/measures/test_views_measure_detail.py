"""One measure: everything attached to it, with reports and decisions shown to the right people."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from measures.models import FundingSource, ReportStatus
from meetings.models import ProposalStatus
from programs import roles
from tests.factories import (
    DecisionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    MeetingFactory,
    ProfileFactory,
    ProgrammeFactory,
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


def _user(kind: str, measure):
    if kind == "anonymous":
        return None
    if kind == "staff without a role":
        return UserFactory(username="staff", is_staff=True)
    if kind == "superuser":
        return UserFactory(username="root", is_staff=True, is_superuser=True)
    user = UserFactory(username=kind.replace(" ", "-"))
    role = roles.REPORTERS if kind == "reporter" else roles.EDITORS
    user.groups.add(Group.objects.get(name=role))
    programme = measure.programme if kind == "editor of the programme" else ProgrammeFactory()
    ProfileFactory(user=user).programmes.add(programme)
    return user


@pytest.mark.parametrize(
    ("kind", "sees_unaccepted"),
    [
        ("anonymous", False),
        ("staff without a role", False),  # is_staff opens the admin, nothing more
        ("reporter", False),
        ("editor of another programme", False),
        ("editor of the programme", True),
        ("superuser", True),
    ],
)
def test_unaccepted_reports_and_history_only_for_the_programmes_editors(
    client, measure, kind, sees_unaccepted
):
    ProgressReportFactory(measure=measure, text_ky="Accepted work", status=ReportStatus.ACCEPTED)
    ProgressReportFactory(
        measure=measure, text_ky="Submitted work", status=ReportStatus.SUBMITTED, number=2
    )
    ProgressReportFactory(
        measure=measure, text_ky="Draft work", status=ReportStatus.DRAFT, year=2026
    )
    user = _user(kind, measure)
    if user is not None:
        client.force_login(user)
    content = client.get(url(measure)).content.decode()
    assert "Accepted work" in content
    assert ("Submitted work" in content) is sees_unaccepted
    # A draft stays with its body (and the administrator) until it is submitted.
    assert ("Draft work" in content) is (kind == "superuser")
    history_link = f"/en/plan/{measure.programme.code}/{measure.number}/history/"
    assert (history_link in content) is sees_unaccepted
    history = client.get(history_link)
    assert history.status_code == (200 if sees_unaccepted else 302 if user is None else 403)


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
