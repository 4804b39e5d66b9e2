"""Programmes, the legal acts behind them, their directions and objectives, and responsible bodies."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record

from regionalprogram.dates import history_date
from regionalprogram.formats import short_date
from regionalprogram.languages import active_language
from regions.models import AdministrativeUnit, TerritoryType


class ReasonLanguage(models.Model):
    """The base of every historical record (programmes, directions, objectives, measures and their
    rows): the language its change reason is written in, the request's when it was recorded
    (``record_reason_language`` fills it), so that a reader of another language sees it marked."""

    history_reason_language = models.CharField(
        _("language of the change reason"), max_length=2, blank=True
    )

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def record_reason_language(sender, history_instance, **kwargs) -> None:
    if hasattr(history_instance, "history_reason_language") and getattr(
        history_instance, "history_change_reason", None
    ):
        history_instance.history_reason_language = active_language()


class LegalActKind(models.TextChoices):
    DECREE = "decree", _("decree")
    LAW = "law", _("law")
    RESOLUTION = "resolution", _("resolution")
    ORDER = "order", _("order")
    OTHER = "other", _("other act")


class LegalAct(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=LegalActKind.choices)
    number = models.CharField(_("number"), max_length=40)
    date = models.DateField(_("date"), validators=[history_date])
    issuer = models.CharField(_("issued by"), max_length=255)
    # The issuer as it stands inside the act's name: "Кабинета Министров Кыргызской Республики",
    # "Кыргыз Республикасынын Министрлер Кабинетинин", "of the Cabinet of Ministers of …".
    issuer_genitive = models.CharField(
        _("issuer, as in the act's name"),
        max_length=255,
        blank=True,
        help_text=_(
            "The issuer in the grammatical form it takes in the official name of the act: "
            "«Кабинета Министров Кыргызской Республики», «Кыргыз Республикасынын Министрлер "
            "Кабинетинин», «of the Cabinet of Ministers of the Kyrgyz Republic»."
        ),
    )
    title = models.CharField(_("title"), max_length=1000)
    url = models.URLField(_("link to the text"), blank=True)

    class Meta:
        verbose_name = _("legal act")
        verbose_name_plural = _("legal acts")
        ordering = ["-date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "number", "date"], name="legal_act_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} № {self.number} ({short_date(self.date)})"


class BodyKind(models.TextChoices):
    MINISTRY = "ministry", _("ministry")
    AGENCY = "agency", _("state agency")
    PLENIPOTENTIARY = "plenipotentiary", _("plenipotentiary representative's office")
    LOCAL_STATE_ADMINISTRATION = "local_state_admin", _("local state administration")
    LSG = "lsg", _("local self-government body")
    DONOR = "donor", _("donor or partner")
    NGO = "ngo", _("non-governmental organisation")
    PRIVATE = "private", _("private company")
    OTHER = "other", _("other body")


# Bodies not subordinate to the Cabinet: they co-execute "in coordination" (по согласованию).
NON_SUBORDINATE_KINDS = {BodyKind.LSG, BodyKind.DONOR, BodyKind.NGO, BodyKind.PRIVATE}


class ResponsibleBody(models.Model):
    name = models.CharField(_("name"), max_length=500)
    short_name = models.CharField(_("abbreviation"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    territory = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("territory"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text=_("For local bodies: the unit they serve."),
    )
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Bodies are reorganised often (Gosstroy became a ministry on 11.02.2025): a plan approved
    # earlier still names the old body, and reads correctly through its successor.
    valid_from = models.DateField(
        _("exists since"), null=True, blank=True, validators=[history_date]
    )
    valid_to = models.DateField(
        _("exists until"),
        null=True,
        blank=True,
        help_text=_("The last day the body existed under this name and form."),
        validators=[history_date],
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
        help_text=_("The body that took over its functions."),
    )
    reorganisation_act = models.ForeignKey(
        "LegalAct",
        verbose_name=_("act of reorganisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reorganised_bodies",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("responsible body")
        verbose_name_plural = _("responsible bodies")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="body_not_own_parent"),
            models.CheckConstraint(
                condition=~Q(successor=models.F("id")), name="body_not_own_successor"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="body_valid_to_after_valid_from",
            ),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(valid_to__isnull=False),
                name="body_with_successor_has_end_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:body_detail", args=[self.pk])

    @property
    def works_in_coordination(self) -> bool:
        return self.kind in NON_SUBORDINATE_KINDS

    def clean(self) -> None:
        super().clean()
        # A successor chain that comes back to this body would make "now:" never end.
        seen, body = {self.pk}, self.successor
        while body is not None:
            if body.pk in seen:
                raise ValidationError(
                    {"successor": _("The successor chain leads back to this body.")}
                )
            seen.add(body.pk)
            body = body.successor
        # Nor may a parent body sit below this one (review L5).
        seen, body = {self.pk}, self.parent if self.parent_id else None
        while self.pk and body is not None:
            if body.pk in seen:
                raise ValidationError(
                    {"parent": _("The parent body is below this body: the tree would make a loop.")}
                )
            seen.add(body.pk)
            body = body.parent

    def current_successor(self, *, limit: int = 10) -> ResponsibleBody | None:
        """The body that carries its functions today, following the chain of reorganisations."""
        body, steps = self.successor, 0
        while body is not None and body.successor_id is not None and steps < limit:
            body, steps = body.successor, steps + 1
        return body


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("programme status", "draft")
    UNDER_DISCUSSION = "under_discussion", pgettext_lazy("programme status", "under discussion")
    ADOPTED = "adopted", pgettext_lazy("programme status", "adopted")
    IN_IMPLEMENTATION = "in_implementation", pgettext_lazy("programme status", "in implementation")
    COMPLETED = "completed", pgettext_lazy("programme status", "completed")
    SUPERSEDED = "superseded", pgettext_lazy("programme status", "superseded")


# Statuses the public sees; drafts are for the working group and the ministry.
PUBLIC_PROGRAMME_STATUSES = [
    ProgrammeStatus.UNDER_DISCUSSION,
    ProgrammeStatus.ADOPTED,
    ProgrammeStatus.IN_IMPLEMENTATION,
    ProgrammeStatus.COMPLETED,
    ProgrammeStatus.SUPERSEDED,
]


class ReportingPeriodKind(models.TextChoices):
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("half-year")
    YEAR = "year", _("year")


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Drafts are shown to the roles that work on them (editors, the secretariat, members of
        the working group: programs.roles.VIEW_DRAFTS) and superusers; everything else is public.
        ``is_staff`` alone opens the admin and shows no drafts."""
        if user.is_authenticated and user.has_perm("programs.view_draft_programme"):
            return self
        return self.filter(status__in=PUBLIC_PROGRAMME_STATUSES)

    def current_for(self, user) -> Programme | None:
        """The programme a page opens on when none is named: the one in implementation, else the
        adopted one, else any the user may see."""
        visible = self.visible_to(user)
        return (
            visible.filter(status=ProgrammeStatus.IN_IMPLEMENTATION).first()
            or visible.filter(status=ProgrammeStatus.ADOPTED).first()
            or visible.first()
        )


