"""Writes on the working group's records that both the web form and the API use."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Max, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from measures.services import MeasureContent, measure_create, measure_update
from meetings.models import (
    ANSWER_STATUSES,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    MemberRole,
    MinutesAmendment,
    MinutesStatus,
    Proposal,
    ProposalAttachment,
    ProposalEvent,
    ProposalStatus,
    WorkingGroup,
    WorkingGroupMember,
)
from regionalprogram.languages import active_language
from regionalprogram.uploads import MAX_ATTACHMENTS, check_attachment


def proposal_author_membership(*, user, group: WorkingGroup) -> WorkingGroupMember | None:
    """The user's current membership of the group, if they may send proposals to it."""
    if not user.is_authenticated or not user.has_perm("meetings.add_proposal"):
        return None
    return group.members.active().filter(user=user).select_related("body").first()


@transaction.atomic
def proposal_submit(*, user, group: WorkingGroup, **fields) -> Proposal:
    """A member sends a proposal to their working group; the author's body is their own.

    Raises PermissionDenied for anyone who is not a current member with the members' role, and
    ValidationError (field-keyed) for a proposal that breaks the model's rules.
    """
    membership = proposal_author_membership(user=user, group=group)
    if membership is None:
        raise PermissionDenied("Only current members of the working group can send proposals.")
    attachments = fields.pop("attachments", None) or []
    fields.setdefault("language", _current_language())
    fields.setdefault("programme", group.programme)
    proposal = Proposal(
        group=group,
        author=user,
        author_body=membership.body,
        status=ProposalStatus.SUBMITTED,
        **fields,
    )
    proposal.full_clean()
    proposal.save()
    ProposalEvent.objects.create(proposal=proposal, status_to=proposal.status, actor=user)
    proposal_attachments_add(proposal=proposal, files=attachments)
    return proposal


# --- who may do what -----------------------------------------------------------------------------


def secretariat_groups(user):
    """The groups whose secretariat the user is: all for a superuser, else those where a user with
    the secretariat's role is a current secretary (the secretary of one group does not run
    another). One query, whatever the number of groups."""
    if not (user and user.is_authenticated and user.is_active):
        return WorkingGroup.objects.none()
    if user.is_superuser:
        return WorkingGroup.objects.all()
    if not user.has_perm("meetings.manage_working_group"):
        return WorkingGroup.objects.none()
    return WorkingGroup.objects.filter(
        pk__in=WorkingGroupMember.objects.active()
        .filter(user=user, role=MemberRole.SECRETARY)
        .values("group_id")
    )


def is_secretary(user, group: WorkingGroup) -> bool:
    """Whether the user runs this group's secretariat (the rule: ``secretariat_groups``)."""
    return secretariat_groups(user).filter(pk=group.pk).exists()


