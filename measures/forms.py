"""The measure editing form: the measure itself and its rows (co-executors, funding, indicators).

``MeasureEditForms`` bundles the main form and the three formsets so that every page that edits or
creates a measure (the plan editor, a working-group proposal turned into a measure) builds, checks
and saves them the same way::

    forms = MeasureEditForms(programme=programme, instance=None, data=request.POST or None,
                             initial={"title_ru": proposal.title, "direction": direction})
    if request.method == "POST" and forms.is_valid():
        measure = forms.save(user=request.user)      # services.measure_create / measure_update
    ...render "measures/_measure_fields.html" with {"forms": forms}

``initial`` prefills the main form (field names as on the model: ``title_ky``, ``deadline_text``,
``lead_body``...); ``initial_executors`` / ``initial_funding`` / ``initial_indicators`` prefill the
formsets' new rows. For an existing measure, ``save`` raises ``services.EditConflict`` when someone
saved it after the form was opened (the hidden ``version`` field).
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.models import ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from measures.allocation import UnitIndex, allocation_text, check_allocations, parse_allocation
from measures.deadlines import (
    DeadlineOutsidePeriod,
    DeadlineParseError,
    parse_programme_deadline,
)
from measures.models import (
    FundingLine,
    FundingSource,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
)
from measures.services import (
    MeasureContent,
    measure_create,
    measure_update,
)
from programs.models import Direction, Objective, Programme, ResponsibleBody
from programs.numbers import NUMBER_RE, heading_numbers, normalise_number
from regionalprogram.languages import IN_LANGUAGE, LANGUAGE_CODES
from regions.models import AdministrativeUnit, UnitLevel


def plain_decimal(value: Decimal) -> Decimal:
    """1.000 → 1 and 2.500 → 2.5, so that "1,000" is never read as a thousand."""
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


class GroupedUnitsField(forms.ModelMultipleChoiceField):
    """Target units as a tree of checkboxes: each oblast (or city of republican significance)
    once, as "the whole oblast", with its districts and cities under it. Rendered by
    includes/_unit_tree.html; static/js/unit_tree.js adds type-to-find and removable chips."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=AdministrativeUnit.objects.none(), **kwargs)
        self.units: list[AdministrativeUnit] = []

    def set_units(self, units: list[AdministrativeUnit]) -> None:
        self.units = list(units)
        self.queryset = AdministrativeUnit.objects.filter(pk__in=[u.pk for u in units])
        self.choices = [(u.pk, str(u.name)) for u in units]


def unit_tree(bound_field) -> list[dict]:
    """The checkboxes of a GroupedUnitsField grouped under their top unit, in the units' order."""
    widgets = {str(w.data["value"]): w for w in bound_field.subwidgets}
    units = bound_field.field.units
    tops = [u for u in units if u.depth == 0]
    groups = []
    for top in tops:
        children = [
            {"unit": u, "box": widgets[str(u.pk)]}
            for u in units
            if u.depth > 0 and u.tree_path.startswith(top.tree_path)
        ]
        boxes = [widgets[str(top.pk)], *(c["box"] for c in children)]
        groups.append(
            {
                "unit": top,
                "box": widgets[str(top.pk)],
                "children": children,
                "open": any(b.data["selected"] for b in boxes),
            }
        )
    return groups


