"""Programmes with their legal basis, directions and objectives; the responsible bodies."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from measures.views import co_executors_prefetch
from programs.models import (
    BodyKind,
    Objective,
    Programme,
    ProgrammeLegalAct,
    ProgrammeTerritory,
    ResponsibleBody,
)


def programme_list(request):
    programmes = (
        Programme.objects.visible_to(request.user)
        .select_related("lead_body", "superseded_by")
        .annotate(measure_count=Count("measures", filter=Q(measures__archived_at__isnull=True)))
        .order_by("-period_start_year", "code")
    )
    return render(request, "programs/programme_list.html", {"programmes": programmes})


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
        territories.setdefault(link.territory_type, []).append(link.unit)
    context = {
        "programme": programme,
        "superseded_by": superseded_by,
        "supersedes": visible.filter(superseded_by=programme),
        "territories": territories,
        "measure_count": Measure.objects.active().filter(programme=programme).count(),
        "working_groups": programme.working_groups.all(),
    }
    return render(request, "programs/programme_detail.html", context)


def programme_directions_queryset():
    from programs.models import Direction

    return (
        Direction.objects.active()
        .annotate(measure_count=Count("measures", filter=Q(measures__archived_at__isnull=True)))
        .prefetch_related(
            Prefetch(
                "objectives",
                queryset=Objective.objects.active().order_by("position", "number"),
                to_attr="objective_list",
            )
        )
        .order_by("position", "number")
    )


BODY_PAGE_SIZE = 50


def body_list(request):
    bodies = ResponsibleBody.objects.filter(is_active=True).annotate(
        led_count=Count(
            "led_measures", filter=Q(led_measures__archived_at__isnull=True), distinct=True
        ),
        co_count=Count("co_executed", distinct=True),
    )
    kind = request.GET.get("kind", "")
    errors = []
    if kind:
        if kind in BodyKind.values:
            bodies = bodies.filter(kind=kind)
        else:
            errors.append(_("Unknown kind of body."))
            bodies = bodies.none()
    q = request.GET.get("q", "").strip()[:200]
    if q:
        condition = Q()
        for lang in ("ky", "ru", "en"):
            condition |= Q(**{f"name_{lang}__icontains": q})
            condition |= Q(**{f"short_name_{lang}__iexact": q})
        bodies = bodies.filter(condition)
    page = Paginator(bodies.order_by("name", "pk"), BODY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "bodies": page.object_list,
        "kinds": BodyKind.choices,
        "kind": kind,
        "q": q,
        "errors": errors,
    }
    return render(
        request, "programs/responsiblebody_list.html", context, status=400 if errors else 200
    )


def body_detail(request, pk: int):
    body = get_object_or_404(ResponsibleBody.objects.select_related("parent", "territory"), pk=pk)
    measures = (
        Measure.objects.active()
        .visible_to(request.user)
        .select_related("programme", "lead_body")
        .prefetch_related(co_executors_prefetch())
        .order_by("-programme__period_start_year", "programme__code", "sort_key")
    )
    from meetings.models import WorkingGroupMember

    memberships = (
        WorkingGroupMember.objects.active()
        .filter(body=body)
        .select_related("group")
        .order_by("group__name", "role", "full_name")
    )
    context = {
        "body": body,
        "led": measures.filter(lead_body=body)[:200],
        "co_executed": measures.filter(executors__body=body)[:200],
        "memberships": memberships,
    }
    return render(request, "programs/responsiblebody_detail.html", context)
