"""The action plan: measures, their executors, targets, funding, indicators and progress reports."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Concat, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programs.models import (
    ArchivableQuerySet,
    Direction,
    Objective,
    Programme,
    ReportingPeriodKind,
    ResponsibleBody,
)
from programs.numbers import NUMBER_PATTERN, NUMBER_RE, normalise_number
from regionalprogram.formats import short_date
from regionalprogram.languages import DOCUMENT_LANGUAGES, LANGUAGE_CODES
from regions.models import AdministrativeUnit


def measure_sort_key(number: str) -> str:
    """'1.10.2' → '0001.0010.0002', so that plain text ordering is hierarchical ordering."""
    parts = [p for p in normalise_number(number).split(".") if p]
    return ".".join(p.zfill(4) if p.isdigit() else p for p in parts)


class DeadlineKind(models.TextChoices):
    ONCE = "once", _("by a date")
    PERIOD = "period", _("during a period")
    ANNUAL = "annual", _("annually")
    CONTINUOUS = "continuous", _("continuously")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("measure status", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("measure status", "in progress")
    COMPLETED = "completed", pgettext_lazy("measure status", "completed")
    DELAYED = "delayed", pgettext_lazy("measure status", "delayed")
    SUSPENDED = "suspended", pgettext_lazy("measure status", "suspended")
    CANCELLED = "cancelled", pgettext_lazy("measure status", "cancelled")


# What the free-text search of the plan reads, in every language: the texts of the table's columns.
SEARCHED_TEXTS = ("title", "implementation_mechanism", "expected_result")
# Between two texts in Measure.search_text, so that no search matches across the end of one text and
# the start of the next: the search box is one line, and the search is stripped.
SEARCH_TEXT_SEPARATOR = "\n"
SEARCH_TEXT_INDEX = "measure_search_text_trgm"


def search_text_expression() -> Upper:
    """Every searched text in every language, upper-cased, as PostgreSQL stores it in
    ``Measure.search_text``."""
    parts = []
    for name in SEARCHED_TEXTS:
        for lang in LANGUAGE_CODES:
            parts += [models.F(f"{name}_{lang}"), models.Value(SEARCH_TEXT_SEPARATOR)]
    return Upper(Concat(*parts[:-1], output_field=models.TextField()))


class ComputedStatus(models.TextChoices):
    """A measure's status as the reports show it (measures.reporting.status holds the rule)."""

    NOT_STARTED = "not_started", pgettext_lazy("measure status", "not started")
    ON_TRACK = "on_track", pgettext_lazy("measure status", "on track")
    AT_RISK = "at_risk", pgettext_lazy("measure status", "at risk")
    OVERDUE = "overdue", pgettext_lazy("measure status", "overdue")
    COMPLETED = "completed", pgettext_lazy("measure status", "completed")
    NOT_REPORTED = "not_reported", pgettext_lazy("measure status", "not reported")

    @classmethod
    def by_attention(cls) -> list[ComputedStatus]:
        """The order figures and status mixes show them in: what needs attention first."""
        return [
            cls.OVERDUE,
            cls.NOT_REPORTED,
            cls.AT_RISK,
            cls.ON_TRACK,
            cls.NOT_STARTED,
            cls.COMPLETED,
        ]


