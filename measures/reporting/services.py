"""Writes of the monitoring loop: cycles and their periods, reports and their way from draft to
accepted, and the plan's spent amounts that follow from accepted reports.

Every function is keyword-only, runs in one transaction and checks who may do it
(measures.reporting.permissions), raising PermissionDenied or ValidationError (field-keyed) with a
message in the user's language. Pages and the API call these; none writes a report by hand.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import (
    REPORT_LANGUAGES,
    ExecutionAssessment,
    FundingLine,
    FundingSource,
    IndicatorActual,
    Measure,
    ProgressReport,
    ReportDispatch,
    ReportEvent,
    ReportEventAction,
    ReportEvidence,
    ReportingCycle,
    ReportingPeriod,
    ReportSpending,
    ReportStatus,
)
from measures.reporting import permissions
from measures.reporting.periods import due_date, period_spans
from programs.models import Programme, ProgrammeStatus, ResponsibleBody
from regionalprogram.formats import short_date
from regionalprogram.languages import LANGUAGE_CODES, active_language
from regionalprogram.uploads import check_attachment

LANGS = LANGUAGE_CODES
MAX_EVIDENCE = 10
# Programmes whose measures are reported on; a new or changed one of these gets its default cycle.
REPORTING_PROGRAMME_STATUSES = (ProgrammeStatus.ADOPTED, ProgrammeStatus.IN_IMPLEMENTATION)
RECURRING = ("annual", "continuous")


# --- cycles and periods ---------------------------------------------------------------------


def cycle_sync_periods(*, cycle: ReportingCycle) -> None:
    """Give the cycle exactly the periods of its programme's years, with due dates from its rule.

    Idempotent. A period that falls outside a shortened programme period is removed unless
    reports were filed for it (those stay, so that no report loses its period).
    """
    programme = cycle.programme
    spans = {
        (span.year, span.number): span
        for span in period_spans(cycle.kind, programme.period_start_year, programme.period_end_year)
    }
    with transaction.atomic():
        existing = {(p.year, p.number): p for p in cycle.periods.all()}
        for key, period in existing.items():
            if key not in spans and not period.reports.exists():
                period.delete()
        for key, span in spans.items():
            due = due_date(span.end, cycle.due_day, cycle.due_months_after)
            period = existing.get(key)
            if period is None:
                ReportingPeriod.objects.create(
                    cycle=cycle,
                    year=span.year,
                    number=span.number,
                    start=span.start,
                    end=span.end,
                    due_date=due,
                )
            elif (period.start, period.end, period.due_date) != (span.start, span.end, due):
                period.start, period.end, period.due_date = span.start, span.end, due
                period.save(update_fields=["start", "end", "due_date"])


def cycle_ensure(
    *, programme: Programme, kind: str, due_day: int = 15, due_months_after: int = 1
) -> ReportingCycle:
    """The programme's cycle of this kind, created (or its due rule updated), periods in step."""
    with transaction.atomic():
        cycle, created = ReportingCycle.objects.get_or_create(
            programme=programme,
            kind=kind,
            defaults={"due_day": due_day, "due_months_after": due_months_after},
        )
        if not created and (cycle.due_day, cycle.due_months_after) != (due_day, due_months_after):
            cycle.due_day, cycle.due_months_after = due_day, due_months_after
            cycle.full_clean()
            cycle.save()
        cycle_sync_periods(cycle=cycle)
        return cycle


def programme_sync_reporting(*, programme: Programme) -> None:
    """Keep a programme's periods in step with its period of years (called on every save).

    A programme adopted or in implementation without a cycle gets one from its reporting settings
    (half-yearly, due the 15th of the month after the period, by default: Cabinet Resolution
    No. 80 of 22.02.2024); more cycles are added in the admin.
    """
    with transaction.atomic():
        cycles = list(programme.reporting_cycles.all())
        if not cycles and programme.status in REPORTING_PROGRAMME_STATUSES:
            cycle_ensure(
                programme=programme,
                kind=programme.reporting_period,
                due_day=programme.report_due_day,
                due_months_after=min(max(programme.report_due_months_after, 1), 12),
            )
            return
        for cycle in cycles:
            cycle.programme = programme
            cycle_sync_periods(cycle=cycle)


# --- reports ----------------------------------------------------------------------------------


@dataclass
class ActualValue:
    indicator_id: int
    year: int
    unit_id: int | None
    value: Decimal | None


@dataclass
class Spent:
    source: str
    donor_id: int | None
    amount: Decimal | None