class PlanItemSelect(forms.Select):
    """A direction or objective list whose options carry their plan number (and an objective's
    direction), so that static/js/plan_place.js can place a measure by its number and narrow the
    objectives to the chosen direction without a reload."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-number"] = instance.number
            if isinstance(instance, Objective):
                option["attrs"]["data-direction"] = str(instance.direction_id)
        return option


def place_by_number(number: str, directions, objectives) -> tuple:
    """The direction and objective a measure's number names ("2.1.4" → 2 and 2.1), where the
    programme has them; (None, None) parts otherwise."""
    if not number or not NUMBER_RE.match(number):
        return None, None
    parts = number.split(".")
    direction = next((d for d in directions if d.number == parts[0]), None)
    objective = None
    if direction is not None and len(parts) >= 3:
        wanted = ".".join(parts[:2])
        objective = next(
            (o for o in objectives if o.number == wanted and o.direction_id == direction.pk),
            None,
        )
    return direction, objective


class ChoosableBodies:
    """The bodies a measure page's body lists offer (its lead body and each co-executor's): every
    active body, and an inactive one only in the list where it is already set (a renamed ministry,
    say). The bodies are read once, when the page's first list is drawn, for all its lists (five
    lists of ~300 bodies were read and built five times)."""

    def __init__(self):
        self.set_ids: set[int] = set()
        self._bodies: list[ResponsibleBody] | None = None

    def offer(self, field: forms.ModelChoiceField, current_id: int | None) -> None:
        field.queryset = ResponsibleBody.objects.filter(Q(is_active=True) | Q(pk=current_id))
        if current_id is not None:
            self.set_ids.add(current_id)
        field.choices = partial(self._choices, field, current_id)  # read when the list is drawn

    def _choices(self, field: forms.ModelChoiceField, current_id: int | None):
        if self._bodies is None:
            self._bodies = list(
                ResponsibleBody.objects.filter(Q(is_active=True) | Q(pk__in=self.set_ids))
            )
        # What ModelChoiceIterator gives, from the one list.
        choices = [] if field.empty_label is None else [("", field.empty_label)]
        return choices + [
            (ModelChoiceIteratorValue(field.prepare_value(b), b), field.label_from_instance(b))
            for b in self._bodies
            if b.is_active or b.pk == current_id
        ]


class MeasureForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    target_units = GroupedUnitsField(
        label=_("Target territories"),
        required=False,
        help_text=_("Leave empty for the whole country. Tick an oblast for the whole oblast."),
    )
    include_districts = forms.BooleanField(
        label=_("Include all districts of the chosen oblasts"), required=False
    )
    districts_of = forms.ModelMultipleChoiceField(
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("all districts and cities of the oblast"),
    )

    class Meta:
        model = Measure
        fields = [
            "direction",
            "objective",
            "number",
            *(f"title_{lang}" for lang in LANGUAGE_CODES),
            *(f"implementation_mechanism_{lang}" for lang in LANGUAGE_CODES),
            *(f"expected_result_{lang}" for lang in LANGUAGE_CODES),
            "deadline_text",
            "lead_body",
            "status",
        ]
        widgets = {
            "direction": PlanItemSelect,
            "objective": PlanItemSelect,
            **{f"title_{lang}": forms.Textarea(attrs={"rows": 2}) for lang in LANGUAGE_CODES},
            **{
                f"implementation_mechanism_{lang}": forms.Textarea(attrs={"rows": 3})
                for lang in LANGUAGE_CODES
            },
            **{
                f"expected_result_{lang}": forms.Textarea(attrs={"rows": 2})
                for lang in LANGUAGE_CODES
            },
        }

    def __init__(
        self,
        *args,
        programme: Programme,
        units: list[AdministrativeUnit],
        bodies: ChoosableBodies | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.instance.programme = programme
        self.parsed_deadline = None
        directions = Direction.objects.filter(programme=programme)
        objectives = Objective.objects.filter(direction__programme=programme)
        if self.instance.pk:
            # An archived direction stays choosable for the measures that already sit in it.
            directions = directions.filter(archived_at__isnull=True) | directions.filter(
                pk=self.instance.direction_id
            )
            objectives = objectives.filter(archived_at__isnull=True) | objectives.filter(
                pk=self.instance.objective_id
            )
        else:
            directions = directions.filter(archived_at__isnull=True)
            objectives = objectives.filter(archived_at__isnull=True)
        self.fields["direction"].queryset = directions.in_plan_order()
        self.fields["objective"].queryset = objectives.select_related("direction").in_plan_order()
        # Left empty, the direction and objective follow from the number (place_by_number).
        self.fields["direction"].required = False
        self.fields["direction"].empty_label = _("by the number")
        self.fields["objective"].empty_label = _("by the number, or none")
        self.fields["number"].help_text = _(
            "E.g. 2.1.4: the measure goes under direction 2 and objective 2.1 where they exist."
        )
        (bodies or ChoosableBodies()).offer(self.fields["lead_body"], self.instance.lead_body_id)
        self.fields["target_units"].set_units(units)
        self.fields["districts_of"].queryset = AdministrativeUnit.objects.filter(
            pk__in=[u.pk for u in units if u.depth == 0]
        )
        if self.instance.pk and not self.is_bound:
            self.initial["target_units"] = [u.pk for u in self.instance.target_units.all()]
            self.initial["version"] = self.instance.version
        for name in ("title", "implementation_mechanism", "expected_result"):
            base = Measure._meta.get_field(name).verbose_name
            for lang in LANGUAGE_CODES:
                self.fields[f"{name}_{lang}"].label = f"{base} ({IN_LANGUAGE[lang]})"
        self.fields["deadline_text"].widget.attrs.update({"autocomplete": "off"})

    def clean_number(self):
        number = normalise_number(self.cleaned_data.get("number"))
        if (
            number
            and Measure.objects.filter(programme=self.programme, number=number)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(
                _("The programme already has a measure numbered %(number)s."),
                code="duplicate_number",
                params={"number": number},
            )
        return number

    def clean_deadline_text(self):
        text = (self.cleaned_data.get("deadline_text") or "").strip()
        if not text:
            raise ValidationError(_("Write the deadline as in the plan, e.g. “IV квартал 2026”."))
        try:
            parsed = parse_programme_deadline(text, self.programme)
        except DeadlineOutsidePeriod as exc:
            raise ValidationError(str(exc), code="deadline_outside_period") from None
        except DeadlineParseError as exc:
            raise ValidationError(str(exc), code="unreadable_deadline") from None
        self.parsed_deadline = parsed
        self.instance.deadline_kind = parsed.kind
        self.instance.deadline_start = parsed.start
        self.instance.deadline_end = parsed.end
        return text

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("version") is None:
            # An edit without the version it was made on cannot be checked for conflicts: it is
            # refused, not waved through (review L12). Browsers always send the hidden field.
            self.add_error(
                None,
                _(
                    "The form came without its version, so it was not saved. Reload the page and "
                    "try again."
                ),
            )
        if not any(cleaned.get(f"title_{lang}") for lang in LANGUAGE_CODES):
            self.add_error(
                "title_ky", _("Write the title of the measure in at least one language.")
            )
        self._place(cleaned)
        direction, objective = cleaned.get("direction"), cleaned.get("objective")
        number = cleaned.get("number")
        if number and direction and NUMBER_RE.match(number):
            # The number says where the measure sits, as the import reads it back.
            direction_number, objective_number = heading_numbers(number)
            chosen = normalise_number(objective.number) if objective else None
            if direction_number != normalise_number(direction.number) or (
                objective_number is not None and objective_number != chosen
            ):
                self.add_error(
                    "number",
                    _(
                        "Measure %(number)s would sit under %(place)s by its number, but the "
                        "direction and objective chosen are %(chosen)s: renumber it or choose them."
                    )
                    % {
                        "number": number,
                        "place": objective_number or direction_number,
                        "chosen": chosen or direction.number,
                    },
                )
        units = list(cleaned.get("target_units") or [])
        whole = list(cleaned.get("districts_of") or [])
        if whole or (cleaned.get("include_districts") and units):
            # Choosing an oblast with this box takes its districts and cities too.
            paths = [u.tree_path for u in whole]
            if cleaned.get("include_districts"):
                paths += [u.tree_path for u in units if u.level != UnitLevel.DISTRICT]
            extra = [
                u
                for u in self.fields["target_units"].queryset
                if any(u.tree_path.startswith(p) and u.tree_path != p for p in paths)
            ]
            cleaned["target_units"] = sorted(
                {u.pk: u for u in units + extra}.values(), key=lambda u: u.tree_path
            )
        return cleaned

    def unit_tree(self) -> list[dict]:
        return unit_tree(self["target_units"])

    def _place(self, cleaned) -> None:
        """Fill the direction and objective the number names when they were left empty, and say
        which objectives fit when the chosen ones do not go together."""
        direction, objective = cleaned.get("direction"), cleaned.get("objective")
        directions = list(self.fields["direction"].queryset)
        objectives = list(self.fields["objective"].queryset)
        by_number, objective_by_number = place_by_number(
            cleaned.get("number"), directions, objectives
        )
        if direction is None and objective is not None:
            direction = objective.direction
        if direction is None:
            direction = by_number
        if objective is None and direction is not None and direction == by_number:
            objective = objective_by_number
        if direction is None:
            if "direction" not in self.errors:
                self.add_error(
                    "direction",
                    _(
                        "Choose the direction: the programme has no direction that the number "
                        "%(number)s names."
                    )
                    % {"number": cleaned.get("number") or "—"},
                )
            return
        cleaned["direction"], cleaned["objective"] = direction, objective
        self.instance.direction, self.instance.objective = direction, objective
        self._fitting_hint = None
        if objective is not None and objective.direction_id != direction.pk:
            # The rule itself is Measure.clean's; this only says which objectives would fit.
            fitting = [o for o in objectives if o.direction_id == direction.pk]
            if fitting:
                self._fitting_hint = _("Objectives of direction %(direction)s: %(list)s.") % {
                    "direction": direction.number,
                    "list": "; ".join(f"{o.number}. {o.title}" for o in fitting),
                }
            else:
                self._fitting_hint = _("Direction %(direction)s has no objectives.") % {
                    "direction": direction.number
                }

    def _post_clean(self):
        super()._post_clean()
        if getattr(self, "_fitting_hint", None) and "objective" in self.errors:
            self.add_error("objective", self._fitting_hint)


class ExecutorForm(forms.ModelForm):
    class Meta:
        model = MeasureExecutor
        fields = ["body", "in_coordination"]

    def __init__(
        self,
        *args,
        programme: Programme | None = None,
        bodies: ChoosableBodies | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["body"].empty_label = _("— choose a body —")
        (bodies or ChoosableBodies()).offer(self.fields["body"], self.instance.body_id)


class FundingForm(forms.ModelForm):
    planned_amount = forms.DecimalField(
        label=_("planned, thousand KGS"),
        max_digits=14,
        decimal_places=1,
        min_value=0,
        localize=True,
        error_messages={"min_value": _("An amount cannot be negative.")},
    )

    allocation = forms.CharField(
        label=_("allocation to target units"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 26}),
    )

    class Meta:
        model = FundingLine
        # The spent amount is not typed here: it is the sum of accepted progress reports.
        fields = ["source", "year", "planned_amount", "allocation"]

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["year"].widget = forms.NumberInput(
            attrs={"min": programme.period_start_year, "max": programme.period_end_year}
        )
        self.fields["allocation"].widget.attrs["aria-describedby"] = "allocation-help"
        if self.instance.pk:
            allocations = [(a.unit, a.amount) for a in self.instance.allocations.all()]
            # Tall enough to show every unit without scrolling.
            self.fields["allocation"].widget.attrs["rows"] = min(max(2, len(allocations)), 10)
            if not self.is_bound:
                self.initial["allocation"] = allocation_text(allocations)
        self.allocations: list = []

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if message := self.programme.check_year(year):
            raise ValidationError(message, code="year_outside_period")
        return year


class IndicatorForm(forms.ModelForm):
    """An indicator with one target field per year of the programme (``target_2026``...)."""

    class Meta:
        model = MeasureIndicator
        fields = [
            *(f"name_{lang}" for lang in LANGUAGE_CODES),
            *(f"unit_of_measure_{lang}" for lang in LANGUAGE_CODES),
            "baseline_value",
            "baseline_year",
        ]

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        for name in ("name", "unit_of_measure"):
            base = MeasureIndicator._meta.get_field(name).verbose_name
            for lang in LANGUAGE_CODES:
                self.fields[f"{name}_{lang}"].label = f"{base} ({IN_LANGUAGE[lang]})"
        self.fields["baseline_value"].localize = True
        self.fields["baseline_value"].widget = forms.TextInput(attrs={"inputmode": "decimal"})
        if self.instance.pk and self.instance.baseline_value is not None and not self.is_bound:
            self.initial["baseline_value"] = plain_decimal(self.instance.baseline_value)
        existing: dict[int, Decimal] = {}
        if self.instance.pk:
            existing = {
                t.year: plain_decimal(t.target_value)
                for t in self.instance.targets.all()
                if t.unit_id is None
            }
        # The programme's years, and any year a target was set for before the period changed:
        # such a target has to be cleared before the indicator can be saved.
        self.target_years = sorted(set(programme.years) | set(existing))
        for year in self.target_years:
            self.fields[f"target_{year}"] = forms.DecimalField(
                label=str(year),
                required=False,
                max_digits=16,
                decimal_places=3,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
                initial=existing.get(year),
            )

    def target_fields(self):
        return [self[f"target_{year}"] for year in self.target_years]

    def clean(self):
        cleaned = super().clean()
        for year in self.target_years:
            message = self.programme.check_year(year)
            if message and cleaned.get(f"target_{year}") is not None:
                self.add_error(
                    f"target_{year}", ValidationError(message, code="year_outside_period")
                )
        if not any(cleaned.get(f"name_{lang}") for lang in LANGUAGE_CODES) and self.has_changed():
            self.add_error("name_ky", _("Name the indicator in at least one language."))
        if (
            not any(cleaned.get(f"unit_of_measure_{lang}") for lang in LANGUAGE_CODES)
            and self.has_changed()
        ):
            self.add_error("unit_of_measure_ky", _("Give the unit of measure."))
        return cleaned

    def targets(self) -> dict[int, Decimal | None]:
        return {
            year: self.cleaned_data.get(f"target_{year}")
            for year in self.target_years
            if self.programme.covers_year(year)
        }


class RowFormSet(BaseInlineFormSet):
    def __init__(
        self,
        *args,
        programme: Programme | None = None,
        bodies: ChoosableBodies | None = None,
        **kwargs,
    ):
        self.programme = programme
        self.bodies = bodies  # the co-executors' lists share the page's (ChoosableBodies)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = {**super().get_form_kwargs(index), "programme": self.programme}
        if self.bodies is not None:
            kwargs["bodies"] = self.bodies
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Rows prefilled by the caller (a proposal's bodies, say) are kept even if left as they are.
        if self.initial_extra and self.initial_form_count() <= i < (
            self.initial_form_count() + len(self.initial_extra)
        ):
            form.empty_permitted = False
        return form

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            **self.get_form_kwargs(None),
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form

    def validate_unique(self):
        """Duplicates are reported next to the row, in MeasureEditForms._check_rows."""

    def live_forms(self):
        """Forms that stay: filled in and not ticked for removal."""
        return [
            form
            for form in self.forms
            if form.is_valid()
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (form.instance.pk or form.has_changed())
        ]


EXTRA_ROWS = 1
ExecutorFormSet = inlineformset_factory(
    Measure,
    MeasureExecutor,
    form=ExecutorForm,
    formset=RowFormSet,
    extra=EXTRA_ROWS,
    can_delete=True,
)
FundingFormSet = inlineformset_factory(
    Measure, FundingLine, form=FundingForm, formset=RowFormSet, extra=EXTRA_ROWS, can_delete=True
)
IndicatorFormSet = inlineformset_factory(
    Measure,
    MeasureIndicator,
    form=IndicatorForm,
    formset=RowFormSet,
    extra=EXTRA_ROWS,
    can_delete=True,
)

FORMSETS = {"executors": ExecutorFormSet, "funding": FundingFormSet, "indicators": IndicatorFormSet}


def editable_units() -> list[AdministrativeUnit]:
    """Oblasts, cities of republican significance and districts, in tree order (one query)."""
    return list(
        AdministrativeUnit.objects.filter(depth__lte=1, valid_to__isnull=True).order_by("tree_path")
    )


class MeasureEditForms:
    """The main form and the formsets of one measure page; see the module docstring."""

    def __init__(
        self,
        *,
        programme: Programme,
        instance: Measure | None = None,
        data=None,
        initial: dict[str, Any] | None = None,
        initial_executors: list[dict] | None = None,
        initial_funding: list[dict] | None = None,
        initial_indicators: list[dict] | None = None,
        add_row: str | None = None,
    ):
        self.programme = programme
        self.instance = instance
        if data is not None and add_row in FORMSETS:
            # "Add a row" without JavaScript: the same form comes back with one more empty row.
            data = data.copy()
            key = f"{add_row}-TOTAL_FORMS"
            data[key] = str(int(data.get(key) or 0) + 1)
        self.adding_row = data is not None and add_row in FORMSETS
        units = editable_units()
        if instance is not None and instance.pk:
            known = {u.pk for u in units}
            deeper = [u for u in instance.target_units.all() if u.pk not in known]
            units = sorted(units + deeper, key=lambda u: u.tree_path)
        bodies = ChoosableBodies()
        self.main = MeasureForm(
            data,
            prefix="measure",
            instance=instance or Measure(programme=programme),
            programme=programme,
            units=units,
            bodies=bodies,
            initial=initial,
        )
        parent = instance or Measure(programme=programme)
        initials = {
            "executors": initial_executors,
            "funding": initial_funding,
            "indicators": initial_indicators,
        }
        self.formsets = {}
        for prefix, formset_class in FORMSETS.items():
            kwargs = {"programme": programme}
            if prefix == "executors":
                kwargs["bodies"] = bodies
            if instance is None:
                kwargs["queryset"] = formset_class.model.objects.none()
            if prefix == "funding" and instance is not None and instance.pk:
                # Each line's allocation with its units, in two queries for all the lines.
                kwargs["queryset"] = FundingLine.objects.filter(measure=instance).prefetch_related(
                    "allocations__unit"
                )
            if initials[prefix] and data is None:
                formset_class = inlineformset_factory(
                    Measure,
                    formset_class.model,
                    form=formset_class.form,
                    formset=RowFormSet,
                    extra=len(initials[prefix]) + EXTRA_ROWS,
                    can_delete=True,
                )
                kwargs["initial"] = initials[prefix]
            self.formsets[prefix] = formset_class(data, instance=parent, prefix=prefix, **kwargs)

    @property
    def executors(self):
        return self.formsets["executors"]

    @property
    def funding(self):
        return self.formsets["funding"]

    @property
    def indicators(self):
        return self.formsets["indicators"]

    def is_valid(self) -> bool:
        if self.adding_row:
            return False
        valid = self.main.is_valid()
        formsets_valid = [fs.is_valid() for fs in self.formsets.values()]  # check every one
        valid = all(formsets_valid) and valid
        if not valid:
            return False
        return self._check_rows()

    def _check_rows(self) -> bool:
        ok = True
        lead = self.main.cleaned_data.get("lead_body")
        seen_bodies = set()
        for form in self.executors.live_forms():
            body = form.cleaned_data.get("body")
            if body is None:
                form.add_error("body", _("Choose the body or remove the row."))
                ok = False
            elif lead and body.pk == lead.pk:
                form.add_error("body", _("The lead body cannot also be a co-executor."))
                ok = False
            elif body.pk in seen_bodies:
                form.add_error("body", _("This body is already listed as a co-executor."))
                ok = False
            else:
                seen_bodies.add(body.pk)
        seen_lines = set()
        for form in self.funding.live_forms():
            # Two donors may fund the same year: a line is one source, year and donor.
            key = (
                form.cleaned_data.get("source"),
                form.cleaned_data.get("year"),
                form.instance.donor_id,
            )
            if key in seen_lines:
                form.add_error(
                    "year",
                    _("There is already a line for %(source)s in %(year)s.")
                    % {"source": FundingSource(key[0]).label, "year": key[1]},
                )
                ok = False
            seen_lines.add(key)
        return self._check_allocations() and ok

    def _check_allocations(self) -> bool:
        """Each line's allocation as written, then the rule (measures.allocation), the errors next
        to the line's allocation field."""
        ok = True
        targets = list(self.main.cleaned_data.get("target_units") or [])
        index = UnitIndex()
        for form in self.funding.live_forms():
            text = form.cleaned_data.get("allocation") or ""
            pairs, errors = parse_allocation(text, index, targets) if text.strip() else ([], [])
            if not errors:
                errors = check_allocations(
                    planned_amount=form.cleaned_data.get("planned_amount"),
                    allocations=pairs,
                    target_units=targets,
                )
            for error in errors:
                form.add_error("allocation", error)
                ok = False
            form.allocations = pairs
        return ok

    def content(self) -> MeasureContent:
        cleaned = self.main.cleaned_data
        fields = {name: cleaned[name] for name in self.main.Meta.fields if name in cleaned}
        fields.update(self.main.parsed_deadline.as_measure_fields())
        return MeasureContent(
            fields=fields,
            target_units=cleaned.get("target_units") or [],
            executors=[
                {
                    "id": form.instance.pk,
                    "body": form.cleaned_data["body"],
                    "in_coordination": form.cleaned_data.get("in_coordination", False),
                    "position": position,
                }
                for position, form in enumerate(self.executors.live_forms(), start=1)
            ],
            funding_lines=[
                {
                    "id": form.instance.pk,
                    "source": form.cleaned_data["source"],
                    "year": form.cleaned_data["year"],
                    "planned_amount": form.cleaned_data["planned_amount"],
                    "allocations": form.allocations,
                }
                for form in self.funding.live_forms()
            ],
            indicators=[
                {
                    "id": form.instance.pk,
                    **{
                        name: form.cleaned_data.get(name)
                        for name in form.Meta.fields
                        if name in form.cleaned_data
                    },
                    "position": position,
                    "targets": form.targets(),
                }
                for position, form in enumerate(self.indicators.live_forms(), start=1)
            ],
        )

    def save(self, *, user) -> Measure:
        """Create or update through measures.services; raises EditConflict on a stale version."""
        content = self.content()
        if self.instance is None or self.instance.pk is None:
            self.instance = measure_create(programme=self.programme, content=content, user=user)
        else:
            self.instance = measure_update(
                measure=self.instance,
                content=content,
                user=user,
                expected_version=self.main.cleaned_data.get("version"),
            )
        return self.instance