class Programme(models.Model):
    code = models.SlugField(
        _("code"), max_length=40, unique=True, help_text=_("Stable key, e.g. REG-2025-2030.")
    )
    title = models.CharField(_("title"), max_length=1000)
    short_title = models.CharField(_("short title"), max_length=255, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    period_start_year = models.PositiveSmallIntegerField(_("first year"))
    period_end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT
    )
    lead_body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("lead ministry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_programmes",
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    legal_acts = models.ManyToManyField(
        LegalAct, through="ProgrammeLegalAct", verbose_name=_("legal acts"), blank=True
    )
    reporting_period = models.CharField(
        _("reporting period"),
        max_length=10,
        choices=ReportingPeriodKind.choices,
        default=ReportingPeriodKind.HALF_YEAR,
    )
    report_due_day = models.PositiveSmallIntegerField(
        _("reports due on day"),
        default=15,
        help_text=_("Reports are due on this day of the month after the period ends."),
    )
    report_due_months_after = models.PositiveSmallIntegerField(
        _("months after the period"), default=1
    )
    territory_types = models.ManyToManyField(
        TerritoryType,
        through="ProgrammeTerritory",
        verbose_name=_("territory types"),
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-period_start_year", "code"]
        permissions = [("view_draft_programme", _("Can see draft programmes"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end_year__gte=models.F("period_start_year")),
                name="programme_period_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(period_start_year__gte=1991) & Q(period_end_year__lte=2100),
                name="programme_period_sane",
            ),
            models.CheckConstraint(
                condition=Q(report_due_day__gte=1) & Q(report_due_day__lte=31),
                name="programme_report_due_day_range",
            ),
            models.CheckConstraint(
                condition=~Q(superseded_by=models.F("id")), name="programme_not_superseding_itself"
            ),
        ]

    def __str__(self) -> str:
        return self.short_title or self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:programme_detail", args=[self.code])

    def clean(self) -> None:
        if (
            self.period_start_year
            and self.period_end_year
            and self.period_end_year < self.period_start_year
        ):
            raise ValidationError(
                {"period_end_year": _("The last year cannot come before the first year.")}
            )

    @property
    def period_label(self) -> str:
        return f"{self.period_start_year}–{self.period_end_year}"

    @property
    def years(self) -> range:
        return range(self.period_start_year, self.period_end_year + 1)

    # The programme-period rule, for every path that writes the plan (the model's clean, the
    # editor's form, the import, the live deadline preview): one test, one message each.

    def covers_year(self, year: int) -> bool:
        return self.period_start_year <= year <= self.period_end_year

    def check_year(self, year: int | None) -> str | None:
        """Why a funding or target year cannot be used in this programme, or None if it can."""
        if year is None or self.covers_year(year):
            return None
        return gettext("The year %(year)s lies outside the programme period %(period)s.") % {
            "year": year,
            "period": self.period_label,
        }

    def check_period(self, start: datetime.date | None, end: datetime.date | None) -> str | None:
        """Why a deadline from ``start`` to ``end`` cannot be set in this programme, or None.

        A deadline without an end (no deadline, or an open-ended one not yet given the programme's
        span) is not checked; one without a start is the single day ``end``."""
        if end is None:
            return None
        if self.covers_year((start or end).year) and self.covers_year(end.year):
            return None
        return gettext("The deadline lies outside the programme period %(period)s.") % {
            "period": self.period_label
        }

    def deadline_outside_q(self, prefix: str = "") -> Q:
        """``check_period`` as a filter of measures (``prefix`` leads to the measure): those whose
        deadline lies outside this programme's period."""
        start, end = f"{prefix}deadline_start", f"{prefix}deadline_end"
        return Q(**{f"{end}__isnull": False}) & (
            Q(**{f"{end}__year__gt": self.period_end_year})
            | Q(**{f"{end}__year__lt": self.period_start_year})
            | Q(**{f"{start}__year__lt": self.period_start_year})
        )


class LegalActRole(models.TextChoices):
    BASIS = "basis", _("legal basis")
    WORKING_GROUP = "working_group", _("created the working group")
    ADOPTION = "adoption", _("adopted the programme")
    AMENDMENT = "amendment", _("amended the programme")
    REPEAL = "repeal", _("repealed the programme")


class ProgrammeLegalAct(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="act_links"
    )
    legal_act = models.ForeignKey(
        LegalAct,
        verbose_name=_("legal act"),
        on_delete=models.PROTECT,
        related_name="programme_links",
    )
    role = models.CharField(_("role"), max_length=20, choices=LegalActRole.choices)

    class Meta:
        verbose_name = _("legal act of a programme")
        verbose_name_plural = _("legal acts of programmes")
        ordering = ["legal_act__date"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "legal_act", "role"], name="programme_legal_act_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.legal_act} — {self.get_role_display()}"


class ProgrammeTerritory(models.Model):
    """A programme types a unit for its policy: a growth point, a border territory..."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="territory_links",
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.CASCADE,
        related_name="programme_types",
    )
    territory_type = models.ForeignKey(
        TerritoryType,
        verbose_name=_("territory type"),
        on_delete=models.PROTECT,
        related_name="programme_links",
    )
    sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo row, not part of any official plan.")
    )

    class Meta:
        verbose_name = _("typed territory")
        verbose_name_plural = _("typed territories")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "unit", "territory_type"], name="programme_territory_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.territory_type}"


class ArchivableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)


# Headings stand in the official table by position, then number; the id breaks a tie.
HEADING_ORDER = ("position", "number", "id")


class DirectionQuerySet(ArchivableQuerySet):
    def in_plan_order(self):
        return self.order_by(*HEADING_ORDER)


class ObjectiveQuerySet(ArchivableQuerySet):
    def in_plan_order(self):
        """Objectives under their directions' order, then in their own."""
        return self.order_by(*(f"direction__{name}" for name in HEADING_ORDER), *HEADING_ORDER)


class Direction(models.Model):
    """An area of the programme ("1. Urbanized territories")."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="directions"
    )
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo row, not part of any official plan.")
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DirectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["programme", "position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="direction_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Objective(models.Model):
    """A task under a direction ("1.1. ...")."""

    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.CharField(_("number"), max_length=20)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=1000)
    description = models.TextField(_("description"), blank=True)
    sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo row, not part of any official plan.")
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ObjectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["direction", "position", "number"]
        constraints = [
            models.UniqueConstraint(fields=["direction", "number"], name="objective_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Profile(models.Model):
    """Ties a portal user to the responsible body they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the portal writes to the user in, e.g. report reminders."),
    )
    programmes = models.ManyToManyField(
        Programme,
        verbose_name=_("programmes the user edits"),
        blank=True,
        related_name="editor_profiles",
    )
    # When the user last opened "My work": what changed since is counted from the visit before
    # the current session's first one (portal.views.my_work keeps that moment in the session).
    last_visit_at = models.DateTimeField(_("last visit"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")

    def __str__(self) -> str:
        return str(self.user)
