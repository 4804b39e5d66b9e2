"""generate_synthetic: repeatable, flagged, guarded, and a fixed number of queries per chunk."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from measures.models import (
    FundingLine,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
)
from meetings.models import Decision, DemoDatabase, Meeting, Proposal
from programs.models import Programme, ResponsibleBody
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def generate(**options) -> None:
    call_command("generate_synthetic", stdout=io.StringIO(), **options)


def snapshot() -> dict:
    measures = Measure.objects.order_by("programme__code", "sort_key")
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in (
                Programme,
                ResponsibleBody,
                Measure,
                MeasureExecutor,
                FundingLine,
                MeasureIndicator,
                IndicatorTarget,
                ProgressReport,
                Proposal,
                Meeting,
                Decision,
            )
        },
        "measures": list(
            measures.values_list(
                "programme__code", "number", "title_ru", "lead_body__short_name", "deadline_end"
            )
        ),
        "funding": list(
            FundingLine.objects.order_by(
                "measure__programme__code", "measure__sort_key", "source"
            ).values_list("measure__number", "source", "year", "planned_amount")
        ),
        "reports": list(
            ProgressReport.objects.order_by(
                "measure__programme__code", "measure__sort_key", "id"
            ).values_list("measure__number", "reporting_body__short_name", "percent_complete")
        ),
    }


def generate_and_roll_back(**options) -> dict:
    try:
        with transaction.atomic():
            generate(**options)
            raise Rollback(snapshot())
    except Rollback as done:
        return done.args[0]


def test_same_seed_gives_the_same_plan_and_another_seed_another():
    first = generate_and_roll_back(measures=30, seed=7)
    again = generate_and_roll_back(measures=30, seed=7)
    other = generate_and_roll_back(measures=30, seed=8)

    assert first == again
    assert first["counts"] == {
        "Programme": 3,
        "ResponsibleBody": 300,
        "Measure": 30,
        "MeasureExecutor": 60,
        "FundingLine": 90,
        "MeasureIndicator": 30,
        "IndicatorTarget": 180,
        "ProgressReport": 300,
        "Proposal": 3,
        "Meeting": 3,
        "Decision": 3,
    }
    assert other["measures"] != first["measures"]


def test_everything_flagged_is_sample_and_targets_reach_every_level():
    generate(measures=40, seed=1, programmes=2)

    assert not Measure.objects.filter(sample=False).exists()
    assert not ProgressReport.objects.filter(sample=False).exists()
    assert not Proposal.objects.filter(sample=False).exists()
    assert not Meeting.objects.filter(sample=False).exists()
    assert set(Programme.objects.values_list("code", flat=True)) == {"SYN-1", "SYN-2"}
    assert all(
        "(sample data)" in title for title in Programme.objects.values_list("title_en", flat=True)
    )
    # Every measure has its lead and two co-executors, three lines, ten reports on 5 periods.
    measure = Measure.objects.order_by("sort_key").first()
    assert measure.executors.count() == 2
    assert measure.funding_lines.count() == 3
    assert measure.reports.values("period").distinct().count() == 5
    assert Decision.measures.through.objects.count() == 40


def test_query_count_does_not_grow_with_the_measures():
    counts = []
    for n in (20, 60):
        try:
            with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                generate(measures=n, seed=3)
                raise Rollback
        except Rollback:
            counts.append(len(queries))
    assert counts[0] == counts[1]


def test_refuses_a_database_with_other_content_unless_forced():
    UserFactory()
    with translation.override("en"), pytest.raises(CommandError, match="not synthetic"):
        generate(measures=5)
    assert not Measure.objects.exists()
    with translation.override("ru"), pytest.raises(CommandError, match="несинтетическое"):
        generate(measures=5)

    generate(measures=5, force=True)
    assert Measure.objects.count() == 5


def test_a_demo_database_is_a_throwaway_one():
    UserFactory()
    DemoDatabase.objects.create(how=DemoDatabase.How.OPT_IN)
    generate(measures=5)
    assert Measure.objects.count() == 5


def test_refuses_a_second_synthetic_plan():
    generate(measures=5)
    with (
        translation.override("en"),
        pytest.raises(CommandError, match="already holds a synthetic plan"),
    ):
        generate(measures=5)
    assert Measure.objects.count() == 5
