"""Deep pages read their ids first (regionalprogram.paging): the rows, their order and the page
numbers are what Django's Paginator gives, and a page runs the same queries whatever its depth."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Measure
from regionalprogram.paging import IdsFirstPaginator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("orphans", [0, 3])
def test_every_page_holds_the_rows_django_would_give(plan, orphans):
    plan.add(23)
    queryset = Measure.objects.for_plan_table().filter(programme=plan.programme)
    plain = Paginator(queryset, 5, orphans=orphans)
    ids_first = IdsFirstPaginator(queryset, 5, orphans=orphans)
    assert ids_first.num_pages == plain.num_pages
    for number in plain.page_range:
        expected = [(m.pk, m.effective_status) for m in plain.page(number)]
        assert [(m.pk, m.effective_status) for m in ids_first.page(number)] == expected


@pytest.mark.parametrize(
    "url",
    [
        "/en/plan/?programme=W-1&page={page}",
        "/api/v1/measures/?programme=W-1&page={page}",
        "/api/v1/measures/?programme=W-1&page={page}&count=true",
    ],
)
def test_first_and_last_page_run_the_same_queries_at_10_and_200_rows(client, plan, url):
    def queries(page):
        client.get(url.format(page=page))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url.format(page=page))
        assert response.status_code == 200
        return len(captured)

    plan.add(10)
    small = queries(1)
    plan.add(190)
    assert queries(1) == small
    assert queries(4) == small  # the last page of 50
