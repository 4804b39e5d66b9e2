"""The consolidated report to the Cabinet: per programme, its reporting periods with the report in
Kyrgyz and Russian, the record of each sending (confirmed before it is recorded: it cannot be
undone) and the files as sent.

Generating the report and recording a sending are for the programme's reviewers
(measures.reporting.permissions.can_review_programme): others get 403, the anonymous the login
page. A report once sent is public, like the programme it is about: its file, as sent, downloads
for anyone who may see the programme, and the programme's page lists the sendings.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from measures import exports, reporting
from measures.models import (
    REPORT_LANGUAGES,
    ExportKind,
    Measure,
    ReportDispatch,
    ReportingPeriod,
    ReportStatus,
)
from measures.plan_io import consolidated_docx
from measures.reporting import consolidated
from measures.reporting.forms import DispatchForm
from programs.models import Programme


def _reviewed_programme(user, code: str) -> Programme:
    programme = get_object_or_404(Programme.objects.visible_to(user), code=code)
    if not reporting.can_review_programme(user, programme):
        raise PermissionDenied
    return programme


def _period(programme: Programme, period_id: int) -> ReportingPeriod:
    return get_object_or_404(
        ReportingPeriod.objects.select_related("cycle__programme"),
        pk=period_id,
        cycle__programme=programme,
    )


def dispatches_of(programme: Programme):
    """The sendings of the programme's reports, latest first (one query)."""
    return ReportDispatch.objects.filter(period__cycle__programme=programme).select_related(
        "period__cycle__programme", "recorded_by"
    )


@login_required
def consolidated_list(request, code: str):
    """The programme's periods that have begun, closed ones first (latest first), each with the
    report in both languages and how many sendings it has."""
    programme = _reviewed_programme(request.user, code)
    today = timezone.localdate()
    periods = (
        ReportingPeriod.objects.filter(cycle__programme=programme, start__lte=today)
        .select_related("cycle")
        .annotate(
            open_rank=Case(
                When(due_date__lt=today, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            accepted_count=Count(
                "reports",
                filter=Q(
                    reports__status=ReportStatus.ACCEPTED,
                    reports__measure__archived_at__isnull=True,
                ),
                distinct=True,
            ),
            dispatch_count=Count("dispatches", distinct=True),
        )
        .order_by("open_rank", "-end", "cycle__kind")
    )
    return render(
        request,
        "measures/reports/consolidated_list.html",
        {
            "programme": programme,
            "periods": periods,
            "today": today,
            "report_languages": REPORT_LANGUAGES,
            "dispatches": dispatches_of(programme),
        },
    )


@login_required
def consolidated_period(request, code: str, period_id: int):
    """One period: the report's summary figures, its downloads and its sendings."""
    programme = _reviewed_programme(request.user, code)
    period = _period(programme, period_id)
    report = consolidated.consolidated_report(period)
    return render(
        request,
        "measures/reports/consolidated_period.html",
        {
            "programme": programme,
            "period": period,
            "report": report,
            "counts": [
                (consolidated.CLASS_LABELS[k], report.counts[k]) for k in consolidated.CLASSES
            ],
            "report_languages": REPORT_LANGUAGES,
            "dispatches": dispatches_of(programme).filter(period=period),
            "closed": period.due_date < timezone.localdate(),
        },
    )


@login_required
def consolidated_download(request, code: str, period_id: int, lang: str):
    """The report generated now from the accepted reports, in Kyrgyz or Russian; for a programme
    of more than EXPORT_DIRECT_MAX_MEASURES measures (or on a POST) a worker prepares it."""
    programme = _reviewed_programme(request.user, code)
    if lang not in REPORT_LANGUAGES:
        raise Http404
    period = _period(programme, period_id)
    total = Measure.objects.active().filter(programme=programme).count()
    if request.method == "POST" or exports.needs_background(total):
        if request.method != "POST":
            return render(
                request,
                "measures/export_confirm.html",
                {"programme": programme, "period": period, "lang": lang, "total": total},
            )
        job = exports.export_job_request(
            user=request.user,
            kind=ExportKind.CONSOLIDATED,
            programme=programme,
            language=lang,
            params={"period": period.pk},
            total=2,  # the figures, then the document
        )
        return redirect(job)
    content = consolidated_docx.report_bytes(period, lang)
    response = HttpResponse(content, content_type=consolidated_docx.CONTENT_TYPE)
    name = consolidated_docx.filename(programme, period, lang)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def consolidated_send(request, code: str, period_id: int):
    """Record a sending: the form, then the answers shown back with *Record* (or *Change*); only
    the confirmed POST records it."""
    programme = _reviewed_programme(request.user, code)
    period = _period(programme, period_id)
    context = {"programme": programme, "period": period}
    if request.method != "POST":
        language = (get_language() or "ky").split("-")[0]
        form = DispatchForm(
            period=period,
            initial={
                "language": language if language in REPORT_LANGUAGES else REPORT_LANGUAGES[0],
                "sent_on": timezone.localdate(),
            },
        )
        return render(request, "measures/reports/consolidated_send.html", {**context, "form": form})
    form = DispatchForm(request.POST, period=period)
    if not form.is_valid():
        return render(
            request,
            "measures/reports/consolidated_send.html",
            {**context, "form": form},
            status=400,
        )
    if "change" in request.POST:
        return render(request, "measures/reports/consolidated_send.html", {**context, "form": form})
    if "confirm" not in request.POST:
        return render(
            request,
            "measures/reports/consolidated_confirm.html",
            {**context, "form": form, "dispatch": form.dispatch()},
        )
    try:
        record = reporting.report_dispatch_record(
            period=period, dispatch=form.dispatch(), user=request.user
        )
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
        return render(
            request,
            "measures/reports/consolidated_send.html",
            {**context, "form": form},
            status=400,
        )
    messages.success(
        request,
        _("The sending is recorded; the report is kept as sent (SHA-256 %(hash)s).")
        % {"hash": record.sha256[:16] + "…"},
    )
    return redirect("reports:consolidated_period", code=programme.code, period_id=period.pk)


def dispatch_download(request, pk: int):
    """A sent report, exactly as it was sent; public wherever its programme is."""
    record = get_object_or_404(
        ReportDispatch.objects.select_related("period__cycle__programme").filter(
            period__cycle__programme__in=Programme.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=record.filename,
        content_type=consolidated_docx.CONTENT_TYPE,
    )
    response["X-Content-SHA256"] = record.sha256
    return response
