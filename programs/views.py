"""Programmes with their legal basis, directions and objectives; the responsible bodies."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from measures.models import Measure
from measures.services import objective_update_with_measures, programme_update_with_measures
from measures.views import co_executors_prefetch
from programs.forms import DirectionForm, ObjectiveForm, ProgrammeForm
from programs.models import (
    BodyKind,
    Direction,
    Objective,
    Programme,
    ProgrammeLegalAct,
    ProgrammeTerritory,
    ResponsibleBody,
)
from programs.permissions import can_edit_programme, editable_programme_or_deny
from programs.services import (
    direction_archive,
    direction_create,
    direction_unarchive,
    direction_update,
    objective_archive,
    objective_create,
    objective_unarchive,
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
        "can_edit": can_edit_programme(request.user, programme),
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
                queryset=Objective.objects.active().in_plan_order(),
                to_attr="objective_list",
            )
        )
        .in_plan_order()
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
        .prefetch_related(co_executors_prefetch())
        .order_by("-programme__period_start_year", "programme__code", "sort_key")
    )
    from meetings.models import WorkingGroup, WorkingGroupMember

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


# --- Editing programmes, directions and objectives (editors of the programme, administrators) ---


def _saved(request, form, service, **target) -> bool:
    """Check a posted form and save it through ``service(**target, data=..., user=...)``.

    False when there is nothing to save yet or the form or the service refused it; the service's
    refusal (a rule across rows) then shows on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    data = {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}
    try:
        service(**target, data=data, user=request.user)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    messages.success(request, _("The changes have been saved."))
    return True


def _form_page(request, *, programme, form, title, archive_url=None):
    context = {
        "programme": programme,
        "form": form,
        "title": title,
        "cancel_url": programme.get_absolute_url(),
        "archive_url": archive_url,
    }
    return render(request, f"programs/{form._meta.model._meta.model_name}_form.html", context)


@login_required
def programme_edit(request, code: str):
    programme = editable_programme_or_deny(request.user, code)
    form = ProgrammeForm(request.POST or None, instance=programme)
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


def _archive_page(request, *, programme, obj, archive):
    """Confirm, then archive through ``archive(user=...)``; a refusal comes back as a message on
    the programme page."""
    if request.method == "POST":
        try:
            archive(user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(programme.get_absolute_url())
        messages.success(request, _("Archived. It can be brought back from the archive."))
        return redirect(programme.get_absolute_url())
    return render(request, "programs/confirm_archive.html", {"programme": programme, "object": obj})


@login_required
def direction_archive_view(request, code: str, pk: int):
    programme, direction = _direction(request, code, pk)
    return _archive_page(
        request,
        programme=programme,
        obj=direction,
        archive=partial(direction_archive, direction=direction),
    )


@login_required
def objective_archive_view(request, code: str, pk: int):
    programme, objective = _objective(request, code, pk)
    return _archive_page(
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
