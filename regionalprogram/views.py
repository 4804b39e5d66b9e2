"""The home page and the bare-root redirect."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.shortcuts import redirect, render
from django.utils.translation import check_for_language

from measures.models import FundingLine, Measure, MeasureStatus
from measures.views import default_programme
from meetings.models import Meeting, WorkingGroup
from programs.models import Programme, ProgrammeStatus

CURRENT_STATUSES = [
    ProgrammeStatus.UNDER_DISCUSSION,
    ProgrammeStatus.ADOPTED,
    ProgrammeStatus.IN_IMPLEMENTATION,
    ProgrammeStatus.DRAFT,
]


def root_redirect(request):
    # Kyrgyz is the state language: the bare address opens the Kyrgyz pages unless the visitor
    # has already chosen another language with the switcher.
    lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not lang or not check_for_language(lang):
        lang = settings.LANGUAGE_CODE
    return redirect(f"/{lang}/")


def home(request):
    visible = Programme.objects.visible_to(request.user)
    programmes = (
        visible.filter(status__in=CURRENT_STATUSES)
        .select_related("lead_body")
        .order_by("-period_start_year", "code")
    )
    programme = default_programme(request.user)
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
