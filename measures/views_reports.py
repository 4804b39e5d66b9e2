"""Pages of the monitoring loop: the reporter's "My reports" and report form, the editor's queue
and review, a report's page, its evidence files, and the editor's status of a measure.

Rules come from measures.reporting (permissions, services, queries); these views only answer
404 to those who may not see a thing, 403 to those who may see but not act, and send the
anonymous to the login page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Prefetch, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from measures import reporting
from measures.models import (
    FundingSource,
    IndicatorActual,
    IndicatorTarget,
    Measure,
    ProgressReport,
    ReportEvent,
    ReportEvidence,
    ReportingPeriod,
    ReportSpending,
    ReportStatus,
)
from measures.reporting.forms import ReportForm, ReviewForm, ReviewQueueFilter, StatusOverrideForm
from programs.models import Programme

QUEUE_PAGE_SIZE = 50


def _visible_measure(user, measure_id: int) -> Measure:
    return get_object_or_404(
        Measure.objects.active().visible_to(user).select_related("programme", "lead_body"),
        pk=measure_id,
    )


@login_required
def my_reports(request):
    if reporting.reporting_body(request.user) is None:
        raise PermissionDenied
    rows = reporting.reporter_work(request.user)
    counts = dict.fromkeys(reporting.WorkState.ORDER, 0)
    for row in rows:
        counts[row.state] += 1
    return render(
        request,
        "measures/reports/my_reports.html",
        {
            "rows": rows,
            "counts": counts,
            "body": reporting.reporting_body(request.user),
            "crumbs": [(None, _("My reports"))],
        },
    )


@login_required
def report_form(request, measure_id: int, period_id: int):
    """The user's body's report on a measure for a period: created on the first save."""
    user = request.user
    measure = _visible_measure(user, measure_id)
    if not reporting.can_report_on(user, measure):
        raise PermissionDenied
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("cycle"),
        pk=period_id,
        cycle__programme=measure.programme,
        start__lte=timezone.localdate(),
    )
    body = reporting.reporting_body(user)
    report = (
        ProgressReport.objects.filter(measure=measure, period=period, reporting_body=body)
        .prefetch_related("actuals", "spending", "evidence")
        .first()
    )
    if report is not None and not report.is_editable:
        messages.info(request, _("The report has been submitted and cannot be changed now."))
        return redirect(report.get_absolute_url())
    status = 200
    if request.method == "POST":
        form = ReportForm(
            request.POST,
            request.FILES,
            measure=measure,
            period=period,
            report=report,
            language=get_language(),
        )
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            try:
                saved = reporting.report_save(
                    measure=measure, period=period, user=user, content=form.content(), submit=submit
                )
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                if submit:
                    messages.success(request, _("The report has been submitted for review."))
                    return redirect(saved.get_absolute_url())
                messages.success(request, _("The draft has been saved."))
                return redirect("reports:report_form", measure_id=measure.pk, period_id=period.pk)
        status = 400
    else:
        form = ReportForm(measure=measure, period=period, report=report, language=get_language())
    context = {
        "measure": measure,
        "period": period,
        "report": report,
        "form": form,
        "body": body,
        "is_lead": measure.lead_body_id == body.pk,
        "events": report.events.select_related("user") if report else [],
        "crumbs": [
            (reverse("reports:my_reports"), _("My reports")),
            (measure.get_absolute_url(), f"{measure.number}."),
            (None, period.label),
        ],
    }
    return render(request, "measures/reports/report_form.html", context, status=status)


def _report_page(request, report: ProgressReport, review_form=None, status=200):
    user = request.user
    measure = report.measure
    targets = {
        (t.indicator_id, t.year, t.unit_id): t.target_value
        for t in IndicatorTarget.objects.filter(indicator__measure=measure, year=report.period.year)
    }
    actuals = [
        (actual, targets.get((actual.indicator_id, actual.year, actual.unit_id)))
        for actual in IndicatorActual.objects.filter(report=report)
        .select_related("indicator", "unit")
        .order_by("indicator__position", "indicator_id", "unit_id")
    ]
    planned = {
        (line.source, line.donor_id): line.planned_amount
        for line in measure.funding_lines.filter(year=report.period.year)
    }
    labels = dict(FundingSource.choices)
    spending = [
        (spent, labels.get(spent.source, spent.source), planned.get((spent.source, spent.donor_id)))
        for spent in ReportSpending.objects.filter(report=report).select_related("donor")
    ]
    others = (
        ProgressReport.objects.filter(measure=measure, period=report.period)
        .exclude(pk=report.pk)
        .visible_to(user)
        .select_related("reporting_body")
        .prefetch_related(
            Prefetch(
                "spending",
                queryset=ReportSpending.objects.select_related("donor"),
                to_attr="spending_list",
            )
        )
        .order_by("reporting_body__name")
    )
    can_review = report.status == ReportStatus.SUBMITTED and reporting.can_review(user, report)
    context = {
        "report": report,
        "measure": measure,
        "programme": measure.programme,
        "actuals": actuals,
        "spending": spending,
        "evidence": report.evidence.all(),
        "events": ReportEvent.objects.filter(report=report).select_related("user"),
        "contributions": [r for r in others if r.reporting_body_id != measure.lead_body_id],
        "lead_report": next(
            (r for r in others if r.reporting_body_id == measure.lead_body_id), None
        ),
        "can_edit": reporting.can_edit_report(user, report),
        "can_review": can_review,
        "review_form": review_form or (ReviewForm() if can_review else None),
        "crumbs": [
            (measure.programme.get_absolute_url(), str(measure.programme)),
            (
                reverse("measures:measure_list") + f"?programme={measure.programme.code}",
                _("Action plan"),
            ),
            (measure.get_absolute_url(), f"{measure.number}."),
            (None, _("Report, %(period)s") % {"period": report.period.label}),
        ],
    }
    return render(request, "measures/reports/report_detail.html", context, status=status)


def _visible_report(user, pk: int) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.visible_to(user).select_related(
            "measure__programme", "measure__lead_body", "period__cycle", "reporting_body"
        ),
        pk=pk,
    )


def report_detail(request, pk: int):
    return _report_page(request, _visible_report(request.user, pk))


@login_required
@require_POST
def report_review(request, pk: int):
    report = _visible_report(request.user, pk)
    if not reporting.can_review(request.user, report):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    action = request.POST.get("action")
    try:
        if action == "accept":
            reporting.report_accept(report=report, user=request.user, comment=comment)
            messages.success(request, _("The report has been accepted."))
        elif action == "return":
            reporting.report_return(report=report, user=request.user, comment=comment)
            messages.success(request, _("The report has been returned to the reporting body."))
        else:
            form.add_error(None, _("Choose to accept or to return the report."))
            return _report_page(request, report, review_form=form, status=400)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        report.refresh_from_db()
        return _report_page(request, report, review_form=form, status=400)
    return redirect(report.get_absolute_url())


@login_required
def review_queue(request, code: str | None = None):
    user = request.user
    reviewable = reporting.reviewable_programmes(user)
    if code is None:
        programme = reviewable.order_by("-period_start_year", "code").first()
        if programme is None:
            raise PermissionDenied
        return redirect("reports:review_queue", code=programme.code)
    programme = get_object_or_404(Programme.objects.visible_to(user), code=code)
    if not reporting.can_review_programme(user, programme):
        raise PermissionDenied
    queryset = (
        ProgressReport.objects.filter(
            measure__programme=programme, measure__archived_at__isnull=True
        )
        .visible_to(user)
        .exclude(status=ReportStatus.DRAFT)
        .select_related(
            "measure__direction", "measure__programme", "reporting_body", "period__cycle"
        )
        .annotate(
            waiting=Case(
                When(status=ReportStatus.SUBMITTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("waiting", "submitted_at", "period__end", "measure__sort_key", "pk")
    )
    filterset = ReviewQueueFilter(request.GET or None, queryset=queryset, programme=programme)
    status = 200
    if filterset.is_bound and not filterset.is_valid():
        reports = ProgressReport.objects.none()
        status = 400
    else:
        reports = filterset.qs
    page = Paginator(reports, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "programmes": reviewable.order_by("-period_start_year", "code"),
        "filter": filterset,
        "page_obj": page,
        "reports": page.object_list,
        "cycles": programme.reporting_cycles.order_by("kind"),
        "crumbs": [(None, _("Reports to review"))],
    }
    return render(request, "measures/reports/review_queue.html", context, status=status)


def evidence_download(request, pk: int):
    """Files are served through this view only, to those who may read the report."""
    evidence = get_object_or_404(
        ReportEvidence.objects.filter(report__in=ProgressReport.objects.visible_to(request.user)),
        pk=pk,
    )
    if not evidence.file:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or evidence.title,
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def measure_status(request, measure_id: int):
    """The editor sets (or clears) a measure's status by hand, with a reason."""
    measure = _visible_measure(request.user, measure_id)
    if not reporting.can_review_programme(request.user, measure.programme):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = StatusOverrideForm(request.POST)
        if form.is_valid():
            try:
                reporting.measure_set_status_override(
                    measure=measure,
                    status=form.cleaned_data["status_override"],
                    reason=form.cleaned_data["status_override_reason"],
                    user=request.user,
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("The status of the measure has been saved."))
                return redirect(measure.get_absolute_url() + "#progress-heading")
        status = 400
    else:
        form = StatusOverrideForm(
            initial={
                "status_override": measure.status_override,
                "status_override_reason": measure.status_override_reason,
            }
        )
    computed = (
        Measure.objects.with_computed_status()
        .filter(pk=measure.pk)
        .values_list("computed_status", flat=True)
        .get()
    )
    context = {
        "measure": measure,
        "programme": measure.programme,
        "form": form,
        "computed_status": computed,
        "back": measure.get_absolute_url(),
        "crumbs": [
            (measure.get_absolute_url(), f"{measure.number}."),
            (None, _("Status of the measure")),
        ],
    }
    return render(request, "measures/reports/status_form.html", context, status=status)
