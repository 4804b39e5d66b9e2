"""The interdepartmental working group: members, meetings, agenda, attendance, minutes, decisions
and the proposals members send.

Who sees what of the working group lives here, once, on the QuerySets; pages, the API, the measure
page and the home page all call them:

- a group is seen by whoever sees its programme (drafts only by the roles that see drafts);
- the public sees a group's planned meetings (when and where), its held meetings once their news is
  published with their agenda, minutes and decisions, and proposals once answered;
- current members of a group (its secretary too) see the group in full, superusers every group;
  a former member, or the secretary of another group, sees what the public sees;
- an author always sees their own proposals.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from measures.models import Measure
from programs.models import Direction, LegalAct, Objective, Programme, ResponsibleBody
from regionalprogram.dates import event_date
from regionalprogram.formats import short_date


def sees_all_working_groups(user) -> bool:
    """Only superusers (who hold every right) read every working group in full; the secretariat's
    role does not: a secretary reads the group they are a current secretary of, as its members do
    (running it is meetings.services.is_secretary)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def sees_everything(user, group: WorkingGroup) -> bool:
    """Whether the user sees ``group`` in full: all meetings, minutes, decisions and proposals."""
    return WorkingGroup.objects.seen_in_full_by(user).filter(pk=group.pk).exists()


class WorkingGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def seen_in_full_by(self, user):
        """Groups the user sees in full: those they are a member (or secretary) of today, all for
        superusers. Reading follows current membership: someone who has left the group reads
        what the public reads."""
        groups = self.visible_to(user)
        if sees_all_working_groups(user):
            return groups
        if not (user and user.is_authenticated and user.is_active):
            return groups.none()
        return groups.filter(
            pk__in=WorkingGroupMember.objects.active().filter(user=user).values("group_id")
        )


class WorkingGroup(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    founding_act = models.ForeignKey(
        LegalAct,
        verbose_name=_("founding act"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo row, not part of any official record.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]
        permissions = [("manage_working_group", _("Can run the working group's secretariat"))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:group_detail", args=[self.slug])

    def programmes(self):
        """The programmes the group works on, oldest first: the one it was formed for and those
        that superseded it in turn (the group that drafted REG-2024-2028 goes on with the adopted
        REG-2025-2030). Its members may propose changes to any of them."""
        ids, programme = [], self.programme
        while programme is not None and programme.pk not in ids:
            ids.append(programme.pk)
            programme = programme.superseded_by
        return Programme.objects.filter(pk__in=ids).order_by("period_start_year", "code")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    DEPUTY = "deputy", _("deputy chair")
    SECRETARY = "secretary", _("secretary")
    MEMBER = "member", _("member")


class MemberQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        on = on or datetime.date.today()
        return self.filter(Q(date_from__isnull=True) | Q(date_from__lte=on)).filter(
            Q(date_to__isnull=True) | Q(date_to__gte=on)
        )


class WorkingGroupMember(models.Model):
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=500, blank=True)
    body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    date_from = models.DateField(_("member from"), null=True, blank=True, validators=[event_date])
    date_to = models.DateField(_("member until"), null=True, blank=True, validators=[event_date])
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Where invitations go; the portal user's e-mail is used when this is empty."),
    )
    sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demo row, not part of any official record."),
    )

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        ordering = ["group", "role", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__isnull=True)
                | Q(date_from__isnull=True)
                | Q(date_to__gte=models.F("date_from")),
                name="member_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.body})"

    @property
    def contact_email(self) -> str:
        return self.email or (self.user.email if self.user_id and self.user else "")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("meeting status", "planned")
    HELD = "held", pgettext_lazy("meeting status", "held")
    CANCELLED = "cancelled", pgettext_lazy("meeting status", "cancelled")


class MinutesStatus(models.TextChoices):
    NONE = "none", pgettext_lazy("minutes status", "not started")
    DRAFT = "draft", pgettext_lazy("minutes status", "draft")
    APPROVED = "approved", pgettext_lazy("minutes status", "approved")


# A held meeting whose news is published: public with its agenda, minutes and decisions.
PUBLISHED = Q(status=MeetingStatus.HELD, news_published_at__isnull=False)


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(PUBLISHED)

    def _of_groups_visible_to(self, user, public: Q):
        meetings = self.filter(group__in=WorkingGroup.objects.visible_to(user))
        if sees_all_working_groups(user):
            return meetings
        return meetings.filter(public | Q(group__in=WorkingGroup.objects.seen_in_full_by(user)))

    def listed_for(self, user):
        """Meetings the user finds in lists and calendars: planned and held ones (when and where;
        a held meeting stays listed as it was while planned until its record is published), and
        every meeting of the groups they see in full."""
        return self._of_groups_visible_to(
            user, Q(status__in=[MeetingStatus.PLANNED, MeetingStatus.HELD])
        )

    def detailed_for(self, user):
        """Meetings whose agenda, minutes and decisions the user may read."""
        return self._of_groups_visible_to(user, PUBLISHED)


