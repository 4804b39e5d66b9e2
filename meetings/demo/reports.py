"""The demo's monitoring story: which reports the bodies of REG-2025-2030 have filed by a given day,
and filing them through measures.reporting as their reporters and the editor would.

``report_plans`` reads the course of each measure (content.STORY) and the programme's periods and
says, as of ``today``, every report that exists: its body, period, texts, figures and steps, each
step at a moment that could have happened (after the period ended, before or after its due date as
the story says, a review after the submission, everything before today). ``report_file`` files one
plan through the services and then moves the stamps the services gave (the moment the command runs)
to the story's moments; ``report_matches`` tells whether a stored report is already the plan, so
that a second run on the same day changes nothing.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from measures.models import (
    DeadlineKind,
    ExecutionAssessment,
    Measure,
    ProgressReport,
    ReportEvent,
    ReportEventAction,
    ReportEvidence,
    ReportingPeriod,
    ReportStatus,
)
from measures.reporting import (
    ActualValue,
    ReportContent,
    Spent,
    report_accept,
    report_return,
    report_save,
    report_submit,
)
from meetings.demo import content as C

TZ = ZoneInfo("Asia/Bishkek")
RECURRING = (DeadlineKind.ANNUAL, DeadlineKind.CONTINUOUS)
REVIEWS = (ReportEventAction.ACCEPTED, ReportEventAction.RETURNED)
# Share of the planned money of a year spent by the end of a period, by course.
SPENDING_RATE = {"steady": "0.9", "returned": "0.9", "recurring": "0.9", "lapsed": "0.9"}
SPENDING_RATE |= {"late": "0.5", "short": "0.8"}
# How far an indicator gets towards the year's target, by course.
INDICATOR_RATE = {"late": Decimal("0.6"), "short": Decimal("0.8")}


@dataclass
class Step:
    action: str  # a ReportEventAction value
    at: dt.datetime
    comment: str = ""


@dataclass
class ReportPlan:
    measure: Measure
    body_key: str
    period: ReportingPeriod
    language: str
    text: str
    delay: str
    execution: str
    percent: int
    actuals: list[tuple[int, int, Decimal]] = field(default_factory=list)  # indicator, year, value
    spending: list[tuple[str, int | None, Decimal]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    first_text: str = ""  # what a report that went back once said before it was corrected

    @property
    def key(self) -> tuple[int, str, int]:
        return (self.measure.pk, self.body_key, self.period.pk)

    @property
    def status(self) -> str:
        last = self.steps[-1].action
        return ReportStatus.DRAFT if last == ReportEventAction.CREATED else last

    def moment(self, action: str, last: bool = True) -> dt.datetime | None:
        moments = [step.at for step in self.steps if step.action == action]
        return (moments[-1] if last else moments[0]) if moments else None


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _stable(*parts) -> int:
    """A small number that is the same on every run for the same parts (a spread of days)."""
    return zlib.crc32("/".join(map(str, parts)).encode())


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _in_order(steps: list[Step], latest: dt.datetime) -> list[Step]:
    """Pull the steps back so that none is after ``latest`` and each follows the one before by at
    least half an hour (a story squeezed by a recent today keeps its order)."""
    limit = latest
    for step in reversed(steps):
        step.at = min(step.at, limit)
        limit = step.at - dt.timedelta(minutes=30)
    return steps


class Story:
    """The reports of one programme as of ``today``."""

    def __init__(self, *, programme, today: dt.date, half_year, quarter, bodies: dict) -> None:
        self.programme = programme
        self.today = today
        self.latest = at(today - dt.timedelta(days=1), 17, 30)  # nothing the story tells is later
        self.bodies = bodies
        self.halves = list(half_year.periods.order_by("start"))
        self.quarters = list(quarter.periods.order_by("start"))
        self.last_closed_quarter = max(
            (p for p in self.quarters if p.due_date < today), key=lambda p: p.end, default=None
        )

    # -- which periods ----------------------------------------------------------------------
    def closed(self, period: ReportingPeriod) -> bool:
        return period.due_date < self.today

    def ended_open(self, period: ReportingPeriod) -> bool:
        """Ended at least two days ago, not yet due: bodies may already have sent its report."""
        return period.end <= self.today - dt.timedelta(days=2) and not self.closed(period)

    def periods_for(self, measure: Measure) -> list[ReportingPeriod]:
        """The periods the measure's lead body reports in so far: every closed half-year, the last
        closed quarter, and the ended but not yet due ones, from the period its deadline starts in;
        after a dated deadline only until the period that holds it (it is done or late there)."""
        owed_from = measure.deadline_start or dt.date(self.programme.period_start_year, 1, 1)
        periods = [p for p in self.halves if self.closed(p) or self.ended_open(p)]
        if self.last_closed_quarter is not None:
            periods.append(self.last_closed_quarter)
        periods += [p for p in self.quarters if self.ended_open(p)]
        periods = [p for p in periods if p.end >= owed_from]
        return sorted(set(periods), key=lambda p: (p.end, p.cycle.kind))

    # -- what a report says -----------------------------------------------------------------
    def figures(self, measure: Measure, course: str, period: ReportingPeriod) -> tuple[str, int]:
        """Execution and percent complete at the end of the period."""
        if course == "waiting":
            return ExecutionAssessment.NOT_STARTED, 0
        if measure.deadline_kind in RECURRING:
            if period.end.month == 12:
                return ExecutionAssessment.DONE, 100
            return ExecutionAssessment.PARTLY_DONE, period.end.month * 100 // 12
        start = measure.deadline_start or dt.date(self.programme.period_start_year, 1, 1)
        end = measure.deadline_end
        if course in ("steady", "returned") and period.end >= end:
            return ExecutionAssessment.DONE, 100
        span = max((end - start).days, 1)
        elapsed = min(max((period.end - start).days / span, 0), 1.4)
        share = {"late": 60, "short": 80}.get(course, 100)
        return ExecutionAssessment.PARTLY_DONE, max(5, min(95, round(share * elapsed)))

    def actuals(self, measure, course, period, execution) -> list[tuple[int, int, Decimal]]:
        """The indicator's value at the period's end: towards the year's target as the year goes
        (the whole target for a per-year indicator), short of it where the course says so."""
        indicator = next(iter(measure.indicators.all()), None)
        if indicator is None or course == "waiting":
            return []
        targets = {t.year: t.target_value for t in indicator.targets.all() if t.unit_id is None}
        if not targets:
            return []
        year = period.year
        target = targets.get(year, targets[max(targets)] if year > max(targets) else None)
        if target is None:
            return []
        baseline = indicator.baseline_value or Decimal(0)
        unit_key = next(
            (k for k, v in C.UNITS_OF_MEASURE.items() if v[0] == indicator.unit_of_measure_ky),
            "units",
        )
        year_share = Decimal(period.end.month) / 12
        per_year = measure.deadline_kind in RECURRING
        if per_year:
            value = target * year_share
            if course == "recurring" and C.STORY[measure.number][3] and period.end.month == 12:
                value = target * Decimal("0.9")  # the year's shortfall the reason explains
        elif execution == ExecutionAssessment.DONE:
            value = target
        else:
            before = targets.get(year - 1, baseline)
            value = before + (target - before) * year_share * INDICATOR_RATE.get(course, 1)
        return [(indicator.pk, year, _round(value, C.PRECISION[unit_key]))]

    def spending(self, measure, course, period) -> list[tuple[str, int | None, Decimal]]:
        """Money spent since 1 January, from the sources planned for the period's year."""
        if course == "waiting":
            return []
        rate = Decimal(SPENDING_RATE[course]) * Decimal(period.end.month) / 12
        return [
            (line.source, line.donor_id, _round(line.planned_amount * rate, 1))
            for line in measure.funding_lines.all()
            if line.year == period.year and line.planned_amount > 0
        ]

    def text(self, language: str, work: str, execution: str, percent: int) -> str:
        forms = C.REPORT_TEXT[language]
        if execution == ExecutionAssessment.DONE:
            return forms["done"].format(work=work)
        if execution == ExecutionAssessment.NOT_STARTED:
            return forms["not_started"].format(work=work)
        return forms["progress"].format(work=work, percent=percent)

    # -- when ----------------------------------------------------------------------------------
    def filed_steps(self, period, spread: int, *, late: bool = False, review: bool = True):
        """Draft begun, submitted (a few days before the due date, or three days after it when
        late), reviewed two to six days later."""
        due = period.due_date
        submitted = due + dt.timedelta(days=3) if late else due - dt.timedelta(days=1 + spread % 6)
        submitted = max(submitted, period.end + dt.timedelta(days=1))
        created = max(period.start, submitted - dt.timedelta(days=5))
        steps = [
            Step(ReportEventAction.CREATED, at(created, 9, 30)),
            Step(ReportEventAction.SUBMITTED, at(submitted, 11, spread % 50)),
        ]
        if review:
            reviewed = submitted + dt.timedelta(days=2 + spread % 5)
            steps.append(Step(ReportEventAction.ACCEPTED, at(reviewed, 16, 0)))
        return steps

    def plans(self) -> list[ReportPlan]:
        measures = (
            Measure.objects.filter(programme=self.programme, number__in=list(C.STORY))
            .select_related("lead_body")
            .prefetch_related("indicators__targets", "funding_lines")
        )
        plans: list[ReportPlan] = []
        for measure in measures:
            plans += self.measure_plans(measure)
        return [plan for plan in plans if plan.steps]

    def measure_plans(self, measure: Measure) -> list[ReportPlan]:
        course, language, work, delay = C.STORY[measure.number]
        if course == "silent":
            return []
        lead_key = next(k for k, b in self.bodies.items() if b.pk == measure.lead_body_id)
        periods = self.periods_for(measure)
        if course == "lapsed":
            periods = [p for p in periods if p.year < self.today.year]
        recurring = measure.deadline_kind in RECURRING
        if not recurring and course in ("steady", "returned"):
            # Done in the period that holds the deadline: no report after it.
            periods = [p for p in periods if p.start <= measure.deadline_end]
        closed = [p for p in periods if self.closed(p)]
        closed_halves = [p for p in closed if p.cycle.kind == "half_year"]
        latest_closed = closed[-1] if closed else None
        plans = []
        for period in periods:
            spread = _stable(measure.number, period.pk)
            execution, percent = self.figures(measure, course, period)
            reason = delay
            if course == "recurring" and period.end.month != 12:
                reason = ""  # the reason explains the year's shortfall, told at its end
            plan = ReportPlan(
                measure=measure,
                body_key=lead_key,
                period=period,
                language=language,
                text=self.text(language, work, execution, percent),
                delay=reason,
                execution=execution,
                percent=percent,
                actuals=self.actuals(measure, course, period, execution),
                spending=self.spending(measure, course, period),
            )
            if execution == ExecutionAssessment.DONE and not recurring:
                plan.links = [(_("Acceptance certificate"), self.evidence_link(measure, period))]
            if self.closed(period):
                late = measure.number in C.SUBMITTED_LATE and period == self.last_closed_quarter
                returned = course == "returned" and period == latest_closed
                plan.steps = self.filed_steps(period, spread, late=late, review=not late)
                if returned:
                    plan.steps[-1] = Step(
                        ReportEventAction.RETURNED,
                        plan.steps[-1].at - dt.timedelta(hours=1),
                        C.RETURN_COMMENTS[measure.number],
                    )
                elif (
                    course != "returned"
                    and measure.number in C.RETURN_COMMENTS
                    and len(closed_halves) > 1
                    and period == closed_halves[0]
                ):
                    plan.steps = self.corrected_steps(plan, period, spread)
            elif measure.number in C.SENT_EARLY or execution == ExecutionAssessment.DONE:
                # Ended, not yet due: some bodies have sent the report; a year's or a measure's
                # last report goes early and the editor accepts it at once.
                done = execution == ExecutionAssessment.DONE
                sent = min(period.end + dt.timedelta(days=2), self.today - dt.timedelta(days=1))
                plan.steps = [
                    Step(ReportEventAction.CREATED, at(period.end - dt.timedelta(days=3), 9, 30)),
                    Step(ReportEventAction.SUBMITTED, at(sent, 11, spread % 50)),
                ]
                if done:
                    accepted = at(sent + dt.timedelta(days=1), 16, 0)
                    plan.steps.append(Step(ReportEventAction.ACCEPTED, accepted))
            plan.steps = _in_order(plan.steps, self.latest)
            plans.append(plan)
        plans += self.contributions(measure, course, closed_halves, plans)
        plans += self.draft(measure, course, language, work, lead_key)
        return plans

    def corrected_steps(self, plan: ReportPlan, period, spread: int) -> list[Step]:
        """Submitted, returned with the editor's comment, corrected and sent again, accepted."""
        plan.first_text = C.REPORT_TEXT[plan.language]["progress"].split("{work}")[0] + (
            C.STORY[plan.measure.number][2] + "."
        )
        first = period.due_date - dt.timedelta(days=8)
        return [
            Step(ReportEventAction.CREATED, at(first - dt.timedelta(days=4), 9, 30)),
            Step(ReportEventAction.SUBMITTED, at(first, 10, spread % 50)),
            Step(
                ReportEventAction.RETURNED,
                at(first + dt.timedelta(days=2), 15, 0),
                C.RETURN_COMMENTS[plan.measure.number],
            ),
            Step(ReportEventAction.SUBMITTED, at(first + dt.timedelta(days=5), 10, 30)),
            Step(ReportEventAction.ACCEPTED, at(first + dt.timedelta(days=7), 16, 0)),
        ]

    def contributions(self, measure, course, closed_halves, lead_plans) -> list[ReportPlan]:
        """A co-executor reports with its lead body on the closed half-years."""
        if measure.number not in C.CONTRIBUTIONS:
            return []
        body_key, language, work = C.CONTRIBUTIONS[measure.number]
        lead = {plan.period.pk: plan for plan in lead_plans}
        plans = []
        for period in closed_halves:
            lead_plan = lead.get(period.pk)
            if lead_plan is None:
                continue
            execution = (
                ExecutionAssessment.DONE
                if lead_plan.execution == ExecutionAssessment.DONE
                else ExecutionAssessment.PARTLY_DONE
            )
            percent = 100 if execution == ExecutionAssessment.DONE else lead_plan.percent
            steps = self.filed_steps(period, _stable(body_key, period.pk))
            plans.append(
                ReportPlan(
                    measure=measure,
                    body_key=body_key,
                    period=period,
                    language=language,
                    text=self.text(language, work, execution, percent),
                    delay=lead_plan.delay if execution != ExecutionAssessment.DONE else "",
                    execution=execution,
                    percent=percent,
                    steps=_in_order(steps, self.latest),
                )
            )
        return plans

    def draft(self, measure, course, language, work, lead_key) -> list[ReportPlan]:
        """The reporter is writing the report of the open half-year (begun at least a day ago)."""
        if measure.number not in C.DRAFTING:
            return []
        open_halves = [
            p
            for p in self.halves
            if p.start < self.today and not self.closed(p) and not self.ended_open(p)
        ]
        if not open_halves:
            return []
        period = open_halves[-1]
        begun = max(period.start, self.today - dt.timedelta(days=6))
        execution, percent = self.figures(measure, course, period)
        execution = ExecutionAssessment.PARTLY_DONE
        return [
            ReportPlan(
                measure=measure,
                body_key=lead_key,
                period=period,
                language=language,
                text=self.text(language, work, execution, percent),
                delay="",
                execution=execution,
                percent=percent,
                actuals=self.actuals(measure, course, period, execution),
                steps=_in_order([Step(ReportEventAction.CREATED, at(begun, 9, 30))], self.latest),
            )
        ]

    def evidence_link(self, measure, period) -> str:
        return f"https://example.kg/reports/{measure.number}/{period.year}-{period.cycle.kind}"


