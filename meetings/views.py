"""The working group, its meetings and decisions. Who sees what is meetings.models' rule (the
QuerySets' visible_to / listed_for / detailed_for); these views only call it."""

from __future__ import annotations

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from measures.models import Measure
from meetings.filters import DecisionFilter, ProposalFilter
from meetings.forms import (
    AgendaItemForm,
    AgendaPlacementForm,
    AmendmentForm,
    AnswerForm,
    AttendanceSheet,
    DecisionForm,
    MeetingForm,
    MemberForm,
    MergeForm,
    MinutesItemForm,
    ProposalForm,
    PublishForm,
)
from meetings.ics import group_calendar, meeting_calendar
from meetings.models import (
    Attendance,
    Decision,
    DecisionStatus,
    Meeting,
    Proposal,
    ProposalEvent,
    WorkingGroup,
    sees_everything,
)
from meetings.services import (
    SCREENABLE,
    agenda_item_add,
    agenda_item_move,
    agenda_item_remove,
    can_make_measure,
    decision_save,
    is_secretary,
    meeting_invitation_recipients,
    meeting_news_save,
    meeting_next_number,
    meeting_publish,
    meeting_send_invitations,
    meeting_unpublish,
    minutes_amend,
    minutes_approve,
    minutes_item_save,
    minutes_locked,
    proposal_answer,
    proposal_author_membership,
    proposal_make_measure,
    proposal_mark_under_review,
    proposal_measure_initial,
    proposal_merge,
    proposal_put_on_agenda,
    proposal_submit,
    proposal_target_measure,
    proposal_update,
    proposal_withdraw,
)
from programs.services import StaleEdit, check_version, refuse_stale
from regionalprogram.languages import (
    active_language,
    language_gaps,
    text_in_language,
    warn_missing_languages,
)


def get_group(request, slug: str) -> tuple[WorkingGroup, bool]:
    group = get_object_or_404(
        WorkingGroup.objects.visible_to(request.user).select_related("programme", "founding_act"),
        slug=slug,
    )
    return group, sees_everything(request.user, group)


def work_links(user, group: WorkingGroup) -> dict:
    return {
        "member": proposal_author_membership(user=user, group=group) is not None,
        "secretary": is_secretary(user, group),
    }


def group_list(request):
    groups = WorkingGroup.objects.visible_to(request.user).select_related(
        "programme", "founding_act"
    )
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
        "meetings": group.meetings.listed_for(request.user).order_by("-starts_at")[:5],
        "full_access": full_access,
        "work": work_links(request.user, group),
    }
    return render(request, "meetings/workinggroup_detail.html", context)