class Meeting(models.Model):
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    number = models.PositiveIntegerField(_("number"))
    starts_at = models.DateTimeField(_("starts at"), validators=[event_date])
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, validators=[event_date])
    place = models.CharField(_("place"), max_length=500, blank=True)
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes_status = models.CharField(
        _("minutes"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_summary = models.TextField(_("minutes: summary"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    news_title = models.CharField(_("news title"), max_length=500, blank=True)
    news_text = models.TextField(_("news text"), blank=True)
    news_published_at = models.DateTimeField(_("news published at"), null=True, blank=True)
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("An invented meeting: its agenda, minutes and news are sample data too."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="meeting_number_unique"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(news_published_at__isnull=True) | Q(status="held"),
                name="meeting_only_held_published",
            ),
        ]

    def __str__(self) -> str:
        return f"№ {self.number}, {short_date(self.starts_at)}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.group.slug, self.number])

    def clean(self) -> None:
        super().clean()
        now = timezone.now()
        if self.status == MeetingStatus.HELD and self.starts_at and self.starts_at > now:
            # Not keyed to a field: the publishing form, which has no status field, calls it too.
            raise ValidationError(_("A meeting cannot be marked held before it has begun."))
        if self.news_published_at and self.news_published_at > now:
            raise ValidationError(_("News cannot be dated in the future."))

    @property
    def is_published(self) -> bool:
        return self.news_published_at is not None


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=1000)
    presenter = models.CharField(_("presenter"), max_length=255, blank=True)
    presenter_body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("presenting body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    minutes_text = models.TextField(_("minutes of this item"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class MinutesAmendment(models.Model):
    """A correction of approved minutes: the minutes stay locked, the correction is on record."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="amendments"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    text = models.TextField(_("correction"))
    reason = models.TextField(_("reason"))
    # Written once, in the secretary's language: stored so readers of other languages see it marked
    # (like reviewers' comments and change reasons), not passed off as a translation.
    language = models.CharField(_("language of the amendment"), max_length=2, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("amendment of minutes")
        verbose_name_plural = _("amendments of minutes")
        ordering = ["meeting", "created_at"]

    def __str__(self) -> str:
        return f"{self.meeting}: {short_date(self.created_at)}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        WorkingGroupMember,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendance",
    )
    body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("body represented"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    attendee_name = models.CharField(
        _("attended in person"),
        max_length=255,
        blank=True,
        help_text=_("Who came, when not the member (a substitute), or a guest."),
    )
    present = models.BooleanField(_("present"), default=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demo row, not part of any official record."),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False),
                name="attendance_member_once",
            ),
        ]

    def __str__(self) -> str:
        return self.attendee_name or (self.member.full_name if self.member_id else str(self.body))


class DecisionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("decision status", "open")
    DONE = "done", pgettext_lazy("decision status", "done")
    CANCELLED = "cancelled", pgettext_lazy("decision status", "cancelled")


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Decisions of the meetings whose details the user may read."""
        return self.filter(meeting__in=Meeting.objects.detailed_for(user))

    def overdue(self, today: datetime.date | None = None):
        today = today or datetime.date.today()
        return self.filter(status=DecisionStatus.OPEN, deadline__lt=today)


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    number = models.CharField(_("number"), max_length=20)
    text = models.TextField(_("decision"))
    responsible_body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True, validators=[event_date])
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    measures = models.ManyToManyField(
        Measure, verbose_name=_("measures concerned"), blank=True, related_name="decisions"
    )
    proposals = models.ManyToManyField(
        "Proposal", verbose_name=_("proposals concerned"), blank=True, related_name="decisions"
    )
    sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demo row, not part of any official record."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return (
            self.status == DecisionStatus.OPEN
            and self.deadline is not None
            and self.deadline < today
        )


class ProposalTarget(models.TextChoices):
    PROGRAMME = "programme", _("the programme as a whole")
    DIRECTION = "direction", _("a direction")
    OBJECTIVE = "objective", _("an objective")
    MEASURE = "measure", _("an existing measure")
    NEW_MEASURE = "new_measure", _("a new measure")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("proposal status", "submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("proposal status", "under review")
    ON_AGENDA = "on_agenda", pgettext_lazy("proposal status", "on the agenda")
    ACCEPTED = "accepted", pgettext_lazy("proposal status", "accepted")
    PARTLY_ACCEPTED = "partly_accepted", pgettext_lazy("proposal status", "partly accepted")
    REJECTED = "rejected", pgettext_lazy("proposal status", "rejected")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "withdrawn")


class ProposalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Proposals the user may read: the answered ones of the groups they see, every proposal of
        the groups they see in full, and their own."""
        proposals = self.filter(group__in=WorkingGroup.objects.visible_to(user))
        if sees_all_working_groups(user):
            return proposals
        # The public sees a proposal once the working group has answered it; before that it is a
        # member's draft that the secretariat has not screened.
        condition = Q(status__in=ANSWER_STATUSES)
        if user and user.is_authenticated:
            condition |= Q(group__in=WorkingGroup.objects.seen_in_full_by(user)) | Q(author=user)
        return proposals.filter(condition)


PROPOSAL_TEXT_MAX = 20_000


class Proposal(models.Model):
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    author_body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("author's body"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    target_kind = models.CharField(
        _("what it targets"), max_length=12, choices=ProposalTarget.choices
    )
    direction = models.ForeignKey(
        Direction,
        verbose_name=_("direction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=500)
    # Long texts have a length too: a proposal is pages, not megabytes (forms and API apply it).
    text = models.TextField(_("proposal"), max_length=PROPOSAL_TEXT_MAX)
    justification = models.TextField(_("justification"), blank=True, max_length=PROPOSAL_TEXT_MAX)
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    answer = models.TextField(_("official answer"), blank=True, max_length=PROPOSAL_TEXT_MAX)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("discussed under agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    resulting_measure = models.ForeignKey(
        Measure,
        verbose_name=_("measure it produced"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="source_proposals",
    )
    language = models.CharField(
        _("author's language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="ky",
        help_text=_("E-mails about the proposal go to the author in this language."),
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demo row, not part of any official record."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(target_kind="direction") | Q(direction__isnull=False),
                name="proposal_direction_target_set",
            ),
            models.CheckConstraint(
                condition=~Q(target_kind="objective") | Q(objective__isnull=False),
                name="proposal_objective_target_set",
            ),
            models.CheckConstraint(
                condition=~Q(target_kind="measure") | Q(measure__isnull=False),
                name="proposal_measure_target_set",
            ),
            models.CheckConstraint(
                condition=~Q(duplicate_of=models.F("id")), name="proposal_not_own_duplicate"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:proposal_detail", args=[self.group.slug, self.pk])

    def clean(self) -> None:
        required = {
            ProposalTarget.DIRECTION: "direction",
            ProposalTarget.OBJECTIVE: "objective",
            ProposalTarget.MEASURE: "measure",
        }
        field = required.get(self.target_kind)
        if field and not getattr(self, f"{field}_id"):
            raise ValidationError({field: _("Choose what the proposal targets.")})
        if (
            self.programme_id
            and self.group_id
            and not self.group.programmes().filter(pk=self.programme_id).exists()
        ):
            raise ValidationError(
                {"programme": _("The working group does not work on this programme.")}
            )
        if self.measure_id and self.programme_id and self.measure.programme_id != self.programme_id:
            raise ValidationError({"measure": _("The measure belongs to another programme.")})
        if (
            self.direction_id
            and self.programme_id
            and self.direction.programme_id != self.programme_id
        ):
            raise ValidationError({"direction": _("The direction belongs to another programme.")})
        if (
            self.objective_id
            and self.programme_id
            and self.objective.direction.programme_id != self.programme_id
        ):
            raise ValidationError({"objective": _("The objective belongs to another programme.")})

    @property
    def is_open_for_author(self) -> bool:
        """The author may edit or withdraw until the secretariat has screened it."""
        return self.status == ProposalStatus.SUBMITTED

    @property
    def is_answered(self) -> bool:
        return self.status in ANSWER_STATUSES


# The statuses the secretariat answers with; a proposal in one of them is public (ProposalQuerySet).
ANSWER_STATUSES = (
    ProposalStatus.ACCEPTED,
    ProposalStatus.PARTLY_ACCEPTED,
    ProposalStatus.REJECTED,
)


class ProposalEvent(models.Model):
    """One change of a proposal's status, kept so the author can follow its history."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="events"
    )
    status_from = models.CharField(
        _("previous status"), max_length=16, choices=ProposalStatus.choices, blank=True
    )
    status_to = models.CharField(_("new status"), max_length=16, choices=ProposalStatus.choices)
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal status change")
        verbose_name_plural = _("proposal status changes")
        ordering = ["proposal", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.status_from} → {self.status_to}"


class ProposalAttachment(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="proposals/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size, bytes"))
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class DemoDatabase(models.Model):
    """The mark that this database was made for the demo: ``seed_demo`` writes demo content and
    the demo accounts (whose password is published) only where this row exists.

    ``seed_demo`` writes it on its first run into a fresh local database (the embedded server of
    ``make run``, no accounts yet) or when told ``--i-know-this-is-not-production``; ``accounts``
    lists the accounts it made, the only ones a later run may reset.
    """

    class How(models.TextChoices):
        FRESH = "fresh", _("a fresh local database of make run")
        OPT_IN = "opt_in", _("an explicit opt-in")

    how = models.CharField(_("made for the demo by"), max_length=10, choices=How.choices)
    accounts = models.JSONField(_("demo accounts"), default=list, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo database mark")
        verbose_name_plural = _("demo database marks")

    def __str__(self) -> str:
        return f"{self.get_how_display()} ({self.created_at:%Y-%m-%d})"
