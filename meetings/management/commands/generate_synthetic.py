"""python manage.py generate_synthetic --measures N [--seed S] [--programmes K] [--force]

Fills a database with a synthetic action plan of realistic volume, for measuring speed (make
bench) and for trying the portal at scale: K programmes (each with directions and objectives and
a working group), ~300 responsible bodies, and per measure a lead body, 2 co-executors, 1–3 target
units over every level of the classifier the migrations loaded, 3 funding lines, an indicator with
a target for each year of the programme and 10 progress reports (the lead body and the first
co-executor on the first five half-years); proposals (one per 10 measures) and meetings with
decisions (one per 50 measures) in proportion.

Repeatable: the same seed and sizes give the same rows (numbers, titles, links, amounts); only ids
and creation times differ. Everything with a ``sample`` flag carries it; programmes and bodies,
which have none, carry "SYN" in their code and abbreviation and say "synthetic" in their titles.

Fast and in bounded memory: rows go in with bulk_create, a chunk of measures at a time with all
their rows; the number of queries grows with the number of chunks, never per row. It writes only
into a database that holds nothing but synthetic (or demo) content, unless told ``--force``.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.deadlines import parse_deadline
from measures.models import (
    ExecutionAssessment,
    FundingLine,
    FundingSource,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
    measure_sort_key,
)
from meetings.models import Decision, DemoDatabase, Meeting, Proposal, WorkingGroup
from programs.models import (
    NON_SUBORDINATE_KINDS,
    BodyKind,
    Direction,
    Objective,
    Programme,
    ProgrammeStatus,
    ReportingPeriodKind,
    ResponsibleBody,
)
from regions.models import AdministrativeUnit

PREFIX = "SYN"
TZ = ZoneInfo("Asia/Bishkek")
BODIES = 300
DIRECTIONS = 6
OBJECTIVES_PER_DIRECTION = 5
REPORTED_PERIODS = 5  # half-years; two bodies each: 10 reports per measure
MEASURES_PER_PROPOSAL = 10
MEASURES_PER_MEETING = 50
CHUNK = 2000

# (ky, ru, en) building blocks: titles read like a plan's, and differ from measure to measure.
ACTIONS = [
    ("курулушу", "Строительство", "Construction of"),
    ("реконструкциясы", "Реконструкция", "Reconstruction of"),
    ("оңдоо", "Ремонт", "Repair of"),
    ("жабдуу", "Оснащение", "Equipment of"),
    ("санариптештирүү", "Цифровизация", "Digitalisation of"),
    ("өнүктүрүү", "Развитие", "Development of"),
]
OBJECTS = [
    ("мектептин", "школы", "a school"),
    ("ауыл-дарыгерлик пунктунун", "фельдшерско-акушерского пункта", "a rural health post"),
    ("ичүүчү суу түтүгүнүн", "водопровода", "the drinking-water network"),
    ("жолдун", "автомобильной дороги", "a road"),
    ("бала бакчанын", "детского сада", "a kindergarten"),
    ("маданият үйүнүн", "дома культуры", "a house of culture"),
    ("сугат каналынын", "оросительного канала", "an irrigation canal"),
    ("көпүрөнүн", "моста", "a bridge"),
]
DEADLINES = ["2025–2030", "IV квартал 2026", "ежегодно", "II полугодие 2027", "2026–2028"]
FUNDING = [FundingSource.REPUBLICAN, FundingSource.LOCAL, FundingSource.DONOR]

REPORT_COLUMNS = [
    *("measure", "period", "reporting_body", "language"),
    *("text", "text_ky", "text_ru", "text_en", "execution", "percent_complete", "delay_reason"),
    *("status", "submitted_at", "reviewed_at", "review_comment", "review_comment_language"),
    *("sample", "created_at", "updated_at"),
]
BODY_KINDS = [
    BodyKind.MINISTRY,
    BodyKind.AGENCY,
    BodyKind.LOCAL_STATE_ADMINISTRATION,
    BodyKind.LSG,
    BodyKind.DONOR,
    BodyKind.NGO,
]


def copy_rows(model, names: list[str], rows) -> None:
    """INSERT through COPY: tuples of values for the fields ``names`` of ``model`` (a foreign key
    by its id); every other column takes its NULL. Counted among the queries like any other."""
    columns = ", ".join(
        connection.ops.quote_name(model._meta.get_field(name).column) for name in names
    )
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(map(copy_text, row)))
        buffer.write("\n")
    buffer.seek(0)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(sql, buffer)
    if connection.queries_logged:  # COPY bypasses Django's cursor wrapper: count it all the same
        connection.queries_log.append(
            {"sql": sql, "time": f"{time.perf_counter() - started:.3f}", "alias": connection.alias}
        )


def copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    if any(c in text for c in "\\\t\n\r"):
        text = (
            text.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return text


def tri(field: str, ky: str, ru: str, en: str) -> dict:
    return {field: ky, f"{field}_ky": ky, f"{field}_ru": ru, f"{field}_en": en}


def synthetic_database_check(*, force: bool) -> None:
    """Refuse (CommandError) to write into a database with content of its own.

    Like seed_demo's rule, it goes only where it cannot mix with real work: a database marked as
    the demo's (meetings.DemoDatabase), or one with no accounts, no programmes and no bodies but
    synthetic ones (a freshly migrated throwaway database); elsewhere only with ``--force``.
    """
    if force or DemoDatabase.objects.exists():
        return
    if (
        get_user_model().objects.exists()
        or Programme.objects.exclude(code__startswith=f"{PREFIX}-").exists()
        # The column itself: a lookup on short_name reads the active language's.
        or ResponsibleBody.objects.exclude(short_name_ky__startswith=f"{PREFIX}-").exists()
    ):
        raise CommandError(
            _(
                "This database already holds content that is not synthetic (accounts, "
                "programmes or bodies), so nothing was written. Generate into a fresh database, "
                "or add --force if this one is a throwaway."
            )
        )


class Command(BaseCommand):
    help = _("Fill a throwaway database with a large synthetic action plan. Repeatable.")

    def add_arguments(self, parser):
        parser.add_argument("--measures", type=int, required=True, help=_("Number of measures."))
        parser.add_argument("--seed", type=int, default=1, help=_("Same seed, same rows."))
        parser.add_argument("--programmes", type=int, default=3, help=_("Number of programmes."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Write even into a database that holds other content."),
        )

    def handle(self, *args, measures: int, seed: int, programmes: int, force: bool, **options):
        if measures < 1 or programmes < 1:
            raise CommandError(_("The numbers of measures and programmes must be at least 1."))
        started = time.perf_counter()
        with transaction.atomic():
            synthetic_database_check(force=force)
            if Programme.objects.filter(code__startswith=f"{PREFIX}-").exists():
                raise CommandError(
                    _("This database already holds a synthetic plan; generate into a fresh one.")
                )
            self.rng = random.Random(seed)  # noqa: S311 - reproducible sample data
            self.units = list(AdministrativeUnit.objects.order_by("tree_path"))
            if not self.units:
                raise CommandError(_("Reference data is missing: run `manage.py migrate` first."))
            self.bodies = self.make_bodies()
            plans = [self.make_programme(k) for k in range(1, programmes + 1)]
            done = 0
            while done < measures:
                size = min(CHUNK, measures - done)
                self.make_measures(plans, done, size)
                done += size
                self.stdout.write(
                    f"{done:,} / {measures:,} measures ({time.perf_counter() - started:.0f} s)"
                )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Synthetic plan of {measures:,} measures in {programmes} programmes written in "
            f"{time.perf_counter() - started:.1f} s."
        )

    # --- reference rows ------------------------------------------------------------------------

    def make_bodies(self) -> list[ResponsibleBody]:
        rows = []
        for i in range(1, BODIES + 1):
            kind = BODY_KINDS[i % len(BODY_KINDS)]
            unit = self.units[i % len(self.units)] if kind in (BodyKind.LSG,) else None
            rows.append(
                ResponsibleBody(
                    **tri(
                        "name",
                        f"Синтетикалык орган № {i}",
                        f"Синтетический орган № {i}",
                        f"Synthetic body No. {i}",
                    ),
                    **tri("short_name", *[f"{PREFIX}-{i:03d}"] * 3),
                    kind=kind,
                    territory=unit,
                )
            )
        return ResponsibleBody.objects.bulk_create(rows)

    def make_programme(self, k: int) -> dict:
        # save(), not bulk_create: saving a programme sets up its reporting cycle and periods
        # (measures.reporting.signals), as every other way of making one does.
        programme = Programme(
            code=f"{PREFIX}-{k}",
            **tri(
                "title",
                f"Синтетикалык программа {k} (үлгү маалымат)",
                f"Синтетическая программа {k} (демонстрационные данные)",
                f"Synthetic programme {k} (sample data)",
            ),
            period_start_year=2025,
            period_end_year=2030,
            status=ProgrammeStatus.IN_IMPLEMENTATION,
            reporting_period=ReportingPeriodKind.HALF_YEAR,
            lead_body=self.bodies[k % len(self.bodies)],
        )
        programme.save()
        directions = Direction.objects.bulk_create(
            Direction(
                programme=programme,
                number=str(d),
                position=d,
                **tri("title", f"{d}-багыт", f"Направление {d}", f"Direction {d}"),
                sample=True,
            )
            for d in range(1, DIRECTIONS + 1)
        )
        objectives = Objective.objects.bulk_create(
            Objective(
                direction=direction,
                number=f"{direction.number}.{o}",
                position=o,
                **tri(
                    "title",
                    f"{direction.number}.{o}-милдет",
                    f"Задача {direction.number}.{o}",
                    f"Objective {direction.number}.{o}",
                ),
                sample=True,
            )
            for direction in directions
            for o in range(1, OBJECTIVES_PER_DIRECTION + 1)
        )
        periods = list(
            ReportingPeriod.objects.filter(cycle__programme=programme).order_by("start")[
                :REPORTED_PERIODS
            ]
        )
        group = WorkingGroup.objects.create(
            programme=programme,
            slug=f"syn-{k}",
            **tri(
                "name",
                f"Синтетикалык жумушчу топ {k}",
                f"Синтетическая рабочая группа {k}",
                f"Synthetic working group {k}",
            ),
        )
        return {
            "programme": programme,
            "objectives": objectives,
            "periods": periods,
            "group": group,
            "count": 0,
            "meetings": 0,
        }

    # --- measures and everything hanging on them -----------------------------------------------

    def make_measures(self, plans: list[dict], offset: int, size: int) -> None:
        rng, bodies, units = self.rng, self.bodies, self.units
        measures = []
        for i in range(offset, offset + size):
            plan = plans[i % len(plans)]
            programme = plan["programme"]
            index = plan["count"]
            plan["count"] += 1
            objective = plan["objectives"][index % len(plan["objectives"])]
            number = f"{objective.number}.{index // len(plan['objectives']) + 1}"
            action, thing = rng.choice(ACTIONS), rng.choice(OBJECTS)
            place = rng.choice(units)
            text = rng.choice(DEADLINES)
            deadline = parse_deadline(
                text,
                period_start_year=programme.period_start_year,
                period_end_year=programme.period_end_year,
            )
            measure = Measure(
                programme=programme,
                direction_id=objective.direction_id,
                objective=objective,
                number=number,
                sort_key=measure_sort_key(number),
                **tri(
                    "title",
                    f"{place.name_ky}: {thing[0]} {action[0]}",
                    f"{action[1]} {thing[1]}, {place.name_ru}",
                    f"{action[2]} {thing[2]}, {place.name_en}",
                ),
                **tri(
                    "expected_result",
                    "Калк үчүн кызмат жеткиликтүү болот",
                    "Услуга станет доступной населению",
                    "The service becomes available to the population",
                ),
                deadline_text=text,
                deadline_kind=deadline.kind,
                deadline_start=deadline.start,
                deadline_end=deadline.end,
                lead_body=rng.choice(bodies),
                sample=True,
            )
            measure.synthetic = {"plan": plan, "place": place}
            measures.append(measure)
        Measure.objects.bulk_create(measures)

        # The big tables go in as plain rows: building model instances (with their translated
        # fields) would cost ten times the COPY itself.
        now = timezone.now()
        executors, targets, funding, indicators, reports = [], [], [], [], []
        for measure in measures:
            plan, place = measure.synthetic["plan"], measure.synthetic["place"]
            co = [b for b in rng.sample(bodies, 3) if b.pk != measure.lead_body_id][:2]
            executors += [
                (measure.pk, body.pk, body.kind in NON_SUBORDINATE_KINDS, n)
                for n, body in enumerate(co)
            ]
            chosen = {place.pk: None}
            for unit in rng.sample(units, rng.randint(0, 2)):
                chosen.setdefault(unit.pk, None)
            targets += [(measure.pk, pk) for pk in chosen]
            years = sorted(rng.sample(range(2025, 2031), 3))
            funding += [
                (measure.pk, source, year, Decimal(rng.randint(50, 50_000)) / 10)
                for source, year in zip(FUNDING, years, strict=True)
            ]
            indicators.append(
                MeasureIndicator(
                    measure=measure,
                    **tri("name", "Объекттер", "Количество объектов", "Facilities"),
                    **tri("unit_of_measure", "бирдик", "единиц", "units"),
                    baseline_value=Decimal(rng.randint(0, 5)),
                    baseline_year=2024,
                    position=1,
                )
            )
            reporters = [measure.lead_body_id, co[0].pk]
            for p, period in enumerate(plan["periods"]):
                status = ReportStatus.ACCEPTED if p < 3 else ReportStatus.SUBMITTED
                due = dt.datetime.combine(period.due_date, dt.time(10), tzinfo=TZ)
                for body_id in reporters:
                    percent = min(100, 20 * (p + 1) - rng.randint(0, 15))
                    texts = (
                        f"Иш {percent}% аткарылды.",
                        f"Работы выполнены на {percent}%.",
                        f"Work {percent}% done.",
                    )
                    execution = (
                        ExecutionAssessment.DONE
                        if percent == 100
                        else ExecutionAssessment.PARTLY_DONE
                    )
                    reviewed = (
                        due + dt.timedelta(days=5) if status == ReportStatus.ACCEPTED else None
                    )
                    submitted = due - dt.timedelta(days=rng.randint(0, 10))
                    reports.append(
                        (measure.pk, period.pk, body_id, "ky", texts[0], *texts, execution)
                        + (percent, "", status, submitted, reviewed, "", "", True, now, now)
                    )
        copy_rows(MeasureExecutor, ["measure", "body", "in_coordination", "position"], executors)
        copy_rows(Measure.target_units.through, ["measure", "administrativeunit"], targets)
        copy_rows(FundingLine, ["measure", "source", "year", "planned_amount"], funding)
        MeasureIndicator.objects.bulk_create(indicators)
        copy_rows(
            IndicatorTarget,
            ["indicator", "year", "target_value"],
            (
                (indicator.pk, year, indicator.baseline_value + year - 2024)
                for indicator in indicators
                for year in range(2025, 2031)
            ),
        )
        copy_rows(ProgressReport, REPORT_COLUMNS, reports)
        self.make_working_group_rows(plans, measures)

    def make_working_group_rows(self, plans: list[dict], measures: list[Measure]) -> None:
        """Proposals about every 10th measure; a held meeting per 50 measures of a programme,
        each with a decision on that run's measures."""
        rng = self.rng
        proposals, meetings = [], []
        decided: dict[int, list[Measure]] = {id(plan): [] for plan in plans}
        for n, measure in enumerate(measures):
            plan = measure.synthetic["plan"]
            if n % MEASURES_PER_PROPOSAL == 0:
                proposals.append(
                    Proposal(
                        group=plan["group"],
                        programme=plan["programme"],
                        author_body=rng.choice(self.bodies),
                        target_kind="measure",
                        measure=measure,
                        title=f"Синтетикалык сунуш: {measure.number}",
                        text="Мөөнөттү жана каржылоону тактоо сунушталат.",
                        language="ky",
                        sample=True,
                    )
                )
            decided[id(plan)].append(measure)
        for plan in plans:
            about = decided[id(plan)]
            for start in range(0, len(about), MEASURES_PER_MEETING):
                plan["meetings"] += 1
                number = plan["meetings"]
                starts = dt.datetime(2025, 1, 15, 10, tzinfo=TZ) + dt.timedelta(days=14 * number)
                meeting = Meeting(
                    group=plan["group"],
                    number=number,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=2),
                    **tri("place", "Бишкек", "Бишкек", "Bishkek"),
                    status="held",
                    sample=True,
                )
                meetings.append((meeting, about[start : start + MEASURES_PER_MEETING]))
        Proposal.objects.bulk_create(proposals)
        Meeting.objects.bulk_create([meeting for meeting, _ in meetings])
        decisions = Decision.objects.bulk_create(
            Decision(
                meeting=meeting,
                number="1",
                **tri(
                    "text",
                    "Иш-чаралардын аткарылышы жөнүндө маалымат эске алынсын.",
                    "Информацию о ходе исполнения мероприятий принять к сведению.",
                    "The report on the measures' progress is noted.",
                ),
                sample=True,
            )
            for meeting, _ in meetings
        )
        through = Decision.measures.through
        copy_rows(
            through,
            ["decision", "measure"],
            (
                (decision.pk, measure.pk)
                for decision, (_, about) in zip(decisions, meetings, strict=True)
                for measure in about
            ),
        )
