"""Who may edit which programme's plan: one rule, used by every view, form, import and API."""

from __future__ import annotations

from django.db.models import QuerySet

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
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    programme = get_object_or_404(Programme.objects.visible_to(user), code=code)
    if not can_edit_programme(user, programme):
        raise PermissionDenied
    return programme
