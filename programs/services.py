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


class StaleEdit(ValidationError):
    """The record was saved by someone else after this form was opened (HTTP 409)."""


def version_of(obj) -> str:
    """The version a form carries of the record it edits: the moment it was last saved."""
    return str(int(obj.updated_at.timestamp() * 1_000_000)) if obj.updated_at else ""


def check_version(locked, expected: str | None) -> None:
    """Refuse a save of a form opened before the record's last save, and one without a version.

    The one conflict rule of programmes, directions, objectives and meetings (measures have
    their own numbered versions: measures.services.measure_save). Call it on the row locked with
    select_for_update, so two saves of the same version cannot both pass."""
    if not expected:
        raise StaleEdit(
            _(
                "The form came without its version, so it was not saved. Reload the page and try again."
            ),
            code="no_version",
        )
    if expected != version_of(locked):
        raise StaleEdit(
            _(
                "Someone else saved this since you opened the page, so your changes were not "
                "saved. Their version is shown now; your input is kept below: check it and save "
                "again."
            ),
            code="stale",
        )


def refuse_stale(form, exc: StaleEdit) -> None:
    """Show a refused stale save on its form (the page answers 409): the message, the editor's
    input kept, and the hidden version moved on to the record as it is now, so saving again is a
    choice made having seen the other change."""
    form.add_error(None, exc)
    form.stale = True
    if form.instance.pk:
        current = type(form.instance)._default_manager.get(pk=form.instance.pk)
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = version_of(current)


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


def programme_update(
    *, programme: Programme, data: dict[str, Any], user, version: str | None
) -> Programme:
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        check_version(locked, version)
        _set(locked, data)
        return _save(locked, user)


def direction_create(*, programme: Programme, data: dict[str, Any], user) -> Direction:
    with transaction.atomic():
        direction = Direction(programme=programme)
        _set(direction, data)
        return _save(direction, user)


def direction_update(
    *, direction: Direction, data: dict[str, Any], user, version: str | None
) -> Direction:
    with transaction.atomic():
        locked = Direction.objects.select_for_update().get(pk=direction.pk)
        check_version(locked, version)
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


def objective_update(
    *, objective: Objective, data: dict[str, Any], user, version: str | None
) -> Objective:
    with transaction.atomic():
        locked = Objective.objects.select_for_update().get(pk=objective.pk)
        check_version(locked, version)
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