# --- filing ---------------------------------------------------------------------------------


def _content(plan: ReportPlan, text: str | None = None) -> ReportContent:
    return ReportContent(
        language=plan.language,
        texts={plan.language: text if text is not None else plan.text},
        delay_reasons={plan.language: plan.delay},
        execution=plan.execution,
        percent_complete=plan.percent,
        actuals=[ActualValue(ind, year, None, value) for ind, year, value in plan.actuals],
        spending=[Spent(source, donor, amount) for source, donor, amount in plan.spending],
        new_links=list(plan.links),
    )


def report_file(plan: ReportPlan, *, reporter, editor) -> ProgressReport:
    """File the plan's report as its body's reporter and the programme's editor would, step by
    step through measures.reporting, then give its stamps the story's moments and flag it sample."""
    first_text = plan.first_text or None
    report = report_save(
        measure=plan.measure,
        period=plan.period,
        user=reporter,
        content=_content(plan, first_text),
    )
    submissions = 0
    for step in plan.steps[1:]:
        if step.action == ReportEventAction.SUBMITTED:
            if submissions:  # corrected after it came back
                report = report_save(
                    measure=plan.measure,
                    period=plan.period,
                    user=reporter,
                    content=ReportContent(
                        language=plan.language,
                        texts={plan.language: plan.text},
                        delay_reasons={plan.language: plan.delay},
                        execution=plan.execution,
                        percent_complete=plan.percent,
                    ),
                    submit=True,
                )
            else:
                report = report_submit(report=report, user=reporter)
            submissions += 1
        elif step.action == ReportEventAction.RETURNED:
            report = report_return(report=report, user=editor, comment=step.comment)
        elif step.action == ReportEventAction.ACCEPTED:
            report = report_accept(report=report, user=editor, comment=step.comment)
    events = list(ReportEvent.objects.filter(report=report).order_by("pk"))
    if [e.action for e in events] != [s.action for s in plan.steps]:
        raise RuntimeError(f"report {report.pk}: steps {events} are not the story's {plan.steps}")
    for event, step in zip(events, plan.steps, strict=True):
        ReportEvent.objects.filter(pk=event.pk).update(at=step.at, sample=True)
    submitted = plan.moment(ReportEventAction.SUBMITTED)
    reviews = [s.at for s in plan.steps if s.action in REVIEWS]
    ProgressReport.objects.filter(pk=report.pk).update(
        sample=True,
        created_at=plan.steps[0].at,
        updated_at=plan.steps[-1].at,
        submitted_at=submitted,
        reviewed_at=reviews[-1] if reviews else None,
    )
    first_submitted = plan.moment(ReportEventAction.SUBMITTED, last=False)
    ReportEvidence.objects.filter(report=report).update(
        uploaded_at=(first_submitted or plan.steps[0].at) - dt.timedelta(minutes=20)
    )
    return report


