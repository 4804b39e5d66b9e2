"""The portal's pages that combine several apps, and its own pages.

healthchecks' front app sits above its model app the same way: the model apps (regions ←
programs ← measures ← meetings) never import this module; it imports them. The home page, a
programme's page (its measures and working groups), a body's page (its measures and working-group
memberships), a unit's page (the measures and money that reach it) and a measure's page (its
proposals and decisions) live here; their addresses and URL names are the apps' own
(regionalprogram/urls.py wires them into the apps' namespaces).
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.shortcuts import get_object_or_404, render

from measures.history import grouped, measure_history
from measures.models import (
    FundingLine,
    Measure,
    MeasureStatus,
)
from measures.reporting.queries import measure_progress
from measures.tables import attach_funding_by_source, funding_table
from meetings.models import Decision, Meeting, Proposal, WorkingGroup, WorkingGroupMember
from programs.models import (
    Direction,
    Objective,
    Programme,
    ProgrammeLegalAct,
    ProgrammeStatus,
    ProgrammeTerritory,
    ResponsibleBody,
)
from programs.numbers import normalise_number
from programs.permissions import (
    can_edit_programme,
    can_see_plan_history,
)
from regions.models import AdministrativeUnit, normalize_soate
from regions.tables import indicator_table

UNIT_MEASURES_PAGE_SIZE = 50

CURRENT_STATUSES = [
    ProgrammeStatus.UNDER_DISCUSSION,
    ProgrammeStatus.ADOPTED,
    ProgrammeStatus.IN_IMPLEMENTATION,
    ProgrammeStatus.DRAFT,
]


def home(request):
    visible = Programme.objects.visible_to(request.user)
    programmes = (
        visible.filter(status__in=CURRENT_STATUSES)
        .select_related("lead_body")
        .order_by("-period_start_year", "code")
    )
    programme = Programme.objects.current_for(request.user)
    stats = None
    if programme is not None:
        measures = Measure.objects.active().filter(programme=programme)
        counts = measures.aggregate(
            total=Count("pk"),
            **{
                f"status_{value}": Count("pk", filter=Q(status=value))
                for value in MeasureStatus.values
            },
        )
        stats = {
            "total": counts["total"],
            "by_status": [
                (label, counts[f"status_{value}"]) for value, label in MeasureStatus.choices
            ],
            "overdue": measures.overdue().count(),
            "funding": FundingLine.objects.filter(measure__in=measures.values("pk")).aggregate(
                total=Sum("planned_amount")
            )["total"],
        }
    news = (
        Meeting.objects.listed_for(request.user)
        .published()
        .select_related("group")
        .order_by("-starts_at")[:3]
    )
    context = {
        "programmes": programmes,
        "programme": programme,
        "stats": stats,
        "news": news,
        "groups": WorkingGroup.objects.visible_to(request.user).order_by("name")[:3],
    }
    return render(request, "home.html", context)


def programme_detail(request, code: str):
    visible = Programme.objects.visible_to(request.user)
    programme = get_object_or_404(
        visible.select_related("lead_body", "superseded_by").prefetch_related(
            Prefetch(
                "act_links",
                queryset=ProgrammeLegalAct.objects.select_related("legal_act").order_by(
                    "legal_act__date"
                ),
            ),
            Prefetch(
                "directions",
                queryset=programme_directions_queryset(),
                to_attr="direction_list",
            ),
            Prefetch(
                "territory_links",
                queryset=ProgrammeTerritory.objects.select_related(
                    "unit", "territory_type"
                ).order_by("territory_type__category", "territory_type__code", "unit__tree_path"),
                to_attr="territory_list",
            ),
        ),
        code=code,
    )
    superseded_by = programme.superseded_by
    if superseded_by is not None and not visible.filter(pk=superseded_by.pk).exists():
        superseded_by = None
    territories: dict = {}
    for link in programme.territory_list:
        territories.setdefault(link.territory_type, []).append(link)
    context = {
        "programme": programme,
        "superseded_by": superseded_by,
        "supersedes": visible.filter(superseded_by=programme),
        "territories": territories,
        # Sample directions shown under a real act must not pass for its structure.
        "structure_is_sample": any(d.sample for d in programme.direction_list),
        "measure_count": Measure.objects.active().filter(programme=programme).count(),
        "working_groups": programme.working_groups.all(),
        "can_edit": can_edit_programme(request.user, programme),
    }
    return render(request, "programs/programme_detail.html", context)


def programme_directions_queryset():
    return (
        Direction.objects.active()
        .annotate(measure_count=Count("measures", filter=Q(measures__archived_at__isnull=True)))
        .prefetch_related(
            Prefetch(
                "objectives",
                queryset=Objective.objects.active().in_plan_order(),
                to_attr="objective_list",
            )
        )
        .in_plan_order()
    )


def body_detail(request, pk: int):
    body = get_object_or_404(
        ResponsibleBody.objects.select_related(
            "parent", "territory", "successor", "reorganisation_act"
        ),
        pk=pk,
    )
    measures = (
        Measure.objects.active()
        .visible_to(request.user)
        .select_related("programme", "lead_body__successor")
        .with_co_executors()
        .order_by("-programme__period_start_year", "programme__code", "sort_key")
    )
    memberships = (
        WorkingGroupMember.objects.active()
        .filter(body=body, group__in=WorkingGroup.objects.visible_to(request.user))
        .select_related("group")
        .order_by("group__name", "role", "full_name")
    )
    context = {
        "body": body,
        "led": measures.filter(lead_body=body)[:200],
        "co_executed": measures.filter(executors__body=body)[:200],
        "memberships": memberships,
        "predecessors": body.predecessors.order_by("-valid_to", "name"),
    }
    return render(request, "programs/responsiblebody_detail.html", context)


def unit_detail(request, soate: str):
    unit = get_object_or_404(
        AdministrativeUnit.objects.select_related("merged_into"), soate=normalize_soate(soate)
    )
    ancestor_codes = [code for code in unit.tree_path.split("/") if code and code != unit.soate]
    ancestors = sorted(
        AdministrativeUnit.objects.filter(soate__in=ancestor_codes), key=lambda u: u.depth
    )
    children = unit.children.order_by("soate")
    visible_programmes = Programme.objects.visible_to(request.user)
    measures_in_unit = (
        Measure.objects.active().in_unit(unit).filter(programme__in=visible_programmes)
    )
    page = Paginator(
        Measure.objects.for_plan_table().in_unit(unit).filter(programme__in=visible_programmes),
        UNIT_MEASURES_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    measures = list(page.object_list)
    attach_funding_by_source(measures)
    for measure in measures:
        measure.overdue = measure.is_overdue()
    funding_rows = (
        FundingLine.objects.filter(measure__in=measures_in_unit.values("pk"))
        .values("source", "year")
        .annotate(total=Sum("planned_amount"))
        .order_by("source", "year")
    )
    typed = (
        ProgrammeTerritory.objects.filter(unit=unit, programme__in=visible_programmes)
        .select_related("programme", "territory_type")
        .order_by("-programme__period_start_year", "territory_type__code")
    )
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": children,
        "former_names": unit.former_names.all(),
        "typed": typed,
        "page_obj": page,
        "measures": measures,
        "funding": funding_table(list(funding_rows)),
        "indicators": indicator_table(unit),
    }
    return render(request, "regions/administrativeunit_detail.html", context)


def measure_detail(request, code: str, number: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    measure = get_object_or_404(
        Measure.objects.active()
        .select_related("programme", "direction", "objective", "lead_body__successor")
        .with_co_executors()
        .prefetch_related(Prefetch("target_units", to_attr="target_unit_list")),
        programme=programme,
        number=normalise_number(number),
    )
    user = request.user
    can_edit = can_edit_programme(user, programme)
    proposals = Proposal.objects.visible_to(user).filter(
        Q(measure=measure) | Q(resulting_measure=measure)
    )
    decisions = (
        Decision.objects.visible_to(user)
        .filter(measures=measure)
        .select_related("meeting__group", "responsible_body")
    )
    history = can_see_plan_history(user, programme)
    context = {
        "programme": programme,
        "measure": measure,
        # Status, indicators against targets, money planned and spent, reports.
        **measure_progress(measure, user),
        "proposals": proposals.select_related("author_body", "group").order_by("-submitted_at"),
        "decisions": decisions.order_by("-meeting__starts_at", "number"),
        "can_edit": can_edit,
        "can_see_history": history,
        "history_groups": grouped(measure_history(measure))[:5] if history else [],
    }
    return render(request, "measures/measure_detail.html", context)


def contacts(request):
    return render(request, "portal/contacts.html", {"contact": settings.PORTAL_CONTACT})


def accessibility(request):
    return render(request, "portal/accessibility.html", {"contact": settings.PORTAL_CONTACT})


def privacy(request):
    context = {
        "contact": settings.PORTAL_CONTACT,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME * 60),
    }
    return render(request, "portal/privacy.html", context)
