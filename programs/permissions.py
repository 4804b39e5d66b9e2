"""Who may edit which programme's plan, and who reads what is not public about it: one rule each,
used by every view, template (as booleans in the context), form, import and API.

Roles are the groups of programs.roles (editors, secretariat, members, reporters, partners) and
superusers; ``is_staff`` only opens the admin and grants nothing here. Who sees which working
group's meetings and proposals is meetings.models' rule (sees_all_working_groups and the QuerySets).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from programs.models import Programme


def editable_programmes(user) -> QuerySet[Programme]:
    """Programmes whose plan the user may edit: all for superusers, else those assigned on the
    profile, provided the user holds the editors' permission to change measures."""
    if not (user and user.is_authenticated and user.is_active):
        return Programme.objects.none()
    if user.is_superuser:
        return Programme.objects.all()
    if not user.has_perm("measures.change_measure"):
        return Programme.objects.none()
    return Programme.objects.filter(editor_profiles__user=user).distinct()


def can_edit_programme(user, programme: Programme) -> bool:
    return editable_programmes(user).filter(pk=programme.pk).exists()


def editable_programme_or_deny(user, code: str) -> Programme:
    """The programme ``code`` for an editing page: 404 when the user may not even see it (a draft
    for outsiders), 403 when they may see but not edit it. Callers require a login first."""
    programme = get_object_or_404(Programme.objects.visible_to(user), code=code)
    if not can_edit_programme(user, programme):
        raise PermissionDenied
    return programme


def can_see_plan_history(user, programme: Programme) -> bool:
    """Who changed what in the programme's plan, with the earlier versions: for the programme's
    editors and superusers, the people who can act on it (restore, correct)."""
    return can_edit_programme(user, programme)
