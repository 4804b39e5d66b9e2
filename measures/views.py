"""The action plan as the official table, and editing its measures.

The measure's public page combines the working group's proposals and decisions with the plan,
so it lives in the interface app above both (portal/views.py)."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from measures import figures
from measures.conflicts import forms_after_conflict
from measures.deadlines import DeadlineParseError, parse_programme_deadline
from measures.filters import MeasureFilter, PlanChangesFilter
from measures.forms import MeasureEditForms
from measures.history import grouped, measure_history, plan_change_records
from measures.models import (
    Measure,
)
from measures.services import (
    EditConflict,
    measure_archive,
    measure_restore_version,
    measure_unarchive,
)
from measures.tables import attach_funding_by_source
from programs.models import Objective, Programme
from programs.numbers import normalise_number
from programs.permissions import (
    can_edit_programme,
    can_see_plan_history,
    editable_programme_or_deny,
    editable_programmes,
)
from regionalprogram.languages import warn_missing_languages
from regionalprogram.paging import IdsFirstPaginator

PAGE_SIZE = 50
CHANGES_PAGE_SIZE = 50
# The measure's column is called "measure" after the official table's header; in a sentence
# about what is missing, its title.
MEASURE_TEXT_LABELS = {"title": gettext_lazy("title")}


def measure_list(request):
    data = request.GET.copy()
    if not data.get("programme"):
        programme = Programme.objects.current_for(request.user)
        if programme is not None:
            data["programme"] = programme.code
    data.pop("page", None)
    filterset = MeasureFilter(
        data, queryset=Measure.objects.for_plan_table().visible_to(request.user), request=request
    )
    status = 200
    if filterset.is_valid():
        queryset = filterset.qs
        programme = filterset.form.cleaned_data.get("programme")
    else:
        # A bad value must not quietly widen the table to the whole plan.
        queryset = Measure.objects.none()
        programme = None
        status = 400
    paginator = IdsFirstPaginator(queryset, PAGE_SIZE, count_with=figures.kept_count)
    page = paginator.get_page(request.GET.get("page"))
    measures = list(page.object_list)
    attach_funding_by_source(measures)
    for measure in measures:
        measure.overdue = measure.is_overdue()
    context = {
        "filter": filterset,
        "programme": programme,
        "page_obj": page,
        "measures": measures,
        "can_edit": programme is not None and can_edit_programme(request.user, programme),
        "is_filtered": any(
            request.GET.get(name)
            for name in ("direction", "unit", "body", "status", "computed_status", "year", "q")
        ),
    }
    return render(request, "measures/measure_list.html", context, status=status)


# --- Editing the plan (editors of the programme and administrators only) ---


def _editable_measure(request, code: str, number: str, *, archived: bool | None = False):
    programme = editable_programme_or_deny(request.user, code)
    measures = Measure.objects.all()
    if archived is False:
        measures = measures.active()
    elif archived is True:
        measures = measures.filter(archived_at__isnull=False)
    measure = get_object_or_404(
        measures.select_related("programme"), programme=programme, number=normalise_number(number)
    )
    return programme, measure


def _render_form(request, forms, *, programme, measure=None, conflict=None, status=200):
    deadline_period = None
    text = forms.main["deadline_text"].value()
    if text:
        try:
            deadline_period = parse_programme_deadline(text, programme)
        except DeadlineParseError:
            deadline_period = None  # the field's own error says why
    context = {
        "programme": programme,
        "measure": measure,
        "forms": forms,
        "conflict": conflict,
        "deadline_period": deadline_period,
    }
    return render(request, "measures/measure_form.html", context, status=status)


@login_required
def measure_create(request, code: str):
    programme = editable_programme_or_deny(request.user, code)
    initial = {}
    direction = request.GET.get("direction")
    if direction and direction.isdigit():
        initial["direction"] = int(direction)
    if request.method == "POST":
        forms = MeasureEditForms(
            programme=programme, data=request.POST, add_row=request.POST.get("add_row")
        )
        if forms.is_valid():
            try:
                measure = forms.save(user=request.user)
            except ValidationError as exc:
                forms.main.add_error(None, exc)
            else:
                messages.success(request, _("The measure has been added to the plan."))
                warn_missing_languages(request, measure, labels=MEASURE_TEXT_LABELS)
                return redirect(measure.get_absolute_url())
    else:
        forms = MeasureEditForms(programme=programme, initial=initial)
    return _render_form(request, forms, programme=programme)


@login_required
def measure_edit(request, code: str, number: str):
    programme, measure = _editable_measure(request, code, number)
    conflict = None
    status = 200
    if request.method == "POST":
        forms = MeasureEditForms(
            programme=programme,
            instance=measure,
            data=request.POST,
            add_row=request.POST.get("add_row"),
        )
        if forms.is_valid():
            try:
                saved = forms.save(user=request.user)
            except EditConflict as exc:
                conflict, forms = forms_after_conflict(
                    exc, data=request.POST, programme=programme, measure=measure
                )
                status = 409
            except ValidationError as exc:
                forms.main.add_error(None, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                warn_missing_languages(request, saved, labels=MEASURE_TEXT_LABELS)
                return redirect(saved.get_absolute_url())
    else:
        forms = MeasureEditForms(programme=programme, instance=measure)
    return _render_form(
        request, forms, programme=programme, measure=measure, conflict=conflict, status=status
    )


@login_required
def measure_history_view(request, code: str, number: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    if not can_see_plan_history(request.user, programme):
        raise PermissionDenied
    measure = get_object_or_404(
        Measure.objects.select_related("programme"),
        programme=programme,
        number=normalise_number(number),
    )
    context = {
        "programme": programme,
        "measure": measure,
        "groups": grouped(measure_history(measure)),
        "can_edit": can_edit_programme(request.user, programme),
    }
    return render(request, "measures/measure_history.html", context)


@login_required
def measure_restore(request, code: str, number: str, history_id: int):
    """GET: what restoring the version will do (a confirmation page); POST: restore it."""
    programme, measure = _editable_measure(request, code, number, archived=None)
    if not measure.history.filter(history_id=history_id).exists():
        raise Http404
    if request.method != "POST":
        groups = grouped(measure_history(measure))
        index = next((i for i, g in enumerate(groups) if g.history_id == history_id), None)
        if index is None:
            raise Http404
        context = {
            "programme": programme,
            "measure": measure,
            "version": groups[index],
            "who": (
                (user.get_full_name() or user.username)
                if (user := groups[index].user)
                else _("the system (import or administration)")
            ),
            "undone": groups[:index],  # the changes made since, newest first
        }
        return render(request, "measures/measure_confirm_restore.html", context)
    try:
        measure_restore_version(measure=measure, history_id=history_id, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The earlier version has been restored."))
    return redirect("measures:measure_history", code=programme.code, number=measure.number)


@login_required
def measure_archive_view(request, code: str, number: str):
    from measures.views_plan import archive_page

    programme, measure = _editable_measure(request, code, number)
    return archive_page(
        request,
        programme=programme,
        obj=_("measure %(number)s") % {"number": f"{measure.number} {measure.title}"},
        archive=partial(measure_archive, measure=measure),
        done_url=reverse("measures:plan_archive", args=[programme.code]),
        cancel_url=measure.get_absolute_url(),
        message=_("Measure %(number)s has been archived. It can be restored from the archive.")
        % {"number": measure.number},
        happens=[
            _("The measure disappears from the action plan, its exports and the public pages."),
            _("Its reports, history and links to proposals and decisions are kept."),
        ],
    )


@login_required
@require_POST
def measure_unarchive_view(request, code: str, number: str):
    programme, measure = _editable_measure(request, code, number, archived=True)
    try:
        measure_unarchive(measure=measure, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("measures:plan_archive", code=programme.code)
    messages.success(request, _("The measure is back in the plan."))
    return redirect(measure.get_absolute_url())


@login_required
def plan_archive(request, code: str):
    """Archived directions, objectives and measures of a programme, to bring back."""
    programme = editable_programme_or_deny(request.user, code)
    context = {
        "programme": programme,
        "measures": Measure.objects.filter(programme=programme, archived_at__isnull=False)
        .select_related("direction")
        .order_by("sort_key"),
        "directions": programme.directions.filter(archived_at__isnull=False),
        "objectives": Objective.objects.filter(
            direction__programme=programme, archived_at__isnull=False
        ).select_related("direction"),
    }
    return render(request, "measures/plan_archive.html", context)


@login_required
def plan_changes(request, code: str):
    """The latest edits of a programme's plan, newest first, one line per save, filtered by kind,
    author and dates and paged (a fixed number of queries whatever the number of changes)."""
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    if not can_see_plan_history(request.user, programme):
        raise PermissionDenied
    wanted = request.GET.get("programme")
    if wanted and wanted != programme.code:
        other = editable_programmes(request.user).filter(code=wanted).first()
        if other is not None:
            query = request.GET.copy()
            query.pop("programme")
            query.pop("page", None)
            url = reverse("measures:plan_changes", args=[other.code])
            return redirect(f"{url}?{query.urlencode()}" if query else url)
    records = plan_change_records(programme)
    data = request.GET.copy()
    data["programme"] = programme.code
    filterset = PlanChangesFilter(
        data,
        queryset=records,
        programmes=editable_programmes(request.user),
        authors=get_user_model()
        .objects.filter(pk__in=records.values("history_user"))
        .select_related("profile__body")
        .order_by("first_name", "last_name", "username"),
        request=request,
    )
    page_obj = None
    if filterset.is_valid():
        page_obj = Paginator(filterset.qs, CHANGES_PAGE_SIZE).get_page(request.GET.get("page"))
    is_filtered = any(request.GET.get(name) for name in ("kind", "author", "date_from", "date_to"))
    return render(
        request,
        "measures/plan_changes.html",
        {
            "programme": programme,
            "filter": filterset,
            "page_obj": page_obj,
            "records": page_obj.object_list if page_obj else [],
            "is_filtered": is_filtered,
        },
        status=200 if page_obj is not None else 400,
    )


@login_required
def deadline_preview(request):
    """The period a deadline text stands for, shown next to the field as the editor types."""
    text = request.GET.get("measure-deadline_text", "")
    programme = (
        Programme.objects.visible_to(request.user)
        .filter(code=request.GET.get("programme", ""))
        .first()
    )
    error = period = None
    if text.strip():
        try:
            period = parse_programme_deadline(text, programme)
        except DeadlineParseError as exc:  # unreadable, or outside the programme period
            error = str(exc)
    return render(request, "measures/_deadline_preview.html", {"period": period, "error": error})
