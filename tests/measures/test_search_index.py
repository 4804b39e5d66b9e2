"""The plan's free-text search (MeasureQuerySet.search, used by the plan page and the API) can be
answered from indexes — a trigram index per text and language, a pattern index on the number — so
it does not read the whole plan; what it finds stays the same (tests/measures/test_plan_filters.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from measures.models import SEARCHED_TEXTS, Measure
from regionalprogram.languages import LANGUAGE_CODES
from tests.factories import MeasureFactory

pytestmark = pytest.mark.django_db


def test_search_walks_the_indexes_of_every_text_in_every_language():
    MeasureFactory(title_ru="Водоснабжение сёл", number="1.1.1")
    query = Measure.objects.search("водоснаб").order_by().values_list("pk", flat=True)
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        # A tiny table is read whole otherwise: ask for what a large plan gets.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on measures_measure" not in plan
    for name in SEARCHED_TEXTS:
        for lang in LANGUAGE_CODES:
            assert f"measure_{name[:6]}_{lang}_trgm" in plan
    assert "measure_number_like" in plan
    assert list(query) == list(
        Measure.objects.filter(title_ru="Водоснабжение сёл").values_list("pk", flat=True)
    )
