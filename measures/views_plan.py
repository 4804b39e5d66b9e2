"""Editing the plan's structure: the programme, its directions and objectives.

These pages belong to the plan editor (the measures app) because a programme's period and an
objective's direction carry its measures along; their addresses stay under /programmes/ and their
names in the ``programs`` namespace (regionalprogram/urls.py wires them there).
"""

from __future__ import annotations

import copy
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from measures.services import objective_update_with_measures, programme_update_with_measures
from programs.forms import DirectionForm, ObjectiveForm, ProgrammeForm
from programs.models import Direction, Objective
from programs.permissions import editable_programme_or_deny
from programs.services import (
    StaleEdit,
    direction_archive,
    direction_create,
    direction_unarchive,
    direction_update,
    objective_archive,
    objective_create,
    objective_unarchive,
    refuse_stale,
)
from regionalprogram.languages import warn_missing_languages


def _saved(request, form, service, **target) -> bool:
    """Check a posted form and save it through ``service(**target, data=..., user=...)``.

    False when there is nothing to save yet or the form or the service refused it; the service's
    refusal (a rule across rows) then shows on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
    if "version" in form.fields:  # an edit: checked against the record's last save
        target["version"] = form.cleaned_data.get("version")
    try:
        saved = service(**target, data=data, user=request.user)
    except StaleEdit as exc:
        refuse_stale(form, exc)
        return False
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    messages.success(request, _("The changes have been saved."))
    warn_missing_languages(request, saved)
    return True


def _form_page(request, *, programme, form, title, archive_url=None):
    status = 409 if getattr(form, "stale", False) else 200
    context = {
        "programme": programme,
        "form": form,
        "title": title,
        "cancel_url": programme.get_absolute_url(),
        "archive_url": archive_url,
    }
    return render(
        request, f"programs/{form._meta.model._meta.model_name}_form.html", context, status=status
    )


@login_required
def programme_edit(request, code: str):
    programme = editable_programme_or_deny(request.user, code)
    # The form validates on a copy, so a refused period does not show in the page's heading.
    form = ProgrammeForm(request.POST or None, instance=copy.copy(programme))
    # Annual and continuous measures follow a new period: the measures app writes that part.
    if _saved(request, form, programme_update_with_measures, programme=programme):
        return redirect(programme.get_absolute_url())
    return _form_page(request, programme=programme, form=form, title=_("Edit the programme"))


@login_required
def direction_create_view(request, code: str):
    programme = editable_programme_or_deny(request.user, code)
    form = DirectionForm(request.POST or None, programme=programme)
    if _saved(request, form, direction_create, programme=programme):
        return redirect(programme.get_absolute_url())
    return _form_page(request, programme=programme, form=form, title=_("New direction"))


def _direction(request, code: str, pk: int, *, archived: bool = False):
    programme = editable_programme_or_deny(request.user, code)
    direction = get_object_or_404(
        Direction.objects.filter(archived_at__isnull=not archived), programme=programme, pk=pk
    )
    return programme, direction


def _objective(request, code: str, pk: int, *, archived: bool = False):
    programme = editable_programme_or_deny(request.user, code)
    objective = get_object_or_404(
        Objective.objects.filter(archived_at__isnull=not archived).select_related("direction"),
        direction__programme=programme,
        pk=pk,
    )
    return programme, objective


@login_required
def direction_edit(request, code: str, pk: int):
    programme, direction = _direction(request, code, pk)
    form = DirectionForm(request.POST or None, instance=direction, programme=programme)
    if _saved(request, form, direction_update, direction=direction):
        return redirect(programme.get_absolute_url())
    return _form_page(
        request,
        programme=programme,
        form=form,
        title=_("Edit the direction"),
        archive_url=reverse("programs:direction_archive", args=[programme.code, direction.pk]),
    )


@login_required
def objective_create_view(request, code: str):
    programme = editable_programme_or_deny(request.user, code)
    initial = {}
    if (direction := request.GET.get("direction", "")).isdigit():
        initial["direction"] = int(direction)
    form = ObjectiveForm(request.POST or None, programme=programme, initial=initial)
    if _saved(request, form, objective_create):
        return redirect(programme.get_absolute_url())
    return _form_page(request, programme=programme, form=form, title=_("New objective"))


@login_required
def objective_edit(request, code: str, pk: int):
    programme, objective = _objective(request, code, pk)
    form = ObjectiveForm(request.POST or None, instance=objective, programme=programme)
    # The objective's measures move with it to another direction: the measures app writes them.
    if _saved(request, form, objective_update_with_measures, objective=objective):
        return redirect(programme.get_absolute_url())
    return _form_page(
        request,
        programme=programme,
        form=form,
        title=_("Edit the objective"),
        archive_url=reverse("programs:objective_archive", args=[programme.code, objective.pk]),
    )


def archive_page(
    request, *, programme, obj, archive, done_url=None, cancel_url=None, message=None, happens=None
):
    """The one confirmation page for archiving a direction, an objective or a measure: GET says
    what happens and what cannot be undone, POST archives through ``archive(user=...)``. A refusal
    (a direction or objective that still has measures) comes back as a message."""
    done_url = done_url or programme.get_absolute_url()
    if request.method == "POST":
        try:
            archive(user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(programme.get_absolute_url())
        messages.success(
            request, message or _("Archived. It can be brought back from the archive.")
        )
        return redirect(done_url)
    context = {
        "programme": programme,
        "heading": _("Archive %(what)s?") % {"what": obj},
        "subject": str(programme),
        "happens": happens
        or [
            _("It disappears from the action plan, its exports and the public pages."),
            _(
                "A direction or objective that still has measures in the plan cannot be "
                "archived: archive or move its measures first."
            ),
        ],
        "irreversible": _(
            "Nothing: nothing is deleted. It stays in the history, and an editor can bring it "
            "back from the archive."
        ),
        "gaps": None,
        "submit": _("Archive"),
        "cancel_url": cancel_url or programme.get_absolute_url(),
    }
    return render(request, "includes/confirm_page.html", context)


@login_required
def direction_archive_view(request, code: str, pk: int):
    programme, direction = _direction(request, code, pk)
    return archive_page(
        request,
        programme=programme,
        obj=direction,
        archive=partial(direction_archive, direction=direction),
    )


@login_required
def objective_archive_view(request, code: str, pk: int):
    programme, objective = _objective(request, code, pk)
    return archive_page(
        request,
        programme=programme,
        obj=objective,
        archive=partial(objective_archive, objective=objective),
    )


@login_required
@require_POST
def direction_unarchive_view(request, code: str, pk: int):
    programme, direction = _direction(request, code, pk, archived=True)
    direction_unarchive(direction=direction, user=request.user)
    messages.success(request, _("Brought back to the plan."))
    return redirect(programme.get_absolute_url())


@login_required
@require_POST
def objective_unarchive_view(request, code: str, pk: int):
    programme, objective = _objective(request, code, pk, archived=True)
    try:
        objective_unarchive(objective=objective, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("measures:plan_archive", code=programme.code)
    messages.success(request, _("Brought back to the plan."))
    return redirect(programme.get_absolute_url())
