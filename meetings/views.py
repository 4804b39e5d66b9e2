"""The working group, its meetings and decisions. The public sees held meetings whose news is
published and the date and place of planned ones; members and staff see everything."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render

from measures.models import Measure
from meetings.models import (
    Attendance,
    Decision,
    MeetingStatus,
    WorkingGroup,
)
from programs.models import Programme


def sees_everything(user, group: WorkingGroup) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or user.has_perm("meetings.manage_working_group"):
        return True
    return group.members.filter(user=user).exists()


def visible_groups(user):
    return WorkingGroup.objects.filter(programme__in=Programme.objects.visible_to(user))


def get_group(request, slug: str) -> tuple[WorkingGroup, bool]:
    group = get_object_or_404(
        visible_groups(request.user).select_related("programme", "founding_act"), slug=slug
    )
    return group, sees_everything(request.user, group)


def meetings_for(group: WorkingGroup, full_access: bool):
    meetings = group.meetings.all()
    if full_access:
        return meetings
    return meetings.filter(
        Q(status=MeetingStatus.HELD, news_published_at__isnull=False)
        | Q(status=MeetingStatus.PLANNED)
    )


def group_list(request):
    groups = visible_groups(request.user).select_related("programme", "founding_act")
    return render(request, "meetings/workinggroup_list.html", {"groups": groups})


def group_detail(request, slug: str):
    group, full_access = get_group(request, slug)
    show_former = request.GET.get("members") == "all"
    members = group.members.select_related("body").order_by("role", "full_name")
    if not show_former:
        members = members.active()
    role_order = {"chair": 0, "deputy": 1, "secretary": 2, "member": 3}
    members = sorted(members, key=lambda m: (role_order.get(m.role, 9), m.full_name))
    context = {
        "group": group,
        "members": members,
        "show_former": show_former,
        "meetings": meetings_for(group, full_access).order_by("-starts_at")[:5],
        "full_access": full_access,
    }
    return render(request, "meetings/workinggroup_detail.html", context)


def meeting_list(request, slug: str):
    group, full_access = get_group(request, slug)
    context = {
        "group": group,
        "meetings": meetings_for(group, full_access).order_by("-starts_at"),
        "full_access": full_access,
    }
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request, slug: str, number: int):
    group, full_access = get_group(request, slug)
    meeting = get_object_or_404(meetings_for(group, full_access), number=number)
    # Planned meetings show the public only when and where; the rest comes after they are held.
    details = full_access or meeting.status == MeetingStatus.HELD
    context = {"group": group, "meeting": meeting, "full_access": full_access, "details": details}
    if details:
        context.update(
            agenda=meeting.agenda_items.select_related("presenter_body").order_by("position"),
            attendance=Attendance.objects.filter(meeting=meeting)
            .select_related("member", "body")
            .order_by("body__name"),
            decisions=Decision.objects.filter(meeting=meeting)
            .select_related("responsible_body", "agenda_item")
            .prefetch_related(
                Prefetch(
                    "measures",
                    queryset=Measure.objects.select_related("programme").order_by("sort_key"),
                    to_attr="measure_list",
                ),
            )
            .order_by("number"),
            today=datetime.date.today(),
        )
    return render(request, "meetings/meeting_detail.html", context)