def meeting_list(request, slug: str):
    group, full_access = get_group(request, slug)
    context = {
        "group": group,
        "meetings": group.meetings.listed_for(request.user).order_by("-starts_at"),
        "full_access": full_access,
    }
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request, slug: str, number: int):
    group, full_access = get_group(request, slug)
    meeting = get_object_or_404(group.meetings.listed_for(request.user), number=number)
    # Planned meetings show the public only when and where; the rest comes once they are public.
    details = group.meetings.detailed_for(request.user).filter(pk=meeting.pk).exists()
    context = {
        "group": group,
        "meeting": meeting,
        "full_access": full_access,
        "details": details,
        "work": work_links(request.user, group),
    }
    if details:
        context.update(
            agenda=meeting.agenda_items.select_related("presenter_body")
            .prefetch_related(
                Prefetch(
                    "proposals",
                    queryset=Proposal.objects.visible_to(request.user).order_by("pk"),
                    to_attr="proposal_list",
                )
            )
            .order_by("position"),
            amendments=meeting.amendments.select_related("agenda_item").order_by("created_at"),
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


# --- the working group at work: proposals, screening, meetings, minutes, decisions ---------------


def _login_first(request):
    return redirect_to_login(request.get_full_path(), reverse("login"))


def secretary_view(view):
    """Only the group's secretariat: anonymous users go to the login page, others get 403, and a
    group the user may not even see is a 404."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not request.user.is_authenticated:
            return _login_first(request)
        group, _full = get_group(request, slug)
        if not is_secretary(request.user, group):
            raise PermissionDenied
        return view(request, group, *args, **kwargs)

    return wrapper


def _form_page(request, group, form, *, title, back, extra=None, status=200):
    context = {"group": group, "form": form, "title": title, "back": back, **(extra or {})}
    return render(request, "meetings/form.html", context, status=status)


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _proposal_rows(queryset):
    return queryset.select_related(
        "author_body",
        "agenda_item__meeting",
        "duplicate_of",
        "programme",
        "measure__programme",
        "resulting_measure__programme",
    ).order_by("-submitted_at", "-pk")


def proposal_list(request, slug: str):
    """All proposals of the group for its members and the secretariat (with the screening
    filters); the public sees the answered ones."""
    group, full_access = get_group(request, slug)
    proposals = group.proposals.visible_to(request.user)
    filterset = ProposalFilter(request.GET or None, queryset=_proposal_rows(proposals), group=group)
    context = {
        "group": group,
        "filter": filterset,
        "proposals": filterset.qs,
        "full_access": full_access,
        "secretary": is_secretary(request.user, group),
    }
    return render(request, "meetings/proposal_list.html", context)


def my_proposals(request, slug: str):
    if not request.user.is_authenticated:
        return _login_first(request)
    group, _full = get_group(request, slug)
    proposals = _proposal_rows(group.proposals.filter(author=request.user)).prefetch_related(
        Prefetch("events", queryset=ProposalEvent.objects.order_by("created_at", "id"))
    )
    context = {
        "group": group,
        "proposals": proposals,
        "can_submit": proposal_author_membership(user=request.user, group=group) is not None,
    }
    return render(request, "meetings/proposal_mine.html", context)


def proposal_create(request, slug: str):
    if not request.user.is_authenticated:
        return _login_first(request)
    group, _full = get_group(request, slug)
    if proposal_author_membership(user=request.user, group=group) is None:
        raise PermissionDenied
    form = ProposalForm(request.POST or None, request.FILES or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_submit(
                user=request.user,
                group=group,
                attachments=form.cleaned_data["attachments"],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your proposal has been sent to the secretariat."))
            return redirect(proposal.get_absolute_url())
    return render(
        request, "meetings/proposal_form.html", {"group": group, "form": form, "proposal": None}
    )


def _own_open_proposal(request, group, pk):
    proposal = get_object_or_404(group.proposals, pk=pk, author=request.user)
    if not proposal.is_open_for_author:
        messages.error(
            request,
            _("The secretariat has already screened this proposal; it can no longer be changed."),
        )
        return proposal, redirect(proposal.get_absolute_url())
    return proposal, None


def proposal_edit(request, slug: str, pk: int):
    if not request.user.is_authenticated:
        return _login_first(request)
    group, _full = get_group(request, slug)
    proposal, refused = _own_open_proposal(request, group, pk)
    if refused:
        return refused
    form = ProposalForm(request.POST or None, request.FILES or None, instance=proposal, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            proposal_update(
                proposal=proposal,
                user=request.user,
                attachments=form.cleaned_data["attachments"],
                remove_attachments=[a.pk for a in form.cleaned_data.get("remove_attachments", [])],
                **form.service_fields(),
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The proposal has been saved."))
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "meetings/proposal_form.html",
        {"group": group, "form": form, "proposal": proposal},
    )


@require_POST
def proposal_withdraw_view(request, slug: str, pk: int):
    if not request.user.is_authenticated:
        return _login_first(request)
    group, _full = get_group(request, slug)
    proposal, refused = _own_open_proposal(request, group, pk)
    if refused:
        return refused
    proposal_withdraw(proposal=proposal, user=request.user)
    messages.success(request, _("The proposal has been withdrawn."))
    return redirect(proposal.get_absolute_url())


def _proposal_page(request, group, proposal, full_access, status=200, **forms_):
    secretary = is_secretary(request.user, group)
    context = {
        "group": group,
        "proposal": proposal,
        "full_access": full_access,
        "secretary": secretary,
        "is_author": request.user.is_authenticated and proposal.author_id == request.user.pk,
        "events": proposal.events.select_related("actor").order_by("created_at", "id"),
        "attachments": proposal.attachments.order_by("uploaded_at", "pk"),
        "decisions": proposal.decisions.visible_to(request.user).select_related("meeting"),
        "duplicates": proposal.duplicates.visible_to(request.user).order_by("pk"),
        "agenda_meeting_detailed": proposal.agenda_item_id is not None
        and Meeting.objects.detailed_for(request.user)
        .filter(agenda_items=proposal.agenda_item_id)
        .exists(),
        "can_make_measure": can_make_measure(user=request.user, proposal=proposal),
    }
    if secretary and proposal.status in SCREENABLE:
        context.update(
            merge_form=forms_.get("merge_form") or MergeForm(proposal=proposal),
            agenda_form=forms_.get("agenda_form") or AgendaPlacementForm(group=group),
            answer_form=forms_.get("answer_form") or AnswerForm(),
        )
    return render(request, "meetings/proposal_detail.html", context, status=status)


def proposal_detail(request, slug: str, pk: int):
    group, full_access = get_group(request, slug)
    proposal = get_object_or_404(
        group.proposals.visible_to(request.user).select_related(
            "author_body",
            "direction",
            "objective",
            "measure",
            "resulting_measure",
            "agenda_item__meeting",
            "duplicate_of",
            "programme",
        ),
        pk=pk,
    )
    return _proposal_page(request, group, proposal, full_access)


def attachment_download(request, slug: str, pk: int, attachment_pk: int):
    """Files are served through this view only, to those who may see the proposal."""
    group, _full = get_group(request, slug)
    proposal = get_object_or_404(group.proposals.visible_to(request.user), pk=pk)
    attachment = get_object_or_404(proposal.attachments, pk=attachment_pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _screening_action(request, group, pk, action):
    proposal = get_object_or_404(group.proposals, pk=pk)
    if request.method != "POST":
        return redirect(proposal.get_absolute_url())
    if proposal.status not in SCREENABLE:
        messages.error(
            request,
            _("This proposal is already %(status)s.") % {"status": proposal.get_status_display()},
        )
        return redirect(proposal.get_absolute_url())
    return action(proposal)


@secretary_view
def proposal_review(request, group, pk: int):
    def act(proposal):
        try:
            proposal_mark_under_review(proposal=proposal, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The proposal is under review."))
        return redirect(proposal.get_absolute_url())

    return _screening_action(request, group, pk, act)


@secretary_view
def proposal_merge_view(request, group, pk: int):
    def act(proposal):
        form = MergeForm(request.POST, proposal=proposal)
        if form.is_valid():
            try:
                proposal_merge(proposal=proposal, into=form.cleaned_data["into"], user=request.user)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The proposal has been merged."))
                return redirect(proposal.get_absolute_url())
        return _proposal_page(request, group, proposal, True, status=400, merge_form=form)

    return _screening_action(request, group, pk, act)


@secretary_view
def proposal_agenda_view(request, group, pk: int):
    def act(proposal):
        form = AgendaPlacementForm(request.POST, group=group)
        if form.is_valid():
            try:
                proposal_put_on_agenda(
                    proposal=proposal, meeting=form.cleaned_data["meeting"], user=request.user
                )
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The proposal is on the meeting's agenda."))
                return redirect(proposal.get_absolute_url())
        return _proposal_page(request, group, proposal, True, status=400, agenda_form=form)

    return _screening_action(request, group, pk, act)


@secretary_view
def proposal_answer_view(request, group, pk: int):
    def act(proposal):
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                proposal_answer(proposal=proposal, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, _("The answer has been recorded."))
                return redirect(proposal.get_absolute_url())
        return _proposal_page(request, group, proposal, True, status=400, answer_form=form)

    return _screening_action(request, group, pk, act)


# --- members and meetings (the secretariat) ------------------------------------------------------


@secretary_view
def member_manage(request, group):
    members = group.members.select_related("body", "user").order_by("role", "full_name")
    return render(request, "meetings/member_manage.html", {"group": group, "members": members})


@secretary_view
def member_edit(request, group, pk: int | None = None):
    member = get_object_or_404(group.members, pk=pk) if pk else None
    form = MemberForm(request.POST or None, instance=member, group=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The member has been saved."))
        return redirect("meetings:member_manage", group.slug)
    title = _("Edit member") if member else _("Add a member")
    return _form_page(
        request, group, form, title=title, back=reverse("meetings:member_manage", args=[group.slug])
    )


@secretary_view
def meeting_edit(request, group, number: int | None = None):
    meeting = get_object_or_404(group.meetings, number=number) if number else None
    form = MeetingForm(request.POST or None, instance=meeting, group=group)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if meeting is None:
                    form.instance.number = meeting_next_number(group)
                else:  # two secretaries' stale forms must not overwrite each other (review M2)
                    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
                    check_version(locked, form.cleaned_data.get("version"))
                saved = form.save()
        except StaleEdit as exc:
            refuse_stale(form, exc)
            status = 409
        else:
            messages.success(request, _("The meeting has been saved."))
            warn_missing_languages(request, saved)
            return redirect("meetings:meeting_manage", group.slug, saved.number)
    title = _("Edit the meeting") if meeting else _("Schedule a meeting")
    back = (
        reverse("meetings:meeting_manage", args=[group.slug, meeting.number])
        if meeting
        else reverse("meetings:meeting_list", args=[group.slug])
    )
    return _form_page(request, group, form, title=title, back=back, status=status)


def _manage_context(group, meeting, **extra):
    return {
        "group": group,
        "meeting": meeting,
        "agenda": meeting.agenda_items.select_related("presenter_body")
        .prefetch_related("proposals")
        .order_by("position"),
        "decisions": meeting.decisions.select_related("responsible_body").order_by("number"),
        "attendance_count": meeting.attendance.count(),
        "recipients": meeting_invitation_recipients(meeting),
        "locked": minutes_locked(meeting),
        "item_form": extra.pop("item_form", None) or AgendaItemForm(),
        **extra,
    }


@secretary_view
def meeting_manage(request, group, number: int):
    meeting = get_object_or_404(group.meetings, number=number)
    return render(request, "meetings/meeting_manage.html", _manage_context(group, meeting))


@secretary_view
@require_POST
def agenda_add(request, group, number: int):
    meeting = get_object_or_404(group.meetings, number=number)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        try:
            agenda_item_add(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The item has been added to the agenda."))
            return redirect("meetings:meeting_manage", group.slug, number)
    return render(
        request,
        "meetings/meeting_manage.html",
        _manage_context(group, meeting, item_form=form),
        status=400,
    )


@secretary_view
@require_POST
def agenda_change(request, group, number: int, item_pk: int, action: str):
    if action not in ("up", "down", "remove"):
        raise Http404
    meeting = get_object_or_404(group.meetings, number=number)
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    try:
        if action == "remove":
            agenda_item_remove(item=item, user=request.user)
        else:
            agenda_item_move(item=item, user=request.user, offset=-1 if action == "up" else 1)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("meetings:meeting_manage", group.slug, number)


@secretary_view
@require_POST
def meeting_invite(request, group, number: int):
    meeting = get_object_or_404(group.meetings, number=number)
    try:
        sent = meeting_send_invitations(meeting=meeting, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The invitation has been sent to %(count)d member.",
                "The invitation has been sent to %(count)d members.",
                sent,
            )
            % {"count": sent},
        )
    return redirect("meetings:meeting_manage", group.slug, number)


@secretary_view
def attendance_edit(request, group, number: int):
    """The attendance sheet: every member of the group on one page, guests below, one save."""
    meeting = get_object_or_404(group.meetings, number=number)
    if request.method == "POST" and minutes_locked(meeting):
        messages.error(
            request, _("The minutes are approved and locked; record a correction as an amendment.")
        )
        return redirect("meetings:meeting_manage", group.slug, number)
    data = request.POST.copy() if request.method == "POST" else None
    adding = data is not None and "add_guest" in data
    if adding:  # without JavaScript, "Add a guest" sends the sheet back with one more empty row
        total = data.get("guest-TOTAL_FORMS", "")
        data["guest-TOTAL_FORMS"] = str(int(total) + 1) if total.isdigit() else total
    sheet = AttendanceSheet(data, meeting=meeting)
    if data is not None and not adding and sheet.is_valid():
        try:
            sheet.save(user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Attendance has been saved."))
            return redirect("meetings:meeting_manage", group.slug, number)
    context = {"group": group, "meeting": meeting, "sheet": sheet}
    return render(request, "meetings/attendance_form.html", context)


@secretary_view
def minutes_edit(request, group, number: int):
    meeting = get_object_or_404(group.meetings, number=number)
    items = list(meeting.agenda_items.order_by("position"))
    locked = minutes_locked(meeting)
    forms_ = [
        (item, MinutesItemForm(request.POST or None, instance=item, prefix=f"item-{item.pk}"))
        for item in items
    ]
    amendment_form = AmendmentForm(
        request.POST if request.POST.get("action") == "amend" else None, meeting=meeting
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "amend":
                if amendment_form.is_valid():
                    minutes_amend(meeting=meeting, user=request.user, **amendment_form.cleaned_data)
                    messages.success(request, _("The amendment has been recorded."))
                    return redirect("meetings:minutes_edit", group.slug, number)
            elif action in ("save", "approve") and all(form.is_valid() for _i, form in forms_):
                with transaction.atomic():
                    for item, form in forms_:
                        minutes_item_save(item=item, user=request.user, **form.cleaned_data)
                messages.success(request, _("The draft minutes have been saved."))
                if action == "approve":  # approving locks them: first a page that says so
                    return redirect("meetings:minutes_approve", group.slug, number)
                return redirect("meetings:minutes_edit", group.slug, number)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("meetings:minutes_edit", group.slug, number)
    context = {
        "group": group,
        "meeting": meeting,
        "forms": forms_,
        "locked": locked,
        "amendment_form": amendment_form,
        "amendments": meeting.amendments.select_related("agenda_item", "author").order_by(
            "created_at"
        ),
    }
    return render(request, "meetings/minutes_form.html", context)


@secretary_view
def minutes_approve_view(request, group, number: int):
    """The check before approving: approval locks the minutes for good (corrections become
    amendments), so the page says so and names every agenda item whose text is missing in a
    language."""
    meeting = get_object_or_404(group.meetings, number=number)
    if minutes_locked(meeting):
        return redirect("meetings:minutes_edit", group.slug, number)
    if request.method == "POST":
        try:
            minutes_approve(meeting=meeting, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The minutes have been approved."))
        return redirect("meetings:minutes_edit", group.slug, number)
    items = [
        (_("Agenda item %(number)s") % {"number": item.position}, item, ("title", "minutes_text"))
        for item in meeting.agenda_items.order_by("position")
    ]
    context = {
        "group": group,
        "meeting": meeting,
        "heading": _("Approve the minutes of meeting No. %(number)s?") % {"number": meeting.number},
        "subject": str(group),
        "happens": [
            _(
                "The minutes are approved with their texts and decisions as they stand, and "
                "the approval is recorded with your name and the time."
            ),
        ],
        "irreversible": _(
            "Once approved, the minutes are locked: their texts and decisions can no longer be "
            "edited, and every later correction is recorded as an amendment with its reason."
        ),
        "gaps": language_gaps(items),
        "submit": _("Approve and lock the minutes"),
        "cancel_url": reverse("meetings:minutes_edit", args=[group.slug, number]),
        "cancel_label": _("Back to the draft"),
    }
    return render(request, "includes/confirm_page.html", context)


@secretary_view
def decision_edit(request, group, number: int, pk: int | None = None):
    meeting = get_object_or_404(group.meetings, number=number)
    decision = get_object_or_404(meeting.decisions, pk=pk) if pk else None
    locked = minutes_locked(meeting)
    back = reverse("meetings:meeting_manage", args=[group.slug, number])
    if locked and decision is None:
        messages.error(
            request, _("The minutes are approved and locked; record a correction as an amendment.")
        )
        return redirect(back)
    form = DecisionForm(request.POST or None, instance=decision, meeting=meeting, locked=locked)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                decision_save(
                    decision=form.save(commit=False), user=request.user, changed=form.changed_data
                )
                form.save_m2m()
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The decision has been saved."))
            warn_missing_languages(request, form.instance)
            return redirect(back)
    title = _("Edit the decision") if decision else _("Record a decision")
    return _form_page(request, group, form, title=title, back=back)


@secretary_view
def meeting_publish_view(request, group, number: int):
    """The news of the meeting. A meeting not yet published goes through the check before
    publishing (meeting_publish_confirm); the news of a published one is corrected in place."""
    meeting = get_object_or_404(group.meetings, number=number)
    form = PublishForm(request.POST or None, instance=meeting)
    if request.method == "POST":
        if request.POST.get("action") == "unpublish":
            meeting_unpublish(meeting=meeting, user=request.user)
            messages.success(request, _("The meeting is no longer published."))
            return redirect("meetings:meeting_manage", group.slug, number)
        if form.is_valid():
            news = {name: form.cleaned_data[name] for name in form.Meta.fields}
            already = meeting.news_published_at is not None
            try:
                if already:
                    meeting_publish(meeting=meeting, user=request.user, **news)
                else:
                    meeting_news_save(meeting=meeting, user=request.user, **news)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if not already:
                    return redirect("meetings:meeting_publish_confirm", group.slug, number)
                messages.success(request, _("The meeting and its news are published."))
                warn_missing_languages(request, meeting)
                return redirect(meeting.get_absolute_url())
    return _form_page(
        request,
        group,
        form,
        title=_("Publish the meeting with its news"),
        back=reverse("meetings:meeting_manage", args=[group.slug, number]),
        extra={"meeting": meeting, "publish": True},
    )


def publish_gaps(meeting: Meeting) -> list[tuple[str, str]]:
    """The texts that go public with a meeting and are still missing in a language."""
    items = [(_("News and meeting details"), meeting, ("news_title", "news_text", "place"))]
    items += [
        (_("Agenda item %(number)s") % {"number": item.position}, item, ("title", "minutes_text"))
        for item in meeting.agenda_items.order_by("position")
    ]
    items += [
        (_("Decision %(number)s") % {"number": d.number}, d, ("text",))
        for d in meeting.decisions.order_by("number")
    ]
    return language_gaps(items)


@secretary_view
def meeting_publish_confirm(request, group, number: int):
    """The check before publishing a meeting with its news: GET says what goes public and which
    texts are missing in a language (a warning), POST publishes."""
    meeting = get_object_or_404(group.meetings, number=number)
    back = reverse("meetings:meeting_publish", args=[group.slug, number])
    if meeting.news_published_at is not None:
        return redirect(meeting.get_absolute_url())
    if request.method == "POST":
        try:
            meeting_publish(meeting=meeting, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(back)
        messages.success(request, _("The meeting and its news are published."))
        return redirect(meeting.get_absolute_url())
    context = {
        "group": group,
        "heading": _("Publish meeting No. %(number)s with its news?") % {"number": meeting.number},
        "subject": str(group),
        "happens": [
            _(
                "The meeting's record — agenda, attendance, minutes and decisions — becomes "
                "public on the working group's pages."
            ),
            _("Its news appears on the home page and in the news, dated %(date)s.")
            % {"date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")},
        ],
        "irreversible": _(
            "The publication can be withdrawn later, but what readers have seen, copied or "
            "received in the meantime cannot be recalled."
        ),
        "gaps": publish_gaps(meeting),
        "submit": _("Publish"),
        "cancel_url": back,
    }
    return render(request, "includes/confirm_page.html", context)


# --- decisions and calendars ---------------------------------------------------------------------


def decision_list(request, slug: str):
    """Open decisions across the group's meetings, with their responsible bodies; the public sees
    those of published meetings."""
    group, _full = get_group(request, slug)
    decisions = (
        Decision.objects.visible_to(request.user)
        .filter(meeting__group=group, status=DecisionStatus.OPEN)
        .select_related("meeting__group", "responsible_body")
        .order_by(F("deadline").asc(nulls_last=True), "meeting__starts_at", "number")
    )
    filterset = DecisionFilter(request.GET or None, queryset=decisions, group=group)
    context = {
        "group": group,
        "filter": filterset,
        "decisions": filterset.qs,
        "today": datetime.date.today(),
        "secretary": is_secretary(request.user, group),
    }
    return render(request, "meetings/decision_list.html", context)


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meeting_ics(request, slug: str, number: int):
    group, full_access = get_group(request, slug)
    meeting = get_object_or_404(group.meetings.listed_for(request.user), number=number)
    return _ics_response(meeting_calendar(meeting, full=full_access), f"meeting-{number}.ics")


def group_ics(request, slug: str):
    group, full_access = get_group(request, slug)
    meetings = (
        group.meetings.listed_for(request.user)
        .select_related("group")
        .prefetch_related("agenda_items")
        .order_by("starts_at")
    )
    return _ics_response(group_calendar(group, meetings, full=full_access), f"{group.slug}.ics")


def _proposal_for_measure(request, slug: str, pk: int):
    """(group, proposal) for an editor who may turn this accepted proposal into a measure."""
    group, _full = get_group(request, slug)
    proposal = get_object_or_404(
        group.proposals.visible_to(request.user).select_related(
            "programme", "measure", "objective", "author_body"
        ),
        pk=pk,
    )
    if not can_make_measure(user=request.user, proposal=proposal):
        raise PermissionDenied
    return group, proposal


def _pending_key(proposal) -> str:
    return f"proposal-measure-{proposal.pk}"


def _pending_data(request, proposal) -> QueryDict | None:
    """The form as the editor filled it, kept between the form and the check before saving."""
    pending = request.session.get(_pending_key(proposal))
    if not pending:
        return None
    data = QueryDict(mutable=True)
    for key, values in pending.items():
        data.setlist(key, values)
    return data


def _proposal_measure_page(request, *, group, proposal, measure, forms, conflict=None, status=200):
    context = {
        "programme": proposal.programme,
        "measure": measure,
        "forms": forms,
        "conflict": conflict,
        "deadline_period": None,
        "proposal": proposal,
        "group": group,
    }
    return render(request, "meetings/proposal_measure.html", context, status=status)


def proposal_measure_view(request, slug: str, pk: int):
    """An accepted proposal becomes a new measure, or an edit of the measure it targets, through
    the action plan's own editing form (measures.forms.MeasureEditForms) and services. A filled
    form goes to the check before the plan changes (proposal_measure_confirm); the answers wait in
    the session, so "Cancel" there comes back to them."""
    from measures.forms import MeasureEditForms

    if not request.user.is_authenticated:
        return _login_first(request)
    group, proposal = _proposal_for_measure(request, slug, pk)
    programme = proposal.programme
    measure = proposal_target_measure(proposal)
    if request.method == "POST":
        forms = MeasureEditForms(
            programme=programme,
            instance=measure,
            data=request.POST,
            add_row=request.POST.get("add_row"),
        )
        if forms.is_valid():
            request.session[_pending_key(proposal)] = {
                key: values
                for key, values in request.POST.lists()
                if key not in ("csrfmiddlewaretoken", "add_row")
            }
            return redirect("meetings:proposal_measure_confirm", group.slug, proposal.pk)
        return _proposal_measure_page(
            request, group=group, proposal=proposal, measure=measure, forms=forms
        )
    pending = _pending_data(request, proposal)
    if pending is not None:
        forms = MeasureEditForms(programme=programme, instance=measure, data=pending)
    elif measure is not None:
        forms = MeasureEditForms(programme=programme, instance=measure)
    else:
        forms = MeasureEditForms(programme=programme, initial=proposal_measure_initial(proposal))
    return _proposal_measure_page(
        request, group=group, proposal=proposal, measure=measure, forms=forms
    )


def proposal_measure_confirm(request, slug: str, pk: int):
    """The check before an accepted proposal changes the action plan: GET says what the plan
    will hold and which texts are missing in a language (a warning), POST changes the plan."""
    from modeltranslation.translator import translator

    from measures.conflicts import forms_after_conflict
    from measures.forms import MeasureEditForms
    from measures.models import Measure
    from measures.services import EditConflict

    if not request.user.is_authenticated:
        return _login_first(request)
    group, proposal = _proposal_for_measure(request, slug, pk)
    programme = proposal.programme
    measure = proposal_target_measure(proposal)
    data = _pending_data(request, proposal)
    back = reverse("meetings:proposal_measure", args=[group.slug, proposal.pk])
    if data is None:
        return redirect(back)
    forms = MeasureEditForms(programme=programme, instance=measure, data=data)
    if not forms.is_valid():  # the plan changed meanwhile: the form says what no longer fits
        return redirect(back)
    if request.method == "POST":
        try:
            proposal = proposal_make_measure(
                proposal=proposal,
                user=request.user,
                content=forms.content(),
                expected_version=forms.main.cleaned_data.get("version"),
            )
        except EditConflict as exc:
            conflict, forms = forms_after_conflict(
                exc, data=data, programme=programme, measure=measure
            )
            return _proposal_measure_page(
                request,
                group=group,
                proposal=proposal,
                measure=measure,
                forms=forms,
                conflict=conflict,
                status=409,
            )
        except ValidationError as exc:
            forms.main.add_error(None, exc)
            return _proposal_measure_page(
                request, group=group, proposal=proposal, measure=measure, forms=forms, status=400
            )
        request.session.pop(_pending_key(proposal), None)
        messages.success(request, _("The action plan has been changed by the proposal."))
        return redirect(proposal.resulting_measure.get_absolute_url())
    draft = forms.main.instance
    number = forms.main.cleaned_data.get("number") or draft.number
    title = text_in_language(draft, "title", active_language())[0]
    if measure is None:
        change = _(
            "A new measure %(number)s «%(title)s» is added to the action plan of %(programme)s."
        )
    else:
        change = _("Measure %(number)s «%(title)s» of %(programme)s is changed as in the form.")
    fields = list(translator.get_options_for_model(Measure).fields)
    context = {
        "group": group,
        "heading": _("Accept proposal No. %(number)s into the action plan?")
        % {"number": proposal.pk},
        "subject": proposal.title,
        "happens": [
            change % {"number": number, "title": title, "programme": programme},
            _("The change is shown on the plan's public pages and in its exports at once."),
            _(
                "The proposal records the measure it produced, and the decisions on the proposal "
                "are linked to that measure."
            ),
        ],
        "irreversible": _(
            "The proposal stays linked to this measure and cannot be turned into a measure "
            "again. The change itself is in the measure's history: an editor can restore an "
            "earlier version or archive the measure."
        ),
        "gaps": language_gaps([(_("Measure %(number)s") % {"number": number}, draft, fields)]),
        "submit": _("Change the action plan"),
        "cancel_url": back,
    }
    return render(request, "includes/confirm_page.html", context)