@dataclass
class ReportContent:
    """What a reporter fills in. ``texts`` and ``delay_reasons`` map a language to its text;
    a value of None for an actual or a spent amount removes it."""

    language: str
    texts: dict[str, str] = field(default_factory=dict)
    delay_reasons: dict[str, str] = field(default_factory=dict)
    execution: str = ""
    percent_complete: int = 0
    actuals: list[ActualValue] = field(default_factory=list)
    spending: list[Spent] = field(default_factory=list)
    new_files: list = field(default_factory=list)
    new_links: list[tuple[str, str]] = field(default_factory=list)
    remove_evidence: list[int] = field(default_factory=list)


def check_evidence_file(upload) -> str:
    """The file's real content type, or ValidationError: the proposals' checker, by content."""
    # The working group's attachments use the same rule (regionalprogram/uploads.py).

    return check_attachment(upload)


def _event(report: ProgressReport, action: str, user, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report,
        action=action,
        user=user if getattr(user, "is_authenticated", False) else None,
        comment=comment,
        comment_language=active_language() if comment else "",
    )


def submission_errors(report: ProgressReport) -> dict[str, list[str]]:
    """What a report lacks before it can be submitted, by field (empty when it is complete)."""
    errors: dict[str, list[str]] = defaultdict(list)
    lang = report.language
    if not (getattr(report, f"text_{lang}") or "").strip():
        errors[f"text_{lang}"].append(
            _("Describe what was done, at least in the language you report in.")
        )
    if not report.execution:
        errors["execution"].append(_("Choose how far the measure has got."))
    elif report.execution == ExecutionAssessment.DONE and report.percent_complete != 100:
        errors["percent_complete"].append(_("A measure reported as done is 100 % complete."))
    elif report.execution == ExecutionAssessment.NOT_STARTED and report.percent_complete != 0:
        errors["percent_complete"].append(_("A measure that has not started is 0 % complete."))
    measure = report.measure
    late = (
        measure.deadline_kind not in RECURRING
        and measure.deadline_end is not None
        and measure.deadline_end <= report.period.end
    )
    needs_reason = report.execution == ExecutionAssessment.NOT_DONE or (
        late
        and report.execution in (ExecutionAssessment.PARTLY_DONE, ExecutionAssessment.NOT_STARTED)
    )
    if needs_reason and not (getattr(report, f"delay_reason_{lang}") or "").strip():
        errors[f"delay_reason_{lang}"].append(
            _("Give the reason for the delay: the measure is not done by its deadline.")
            if late
            else _("Give the reason why the measure is not done.")
        )
    return dict(errors)


def _write_content(report: ProgressReport, content: ReportContent, user) -> None:
    report.language = content.language
    for lang in LANGS:
        if lang in content.texts:
            setattr(report, f"text_{lang}", (content.texts[lang] or "").strip())
        if lang in content.delay_reasons:
            setattr(report, f"delay_reason_{lang}", (content.delay_reasons[lang] or "").strip())
    report.execution = content.execution or ""
    report.percent_complete = content.percent_complete or 0
    report.full_clean(exclude=["measure", "period", "reporting_body", "author"])
    report.save()

    indicators = set(report.measure.indicators.values_list("pk", flat=True))
    for actual in content.actuals:
        if actual.indicator_id not in indicators:
            raise ValidationError(_("The indicator does not belong to this measure."))
        key = {
            "report": report,
            "indicator_id": actual.indicator_id,
            "year": actual.year,
            "unit_id": actual.unit_id,
        }
        if actual.value is None:
            IndicatorActual.objects.filter(**key).delete()
        else:
            IndicatorActual.objects.update_or_create(**key, defaults={"value": actual.value})

    for spent in content.spending:
        if spent.source not in FundingSource.values:
            raise ValidationError(_("Unknown funding source."))
        key = {"report": report, "source": spent.source, "donor_id": spent.donor_id}
        if spent.amount is None:
            ReportSpending.objects.filter(**key).delete()
        else:
            if spent.amount < 0:
                raise ValidationError(_("An amount cannot be negative."))
            ReportSpending.objects.update_or_create(**key, defaults={"amount": spent.amount})

    if content.remove_evidence:
        for evidence in report.evidence.filter(pk__in=content.remove_evidence):
            if evidence.file:
                evidence.file.delete(save=False)
            evidence.delete()
    count = report.evidence.count()
    if count + len(content.new_files) + len(content.new_links) > MAX_EVIDENCE:
        raise ValidationError(
            {
                "evidence": _("A report can carry at most %(count)d files and links.")
                % {"count": MAX_EVIDENCE}
            }
        )
    for upload in content.new_files:
        content_type = check_evidence_file(upload)
        ReportEvidence.objects.create(
            report=report,
            title=upload.name[:255],
            file=upload,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
        )
    for title, url in content.new_links:
        evidence = ReportEvidence(report=report, title=(title or url)[:255], link=url)
        evidence.full_clean()
        evidence.save()


