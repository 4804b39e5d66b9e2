"""Who reports, who reviews, who reads which report: the one home of these rules.

- A **reporter** (a user with the reporters' permission to add reports and a body on their
  profile) reports on the active measures their body leads or co-executes, in programmes that are
  adopted or in implementation. They edit their body's drafts and returned reports only.
- An **editor** reviews (accepts or returns) the reports of the programmes they edit
  (programs.permissions.editable_programmes) when they hold the permission to change reports.
- A **superuser** reads and reviews everything.
- The **public** reads accepted reports only. Drafts are seen by their own body alone (and
  superusers); returned and submitted reports by their body, the measure's other executing
  bodies (submitted ones) and the programme's reviewers.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from measures.models import Measure, MeasureExecutor, ProgressReport, ReportStatus
from programs.models import Programme, ProgrammeStatus, ResponsibleBody
from programs.permissions import editable_programmes

REPORTING_PROGRAMME_STATUSES = (ProgrammeStatus.ADOPTED, ProgrammeStatus.IN_IMPLEMENTATION)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def reporting_body(user) -> ResponsibleBody | None:
    """The body the user reports for, or None when they are not a reporter."""
    if not _active(user):
        return None
    if hasattr(user, "_reporting_body"):
        return user._reporting_body
    body = None
    if user.has_perm("measures.add_progressreport"):
        from programs.models import Profile

        profile = Profile.objects.filter(user=user).select_related("body").first()
        body = profile.body if profile is not None else None
    user._reporting_body = body
    return body


def _executed_by(body: ResponsibleBody) -> Q:
    return Q(lead_body=body) | Q(
        Exists(MeasureExecutor.objects.filter(measure=OuterRef("pk"), body=body))
    )


def reportable_measures(user) -> QuerySet[Measure]:
    """Active measures the user reports on."""
    body = reporting_body(user)
    if body is None:
        return Measure.objects.none()
    return Measure.objects.active().filter(
        _executed_by(body), programme__status__in=REPORTING_PROGRAMME_STATUSES
    )


def can_report_on(user, measure: Measure) -> bool:
    return reportable_measures(user).filter(pk=measure.pk).exists()


def can_edit_report(user, report: ProgressReport) -> bool:
    body = reporting_body(user)
    return (
        body is not None
        and report.reporting_body_id == body.pk
        and report.is_editable
        and can_report_on(user, report.measure)
    )


def reviewable_programmes(user) -> QuerySet[Programme]:
    if not _active(user):
        return Programme.objects.none()
    if user.is_superuser:
        return Programme.objects.all()
    if not user.has_perm("measures.change_progressreport"):
        return Programme.objects.none()
    return editable_programmes(user)


def can_review_programme(user, programme: Programme) -> bool:
    return reviewable_programmes(user).filter(pk=programme.pk).exists()


def can_review(user, report: ProgressReport) -> bool:
    return can_review_programme(user, report.measure.programme)


def visible_reports(user, queryset: QuerySet[ProgressReport] | None = None):
    """The reports ``user`` may read, as a filter of ``queryset``."""
    queryset = ProgressReport.objects.all() if queryset is None else queryset
    public = Q(
        status=ReportStatus.ACCEPTED,
        measure__archived_at__isnull=True,
        measure__programme__in=Programme.objects.visible_to(user),
    )
    if not _active(user):
        return queryset.filter(public)
    if user.is_superuser:
        return queryset
    condition = public | Q(
        measure__programme__in=reviewable_programmes(user),
        status__in=[ReportStatus.SUBMITTED, ReportStatus.RETURNED, ReportStatus.ACCEPTED],
    )
    body = reporting_body(user)
    if body is not None:
        shared = reportable_measures(user).values("pk")
        condition |= Q(reporting_body=body, measure__in=shared)
        condition |= Q(measure__in=shared, status=ReportStatus.SUBMITTED)
    return queryset.filter(condition)


def sees_unaccepted_reports_of(user, measure: Measure) -> bool:
    """Whether the measure's page lists reports beyond the accepted ones for this user."""
    if not _active(user):
        return False
    return (
        user.is_superuser
        or can_review_programme(user, measure.programme)
        or can_report_on(user, measure)
    )