class MeasureQuerySet(ArchivableQuerySet):
    """The action plan's questions, asked the same way by the plan page, the export and the API.

    The territory and body filters are EXISTS semi-joins rather than ``pk IN (… DISTINCT)``: no
    duplicate rows to remove, so PostgreSQL can walk the ordering index and stop at the end of a
    page instead of collecting every matching measure first."""

    def in_unit(self, unit: AdministrativeUnit):
        """Measures that target the unit or any unit below it."""
        targets = self.model.target_units.through.objects.filter(
            measure_id=OuterRef("pk"),
            administrativeunit__tree_path__startswith=unit.tree_path,
        )
        return self.filter(Exists(targets))

    def samples(self):
        """The demo's invented measures (``sample``): a figure that counts them says so."""
        return self.filter(sample=True)

    def with_body(self, body: ResponsibleBody | int):
        """Measures the body (or the body with this id) leads or co-executes."""
        body_id = getattr(body, "pk", body)
        co_executes = MeasureExecutor.objects.filter(measure_id=OuterRef("pk"), body_id=body_id)
        return self.filter(Q(lead_body_id=body_id) | Exists(co_executes))

    def search(self, text: str):
        """Free text: the measure's number and the measures under it ("1.2" finds 1.2, 1.2.1 …
        but not 1.20), or words in the title, mechanism or expected result, in any language."""
        text = (text or "").strip()
        if not text:
            return self
        number = normalise_number(text)
        words = Q(search_text__contains=Upper(models.Value(text, output_field=models.TextField())))
        return self.filter(Q(number=number) | Q(number__startswith=f"{number}.") | words)

    def deadline_overlaps(
        self, start: datetime.date | None = None, end: datetime.date | None = None
    ):
        """Measures whose deadline touches the days from ``start`` to ``end`` (either may be open).

        A dated deadline runs from its start (a single date: its end) to its end. "Annually" and
        "continuously" without dates run through the whole programme period. A measure with no
        deadline at all has nothing to overlap and is left out."""
        if start is None and end is None:
            return self
        dated = Q(deadline_end__isnull=False)
        open_ended = Q(
            deadline_end__isnull=True,
            deadline_kind__in=[DeadlineKind.ANNUAL, DeadlineKind.CONTINUOUS],
        )
        if start is not None:
            dated &= Q(deadline_end__gte=start)
            open_ended &= Q(programme__period_end_year__gte=start.year)
        if end is not None:
            dated &= Q(deadline_start__lte=end) | Q(
                deadline_start__isnull=True, deadline_end__lte=end
            )
            open_ended &= Q(programme__period_start_year__lte=end.year)
        return self.filter(dated | open_ended)

    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def in_plan_order(self):
        """The order of the official table: direction, objective (each by HEADING_ORDER), then
        hierarchical number; ``plan_key`` holds it (see migration 0014), so that the ordering
        walks the index ``measure_plan_order`` instead of sorting the plan on every page."""
        return self.order_by("plan_key", "id")

    def with_co_executors(self):
        """Each measure's co-executors in order, as ``co_executor_list`` (one query)."""
        return self.prefetch_related(
            Prefetch(
                "executors",
                queryset=MeasureExecutor.objects.select_related("body__successor").order_by(
                    "position", "id"
                ),
                to_attr="co_executor_list",
            )
        )

    def for_plan_table(self):
        """Active measures ready for the official table: one query for the rows, one per
        prefetch (co-executors, indicators), in the table's order."""
        return (
            self.active()
            .select_related("programme", "direction", "objective", "lead_body__successor")
            .with_co_executors()
            .prefetch_related(
                Prefetch(
                    "indicators",
                    queryset=MeasureIndicator.objects.order_by("position", "id"),
                    to_attr="indicator_list",
                ),
            )
            .in_plan_order()
            .with_computed_status()
        )

    def with_computed_status(self, today: datetime.date | None = None):
        """Annotate ``computed_status``, ``effective_status`` (the editor's override, else the
        computed one) and the dates behind them, in SQL (rule: measures.reporting.status)."""
        from measures.reporting.status import annotate_computed_status

        return annotate_computed_status(self, today)

    def in_status(self, statuses, *, computed: bool = False, today: datetime.date | None = None):
        """Measures whose status is one of ``statuses`` (ComputedStatus values): the status the
        plan shows — the editor's override where set, else the computed one — or, with
        ``computed``, the computed one alone. The plan page's and the API's status filters."""
        qs = self
        if "effective_status" not in qs.query.annotations:
            qs = qs.with_computed_status(today)
        field = "computed_status" if computed else "effective_status"
        return qs.filter(**{f"{field}__in": list(statuses)})

    def overdue(self, today: datetime.date | None = None):
        return self.with_computed_status(today).in_status([ComputedStatus.OVERDUE])


