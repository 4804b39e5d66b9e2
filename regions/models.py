"""The territory: administrative units with their classifier codes and history, policy types of
territory, and socio-economic indicators per unit and year."""

from __future__ import annotations

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from regionalprogram.dates import history_date

SOATE_LENGTH = 14
SOATE_RE = re.compile(r"^417\d{11}$")

# Some datasets write ӊ (U+04CA, en with tail) where Kyrgyz uses ң (U+04A3, en with descender).
_KYRGYZ_LETTER_FIXES = str.maketrans({"\u04ca": "\u04a3", "\u04c9": "\u04a2"})


def normalize_kyrgyz(text: str) -> str:
    """NFC-normalise and replace the wrong look-alike of ң/Ң that some datasets use."""
    if not text:
        return text
    return unicodedata.normalize("NFC", text).translate(_KYRGYZ_LETTER_FIXES)


def normalize_soate(value: str | int | None) -> str:
    """Digits only: '417 02 205 000 000' and '41702205000000' are the same code."""
    if value is None:
        return ""
    return re.sub(r"\D", "", str(value))


def validate_soate(value: str) -> None:
    if not SOATE_RE.match(value or ""):
        raise ValidationError(
            _("A classifier (SOATE) code has 14 digits and starts with 417; got “%(value)s”."),
            code="invalid_soate",
            params={"value": value},
        )


class UnitLevel(models.TextChoices):
    OBLAST = "oblast", _("oblast")
    CITY_REPUBLICAN = "city_republican", _("city of republican significance")
    DISTRICT = "district", _("district")
    CITY_OBLAST = "city_oblast", _("city of oblast significance")
    CITY_DISTRICT = "city_district", _("city of district significance")
    CITY_DISTRICT_AREA = "city_area", _("city district")
    AYIL_AIMAK = "ayil_aimak", _("ayil aimak")


class AdministrativeUnitQuerySet(models.QuerySet):
    def current(self):
        return self.filter(valid_to__isnull=True)

    def subtree(self, unit: AdministrativeUnit):
        """The unit and every unit below it (by materialised path, one indexed LIKE)."""
        return self.filter(tree_path__startswith=unit.tree_path)


class AdministrativeUnit(models.Model):
    soate = models.CharField(
        _("classifier code (SOATE)"),
        max_length=SOATE_LENGTH,
        unique=True,
        validators=[validate_soate],
        help_text=_("14 digits: 417 OO RRR AAA VVV."),
    )
    iso_3166_2 = models.CharField(_("ISO 3166-2 code"), max_length=8, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=255)
    # Two notes, because the reference file's notes are about the data (a typo in a source, sources
    # that disagree), in English, for staff; readers get their own note in their own language.
    public_note = models.TextField(
        _("public note"),
        blank=True,
        help_text=_(
            "Written for readers and shown on the unit's page in the reader's language only: "
            "leave a language empty rather than copy another one into it."
        ),
    )
    internal_note = models.TextField(
        _("internal note"),
        blank=True,
        help_text=_(
            "For staff: sources, doubts, typos in other datasets. Never shown on public pages "
            "or in the API."
        ),
    )
    administrative_centre = models.CharField(_("administrative centre"), max_length=255, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True, validators=[history_date])
    valid_to = models.DateField(_("valid to"), null=True, blank=True, validators=[history_date])
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_units",
    )
    # Materialised path of SOATE codes from the root down to this unit, "41704000000000/41704210000000/".
    # It makes "this unit and everything below it" one indexed prefix match.
    tree_path = models.CharField(_("tree path"), max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["soate"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soate__regex=r"^417[0-9]{11}$"), name="unit_soate_14_digits"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_to_after_from",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="unit_not_own_parent"),
        ]
        indexes = [
            models.Index(
                fields=["tree_path"], name="unit_tree_path_like", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.soate = normalize_soate(self.soate)
        for field in ("name_ky", "name", "public_note_ky"):
            if getattr(self, field, None):
                setattr(self, field, normalize_kyrgyz(getattr(self, field)))
        old_path = self.tree_path
        self.tree_path, self.depth = self.compute_tree_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.tree_path:
            # The unit moved: its descendants' paths follow.
            for child in self.children.all():
                child.save(update_fields=["tree_path", "depth"])

    def get_absolute_url(self) -> str:
        return reverse("regions:unit_detail", args=[self.soate])

    def clean(self) -> None:
        self.soate = normalize_soate(self.soate)
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A unit cannot be its own parent.")})
        # A parent below the unit itself would make the tree a loop (review L5).
        seen, unit = {self.pk}, self.parent if self.parent_id else None
        while self.pk and unit is not None:
            if unit.pk in seen:
                raise ValidationError(
                    {"parent": _("The parent lies below this unit: the tree would make a loop.")}
                )
            seen.add(unit.pk)
            unit = unit.parent

    def compute_tree_path(self) -> tuple[str, int]:
        if self.parent_id:
            parent = self.parent
            return f"{parent.tree_path}{self.soate}/", parent.depth + 1
        return f"{self.soate}/", 0

    @property
    def is_current(self) -> bool:
        return self.valid_to is None

    @property
    def public_note_here(self) -> str:
        """The public note in the active language, without falling back to another language.

        A note is prose for readers: a Kyrgyz page shows the Kyrgyz note or none, never the
        English one (``public_note`` itself would fall back, as names do).
        """
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return getattr(self, f"public_note_{language}", None) or ""


class UnitNameChange(models.TextChoices):
    RENAME = "rename", _("renamed")
    MERGE = "merge", _("merged")
    STATUS = "status", _("status changed")


class UnitNameHistory(models.Model):
    """A former name of a unit, with the act that changed it."""

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="former_names",
    )
    name = models.CharField(_("former name"), max_length=255)
    change = models.CharField(
        _("change"), max_length=10, choices=UnitNameChange.choices, default=UnitNameChange.RENAME
    )
    valid_from = models.DateField(_("used from"), null=True, blank=True, validators=[history_date])
    valid_to = models.DateField(_("used until"), null=True, blank=True, validators=[history_date])
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["unit", "-valid_to"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_name_history_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TerritoryCategory(models.TextChoices):
    URBANIZED = "urbanized", _("urbanized territory")
    SPECIAL_ATTENTION = "special_attention", _("territory of special attention")


class TerritoryType(models.Model):
    """A policy type of territory (growth point, high-mountain, border...). Programmes assign them."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=TerritoryCategory.choices)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("territory type")
        verbose_name_plural = _("territory types")
        ordering = ["category", "code"]

    def __str__(self) -> str:
        return self.name


class SocioEconomicIndicator(models.Model):
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=60)
    source = models.CharField(_("source"), max_length=255, blank=True)
    decimals = models.PositiveSmallIntegerField(_("decimal places"), default=1)

    class Meta:
        verbose_name = _("socio-economic indicator")
        verbose_name_plural = _("socio-economic indicators")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        SocioEconomicIndicator,
        # Its own msgid: Russian says "показатель" for statistics, "индикатор" for a measure's.
        verbose_name=pgettext_lazy("socio-economic statistics", "indicator"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("administrative unit"),
        on_delete=models.CASCADE,
        related_name="indicator_values",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=3)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "unit", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit", "year"], name="indicator_value_unique"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1991) & Q(year__lte=2100), name="indicator_value_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.unit} {self.year}: {self.value}"
