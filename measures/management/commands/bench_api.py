"""Time the measures list of the partner API on a large throwaway plan.

    python manage.py bench_api [--measures 10000] [--runs 30] [--unit 41704000000000]

Builds a sample programme (code BENCH-SAMPLE, every measure marked sample) with N measures, each
with a lead body, 2 co-executors, 3 target units and 3 funding lines; asks for one page of 50
measures filtered to one oblast and its districts, as JSON, through the whole Django stack; prints
the median of the runs after warm-up, the query count, and the same page built by one plain SQL
query (PERFORMANCE.md's baseline). Everything runs in a transaction that is rolled back, so the
database is left as it was.
"""

from __future__ import annotations

import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from measures.models import FundingLine, FundingSource, Measure, MeasureExecutor, measure_sort_key
from programs.models import BodyKind, Direction, Objective, Programme, ProgrammeStatus
from programs.models import ResponsibleBody as Body
from regions.models import AdministrativeUnit

BENCH_CODE = "BENCH-SAMPLE"

BASELINE_SQL = """
WITH page AS (
    SELECT m.id FROM measures_measure m
    WHERE m.programme_id = %(programme)s AND m.archived_at IS NULL
      AND EXISTS (
        SELECT 1 FROM measures_measure_target_units t
        JOIN regions_administrativeunit u ON u.id = t.administrativeunit_id
        WHERE t.measure_id = m.id AND u.tree_path LIKE %(path)s)
    ORDER BY m.programme_id, m.sort_key, m.id
    LIMIT 50
)
SELECT coalesce(json_agg(row_to_json(x)), '[]')::text FROM (
    SELECT m.number, m.title_ky AS title, m.deadline_text, m.deadline_start, m.deadline_end,
        m.status, m.updated_at,
        (SELECT row_to_json(b) FROM (SELECT id, name_ky AS name FROM programs_responsiblebody
            WHERE id = m.lead_body_id) b) AS lead_body,
        (SELECT coalesce(json_agg(json_build_object('id', b.id, 'name', b.name_ky,
                'in_coordination', e.in_coordination) ORDER BY e.position, e.id), '[]')
            FROM measures_measureexecutor e JOIN programs_responsiblebody b ON b.id = e.body_id
            WHERE e.measure_id = m.id) AS co_executors,
        (SELECT coalesce(json_agg(json_build_object('soate', u.soate, 'name', u.name_ky,
                'level', u.level) ORDER BY u.tree_path), '[]')
            FROM measures_measure_target_units t
            JOIN regions_administrativeunit u ON u.id = t.administrativeunit_id
            WHERE t.measure_id = m.id) AS target_units,
        (SELECT coalesce(json_agg(json_build_object('source', f.source, 'year', f.year,
                'planned_amount', f.planned_amount) ORDER BY f.year, f.source), '[]')
            FROM measures_fundingline f WHERE f.measure_id = m.id) AS funding
    FROM page JOIN measures_measure m ON m.id = page.id
    ORDER BY m.programme_id, m.sort_key, m.id
) x
"""


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the API's measures list, filtered to one oblast, on a large sample plan."

    def add_arguments(self, parser):
        parser.add_argument("--measures", type=int, default=10_000)
        parser.add_argument("--runs", type=int, default=30)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument("--unit", default="41704000000000", help="Oblast's classifier code.")

    def handle(self, *args, measures: int, runs: int, warmup: int, unit: str, **options):
        oblast = AdministrativeUnit.objects.filter(soate=unit).first()
        if oblast is None:
            raise CommandError(f"No unit {unit}: run migrate first (it loads the classifier).")
        targets = list(AdministrativeUnit.objects.filter(depth__gte=1).order_by("tree_path"))
        if len(targets) < 3:
            raise CommandError("Not enough units below oblast level to target.")
        try:
            with transaction.atomic():
                programme = self.build(measures, targets)
                self.measure(programme, oblast, runs, warmup)
                raise Rollback
        except Rollback:
            self.stdout.write("Sample data rolled back.")

    def build(self, count: int, targets: list[AdministrativeUnit]) -> Programme:
        started = time.perf_counter()
        rng = random.Random(350)  # noqa: S311 - reproducible sample data, not security
        bodies = Body.objects.bulk_create(
            Body(name=f"Sample body {i}", name_ky=f"Үлгү орган {i}", kind=BodyKind.MINISTRY)
            for i in range(200)
        )
        programme = Programme.objects.create(
            code=BENCH_CODE,
            title="Sample programme (benchmark)",
            title_ky="Үлгү программа (бенчмарк)",
            period_start_year=2025,
            period_end_year=2030,
            status=ProgrammeStatus.ADOPTED,
        )
        direction = Direction.objects.create(programme=programme, number="1", title="Sample")
        objectives = Objective.objects.bulk_create(
            Objective(direction=direction, number=f"1.{i}", title="Sample") for i in range(1, 101)
        )
        rows = []
        for i in range(count):
            objective = objectives[i % len(objectives)]
            number = f"{objective.number}.{i // len(objectives) + 1}"
            rows.append(
                Measure(
                    programme=programme,
                    direction=direction,
                    objective=objective,
                    number=number,
                    sort_key=measure_sort_key(number),
                    title=f"Sample measure {number}",
                    title_ky=f"Үлгү иш-чара {number}",
                    deadline_text="2025–2030",
                    deadline_kind="period",
                    lead_body=bodies[i % len(bodies)],
                    sample=True,
                )
            )
        created = Measure.objects.bulk_create(rows, batch_size=2000)
        executors, units, funding = [], [], []
        through = Measure.target_units.through
        for measure in created:
            lead = measure.lead_body_id
            co = [b for b in rng.sample(bodies, 3) if b.pk != lead][:2]
            executors += [
                MeasureExecutor(measure=measure, body=b, position=n) for n, b in enumerate(co)
            ]
            units += [
                through(measure_id=measure.pk, administrativeunit_id=u.pk)
                for u in rng.sample(targets, 3)
            ]
            funding += [
                FundingLine(measure=measure, source=source, year=2026, planned_amount=100)
                for source in (FundingSource.REPUBLICAN, FundingSource.LOCAL, FundingSource.DONOR)
            ]
        MeasureExecutor.objects.bulk_create(executors, batch_size=5000)
        through.objects.bulk_create(units, batch_size=5000)
        FundingLine.objects.bulk_create(funding, batch_size=5000)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Built {count} sample measures in {time.perf_counter() - started:.1f} s "
            f"(lead body, 2 co-executors, 3 target units, 3 funding lines each)."
        )
        return programme

    def measure(self, programme: Programme, oblast: AdministrativeUnit, runs: int, warmup: int):
        url = f"/api/v1/measures/?programme={programme.code}&unit={oblast.soate}&page_size=50"
        client = Client()
        rates = {"anon": None, "user": None, "token": None}
        from django.conf import settings

        with override_settings(
            REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
        ):
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            body = response.json()
            for _ in range(warmup):
                client.get(url)
            timings = []
            for _ in range(runs):
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
        api_ms = statistics.median(timings)
        self.stdout.write(
            f"API  GET {url}\n"
            f"     {body['count']} matching measures, {len(body['results'])} on the page, "
            f"{len(queries)} queries, median {api_ms:.1f} ms over {runs} runs "
            f"(min {min(timings):.1f}, max {max(timings):.1f})"
        )
        params = {"programme": programme.pk, "path": oblast.tree_path + "%"}
        with connection.cursor() as cursor:
            for _ in range(warmup):
                cursor.execute(BASELINE_SQL, params)
                cursor.fetchone()
            sql_timings = []
            for _ in range(runs):
                started = time.perf_counter()
                cursor.execute(BASELINE_SQL, params)
                cursor.fetchone()
                sql_timings.append((time.perf_counter() - started) * 1000)
        sql_ms = statistics.median(sql_timings)
        self.stdout.write(
            f"SQL  one query, limit first, JSON built in PostgreSQL: median {sql_ms:.1f} ms\n"
            f"     API / plain SQL = {api_ms / sql_ms:.1f}x"
        )