def report_save(
    *,
    measure: Measure,
    period: ReportingPeriod,
    user,
    content: ReportContent,
    submit: bool = False,
) -> ProgressReport:
    """Create or update the user's body's report on ``measure`` for ``period``; with ``submit``
    also send it for review (refused, with the missing fields, when it is incomplete).

    Only a draft or a returned report can change. Raises PermissionDenied when the user does not
    report for a body that executes the measure.
    """
    body = permissions.reporting_body(user)
    if body is None or not permissions.can_report_on(user, measure):
        raise PermissionDenied
    if period.cycle.programme_id != measure.programme_id:
        raise ValidationError(_("The period belongs to another programme."))
    if period.start > timezone.localdate():
        raise ValidationError(_("The period has not begun yet."))
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update()
            .filter(measure=measure, period=period, reporting_body=body)
            .first()
        )
        created = report is None
        if created:
            report = ProgressReport(
                measure=measure, period=period, reporting_body=body, author=user
            )
        elif not report.is_editable:
            raise ValidationError(
                _("The report has been submitted; it can change only if the ministry returns it.")
            )
        report.measure, report.period = measure, period
        _write_content(report, content, user)
        if created:
            _event(report, ReportEventAction.CREATED, user)
        if submit:
            _submit(report, user)
        return report


def _submit(report: ProgressReport, user) -> None:
    errors = submission_errors(report)
    if errors:
        raise ValidationError(errors)
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.save(update_fields=["status", "submitted_at", "updated_at"])
    _event(report, ReportEventAction.SUBMITTED, user)


def report_submit(*, report: ProgressReport, user) -> ProgressReport:
    """Send a complete draft (or a revised returned report) to the ministry."""
    if not permissions.can_edit_report(user, report):
        raise PermissionDenied
    with transaction.atomic():
        report = (
            ProgressReport.objects.select_for_update()
            .select_related("measure", "period")
            .get(pk=report.pk)
        )
        if not report.is_editable:
            raise ValidationError(_("Only a draft or a returned report can be submitted."))
        _submit(report, user)
        return report


def _review(report: ProgressReport, user) -> ProgressReport:
    if not permissions.can_review(user, report):
        raise PermissionDenied
    locked = (
        ProgressReport.objects.select_for_update()
        .select_related("measure__programme", "period")
        .get(pk=report.pk)
    )
    if locked.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted or returned."))
    return locked


REVIEW_FIELDS = (
    "status",
    "reviewed_at",
    "reviewed_by",
    "review_comment",
    "review_comment_language",
)


def report_accept(*, report: ProgressReport, user, comment: str = "") -> ProgressReport:
    """Accept a submitted report: its figures become the measure's actuals, and the plan's spent
    amounts are recomputed in the same transaction."""
    with transaction.atomic():
        report = _review(report, user)
        report.status = ReportStatus.ACCEPTED
        report.reviewed_at = timezone.now()
        report.reviewed_by = user
        report.review_comment = (comment or "").strip()
        report.review_comment_language = active_language() if report.review_comment else ""
        report.save(update_fields=[*REVIEW_FIELDS, "updated_at"])
        _event(report, ReportEventAction.ACCEPTED, user, report.review_comment)
        funding_actuals_refresh(measure=report.measure, user=user)
        return report


