"""Each role's own work, for the "My work" page: what waits for the user, counted, each count a
link to the list that shows those rows.

Who holds which role, and who may see or do what, is asked of the rules' homes —
programs.permissions (editors), measures.reporting (reporters, reviewers, the reporter's list),
meetings' QuerySets and services (the secretariat, members), programs.roles (the role groups) —
this module only counts and lists. Every section runs a fixed number of SQL queries whatever the
number of rows; the members' section asks meetings.services once per
working group of the user for membership (proposal_author_membership); groups are few.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from measures import reporting
from measures.figures import status_counts
from measures.history import plan_change_records
from measures.models import ComputedStatus, Measure, ProgressReport, ReportStatus
from meetings.models import (
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    Proposal,
    ProposalStatus,
    WorkingGroup,
)
from meetings.services import SCREENABLE, proposal_author_membership, secretariat_groups
from programs.permissions import editable_programmes
from programs.roles import MEMBERS, PARTNERS
from regionalprogram.api.models import ApiToken

LIST_LENGTH = 10
RECENT_CHANGES = 8
DECISIONS_DUE_DAYS = 14
# The reporter's list in the order to act on it (measures.reporting.WorkState).
REPORTER_OWED_STATES = (
    reporting.WorkState.RETURNED,
    reporting.WorkState.OVERDUE,
    reporting.WorkState.DUE_SOON,
    reporting.WorkState.DUE,
)


@dataclass
class Figure:
    """A count on the page and the filtered list it stands for."""

    label: str
    count: int
    url: str | None
    warn: bool = False  # drawn as a warning while the count is not zero


def with_query(url: str, **params) -> str:
    return f"{url}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def plan_url(programme_code: str, computed_status: str | None = None) -> str:
    """The action plan of a programme, filtered by progress (the computed status)."""
    return with_query(
        reverse("measures:measure_list"),
        programme=programme_code,
        computed_status=computed_status,
    )


# --- the editor ----------------------------------------------------------------------------------


@dataclass
class ProgrammeWork:
    programme: object
    figures: list[Figure]
    can_review: bool


@dataclass
class EditorWork:
    programmes: list[ProgrammeWork]
    changes: list = field(default_factory=list)


def editor_work(user, today: datetime.date) -> EditorWork | None:
    """The programmes the user edits: reports waiting for review, measures overdue or not
    reported, the latest changes of their plans, and the import and export."""
    if not user.has_perm("measures.change_measure"):
        return None
    programmes = list(editable_programmes(user).order_by("-period_start_year", "code"))
    ids = [p.pk for p in programmes]
    reviewable = set(
        reporting.reviewable_programmes(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    waiting = dict(
        ProgressReport.objects.visible_to(user)
        .filter(
            measure__programme__in=reviewable,
            measure__archived_at__isnull=True,
            status=ReportStatus.SUBMITTED,
        )
        .values_list("measure__programme")
        .annotate(count=Count("pk"))
        .order_by()
    )
    statuses = status_counts(Measure.objects.active().filter(programme__in=ids), today, "programme")
    work = []
    for programme in programmes:
        figures = []
        if programme.pk in reviewable:
            figures.append(
                Figure(
                    _("Reports waiting for review"),
                    waiting.get(programme.pk, 0),
                    with_query(
                        reverse("reports:review_queue", args=[programme.code]),
                        status=ReportStatus.SUBMITTED,
                    ),
                    warn=True,
                )
            )
        for status, label in (
            (ComputedStatus.OVERDUE, _("Overdue measures")),
            (ComputedStatus.NOT_REPORTED, _("Measures not reported on")),
        ):
            figures.append(
                Figure(
                    label,
                    statuses[(programme.pk, status.value)],
                    plan_url(programme.code, status.value),
                    warn=True,
                )
            )
        work.append(ProgrammeWork(programme, figures, programme.pk in reviewable))
    codes = {p.pk: p.code for p in programmes}
    # One line per save, as on the programme's "Recent changes" (measures.history).
    changes = list(plan_change_records(*ids)[:RECENT_CHANGES])
    for record in changes:
        record.programme_code = codes[record.programme_id]
    return EditorWork(work, changes)


# --- the working group's secretariat -------------------------------------------------------------


@dataclass
class GroupWork:
    group: WorkingGroup
    figures: list[Figure]


@dataclass
class SecretaryWork:
    groups: list[GroupWork]
    meetings_to_prepare: list = field(default_factory=list)
    minutes_to_approve: list = field(default_factory=list)
    decisions_due: list = field(default_factory=list)


PROPOSAL_FIGURE_LABELS = {
    ProposalStatus.SUBMITTED: lambda: _("New proposals to screen"),
    ProposalStatus.UNDER_REVIEW: lambda: _("Proposals under review"),
    ProposalStatus.ON_AGENDA: lambda: _("Proposals on an agenda, to answer"),
}


def secretary_work(user, today: datetime.date) -> SecretaryWork | None:
    """The groups the user runs: proposals to screen, meetings to prepare, minutes to approve,
    decisions due or overdue."""
    if not user.has_perm("meetings.manage_working_group"):
        return None
    groups = list(
        WorkingGroup.objects.visible_to(user)
        .filter(pk__in=secretariat_groups(user).values("pk"))
        .order_by("name")
    )
    proposals = dict.fromkeys(((g.pk, s) for g in groups for s in SCREENABLE), 0)
    for group_id, status, count in (
        Proposal.objects.filter(group__in=groups, status__in=SCREENABLE)
        .values_list("group", "status")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        proposals[(group_id, status)] = count
    meetings = {
        row["group"]: row
        for row in Meeting.objects.filter(group__in=groups)
        .values("group")
        .annotate(
            planned=Count("pk", filter=Q(status=MeetingStatus.PLANNED)),
            minutes=Count(
                "pk",
                filter=Q(status=MeetingStatus.HELD) & ~Q(minutes_status=MinutesStatus.APPROVED),
            ),
        )
        .order_by()
    }
    overdue = dict(
        Decision.objects.filter(meeting__group__in=groups)
        .overdue(today)
        .values_list("meeting__group")
        .annotate(count=Count("pk"))
        .order_by()
    )
    work = []
    for group in groups:
        figures = [
            Figure(
                PROPOSAL_FIGURE_LABELS[status](),
                proposals[(group.pk, status)],
                with_query(reverse("meetings:proposal_list", args=[group.slug]), status=status),
                warn=status == ProposalStatus.SUBMITTED,
            )
            for status in SCREENABLE
        ]
        counts = meetings.get(group.pk, {})
        meeting_list = reverse("meetings:meeting_list", args=[group.slug])
        figures += [
            Figure(_("Meetings to prepare"), counts.get("planned", 0), meeting_list),
            Figure(_("Minutes to approve"), counts.get("minutes", 0), meeting_list),
            Figure(
                _("Overdue decisions"),
                overdue.get(group.pk, 0),
                with_query(reverse("meetings:decision_list", args=[group.slug]), overdue="true"),
                warn=True,
            ),
        ]
        work.append(GroupWork(group, figures))
    return SecretaryWork(
        groups=work,
        meetings_to_prepare=list(
            Meeting.objects.filter(group__in=groups, status=MeetingStatus.PLANNED)
            .select_related("group")
            .annotate(agenda_count=Count("agenda_items"))
            .order_by("starts_at", "pk")[:LIST_LENGTH]
        ),
        minutes_to_approve=list(
            Meeting.objects.filter(group__in=groups, status=MeetingStatus.HELD)
            .exclude(minutes_status=MinutesStatus.APPROVED)
            .select_related("group")
            .order_by("starts_at", "pk")[:LIST_LENGTH]
        ),
        decisions_due=list(
            Decision.objects.filter(
                meeting__group__in=groups,
                status=DecisionStatus.OPEN,
                deadline__lte=today + datetime.timedelta(days=DECISIONS_DUE_DAYS),
            )
            .select_related("meeting__group", "responsible_body")
            .order_by("deadline", "meeting__starts_at", "number")[:LIST_LENGTH]
        ),
    )


# --- a working-group member ----------------------------------------------------------------------


@dataclass
class MemberGroup:
    group: WorkingGroup
    can_submit: bool
    figures: list[Figure]


@dataclass
class MemberWork:
    groups: list[MemberGroup]
    proposals: list = field(default_factory=list)
    next_meetings: list = field(default_factory=list)
    papers: list = field(default_factory=list)


def member_work(user, role_names: set[str], now: datetime.datetime) -> MemberWork | None:
    """The user's proposals and their state, the next meetings and the papers (agendas, minutes,
    decisions of held meetings) of the groups they belong to."""
    if user.is_superuser or MEMBERS not in role_names:
        return None
    groups = list(
        WorkingGroup.objects.seen_in_full_by(user)
        .filter(members__user=user)
        .distinct()
        .select_related("programme")
        .order_by("name")
    )
    mine = Proposal.objects.visible_to(user).filter(author=user)
    by_status: dict = defaultdict(dict)
    for group_id, status, count in (
        mine.values_list("group", "status").annotate(count=Count("pk")).order_by()
    ):
        by_status[group_id][status] = count
    work = []
    for group in groups:
        own = reverse("meetings:my_proposals", args=[group.slug])
        figures = [
            Figure(capfirst(label), by_status[group.pk][status], own)
            for status, label in ProposalStatus.choices
            if by_status[group.pk].get(status)
        ]
        membership = proposal_author_membership(user=user, group=group)
        work.append(MemberGroup(group, membership is not None, figures))
    return MemberWork(
        groups=work,
        proposals=list(mine.select_related("group").order_by("-submitted_at", "-pk")[:LIST_LENGTH]),
        next_meetings=list(
            Meeting.objects.listed_for(user)
            .filter(group__in=groups, status=MeetingStatus.PLANNED, starts_at__gte=now)
            .select_related("group")
            .order_by("starts_at", "pk")[:LIST_LENGTH]
        ),
        papers=list(
            Meeting.objects.detailed_for(user)
            .filter(group__in=groups, status=MeetingStatus.HELD)
            .select_related("group")
            .annotate(decision_count=Count("decisions"))
            .order_by("-starts_at", "-pk")[:LIST_LENGTH]
        ),
    )


# --- a responsible body's reporter ---------------------------------------------------------------


@dataclass
class ReporterWork:
    body: object | None
    figures: list[Figure] = field(default_factory=list)
    rows: list = field(default_factory=list)


def reporter_work(user, today: datetime.date) -> ReporterWork | None:
    """Reports the user's body owes: returned first, then overdue, due soon and due (the My
    reports list, measures.reporting.reporter_work, cut short)."""
    if user.is_superuser or not user.has_perm("measures.add_progressreport"):
        return None
    body = reporting.reporting_body(user)
    if body is None:
        return ReporterWork(body=None)  # a reporter whose account names no body yet
    rows = reporting.reporter_work(user, today)
    counts = dict.fromkeys(reporting.WorkState.ORDER, 0)
    for row in rows:
        counts[row.state] += 1
    mine = reverse("reports:my_reports")
    labels = {
        reporting.WorkState.RETURNED: _("Returned for revision"),
        reporting.WorkState.OVERDUE: _("Overdue reports"),
        reporting.WorkState.DUE_SOON: _("Due within two weeks"),
        reporting.WorkState.DUE: _("Reports to write"),
    }
    figures = [
        Figure(
            labels[state],
            counts[state],
            mine,
            warn=state in (reporting.WorkState.RETURNED, reporting.WorkState.OVERDUE),
        )
        for state in REPORTER_OWED_STATES
    ]
    todo = [row for row in rows if row.state in REPORTER_OWED_STATES]
    return ReporterWork(
        body=body,
        figures=figures,
        rows=todo[:LIST_LENGTH],
    )


# --- a partner -----------------------------------------------------------------------------------


@dataclass
class PartnerWork:
    since: datetime.datetime | None
    tokens: list = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    measures: list = field(default_factory=list)
    reports: list = field(default_factory=list)


def is_partner(user, role_names: set[str]) -> bool:
    return not user.is_superuser and PARTNERS in role_names


def partner_work(user, since: datetime.datetime | None) -> PartnerWork:
    """The API guide and the user's tokens, and what changed since their last visit: measures
    changed (as the API's ``updated_since`` counts them) and reports accepted."""
    tokens = list(ApiToken.objects.active().filter(user=user).order_by("-created_at"))
    if since is None:
        return PartnerWork(since=None, tokens=tokens)
    measures = Measure.objects.visible_to(user).filter(updated_at__gte=since)
    reports = ProgressReport.objects.visible_to(user).filter(
        status=ReportStatus.ACCEPTED, reviewed_at__gte=since
    )
    changed = measures.aggregate(count=Count("pk"))["count"]
    accepted = reports.aggregate(count=Count("pk"))["count"]
    stamp = since.isoformat()
    figures = [
        Figure(
            _("Measures changed"),
            changed,
            with_query(reverse("api:measure-list"), updated_since=stamp),
        ),
        # Accepted reports have no public list yet; the rows below link each one.
        Figure(_("Reports accepted"), accepted, None),
    ]
    return PartnerWork(
        since=since,
        tokens=tokens,
        figures=figures,
        measures=list(
            measures.active()
            .select_related("programme")
            .order_by("-updated_at", "-pk")[:LIST_LENGTH]
        ),
        reports=list(
            reports.select_related(
                "measure__programme", "period__cycle", "reporting_body"
            ).order_by("-reviewed_at", "-pk")[:LIST_LENGTH]
        ),
    )
