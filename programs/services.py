"""Writes to programmes, directions and objectives: in one transaction, checked, with history.

Nothing is deleted: directions and objectives are archived (hidden from the plan, kept in the
database and the history) and can be brought back. What an edit here means for measures (they
follow the programme's period and their objective's direction) is written in the measures app:
measures.services.programme_update_with_measures and objective_update_with_measures.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programs.models import Direction, Objective, Programme


def _save(obj, user, reason: str | None = None):
    obj.full_clean()
    obj._history_user = user if user is not None and user.is_authenticated else None
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


def _set(obj, data: dict[str, Any]) -> None:
    for name, value in data.items():
        setattr(obj, name, value)


def programme_update(*, programme: Programme, data: dict[str, Any], user) -> Programme:
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        _set(locked, data)
        return _save(locked, user)


def direction_create(*, programme: Programme, data: dict[str, Any], user) -> Direction:
    with transaction.atomic():
        direction = Direction(programme=programme)
        _set(direction, data)
        return _save(direction, user)


def direction_update(*, direction: Direction, data: dict[str, Any], user) -> Direction:
    with transaction.atomic():
        locked = Direction.objects.select_for_update().get(pk=direction.pk)
        _set(locked, data)
        return _save(locked, user)


def direction_archive(*, direction: Direction, user) -> Direction:
    """Archive a direction and its objectives; refused while measures of it are in the plan."""
    with transaction.atomic():
        locked = Direction.objects.select_for_update().get(pk=direction.pk)
        active = locked.measures.filter(archived_at__isnull=True).count()
        if active:
            raise ValidationError(
                _(
                    "Direction %(number)s still has %(count)s measures in the plan: archive or "
                    "move them first."
                )
                % {"number": locked.number, "count": active}
            )
        now = timezone.now()
        for objective in locked.objectives.filter(archived_at__isnull=True):
            objective.archived_at = now
            _save(objective, user, _("archived with its direction"))
        locked.archived_at = now
        return _save(locked, user, _("archived"))


def direction_unarchive(*, direction: Direction, user) -> Direction:
    with transaction.atomic():
        locked = Direction.objects.select_for_update().get(pk=direction.pk)
        locked.archived_at = None
        return _save(locked, user, _("restored from the archive"))


def objective_create(*, data: dict[str, Any], user) -> Objective:
    with transaction.atomic():
        objective = Objective()
        _set(objective, data)
        return _save(objective, user)


def objective_update(*, objective: Objective, data: dict[str, Any], user) -> Objective:
    with transaction.atomic():
        locked = Objective.objects.select_for_update().get(pk=objective.pk)
        _set(locked, data)
        return _save(locked, user)


def objective_archive(*, objective: Objective, user) -> Objective:
    with transaction.atomic():
        locked = Objective.objects.select_for_update().get(pk=objective.pk)
        active = locked.measures.filter(archived_at__isnull=True).count()
        if active:
            raise ValidationError(
                _(
                    "Objective %(number)s still has %(count)s measures in the plan: archive or "
                    "move them first."
                )
                % {"number": locked.number, "count": active}
            )
        locked.archived_at = timezone.now()
        return _save(locked, user, _("archived"))


def objective_unarchive(*, objective: Objective, user) -> Objective:
    with transaction.atomic():
        locked = Objective.objects.select_for_update().get(pk=objective.pk)
        if locked.direction.archived_at is not None:
            raise ValidationError(
                _("Bring back its direction %(number)s first.")
                % {"number": locked.direction.number}
            )
        locked.archived_at = None
        return _save(locked, user, _("restored from the archive"))