class Measure(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="measures"
    )
    direction = models.ForeignKey(
        Direction, verbose_name=_("direction"), on_delete=models.PROTECT, related_name="measures"
    )
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
    )
    number = models.CharField(_("number"), max_length=30)
    sort_key = models.CharField(max_length=120, editable=False, db_index=True)
    # The measure's place in the official table (direction, objective, number) as one text that
    # sorts that way, kept by PostgreSQL itself (migration 0014: triggers on measures, directions
    # and objectives call measure_plan_key), so that a page of the plan walks an index.
    plan_key = models.TextField(editable=False, default="", db_collation="C")
    title = models.TextField(_("measure"))
    # What the free-text search reads (MeasureQuerySet.search): one upper-cased column kept by
    # PostgreSQL, so that a search is one LIKE per row (on a trigram index where the server has
    # pg_trgm) instead of upper-casing nine texts of every row it reads.
    search_text = models.GeneratedField(
        expression=search_text_expression(),
        output_field=models.TextField(),
        db_persist=True,
        editable=False,
    )
    implementation_mechanism = models.TextField(_("implementation mechanism"), blank=True)
    expected_result = models.TextField(_("expected result"), blank=True)
    deadline_text = models.CharField(
        _("deadline (as written)"),
        max_length=255,
        blank=True,
        help_text=_("As in the official text: “IV квартал 2025”, “2025–2030”, “ежегодно”."),
    )
    deadline_kind = models.CharField(
        _("kind of deadline"),
        max_length=12,
        choices=DeadlineKind.choices,
        default=DeadlineKind.ONCE,
    )
    deadline_start = models.DateField(_("period start"), null=True, blank=True)
    deadline_end = models.DateField(_("due by"), null=True, blank=True)
    lead_body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("lead body"),
        on_delete=models.PROTECT,
        related_name="led_measures",
    )
    target_units = models.ManyToManyField(
        AdministrativeUnit,
        verbose_name=_("target units"),
        blank=True,
        related_name="measures",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo row, not part of any official plan.")
    )
    status_override = models.CharField(
        _("status set by the editor"),
        max_length=12,
        choices=ComputedStatus.choices,
        blank=True,
        help_text=_("Replaces the computed status until it is cleared; a reason is required."),
    )
    status_override_reason = models.TextField(_("reason for the status set by hand"), blank=True)
    status_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_override_at = models.DateTimeField(_("status set at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_(
            "Goes up by one with every saved edit; a save based on an older one is refused."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["programme", "sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="measure_number_unique"),
            models.CheckConstraint(
                condition=Q(deadline_start__isnull=True)
                | Q(deadline_end__isnull=True)
                | Q(deadline_end__gte=models.F("deadline_start")),
                name="measure_deadline_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(number__regex=NUMBER_PATTERN), name="measure_number_format"
            ),
            models.CheckConstraint(
                condition=Q(status_override="") | ~Q(status_override_reason=""),
                name="measure_status_override_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["programme", "status"], name="measure_programme_status"),
            # Pages of the plan in its order, and of the API in its own, read from an index.
            models.Index(
                fields=["plan_key", "id"],
                condition=Q(archived_at__isnull=True),
                name="measure_plan_order",
            ),
            models.Index(
                fields=["programme", "plan_key", "id"],
                condition=Q(archived_at__isnull=True),
                name="measure_programme_plan_order",
            ),
            models.Index(
                fields=["programme", "sort_key", "id"],
                condition=Q(archived_at__isnull=True),
                name="measure_api_order",
            ),
            models.Index(fields=["updated_at"], name="measure_updated_at"),
            # The free-text search (MeasureQuerySet.search) on indexes: a number and the numbers
            # under it, and search_text LIKE '%…%' on trigrams (migration 0016: only where the
            # server has pg_trgm).
            models.Index(
                fields=["number"], opclasses=["varchar_pattern_ops"], name="measure_number_like"
            ),
            GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name=SEARCH_TEXT_INDEX),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs) -> None:
        self.normalise()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("measures:measure_detail", args=[self.programme.code, self.number])

    def normalise(self) -> None:
        """What every write of the row settles first (``save`` and measures.services'
        bulk write): the number's written form, its sort key, the direction of its objective."""
        self.number = normalise_number(self.number)
        self.sort_key = measure_sort_key(self.number)
        if self.objective_id and not self.direction_id:
            self.direction_id = self.objective.direction_id

    @property
    def reference(self) -> str:
        """'REG-2025-2030 · 3.1.2': how a page outside the programme's own names the measure (3.1.2
        of the draft is another measure than 3.1.2 of the adopted plan). Select the programme."""
        return f"{self.programme.code} · {self.number}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.number and not NUMBER_RE.match(normalise_number(self.number)):
            errors.setdefault("number", []).append(
                _("A measure number is written like 1.2.3 (digits separated by dots).")
            )
        if (
            self.objective_id
            and self.direction_id
            and self.objective.direction_id != self.direction_id
        ):
            errors.setdefault("objective", []).append(
                _("The objective belongs to another direction.")
            )
        if (
            self.direction_id
            and self.programme_id
            and self.direction.programme_id != self.programme_id
        ):
            errors.setdefault("direction", []).append(
                _("The direction belongs to another programme.")
            )
        if self.deadline_start and self.deadline_end and self.deadline_end < self.deadline_start:
            errors.setdefault("deadline_end", []).append(
                _("The end of the period cannot come before its start.")
            )
        if self.programme_id and (
            message := self.programme.check_period(self.deadline_start, self.deadline_end)
        ):
            errors.setdefault("deadline_text", []).append(message)
        if errors:
            raise ValidationError(errors)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.effective_status_on(today) == ComputedStatus.OVERDUE

    def effective_status_on(self, today: datetime.date | None = None) -> str:
        """The annotation of ``with_computed_status`` when the row carries it (lists), else one
        query for this measure."""
        if hasattr(self, "effective_status") and today in (None, self.status_date):
            return self.effective_status
        return (
            Measure.objects.with_computed_status(today)
            .filter(pk=self.pk)
            .values_list("effective_status", flat=True)
            .get()
        )


class MeasureExecutor(models.Model):
    """A co-executor of a measure; the lead body is on the measure itself."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="executors"
    )
    body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("co-executor"),
        on_delete=models.PROTECT,
        related_name="co_executed",
    )
    in_coordination = models.BooleanField(
        _("in coordination"),
        default=False,
        help_text=_("“по согласованию”: the body is not subordinate to the Cabinet."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("co-executor")
        verbose_name_plural = _("co-executors")
        ordering = ["measure", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "body"], name="measure_executor_unique"),
        ]

    def __str__(self) -> str:
        return str(self.body)

    def clean(self) -> None:
        if self.measure_id and self.body_id and self.measure.lead_body_id == self.body_id:
            raise ValidationError({"body": _("The lead body cannot also be a co-executor.")})


class FundingSource(models.TextChoices):
    REPUBLICAN = "republican", _("republican budget")
    LOCAL = "local", _("local budget")
    DONOR = "donor", _("donor funds")
    PRIVATE = "private", _("private funds")
    WITHIN_BUDGET = "within_budget", _("within the approved budget")
    OTHER = "other", _("other sources")


class FundingLine(models.Model):
    """Money for a measure from one source in one year, in thousand KGS."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="funding_lines"
    )
    source = models.CharField(_("funding source"), max_length=15, choices=FundingSource.choices)
    donor = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("donor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_lines",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned_amount = models.DecimalField(
        _("planned, thousand KGS"),
        max_digits=14,
        decimal_places=1,
        default=0,
        validators=[MinValueValidator(0)],
    )
    actual_amount = models.DecimalField(
        _("spent, thousand KGS"),
        max_digits=14,
        decimal_places=1,
        null=True,
        blank=True,
        editable=False,
        validators=[MinValueValidator(0)],
        help_text=_("The sum of the accepted reports; never typed in."),
    )

    class Meta:
        verbose_name = _("funding line")
        verbose_name_plural = _("funding lines")
        ordering = ["measure", "year", "source"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_amount__gte=0), name="funding_planned_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(actual_amount__isnull=True) | Q(actual_amount__gte=0),
                name="funding_actual_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1991) & Q(year__lte=2100), name="funding_year_sane"
            ),
            models.UniqueConstraint(
                fields=["measure", "source", "year", "donor"],
                name="funding_line_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.year}: {self.planned_amount}"

    def delete(self, *args, **kwargs):
        # The spent amount is the sum of accepted reports; dropping the line would lose it.
        if self.actual_amount is not None:
            raise ValidationError(
                _(
                    "%(source)s %(year)s cannot be removed: accepted reports record money spent "
                    "on it. Set its planned amount to 0 instead."
                )
                % {"source": self.get_source_display(), "year": self.year}
            )
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.measure_id and (message := self.measure.programme.check_year(self.year)):
            raise ValidationError({"year": message})


class FundingAllocation(models.Model):
    """The part of a funding line planned for one of the measure's target units, in thousand KGS.

    A line is either not allocated (no rows: its money reaches the measure's territory as a whole
    and no unit may claim it) or allocated in full (its rows sum to its planned amount); the rule
    lives in ``measures.allocation.check_allocations`` and the territorial sums in
    ``measures.reporting.territory``.
    """

    line = models.ForeignKey(
        FundingLine,
        verbose_name=_("funding line"),
        on_delete=models.CASCADE,
        related_name="allocations",
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.PROTECT,
        related_name="funding_allocations",
    )
    amount = models.DecimalField(
        _("amount, thousand KGS"),
        max_digits=14,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("allocation to a unit")
        verbose_name_plural = _("allocations to units")
        ordering = ["line", "unit__soate"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="funding_allocation_not_negative"
            ),
            models.UniqueConstraint(fields=["line", "unit"], name="funding_allocation_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.amount}"


class MeasureIndicator(models.Model):
    """An expected-result indicator of a measure, with its baseline; targets are per year."""

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("indicator"), max_length=500)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("measure indicator")
        verbose_name_plural = _("measure indicators")
        ordering = ["measure", "position", "id"]

    def __str__(self) -> str:
        return f"{self.name}, {self.unit_of_measure}"


class IndicatorTarget(models.Model):
    indicator = models.ForeignKey(
        MeasureIndicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_targets",
        help_text=_("Leave empty for a target of the whole measure."),
    )
    target_value = models.DecimalField(_("target value"), max_digits=16, decimal_places=3)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "unit"],
                name="indicator_target_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.target_value}"

    def clean(self) -> None:
        if self.indicator_id and (
            message := self.indicator.measure.programme.check_year(self.year)
        ):
            raise ValidationError({"year": message})


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report status", "draft")
    SUBMITTED = "submitted", pgettext_lazy("report status", "submitted")
    ACCEPTED = "accepted", pgettext_lazy("report status", "accepted")
    RETURNED = "returned", pgettext_lazy("report status", "returned for revision")


class ExecutionAssessment(models.TextChoices):
    """How far the measure has got, in the reporting body's own judgement."""

    DONE = "done", pgettext_lazy("execution of a measure", "done")
    PARTLY_DONE = "partly_done", pgettext_lazy("execution of a measure", "partly done")
    NOT_DONE = "not_done", pgettext_lazy("execution of a measure", "not done")
    NOT_STARTED = "not_started", pgettext_lazy("execution of a measure", "not started")


class ReportingCycle(models.Model):
    """A programme's reporting rhythm: quarterly, half-yearly or yearly reports, each due on day N
    of the month M months after the period. Its periods follow from it and the programme period
    (measures.reporting.services.cycle_sync_periods); nobody creates them by hand."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="reporting_cycles",
    )
    kind = models.CharField(
        _("reporting period"), max_length=10, choices=ReportingPeriodKind.choices
    )
    due_day = models.PositiveSmallIntegerField(
        _("reports due on day"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Day of the month; in a shorter month, its last day."),
    )
    due_months_after = models.PositiveSmallIntegerField(
        _("months after the period"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1: the month after the period ends."),
    )

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["programme", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="reporting_cycle_unique"),
            models.CheckConstraint(
                condition=Q(due_day__gte=1) & Q(due_day__lte=31), name="reporting_cycle_due_day"
            ),
            models.CheckConstraint(
                condition=Q(due_months_after__gte=1) & Q(due_months_after__lte=12),
                name="reporting_cycle_months_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.code}: {self.name}"

    @property
    def name(self) -> str:
        from measures.reporting.periods import cycle_name

        return cycle_name(self.kind, self.due_day, self.due_months_after)


class ReportingPeriod(models.Model):
    """One period of a cycle ("I полугодие 2026 года"), with the day its reports are due."""

    cycle = models.ForeignKey(
        ReportingCycle,
        verbose_name=_("reporting cycle"),
        on_delete=models.CASCADE,
        related_name="periods",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("period number"), help_text=_("Quarter 1–4, half-year 1–2, 1 for a year.")
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    due_date = models.DateField(_("reports due"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["cycle", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "year", "number"], name="reporting_period_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="period_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("end")), name="period_due_after_end"
            ),
        ]
        indexes = [models.Index(fields=["due_date"], name="reporting_period_due")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        from measures.reporting.periods import period_label

        return period_label(self.cycle.kind, self.year, self.number)


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The reports the user may read (measures.reporting.permissions is the rule's home)."""
        from measures.reporting.permissions import visible_reports

        return visible_reports(user, self)


class ProgressReport(models.Model):
    """A responsible body's report on one measure for one reporting period.

    Everything in it stands as of the period's last day: indicator values and money spent since
    1 January of the period's year. A co-executor's report is its contribution to the lead body's.
    """

    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    reporting_body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("reporting body"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="progress_reports",
    )
    language = models.CharField(
        _("language of the report"), max_length=5, choices=settings.LANGUAGES, default="ky"
    )
    text = models.TextField(_("what was done"), blank=True)
    execution = models.CharField(
        _("execution"), max_length=12, choices=ExecutionAssessment.choices, blank=True
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MaxValueValidator(100)]
    )
    delay_reason = models.TextField(_("reason for delay"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_reports",
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    review_comment_language = models.CharField(
        _("language of the reviewer's comment"), max_length=2, blank=True
    )
    sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo row, not part of any official plan.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "reporting_body", "period"],
                name="progress_report_unique_per_period",
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="report_percent_max_100"
            ),
        ]
        indexes = [
            models.Index(fields=["measure", "status"], name="report_measure_status"),
            # The API's sync (cursor pagination) walks the reports by their last change.
            models.Index(fields=["updated_at", "id"], name="report_updated_at"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.number} — {self.period.label}"

    def get_absolute_url(self) -> str:
        return reverse("reports:report_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return self.period.label

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    @property
    def is_lead(self) -> bool:
        return self.reporting_body_id == self.measure.lead_body_id


class IndicatorActual(models.Model):
    """An indicator's value as of the end of the report's period, for one year (and one unit
    where the target is set per unit)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="actuals"
    )
    indicator = models.ForeignKey(
        MeasureIndicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="actuals",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_actuals",
    )
    value = models.DecimalField(_("actual value"), max_digits=16, decimal_places=3)

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator", "year", "unit"],
                name="indicator_actual_unique",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class ReportSpending(models.Model):
    """Money spent on the measure from one source since 1 January of the period's year, in
    thousand KGS. The plan's spent column (FundingLine.actual_amount) is the sum of these over the
    accepted reports, kept by measures.reporting.services.funding_actuals_refresh."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="spending"
    )
    source = models.CharField(_("funding source"), max_length=15, choices=FundingSource.choices)
    donor = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("donor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.DecimalField(
        _("spent, thousand KGS"),
        max_digits=14,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("money spent")
        verbose_name_plural = _("money spent")
        ordering = ["report", "source", "donor"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "source", "donor"],
                name="report_spending_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="report_spending_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class ReportEventAction(models.TextChoices):
    CREATED = "created", pgettext_lazy("report status", "draft started")
    SUBMITTED = "submitted", pgettext_lazy("report status", "submitted")
    RETURNED = "returned", pgettext_lazy("report status", "returned for revision")
    ACCEPTED = "accepted", pgettext_lazy("report status", "accepted")


class ReportEvent(models.Model):
    """One step of a report's way: who did what, when, with what comment."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("step"), max_length=10, choices=ReportEventAction.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    comment = models.TextField(_("comment"), blank=True)
    comment_language = models.CharField(_("language of the comment"), max_length=2, blank=True)
    sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo row, not part of any official plan.")
    )

    class Meta:
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")
        ordering = ["report", "at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.action}"


class ReportEvidence(models.Model):
    """A document or photo behind a report: a file checked by its content, or a link."""

    report = models.ForeignKey(
        ProgressReport, verbose_name=_("report"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size, bytes"), null=True, blank=True)
    link = models.URLField(_("link"), blank=True)
    uploaded_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["report", "uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="report_evidence_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", pgettext_lazy("report reminder", "due in 7 days")
    DUE_TOMORROW = "due_tomorrow", pgettext_lazy("report reminder", "due tomorrow")
    OVERDUE = "overdue", pgettext_lazy("report reminder", "overdue")


class ReportReminder(models.Model):
    """One reminder e-mailed to a reporter about their body's report on a measure for a period.

    ``scheduled_for`` is the day the reminder belongs to: 7 days before the due date, the day
    before it, the day after it and then every 7 days. The unique constraint is what makes each
    reminder go out once, even when two runs of ``send_reminders`` overlap
    (measures.reminders holds the rule)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="report_reminders",
    )
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="+"
    )
    reporting_body = models.ForeignKey(
        ResponsibleBody,
        verbose_name=_("reporting body"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("reminder"), max_length=12, choices=ReminderKind.choices)
    scheduled_for = models.DateField(_("scheduled for"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        ordering = ["-sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "recipient",
                    "measure",
                    "reporting_body",
                    "period",
                    "kind",
                    "scheduled_for",
                ],
                name="report_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.measure.number}, {self.period.label}: {self.kind}"


# The languages of the consolidated report to the Cabinet: the state and the official language.
REPORT_LANGUAGES = DOCUMENT_LANGUAGES


class ReportDispatch(models.Model):
    """The consolidated report of a period as the ministry sent it: to whom, when, under which
    outgoing letter, and the file exactly as sent (its bytes at the moment of recording, with
    their SHA-256). A sending is recorded once and never changed: later changes of the data do
    not change what was sent (measures.reporting.services.report_dispatch_record)."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="dispatches",
    )
    language = models.CharField(
        _("language of the report"),
        max_length=5,
        choices=[(code, name) for code, name in settings.LANGUAGES if code in REPORT_LANGUAGES],
    )
    to_cabinet = models.BooleanField(_("Cabinet of Ministers"), default=False)
    to_administration = models.BooleanField(_("Presidential Administration"), default=False)
    other_recipient = models.CharField(_("other recipient"), max_length=500, blank=True)
    sent_on = models.DateField(_("date sent"))
    letter_number = models.CharField(_("outgoing letter number"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    file = models.FileField(_("file as sent"), upload_to="consolidated/%Y/")
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, editable=False)
    size = models.PositiveIntegerField(_("size, bytes"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    sample = models.BooleanField(
        _("sample data"),
        default=False,
        editable=False,
        help_text=_("The report sent holds demo content (marked so in the document)."),
    )

    class Meta:
        verbose_name = _("sent consolidated report")
        verbose_name_plural = _("sent consolidated reports")
        ordering = ["-sent_on", "-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_cabinet=True) | Q(to_administration=True) | ~Q(other_recipient=""),
                name="report_dispatch_has_recipient",
            ),
            models.CheckConstraint(
                condition=Q(language__in=REPORT_LANGUAGES), name="report_dispatch_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} ({self.language}), {short_date(self.sent_on)}"

    def get_absolute_url(self) -> str:
        return reverse("reports:dispatch_download", args=[self.pk])

    @property
    def recipients(self) -> list[str]:
        """The addressees in the active language, in the order of the form."""
        names = []
        if self.to_cabinet:
            names.append(str(self._meta.get_field("to_cabinet").verbose_name))
        if self.to_administration:
            names.append(str(self._meta.get_field("to_administration").verbose_name))
        if self.other_recipient:
            names.append(self.other_recipient)
        return names

    @property
    def filename(self) -> str:
        period = self.period
        return (
            f"report-{period.cycle.programme.code}-{period.cycle.kind}-{period.year}-"
            f"{period.number}-{self.language}-sent-{self.sent_on:%Y%m%d}.docx"
        )


class ExportKind(models.TextChoices):
    PLAN_XLSX = "plan_xlsx", _("action plan, .xlsx")
    PLAN_DOCX = "plan_docx", _("action plan, .docx")
    CONSOLIDATED = "consolidated", _("consolidated report, .docx")
    API_CSV = "api_csv", _("API list, .csv")
    API_XLSX = "api_xlsx", _("API list, .xlsx")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("waiting for a worker")
    RUNNING = "running", _("being prepared")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requester's own jobs; staff see everyone's."""
        if not user.is_authenticated:
            return self.none()
        return self if user.is_staff else self.filter(requested_by=user)

    def unfinished(self):
        return self.filter(status__in=[ExportStatus.QUEUED, ExportStatus.RUNNING])

    def abandoned(self, now=None):
        """Running, and not a sign of its worker for EXPORT_ABANDONED_MINUTES: the worker was
        stopped (a restart, a killed process) and the job will not end by itself."""
        since = (now or timezone.now()) - datetime.timedelta(
            minutes=settings.EXPORT_ABANDONED_MINUTES
        )
        return self.filter(status=ExportStatus.RUNNING).filter(
            Q(touched_at__lt=since) | Q(touched_at__isnull=True, created_at__lt=since)
        )

    def expired(self, now=None):
        return self.filter(expires_at__lt=now or timezone.now())


class ExportJob(models.Model):
    """A large export prepared in the background (measures.exports): who asked for what, how far
    it got, and the file in the default storage, downloadable by the requester (and staff) until
    it expires. The error is kept in the three languages (error_ky/ru/en, measures/translation.py)
    so the requester reads it in theirs.

    A large API list export (``?format=csv|xlsx``) is a job too: its requester may be anonymous
    (public data; a keyed hash of its address is kept in ``params`` to limit its unfinished jobs,
    measures.api_exports) and it may span every programme. The API addresses a job by its
    ``key``, which only its requester learns."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
        null=True,
        blank=True,
    )
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("what"), max_length=20, choices=ExportKind.choices)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
    )
    language = models.CharField(_("language of the file"), max_length=5)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("items done"), default=0)
    progress_total = models.PositiveIntegerField(_("items in all"), default=0)
    file = models.FileField(_("file"), upload_to="exports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The worker's last sign of life: when it took the job, and each progress it wrote.
    touched_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"))

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["expires_at"], name="export_job_expires")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_done__lte=models.F("progress_total")) | Q(progress_total=0),
                name="export_job_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        if self.programme_id is None:
            return str(self.get_kind_display())
        return f"{self.get_kind_display()} — {self.programme.code}"

    def get_absolute_url(self) -> str:
        return reverse("measures:export_job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in {ExportStatus.DONE, ExportStatus.FAILED}

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)


class PlanVersion(models.Model):
    """A counter per programme that every write to its plan moves on, in the writer's transaction
    (measures.figures): the figures summed over the whole plan are kept under it, so a page reads
    them instead of summing the plan on every view."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return f"{self.programme_id}: {self.version}"
