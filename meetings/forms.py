"""Forms of the working group's pages. Rules live on the models and in services.py; the forms only
limit choices to the group and put messages next to the fields."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from measures.models import Measure
from meetings.models import (
    ANSWER_STATUSES,
    PROPOSAL_TEXT_MAX,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    Proposal,
    ProposalStatus,
    ProposalTarget,
    WorkingGroup,
    WorkingGroupMember,
)
from meetings.services import (
    AttendanceMark,
    attendance_mark_of,
    attendance_roster,
    attendance_save,
    decision_next_number,
)
from programs.forms import VersionedMixin
from programs.models import Direction, Objective
from regionalprogram.languages import LANGUAGE_CODES
from regionalprogram.uploads import MAX_ATTACHMENTS, CheckedFilesField
from regionalprogram.widgets import DATE, DATETIME


def trilingual(*names: str) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in LANGUAGE_CODES]


class ProposalForm(forms.ModelForm):
    attachments = CheckedFilesField(
        max_files=MAX_ATTACHMENTS,
        too_many=_("A proposal can carry at most %(count)d files."),
        label=_("Attachments"),
        help_text=_("PDF, DOCX, XLSX, PNG or JPEG; up to 10 MB each, at most 5 files."),
    )

    class Meta:
        model = Proposal
        fields = [
            "target_kind",
            "programme",
            "direction",
            "objective",
            "measure",
            "title",
            "text",
            "justification",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "justification": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.instance.group = group
        # Any programme the group works on (WorkingGroup.programmes); a new proposal starts on the
        # newest of them, the plan in force.
        programmes = list(group.programmes())
        self.fields["programme"].queryset = group.programmes()
        self.fields["programme"].empty_label = None
        self.fields["programme"].required = False  # not sent: the proposal's or the group's own
        self._group = group
        self.fields["programme"].label_from_instance = lambda p: f"{p.code} · {p}"
        self.fields["programme"].help_text = _(
            "For a direction, an objective or a measure, the programme it belongs to is taken."
        )
        if not self.instance.pk and programmes:
            self.fields["programme"].initial = programmes[-1].pk
        self.fields["direction"].queryset = (
            Direction.objects.filter(programme__in=programmes)
            .select_related("programme")
            .in_plan_order()
        )
        self.fields["objective"].queryset = (
            Objective.objects.filter(direction__programme__in=programmes)
            .select_related("direction__programme")
            .in_plan_order()
        )
        self.fields["measure"].queryset = (
            Measure.objects.filter(programme__in=programmes, archived_at__isnull=True)
            .select_related("programme")
            .order_by("-programme__period_start_year", "programme__code", "sort_key")
        )
        self.fields["objective"].label_from_instance = (
            lambda o: f"{o.direction.programme.code} · {o.number} {o.title}"
        )
        self.fields["direction"].label_from_instance = (
            lambda d: f"{d.programme.code} · {d.number}. {d.title}"
        )
        self.fields["measure"].label_from_instance = lambda m: f"{m.reference} {m.title[:120]}"
        self.fields["target_kind"].widget = forms.RadioSelect(choices=ProposalTarget.choices)
        if self.instance.pk:
            self.fields["remove_attachments"] = forms.ModelMultipleChoiceField(
                label=_("Remove attachments"),
                queryset=self.instance.attachments.all(),
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean(self):
        data = super().clean()
        kind = data.get("target_kind")
        # Only the field that matches the target is kept, whatever else the browser sent.
        for name, target in (
            ("direction", ProposalTarget.DIRECTION),
            ("objective", ProposalTarget.OBJECTIVE),
            ("measure", ProposalTarget.MEASURE),
        ):
            if kind != target:
                data[name] = None
                setattr(self.instance, name, None)
            elif not data.get(name):
                self.add_error(name, _("Choose what the proposal targets."))
        # A part of the plan names its programme: the proposal is on that one.
        if data.get("measure"):
            data["programme"] = data["measure"].programme
        elif data.get("objective"):
            data["programme"] = data["objective"].direction.programme
        elif data.get("direction"):
            data["programme"] = data["direction"].programme
        if not data.get("programme") and not self.has_error("programme"):
            data["programme"] = (
                self.instance.programme if self.instance.pk else self._group.programme
            )
        if data.get("programme"):
            self.instance.programme = data["programme"]
        return data

    def service_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into proposal"), queryset=Proposal.objects.none())

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            proposal.group.proposals.exclude(pk=proposal.pk)
            .exclude(status=ProposalStatus.WITHDRAWN)
            .filter(duplicate_of__isnull=True)
            .order_by("-submitted_at")
        )
        self.fields["into"].label_from_instance = lambda p: f"№ {p.pk}: {p.title}"


class AgendaPlacementForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = group.meetings.filter(
            status=MeetingStatus.PLANNED
        ).order_by("starts_at")


class AnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Answer"),
        choices=[(s.value, s.label) for s in ANSWER_STATUSES],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Reason"),
        max_length=PROPOSAL_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The official answer the author receives."),
    )


class MemberForm(forms.ModelForm):
    class Meta:
        model = WorkingGroupMember
        fields = [
            "full_name",
            *trilingual("position"),
            "body",
            "role",
            "user",
            "email",
            "date_from",
            "date_to",
        ]
        widgets = {"date_from": DATE, "date_to": DATE}

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        self.fields["user"].queryset = get_user_model().objects.filter(is_active=True)
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.username})"
        )


class MeetingForm(VersionedMixin, forms.ModelForm):
    online_link = forms.URLField(
        label=Meeting._meta.get_field("online_link").verbose_name,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", *trilingual("place"), "format", "online_link", "status"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args, group: WorkingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.group = group
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        self.add_version()

    def clean(self):
        data = super().clean()
        if data.get("format") in (MeetingFormat.ONLINE, MeetingFormat.HYBRID) and not data.get(
            "online_link"
        ):
            self.add_error("online_link", _("An online or hybrid meeting needs its link."))
        if data.get("format") in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID) and not any(
            data.get(f"place_{lang}") for lang in LANGUAGE_CODES
        ):
            self.add_error("place_ky", _("Say where the meeting takes place."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [*trilingual("title"), "presenter", "presenter_body"]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{lang}") for lang in LANGUAGE_CODES):
            self.add_error("title_ky", _("Give the item a title."))
        return data


class MemberAttendanceForm(forms.Form):
    """One line of the attendance sheet: a member of the group and how they took part."""

    mark = forms.ChoiceField(
        label=_("Attendance"),
        choices=[
            ("", _("not recorded")),
            (AttendanceMark.PRESENT, _("present")),
            (AttendanceMark.ABSENT, _("absent")),
            (AttendanceMark.REPRESENTED, _("represented by")),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    substitute = forms.CharField(label=_("Represented by (name)"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, member: WorkingGroupMember, **kwargs):
        self.member = member
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("substitute") and data.get("mark") in ("", AttendanceMark.PRESENT):
            # A name in "represented by" says what happened, whatever radio was left on.
            data["mark"] = AttendanceMark.REPRESENTED
        if data.get("mark") == AttendanceMark.REPRESENTED and not data.get("substitute"):
            self.add_error("substitute", _("Write who came instead of the member."))
        return data


class GuestAttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["attendee_name", "body", "present", "note"]
        labels = {"attendee_name": _("Guest (name)")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee_name"].required = True
        self.fields["body"].empty_label = _("choose a body")
        self.fields["body"].queryset = self.fields["body"].queryset.order_by("name")


GuestFormSet = forms.modelformset_factory(
    Attendance, form=GuestAttendanceForm, extra=1, can_delete=True
)


class AttendanceSheet:
    """The whole attendance of a meeting on one page: every member of the group with their body,
    and the guests below. Saved at once by meetings.services.attendance_save."""

    def __init__(self, data, *, meeting: Meeting):
        self.meeting = meeting
        self.members = [
            MemberAttendanceForm(
                data,
                prefix=f"m{member.pk}",
                member=member,
                initial={
                    "mark": attendance_mark_of(row),
                    "substitute": row.attendee_name if row else "",
                    "note": row.note if row else "",
                },
            )
            for member, row in attendance_roster(meeting)
        ]
        self.guests = GuestFormSet(
            data,
            prefix="guest",
            queryset=meeting.attendance.filter(member__isnull=True)
            .select_related("body")
            .order_by("pk"),
        )

    def is_valid(self) -> bool:
        # Every form is checked (not all() short-circuiting), so every error shows at once.
        valid = [form.is_valid() for form in self.members] + [self.guests.is_valid()]
        return all(valid)

    def save(self, *, user) -> None:
        marks = [
            (
                form.member,
                form.cleaned_data["mark"],
                form.cleaned_data["substitute"],
                form.cleaned_data["note"],
            )
            for form in self.members
        ]
        guests = []
        for form in self.guests.forms:
            if not form.has_changed() and not form.instance.pk:
                continue  # an unused empty row
            data = dict(form.cleaned_data)
            data["delete"] = data.pop("DELETE", False)
            data.pop("id", None)
            guests.append({**data, "instance": form.instance if form.instance.pk else None})
        attendance_save(meeting=self.meeting, user=user, marks=marks, guests=guests)


class MinutesItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = trilingual("minutes_text")
        widgets = {
            f"minutes_text_{lang}": forms.Textarea(attrs={"rows": 4}) for lang in LANGUAGE_CODES
        }


class AmendmentForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )
    text = forms.CharField(label=_("Correction"), widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")


class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = [
            "number",
            "agenda_item",
            *trilingual("text"),
            "responsible_body",
            "deadline",
            "status",
            "proposals",
            "measures",
        ]
        widgets = {
            "deadline": DATE,
            # Checkbox lists (static/js/checklist.js adds type-to-find), not a Ctrl-click select.
            "proposals": forms.CheckboxSelectMultiple(attrs={"data-checklist": ""}),
            "measures": forms.CheckboxSelectMultiple(attrs={"data-checklist": ""}),
        }

    def __init__(self, *args, meeting: Meeting, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("number", decision_next_number(meeting))
        self.fields["number"].help_text = _(
            "Given in order within the meeting; change it if needed."
        )
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("position")
        self.fields["proposals"].queryset = meeting.group.proposals.order_by("-submitted_at")
        self.fields["proposals"].label_from_instance = lambda p: f"№ {p.pk}: {p.title}"
        self.fields["measures"].queryset = Measure.objects.filter(
            programme=meeting.group.programme
        ).order_by("sort_key")
        self.fields["measures"].label_from_instance = lambda m: f"{m.number} {m.title[:100]}"
        if locked:
            # Approved minutes: the decision's words are locked; only its follow-up moves on.
            for name, field in self.fields.items():
                if name != "status":
                    field.disabled = True

    def clean(self):
        data = super().clean()
        if not any(data.get(f"text_{lang}") for lang in LANGUAGE_CODES):
            self.add_error("text_ky", _("Write the decision."))
        return data


class PublishForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = trilingual("news_title", "news_text")
        widgets = {
            f"news_text_{lang}": forms.Textarea(attrs={"rows": 8}) for lang in LANGUAGE_CODES
        }