def _current_language() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def portal_url(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


# --- proposals -----------------------------------------------------------------------------------


def proposal_attachments_add(*, proposal: Proposal, files) -> list[ProposalAttachment]:
    """Check every file by its content first, then store them all (or none)."""
    files = list(files or [])
    if proposal.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "attachments": _("A proposal can carry at most %(count)d files.")
                % {"count": MAX_ATTACHMENTS}
            }
        )
    errors, checked = [], []
    for upload in files:
        try:
            checked.append((upload, check_attachment(upload)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    stored = []
    for upload, content_type in checked:
        attachment = ProposalAttachment(
            proposal=proposal,
            original_name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _require_open_for_author(proposal: Proposal, user) -> None:
    if proposal.author_id != user.pk:
        raise PermissionDenied("Only the author can change a proposal.")
    if not proposal.is_open_for_author:
        raise ValidationError(
            _("The secretariat has already screened this proposal; it can no longer be changed.")
        )


@transaction.atomic
def proposal_update(
    *, proposal: Proposal, user, attachments=None, remove_attachments=(), **fields
) -> Proposal:
    """The author edits their proposal while it is still only submitted."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_open_for_author(proposal, user)
    if proposal_author_membership(user=user, group=proposal.group) is None:
        raise PermissionDenied("Only current members of the working group can edit proposals.")
    for name, value in fields.items():
        setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save()
    proposal.attachments.filter(pk__in=list(remove_attachments)).delete()
    proposal_attachments_add(proposal=proposal, files=attachments)
    return proposal


def _change_status(
    proposal: Proposal, status: str, *, actor, note: str = "", notify: bool = True
) -> None:
    previous = proposal.status
    proposal.status = status
    proposal.full_clean()
    proposal.save()
    ProposalEvent.objects.create(
        proposal=proposal, status_from=previous, status_to=status, note=note, actor=actor
    )
    if notify and previous != status and proposal.author_id and proposal.author.email:
        # Queued in this transaction (regionalprogram.mail): sent after the commit, retried,
        # and a mail server that is down does not undo or fail the change.
        proposal_notify_author(proposal=proposal)


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, user) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_open_for_author(proposal, user)
    # The author did it: no e-mail to tell them what they just did.
    _change_status(proposal, ProposalStatus.WITHDRAWN, actor=user, notify=False)
    return proposal


def _require_secretary(user, group: WorkingGroup) -> None:
    if not is_secretary(user, group):
        raise PermissionDenied("Only the group's secretariat can do this.")


SCREENABLE = (ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW, ProposalStatus.ON_AGENDA)


def _require_screenable(proposal: Proposal) -> None:
    if proposal.status not in SCREENABLE:
        raise ValidationError(
            _("This proposal is already %(status)s.") % {"status": proposal.get_status_display()}
        )


@transaction.atomic
def proposal_mark_under_review(*, proposal: Proposal, user) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_secretary(user, proposal.group)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ValidationError(_("Only a newly submitted proposal can be taken under review."))
    _change_status(proposal, ProposalStatus.UNDER_REVIEW, actor=user)
    return proposal


@transaction.atomic
def proposal_merge(*, proposal: Proposal, into: Proposal, user) -> Proposal:
    """A duplicate is closed as rejected with an answer that names the proposal it was merged
    into; duplicate_of keeps the link, and the kept proposal carries on through screening."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_secretary(user, proposal.group)
    _require_screenable(proposal)
    if into.pk == proposal.pk or into.group_id != proposal.group_id:
        raise ValidationError({"into": _("Choose another proposal of the same working group.")})
    if into.duplicate_of_id or into.status == ProposalStatus.WITHDRAWN:
        raise ValidationError({"into": _("That proposal is itself closed; choose the kept one.")})
    proposal.duplicate_of = into
    with translation.override(proposal.language):
        proposal.answer = _("Merged into proposal No. %(number)d, “%(title)s”.") % {
            "number": into.pk,
            "title": into.title,
        }
    proposal.answered_at = timezone.now()
    _change_status(proposal, ProposalStatus.REJECTED, actor=user, note=proposal.answer)
    return proposal


def _next_position(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def proposal_put_on_agenda(
    *, proposal: Proposal, meeting: Meeting, user, agenda_item: AgendaItem | None = None
) -> AgendaItem:
    """Link the proposal to an agenda item of a coming meeting (a new item at the end unless one
    is given)."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_secretary(user, proposal.group)
    _require_screenable(proposal)
    if meeting.group_id != proposal.group_id or meeting.status != MeetingStatus.PLANNED:
        raise ValidationError({"meeting": _("Choose a planned meeting of this working group.")})
    _require_agenda_open(meeting)
    if agenda_item is None:
        agenda_item = AgendaItem(meeting=meeting, position=_next_position(meeting))
        for code, _name in settings.LANGUAGES:
            setattr(agenda_item, f"title_{code}", proposal.title[:1000])
        agenda_item.full_clean()
        agenda_item.save()
    elif agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("The item belongs to another meeting.")})
    proposal.agenda_item = agenda_item
    _change_status(proposal, ProposalStatus.ON_AGENDA, actor=user)
    return agenda_item


@transaction.atomic
def proposal_answer(*, proposal: Proposal, status: str, answer: str, user) -> Proposal:
    """The working group's official answer: accepted, partly accepted or rejected, with reasons."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_secretary(user, proposal.group)
    _require_screenable(proposal)
    if status not in ANSWER_STATUSES:
        raise ValidationError({"status": _("Choose accepted, partly accepted or rejected.")})
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer and its reason.")})
    proposal.answer = answer.strip()
    proposal.answered_at = timezone.now()
    _change_status(proposal, status, actor=user, note=proposal.answer)
    return proposal


def proposal_notify_author(*, proposal: Proposal) -> None:
    """Tell the author, in the language they wrote in, where their proposal stands."""
    with translation.override(proposal.language):
        context = {
            "proposal": proposal,
            "author": proposal.author,
            "url": portal_url(proposal.get_absolute_url()),
        }
        subject = render_to_string("meetings/email/proposal_status_subject.txt", context)
        body = render_to_string("meetings/email/proposal_status_body.txt", context)
    EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body, to=[proposal.author.email]
    ).send()


# --- meetings: agenda, minutes, invitations, publication -------------------------------------------


def _require_agenda_open(meeting: Meeting) -> None:
    if meeting.minutes_status == MinutesStatus.APPROVED:
        raise ValidationError(_("The minutes are approved; the agenda can no longer change."))


def meeting_next_number(group: WorkingGroup) -> int:
    return (group.meetings.aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, user, **fields) -> AgendaItem:
    _require_secretary(user, meeting.group)
    _require_agenda_open(meeting)
    item = AgendaItem(meeting=meeting, position=_next_position(meeting), **fields)
    item.full_clean()
    item.save()
    return item


def _renumber(meeting: Meeting, ordered: list[AgendaItem]) -> None:
    # Positions are unique per meeting: move everything out of the way first, then into place.
    meeting.agenda_items.update(position=F("position") + 1000)
    for position, item in enumerate(ordered, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(position=position)


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, user) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _require_secretary(user, meeting.group)
    _require_agenda_open(meeting)
    # Proposals on the removed item go back to screening.
    for proposal in item.proposals.filter(status=ProposalStatus.ON_AGENDA):
        proposal.agenda_item = None
        _change_status(proposal, ProposalStatus.UNDER_REVIEW, actor=user)
    item.delete()
    _renumber(meeting, list(meeting.agenda_items.order_by("position")))


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, user, offset: int) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _require_secretary(user, meeting.group)
    _require_agenda_open(meeting)
    items = list(meeting.agenda_items.order_by("position"))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    _renumber(meeting, items)


def _require_minutes_open(meeting: Meeting) -> None:
    if meeting.minutes_status == MinutesStatus.APPROVED:
        raise ValidationError(
            _("The minutes are approved and locked; record a correction as an amendment.")
        )


@transaction.atomic
def minutes_item_save(*, item: AgendaItem, user, **texts) -> AgendaItem:
    """Draft the minutes of one agenda item (refused once the minutes are approved)."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _require_secretary(user, meeting.group)
    _require_minutes_open(meeting)
    for name, value in texts.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    if meeting.minutes_status == MinutesStatus.NONE:
        meeting.minutes_status = MinutesStatus.DRAFT
        meeting.save(update_fields=["minutes_status", "updated_at"])
    return item


@transaction.atomic
def minutes_approve(*, meeting: Meeting, user) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_secretary(user, meeting.group)
    _require_minutes_open(meeting)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Only the minutes of a held meeting can be approved."))
    meeting.minutes_status = MinutesStatus.APPROVED
    meeting.minutes_approved_at = timezone.now()
    meeting.minutes_approved_by = user
    meeting.save()
    return meeting


@transaction.atomic
def minutes_amend(
    *, meeting: Meeting, user, text: str, reason: str, agenda_item: AgendaItem | None = None
) -> MinutesAmendment:
    """A correction of approved minutes, on record with its reason and author."""
    _require_secretary(user, meeting.group)
    if meeting.minutes_status != MinutesStatus.APPROVED:
        raise ValidationError(_("Amendments are for approved minutes; edit the draft instead."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("The item belongs to another meeting.")})
    amendment = MinutesAmendment(
        meeting=meeting,
        agenda_item=agenda_item,
        text=text,
        reason=reason,
        language=active_language(),
        author=user,
    )
    amendment.full_clean()
    amendment.save()
    return amendment


def meeting_invitation_recipients(meeting: Meeting) -> list[WorkingGroupMember]:
    day = timezone.localdate(meeting.starts_at)
    members = meeting.group.members.active(day).select_related("user").order_by("full_name")
    return [m for m in members if m.contact_email]


@transaction.atomic
def meeting_send_invitations(*, meeting: Meeting, user) -> int:
    """E-mail every current member with an address an invitation with the meeting's .ics
    (queued with the record that they were sent, in one transaction)."""
    from meetings.ics import meeting_calendar

    _require_secretary(user, meeting.group)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Invitations are sent for planned meetings only."))
    recipients = meeting_invitation_recipients(meeting)
    if not recipients:
        raise ValidationError(_("No current member has an e-mail address."))
    ics = meeting_calendar(meeting, method="REQUEST", full=True, organizer=user)
    agenda = list(meeting.agenda_items.order_by("position"))
    context = {
        "meeting": meeting,
        "group": meeting.group,
        "agenda": agenda,
        "url": portal_url(meeting.get_absolute_url()),
    }
    subject = " ".join(render_to_string("meetings/email/invitation_subject.txt", context).split())
    for member in recipients:
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(
                "meetings/email/invitation_body.txt", {**context, "member": member}
            ),
            to=[member.contact_email],
        )
        message.attach(
            f"meeting-{meeting.number}.ics", ics, "text/calendar; method=REQUEST; charset=utf-8"
        )
        message.send()
    meeting.invitations_sent_at = timezone.now()
    meeting.save(update_fields=["invitations_sent_at", "updated_at"])
    return len(recipients)


@transaction.atomic
def meeting_publish(*, meeting: Meeting, user, **news) -> Meeting:
    """Publish a held meeting with its news text; the public then sees it and its decisions."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_secretary(user, meeting.group)
    for name, value in news.items():
        setattr(meeting, name, value)
    _check_publishable(meeting)
    meeting.news_published_at = meeting.news_published_at or timezone.now()
    meeting.full_clean()
    meeting.save()
    return meeting


def _check_publishable(meeting: Meeting) -> None:
    """A meeting can go public once it is held and its news has a title and a text."""
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Only a held meeting can be published."))
    if not (meeting.news_title_ky or meeting.news_title_ru or meeting.news_title_en):
        raise ValidationError({"news_title_ky": _("Give the news a title.")})
    if not (meeting.news_text_ky or meeting.news_text_ru or meeting.news_text_en):
        raise ValidationError({"news_text_ky": _("Write the news text.")})


@transaction.atomic
def meeting_news_save(*, meeting: Meeting, user, **news) -> Meeting:
    """Keep the news texts of a meeting that is not published yet, for the check before
    publishing (meeting_publish then publishes what is stored). Refused, with nothing saved,
    when the meeting could not be published as it stands."""
    _require_secretary(user, meeting.group)
    for name, value in news.items():
        setattr(meeting, name, value)
    _check_publishable(meeting)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_unpublish(*, meeting: Meeting, user) -> Meeting:
    _require_secretary(user, meeting.group)
    meeting.news_published_at = None
    meeting.save(update_fields=["news_published_at", "updated_at"])
    return meeting


class AttendanceMark:
    """What the sheet says of one member: present, absent, represented by someone, or nothing."""

    PRESENT = "present"
    ABSENT = "absent"
    REPRESENTED = "represented"
    CHOICES = (PRESENT, ABSENT, REPRESENTED)


def attendance_roster(meeting: Meeting) -> list[tuple[WorkingGroupMember, Attendance | None]]:
    """Every member of the group on the meeting's day, and anyone already recorded (a member who
    has left since), each with their attendance row if there is one. Two queries."""
    day = timezone.localdate(meeting.starts_at)
    rows = {
        a.member_id: a
        for a in meeting.attendance.filter(member__isnull=False).select_related("body")
    }
    members = (
        meeting.group.members.filter(
            Q(pk__in=rows.keys()) | Q(pk__in=meeting.group.members.active(day))
        )
        .select_related("body")
        .order_by("full_name")
    )
    return [(m, rows.get(m.pk)) for m in members]


def attendance_mark_of(row: Attendance | None) -> str:
    if row is None:
        return ""
    if not row.present:
        return AttendanceMark.ABSENT
    return AttendanceMark.REPRESENTED if row.attendee_name else AttendanceMark.PRESENT


@transaction.atomic
def attendance_save(
    *,
    meeting: Meeting,
    user,
    marks: list[tuple[WorkingGroupMember, str, str, str]],
    guests: list[dict],
) -> None:
    """Record the attendance of a whole meeting in one go.

    ``marks`` holds (member, mark, substitute name, note) per member of the roster: an empty mark
    removes the member's row. ``guests`` holds dicts with ``attendee_name``, ``body``, ``present``,
    ``note`` and optionally ``instance`` (an existing guest row) and ``delete``.
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_secretary(user, meeting.group)
    if minutes_locked(meeting):
        raise ValidationError(
            _("The minutes are approved and locked; record a correction as an amendment.")
        )
    existing = {a.member_id: a for a in meeting.attendance.filter(member__isnull=False)}
    for member, mark, substitute, note in marks:
        if member.group_id != meeting.group_id:
            raise ValidationError(_("The member belongs to another working group."))
        row = existing.get(member.pk)
        if not mark:
            if row is not None:
                row.delete()
            continue
        if mark not in AttendanceMark.CHOICES:
            raise ValidationError(_("Choose present, absent or represented."))
        if mark == AttendanceMark.REPRESENTED and not substitute.strip():
            raise ValidationError(
                {"substitute": _("Write who represented %(name)s.") % {"name": member.full_name}}
            )
        row = row or Attendance(meeting=meeting, member=member)
        row.body = row.body if row.pk and row.body_id else member.body
        row.present = mark != AttendanceMark.ABSENT
        row.attendee_name = substitute.strip() if mark == AttendanceMark.REPRESENTED else ""
        row.note = note
        row.full_clean()
        row.save()
    for guest in guests:
        row = guest.get("instance")
        if row is not None and row.pk and (row.meeting_id != meeting.pk or row.member_id):
            raise ValidationError(_("The row belongs to another meeting."))
        if guest.get("delete"):
            if row is not None and row.pk:
                row.delete()
            continue
        row = row or Attendance(meeting=meeting)
        row.meeting = meeting
        row.member = None
        row.attendee_name = guest["attendee_name"]
        row.body = guest["body"]
        row.present = guest.get("present", True)
        row.note = guest.get("note", "")
        row.full_clean()
        row.save()


def minutes_locked(meeting: Meeting) -> bool:
    return meeting.minutes_status == MinutesStatus.APPROVED


@transaction.atomic
def decision_next_number(meeting: Meeting) -> str:
    """The number the meeting's next decision gets: one more than the highest plain number so far
    ("1", "2", ...); numbers written by hand ("2.1", "3a") are skipped over, never reused."""
    taken = meeting.decisions.values_list("number", flat=True)
    highest = max((int(n) for n in taken if n.strip().isdigit()), default=0)
    return str(highest + 1)


def decision_save(*, decision, user, changed: list[str]):
    """Record or update a decision. Once the minutes are approved its words are locked; only its
    status (done, cancelled) still moves on."""
    meeting = decision.meeting
    _require_secretary(user, meeting.group)
    if minutes_locked(meeting) and (decision.pk is None or set(changed) - {"status"}):
        raise ValidationError(
            _("The minutes are approved and locked; record a correction as an amendment.")
        )
    decision.full_clean()
    decision.save()
    return decision


def can_make_measure(*, user, proposal: Proposal) -> bool:
    """An accepted proposal not yet turned into a measure, and a user who may edit the plan of its
    programme (the same rule as any other change of the plan)."""
    from programs.permissions import can_edit_programme

    return (
        proposal.status in (ProposalStatus.ACCEPTED, ProposalStatus.PARTLY_ACCEPTED)
        and proposal.resulting_measure_id is None
        and bool(user and user.is_authenticated)
        and can_edit_programme(user, proposal.programme)
    )


def proposal_measure_initial(proposal: Proposal) -> dict:
    """What the new measure's form starts with: the proposal's place in the plan, its title and
    text (in the language the author wrote), and the proposing body as the lead body."""
    initial = {
        f"title_{proposal.language}": proposal.title,
        f"implementation_mechanism_{proposal.language}": proposal.text,
        "lead_body": proposal.author_body_id,
    }
    if proposal.objective_id:
        initial["objective"] = proposal.objective_id
        initial["direction"] = proposal.objective.direction_id
    elif proposal.direction_id:
        initial["direction"] = proposal.direction_id
    return initial


def proposal_target_measure(proposal: Proposal):
    """The measure a proposal changes: the one it targets while that is still in the plan; None
    means the proposal becomes a new measure."""
    measure = proposal.measure if proposal.measure_id else None
    return measure if measure is not None and measure.archived_at is None else None


@transaction.atomic
def proposal_make_measure(
    *, proposal: Proposal, user, content: MeasureContent, expected_version: int | None
) -> Proposal:
    """Turn an accepted proposal into a new measure or an edit of its measure, in one step.

    The measure is written by measures.services (the same rules, version check and history as any
    other edit; EditConflict when someone saved it after ``expected_version``); the proposal then
    records the measure it produced, and the decisions on the proposal are linked to it as well.
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not can_make_measure(user=user, proposal=proposal):
        raise PermissionDenied("This proposal cannot be turned into a measure by this user.")
    reason = _("by proposal № %(number)s") % {"number": proposal.pk}
    target = proposal_target_measure(proposal)
    if target is None:
        measure = measure_create(
            programme=proposal.programme, content=content, user=user, reason=reason
        )
    elif target.programme_id != proposal.programme_id:
        raise ValidationError(_("The measure belongs to another programme."))
    else:
        measure = measure_update(
            measure=target,
            content=content,
            user=user,
            expected_version=expected_version,
            reason=reason,
        )
    proposal.resulting_measure = measure
    proposal.save(update_fields=["resulting_measure", "updated_at"])
    for decision in proposal.decisions.all():
        decision.measures.add(measure)
    return proposal
