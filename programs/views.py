"""Programmes with their legal basis, directions and objectives; the responsible bodies."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from programs.models import (
    BodyKind,
    Programme,
    ResponsibleBody,
)
from regionalprogram.languages import LANGUAGE_CODES


def programme_list(request):
    programmes = (
        Programme.objects.visible_to(request.user)
        .select_related("lead_body", "superseded_by")
        .annotate(measure_count=Count("measures", filter=Q(measures__archived_at__isnull=True)))
        .order_by("-period_start_year", "code")
    )
    return render(request, "programs/programme_list.html", {"programmes": programmes})


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
        for lang in LANGUAGE_CODES:
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
