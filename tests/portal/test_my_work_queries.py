"""My work runs the same number of SQL queries for 3 rows as for 30, for every role."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from measures.models import ReportStatus
from meetings.models import MeetingStatus, MinutesStatus, ProposalStatus
from programs.roles import REPORTERS
from regionalprogram.api.models import ApiToken
from tests.edit_helpers import user_in
from tests.factories import (
    BodyFactory,
    DecisionFactory,
    ExecutorFactory,
    MeetingFactory,
    ProgressReportFactory,
    ProposalFactory,
)
from tests.portal.conftest import PAST, TODAY, Plan, figures

pytestmark = pytest.mark.django_db


def queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/en/my-work/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def same_queries_for_3_and_30(client, user, add, budget: int) -> tuple[str, str]:
    client.force_login(user)
    client.get("/en/my-work/")  # the first visit of the session records it (partners)
    add(3)
    small, small_page = queries(client)
    add(27)
    large, large_page = queries(client)
    assert small == large, (small, large)
    # The session, the user, their roles and permissions, then the section's own queries.
    assert small <= budget, small
    return small_page, large_page


def test_the_editors_section(client, editor, plan):
    plan.body = BodyFactory()

    def add(n):
        for measure in plan.add(n) + plan.add_overdue(n):
            ProgressReportFactory(measure=measure, status=ReportStatus.SUBMITTED, **PAST)

    small, large = same_queries_for_3_and_30(client, editor, add, budget=10)
    assert ("Reports waiting for review", 6, "/en/reports/review/W-1/?status=submitted") in (
        figures(small)
    )
    assert ("Reports waiting for review", 60, "/en/reports/review/W-1/?status=submitted") in (
        figures(large)
    )


def test_the_secretarys_section(client, secretary, group):
    now = timezone.now()
    numbers = iter(range(1, 1000))

    def add(n):
        for _ in range(n):
            ProposalFactory(group=group, status=ProposalStatus.SUBMITTED)
            MeetingFactory(
                group=group,
                number=next(numbers),
                status=MeetingStatus.PLANNED,
                starts_at=now + datetime.timedelta(days=3),
            )
            held = MeetingFactory(
                group=group,
                number=next(numbers),
                minutes_status=MinutesStatus.DRAFT,
                starts_at=now - datetime.timedelta(days=3),
            )
            DecisionFactory(meeting=held, deadline=TODAY - datetime.timedelta(days=1))

    small, large = same_queries_for_3_and_30(client, secretary, add, budget=13)
    assert figures(small)[0][:2] == ("New proposals to screen", 3)
    assert figures(large)[0][:2] == ("New proposals to screen", 30)


def test_the_members_section(client, member, group):
    now = timezone.now()
    numbers = iter(range(1, 1000))

    def add(n):
        for _ in range(n):
            ProposalFactory(group=group, author=member, status=ProposalStatus.ON_AGENDA)
            MeetingFactory(
                group=group,
                number=next(numbers),
                status=MeetingStatus.PLANNED,
                starts_at=now + datetime.timedelta(days=3),
            )
            held = MeetingFactory(
                group=group, number=next(numbers), starts_at=now - datetime.timedelta(days=3)
            )
            DecisionFactory(meeting=held)

    small, large = same_queries_for_3_and_30(client, member, add, budget=11)
    assert ("On the agenda", 3, "/en/working-group/wg/proposals/mine/") in figures(small)
    assert ("On the agenda", 30, "/en/working-group/wg/proposals/mine/") in figures(large)


def test_the_reporters_section(client, programme):
    body = BodyFactory()
    plan = Plan(programme, body=body)
    user = user_in(REPORTERS, username="reporter")
    user.profile.body = body
    user.profile.save()

    def add(n):
        for measure in plan.add(n):
            ProgressReportFactory(measure=measure, status=ReportStatus.RETURNED, **PAST)
            ExecutorFactory(measure=measure)

    small, large = same_queries_for_3_and_30(client, user, add, budget=10)
    assert figures(small)[0][:2] == ("Returned for revision", 3)
    assert figures(large)[0][:2] == ("Returned for revision", 30)


def test_the_partners_section(client, partner, plan, settings):
    settings.API_TOKENS_PER_USER = 100  # one token per measure here, to count the queries

    def add(n):
        for measure in plan.add(n):
            ProgressReportFactory(
                measure=measure, status=ReportStatus.ACCEPTED, reviewed_at=timezone.now(), **PAST
            )
            ApiToken.issue(user=partner, name=f"token {measure.number}")

    partner.profile.last_visit_at = timezone.now() - datetime.timedelta(days=1)
    partner.profile.save()
    small, large = same_queries_for_3_and_30(client, partner, add, budget=10)
    assert figures(small)[0][:2] == ("Measures changed", 3)
    assert figures(large)[0][:2] == ("Measures changed", 30)
