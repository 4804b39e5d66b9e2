"""The visibility rule is subqueries, not loops: every list page and API list of the working group
runs the same number of SQL queries for 3 rows and for 30, for the public, a member and the
secretariat."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings.models import ProposalStatus, ProposalTarget
from tests.factories import DecisionFactory, MeetingFactory, ProposalFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/en/",
    "/en/working-group/",
    "/en/working-group/mwg/",
    "/en/working-group/mwg/meetings/",
    "/en/working-group/mwg/proposals/",
    "/en/working-group/mwg/decisions/",
    "/en/working-group/mwg/calendar.ics",
    "/en/plan/{code}/1.1.1/",
    "/api/v1/working-groups/",
    "/api/v1/meetings/",
    "/api/v1/decisions/",
    "/api/v1/proposals/",
    "/api/v1/measures/",
]


def add_rows(group, measure, count: int, start: int) -> None:
    for i in range(start, start + count):
        meeting = MeetingFactory(
            group=group, number=100 + i, news_published_at=timezone.now() if i % 2 else None
        )
        DecisionFactory(meeting=meeting).measures.add(measure)
        ProposalFactory(
            group=group,
            status=ProposalStatus.ACCEPTED if i % 2 else ProposalStatus.SUBMITTED,
            target_kind=ProposalTarget.MEASURE,
            measure=measure,
        )


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.parametrize("role", ["anonymous", "member", "secretary"])
def test_lists_run_the_same_queries_for_3_and_30_rows(client, group, member, secretary, role):
    measure = group.programme.measures.get(number="1.1.1")
    urls = [url.format(code=group.programme.code) for url in URLS]
    user = {"anonymous": None, "member": member, "secretary": secretary}[role]
    if user is not None:
        client.force_login(user)
    add_rows(group, measure, 3, start=0)
    client.get("/en/")  # the session and the user's permissions, once
    few = query_counts(client, urls)
    add_rows(group, measure, 27, start=3)
    assert query_counts(client, urls) == few
