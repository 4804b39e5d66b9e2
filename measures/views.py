"""The action plan as the official table, and one measure with everything attached to it."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from measures.deadlines import DeadlineParseError, parse_deadline
from measures.filters import MeasureFilter
from measures.forms import MeasureEditForms, MeasureForm
from measures.history import grouped, measure_history
from measures.models import (
    FundingLine,
    FundingSource,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
)
from measures.reporting.queries import measure_progress
from measures.services import (
    EditConflict,
    measure_archive,
    measure_restore_version,
    measure_unarchive,
)
from programs.models import Objective, Programme, ProgrammeStatus
from programs.permissions import can_edit_programme, editable_programme_or_deny

PAGE_SIZE = 50


def co_executors_prefetch() -> Prefetch:
    return Prefetch(
        "executors",
        queryset=MeasureExecutor.objects.select_related("body").order_by("position", "id"),
        to_attr="co_executor_list",
    )


def plan_rows_queryset():
    """Measures ready for the official table: one query for the rows, one per prefetch."""
    return (
        Measure.objects.active()
        .select_related("programme", "direction", "objective", "lead_body")
        .prefetch_related(
            co_executors_prefetch(),
            Prefetch(
                "indicators",
                queryset=MeasureIndicator.objects.order_by("position", "id"),
                to_attr="indicator_list",
            ),
        )
        .in_plan_order()
        .with_computed_status()
    )


def attach_funding_by_source(measures: list[Measure]) -> None:
    """Give each measure `funding_by_source`: [(label, total)], summed in SQL in one query."""
    totals = defaultdict(list)
    labels = dict(FundingSource.choices)
    rows = (
        FundingLine.objects.filter(measure_id__in=[m.pk for m in measures])
        .values("measure_id", "source")
        .annotate(total=Sum("planned_amount"))
        .order_by("measure_id", "source")
    )
    for row in rows:
        totals[row["measure_id"]].append((labels.get(row["source"], row["source"]), row["total"]))
    for measure in measures:
        measure.funding_by_source = totals.get(measure.pk, [])


def default_programme(user) -> Programme | None:
    visible = Programme.objects.visible_to(user)
    return (
        visible.filter(status=ProgrammeStatus.IN_IMPLEMENTATION).first()
        or visible.filter(status=ProgrammeStatus.ADOPTED).first()
        or visible.first()
    )


def measure_list(request):
    data = request.GET.copy()
    if not data.get("programme"):
        programme = default_programme(request.user)
        if programme is not None:
            data["programme"] = programme.code
    data.pop("page", None)
    filterset = MeasureFilter(
        data, queryset=plan_rows_queryset().visible_to(request.user), request=request
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
    paginator = Paginator(queryset, PAGE_SIZE)
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


def measure_detail(request, code: str, number: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    measure = get_object_or_404(
        Measure.objects.active()
        .select_related("programme", "direction", "objective", "lead_body")
        .prefetch_related(
            co_executors_prefetch(),
            Prefetch("target_units", to_attr="target_unit_list"),
        ),
        programme=programme,
        number=number.strip().rstrip("."),
    )
    from meetings.models import Decision, Meeting, Proposal

    proposals = Proposal.objects.filter(Q(measure=measure) | Q(resulting_measure=measure))
    decisions = Decision.objects.filter(measures=measure).select_related(
        "meeting__group", "responsible_body"
    )
    user = request.user
    if not (user.is_staff or user.has_perm("meetings.manage_working_group")):
        # Decisions of unpublished meetings stay with the group's own members.
        visible_meetings = Meeting.objects.published()
        if user.is_authenticated:
            visible_meetings = Meeting.objects.filter(
                Q(pk__in=visible_meetings.values("pk")) | Q(group__members__user=user)
            )
        decisions = decisions.filter(meeting__in=visible_meetings.values("pk"))
    context = {
        "programme": programme,
        "measure": measure,
        # Status, indicators against targets, money planned and spent, reports.
        **measure_progress(measure, user),
        "proposals": proposals.select_related("author_body", "group").order_by("-submitted_at"),
        "decisions": decisions.order_by("-meeting__starts_at", "number"),
        "can_edit": can_edit_programme(user, programme),
        "history_groups": (
            grouped(measure_history(measure))[:5]
            if user.is_staff or can_edit_programme(user, programme)
            else []
        ),
    }
    return render(request, "measures/measure_detail.html", context)


def funding_table(rows) -> dict:
    """Pivot SQL sums by (source, year) into rows by source with a column per year and totals."""
    labels = dict(FundingSource.choices)
    years = sorted({row["year"] for row in rows})
    by_source: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for row in rows:
        by_source[row["source"]][row["year"]] = row["total"]
    table = []
    for source, cells in by_source.items():
        table.append(
            {
                "label": labels.get(source, source),
                "cells": [cells.get(year) for year in years],
                "total": sum(cells.values(), Decimal(0)),
            }
        )
    year_totals = [
        sum((by_source[s].get(year) or Decimal(0) for s in by_source), Decimal(0)) for year in years
    ]
    return {
        "years": years,
        "rows": table,
        "year_totals": year_totals,
        "total": sum(year_totals, Decimal(0)),
    }


# --- Editing the plan (editors of the programme and administrators only) ---


def _editable_measure(request, code: str, number: str, *, archived: bool | None = False):
    programme = editable_programme_or_deny(request.user, code)
    measures = Measure.objects.all()
    if archived is False:
        measures = measures.active()
    elif archived is True:
        measures = measures.filter(archived_at__isnull=False)
    measure = get_object_or_404(
        measures.select_related("programme"), programme=programme, number=number.strip().rstrip(".")
    )
    return programme, measure


def _render_form(request, forms, *, programme, measure=None, conflict=None, status=200):
    deadline_period = None
    text = forms.main["deadline_text"].value()
    if text:
        try:
            deadline_period = parse_deadline(
                text,
                period_start_year=programme.period_start_year,
                period_end_year=programme.period_end_year,
            )
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
                conflict = _conflict(forms, exc)
                # The page comes back with the editor's own input; fields they left as they were
                # take the newly saved values, and the hidden version now says they have seen the
                # other changes, so saving again keeps both people's work.
                data = _rebase(request.POST.copy(), conflict["opened"], exc.measure)
                data["measure-version"] = str(exc.measure.version)
                forms = MeasureEditForms(programme=programme, instance=measure, data=data)
                forms.is_valid()
                status = 409
            except ValidationError as exc:
                forms.main.add_error(None, exc)
            else:
                messages.success(request, _("The changes have been saved."))
                return redirect(saved.get_absolute_url())
    else:
        forms = MeasureEditForms(programme=programme, instance=measure)
    return _render_form(
        request, forms, programme=programme, measure=measure, conflict=conflict, status=status
    )


def _conflict(forms, exc: EditConflict) -> dict:
    """What the others saved since this editor opened the page."""
    opened = (
        exc.measure.history.filter(version=exc.expected_version).order_by("history_date").last()
    )
    since = opened.history_date if opened else None
    entries = measure_history(exc.measure, since=since) if since else []
    return {"measure": exc.measure, "groups": grouped(entries), "opened": opened}


REBASED_FIELDS = list(MeasureForm.Meta.fields)


def _rebase(data, opened, current: Measure):
    """Fields of the measure the editor did not touch (posted as they were in the version they
    opened) take the value saved since; the ones they changed keep their input."""
    if opened is None:
        return data
    for name in REBASED_FIELDS:
        attname = Measure._meta.get_field(name).attname
        key = f"measure-{name}"
        was = getattr(opened, attname)
        posted = (data.get(key) or "").replace("\r\n", "\n")
        if posted == ("" if was is None else str(was)):
            now = getattr(current, attname)
            data[key] = "" if now is None else str(now)
    return data


@login_required
def measure_history_view(request, code: str, number: str):
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    if not (request.user.is_staff or can_edit_programme(request.user, programme)):
        raise PermissionDenied
    measure = get_object_or_404(
        Measure.objects.select_related("programme"),
        programme=programme,
        number=number.strip().rstrip("."),
    )
    context = {
        "programme": programme,
        "measure": measure,
        "groups": grouped(measure_history(measure)),
        "can_edit": can_edit_programme(request.user, programme),
    }
    return render(request, "measures/measure_history.html", context)


@login_required
@require_POST
def measure_restore(request, code: str, number: str, history_id: int):
    programme, measure = _editable_measure(request, code, number, archived=None)
    if not measure.history.filter(history_id=history_id).exists():
        raise Http404
    try:
        measure_restore_version(measure=measure, history_id=history_id, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The earlier version has been restored."))
    return redirect("measures:measure_history", code=programme.code, number=measure.number)


@login_required
def measure_archive_view(request, code: str, number: str):
    programme, measure = _editable_measure(request, code, number)
    if request.method == "POST":
        measure_archive(measure=measure, user=request.user)
        messages.success(
            request,
            _("Measure %(number)s has been archived. It can be restored from the archive.")
            % {"number": measure.number},
        )
        return redirect("measures:plan_archive", code=programme.code)
    return render(
        request,
        "measures/measure_confirm_archive.html",
        {"programme": programme, "measure": measure},
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
    """The latest edits of a programme's plan, newest first (a fixed number of queries)."""
    programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
    if not (request.user.is_staff or can_edit_programme(request.user, programme)):
        raise PermissionDenied
    records = (
        Measure.history.model.objects.filter(programme_id=programme.pk)
        .select_related("history_user")
        .order_by("-history_date")[:100]
    )
    return render(
        request,
        "measures/plan_changes.html",
        {"programme": programme, "records": records},
    )


@login_required
def deadline_preview(request):
    """The period a deadline text stands for, shown next to the field as the editor types."""
    text = request.GET.get("measure-deadline_text", "")
    programme = Programme.objects.filter(code=request.GET.get("programme", "")).first()
    error = period = None
    if text.strip():
        try:
            parsed = parse_deadline(
                text,
                period_start_year=programme.period_start_year if programme else None,
                period_end_year=programme.period_end_year if programme else None,
            )
        except DeadlineParseError as exc:
            error = str(exc)
        else:
            period = parsed
    return render(request, "measures/_deadline_preview.html", {"period": period, "error": error})