def report_return(*, report: ProgressReport, user, comment: str) -> ProgressReport:
    """Send a submitted report back to its body with a comment saying what to change."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the reporting body should change.")})
    with transaction.atomic():
        report = _review(report, user)
        report.status = ReportStatus.RETURNED
        report.reviewed_at = timezone.now()
        report.reviewed_by = user
        report.review_comment = comment
        report.review_comment_language = active_language()
        report.save(update_fields=[*REVIEW_FIELDS, "updated_at"])
        _event(report, ReportEventAction.RETURNED, user, comment)
        return report


# --- money ------------------------------------------------------------------------------------


def accepted_spending(measure: Measure) -> dict[tuple[int, str, int | None], Decimal]:
    """Money spent on the measure by (year, source, donor): each body's latest accepted figure
    for the year (reports give the amount since 1 January), summed over the bodies."""
    rows = (
        ReportSpending.objects.filter(report__measure=measure, report__status=ReportStatus.ACCEPTED)
        .values_list(
            "report__reporting_body_id", "report__period__year", "source", "donor_id", "amount"
        )
        .order_by("-report__period__end", "-report__reviewed_at", "-report_id")
    )
    latest: dict[tuple, Decimal] = {}
    for body_id, year, source, donor_id, amount in rows:
        latest.setdefault((body_id, year, source, donor_id), amount)
    totals: dict[tuple[int, str, int | None], Decimal] = defaultdict(Decimal)
    for (_body_id, year, source, donor_id), amount in latest.items():
        totals[(year, source, donor_id)] += amount
    return dict(totals)


def funding_actuals_refresh(*, measure: Measure, user=None) -> None:
    """Set every funding line's spent amount to the accepted reports' figure (None where no
    accepted report names the line); a source and year spent on without a line in the plan gets
    a line planned at 0. The only writer of FundingLine.actual_amount."""
    totals = accepted_spending(measure)
    reason = _("spending from accepted reports")
    history_user = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        lines = {
            (line.year, line.source, line.donor_id): line
            for line in FundingLine.objects.select_for_update().filter(measure=measure)
        }
        for key, line in lines.items():
            actual = totals.get(key)
            if line.actual_amount != actual:
                line.actual_amount = actual
                line._history_user = history_user
                line._change_reason = reason
                line.save(update_fields=["actual_amount"])
        for key, actual in totals.items():
            if key in lines:
                continue
            year, source, donor_id = key
            line = FundingLine(
                measure=measure,
                year=year,
                source=source,
                donor_id=donor_id,
                planned_amount=Decimal("0.0"),
                actual_amount=actual,
            )
            line.full_clean()
            line._history_user = history_user
            line._change_reason = reason
            line.save()


def reporting_body_of(user) -> ResponsibleBody | None:
    return permissions.reporting_body(user)


# --- the consolidated report ----------------------------------------------------------------


@dataclass
class Dispatch:
    """What the ministry says about a sending of the consolidated report."""

    language: str
    sent_on: datetime.date
    to_cabinet: bool = False
    to_administration: bool = False
    other_recipient: str = ""
    letter_number: str = ""
    note: str = ""


def dispatch_errors(*, period: ReportingPeriod, dispatch: Dispatch, today=None) -> dict:
    """{field: [message]} of what makes the sending impossible to record, empty when it may be."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = defaultdict(list)
    if dispatch.language not in REPORT_LANGUAGES:
        errors["language"].append(_("The report is written in Kyrgyz or Russian."))
    if not (dispatch.to_cabinet or dispatch.to_administration or dispatch.other_recipient.strip()):
        errors["to_cabinet"].append(_("Say to whom the report was sent."))
    if dispatch.sent_on > today:
        errors["sent_on"].append(_("The date it was sent cannot be in the future."))
    elif dispatch.sent_on <= period.end:
        errors["sent_on"].append(
            _("A report on the period cannot have been sent before the period ended (%(end)s).")
            % {"end": short_date(period.end)}
        )
    return dict(errors)


def report_dispatch_record(
    *, period: ReportingPeriod, dispatch: Dispatch, user, today=None
) -> ReportDispatch:
    """Record that the consolidated report on ``period`` was sent: generate it in the dispatch's
    language from the data as they stand, and keep those bytes, their SHA-256 and the sending's
    details. Only the programme's reviewers may; the record is never changed afterwards."""
    from measures.plan_io.consolidated_docx import write_report
    from measures.reporting.consolidated import consolidated_report

    period = ReportingPeriod.objects.select_related("cycle__programme").get(pk=period.pk)
    if not permissions.can_review_programme(user, period.cycle.programme):
        raise PermissionDenied
    errors = dispatch_errors(period=period, dispatch=dispatch, today=today)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = consolidated_report(period)
        output = io.BytesIO()
        write_report(report, dispatch.language, output)
        content = output.getvalue()
        record = ReportDispatch(
            period=period,
            language=dispatch.language,
            to_cabinet=dispatch.to_cabinet,
            to_administration=dispatch.to_administration,
            other_recipient=dispatch.other_recipient.strip(),
            sent_on=dispatch.sent_on,
            letter_number=dispatch.letter_number.strip(),
            note=dispatch.note.strip(),
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            recorded_by=user,
            sample=report.sample,
        )
        record.full_clean(exclude=["file"])
        record.file.save(record.filename, ContentFile(content), save=False)
        record.save()
    return record