def expected(plan: ReportPlan, reporter_id: int, editor_id: int) -> tuple:
    reviews = [s for s in plan.steps if s.action in REVIEWS]
    users = {ReportEventAction.ACCEPTED: editor_id, ReportEventAction.RETURNED: editor_id}
    return (
        True,
        plan.status,
        plan.language,
        plan.text,
        plan.delay,
        plan.execution,
        plan.percent,
        reviews[-1].comment if reviews else "",
        plan.moment(ReportEventAction.SUBMITTED),
        reviews[-1].at if reviews else None,
        plan.steps[0].at,
        sorted((ind, year, value) for ind, year, value in plan.actuals),
        sorted((s, d or 0, a) for s, d, a in plan.spending),
        [(s.action, s.at, users.get(s.action, reporter_id), s.comment, True) for s in plan.steps],
        sorted(link for _title, link in plan.links),
    )


def stored(report: ProgressReport) -> tuple:
    lang = report.language
    return (
        report.sample,
        report.status,
        lang,
        getattr(report, f"text_{lang}"),
        getattr(report, f"delay_reason_{lang}"),
        report.execution,
        report.percent_complete,
        report.review_comment,
        report.submitted_at,
        report.reviewed_at,
        report.created_at,
        sorted((a.indicator_id, a.year, a.value) for a in report.actuals.all()),
        sorted((s.source, s.donor_id or 0, s.amount) for s in report.spending.all()),
        [(e.action, e.at, e.user_id, e.comment, e.sample) for e in report.events.all()],
        sorted(e.link for e in report.evidence.all()),
    )
