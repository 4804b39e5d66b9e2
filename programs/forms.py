"""Forms of the programme editor: the programme itself, its directions and objectives."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from programs.models import Direction, Objective, Programme
from programs.numbers import normalise_number
from programs.services import version_of
from regionalprogram.languages import IN_LANGUAGE, LANGUAGE_CODES


def _translated(names: tuple[str, ...]) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in LANGUAGE_CODES]


class TranslatedLabelsMixin:
    translated: tuple[str, ...] = ()

    def label_languages(self) -> None:
        for name in self.translated:
            base = self._meta.model._meta.get_field(name).verbose_name
            for lang in LANGUAGE_CODES:
                field = self.fields.get(f"{name}_{lang}")
                if field is not None:
                    field.label = f"{base} ({IN_LANGUAGE[lang]})"

    def require_one_language(self, name: str, message) -> None:
        if not any(self.cleaned_data.get(f"{name}_{lang}") for lang in LANGUAGE_CODES):
            self.add_error(f"{name}_ky", message)


class VersionedMixin:
    """A hidden ``version`` of the record an edit form was opened on (programs.services.
    check_version refuses a stale one, or none); a form that creates a record has none."""

    def add_version(self) -> None:
        if self.instance.pk:
            self.fields["version"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=version_of(self.instance)
            )


class ProgrammeForm(VersionedMixin, TranslatedLabelsMixin, forms.ModelForm):
    translated = ("title", "short_title", "summary")

    class Meta:
        model = Programme
        fields = [
            *_translated(("title", "short_title", "summary")),
            "status",
            "period_start_year",
            "period_end_year",
            "reporting_period",
            "report_due_day",
            "report_due_months_after",
        ]
        widgets = {
            **{f"title_{lang}": forms.Textarea(attrs={"rows": 2}) for lang in LANGUAGE_CODES},
            **{f"summary_{lang}": forms.Textarea(attrs={"rows": 4}) for lang in LANGUAGE_CODES},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_languages()
        self.add_version()

    def clean(self):
        cleaned = super().clean()
        self.require_one_language("title", _("Write the title in at least one language."))
        # Whether the measures fit a new period is checked where they are written:
        # measures.services.measures_follow_programme_period.
        return cleaned


class DirectionForm(VersionedMixin, TranslatedLabelsMixin, forms.ModelForm):
    translated = ("title", "description")

    class Meta:
        model = Direction
        fields = ["number", "position", *_translated(("title", "description"))]
        widgets = {
            **{f"title_{lang}": forms.Textarea(attrs={"rows": 2}) for lang in LANGUAGE_CODES},
            **{f"description_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in LANGUAGE_CODES},
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.instance.programme = programme
        self.label_languages()
        self.add_version()

    def clean_number(self):
        number = normalise_number(self.cleaned_data.get("number"))
        if (
            Direction.objects.filter(programme=self.programme, number=number)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(
                _("The programme already has a direction numbered %(number)s."),
                params={"number": number},
            )
        return number

    def clean(self):
        cleaned = super().clean()
        self.require_one_language("title", _("Write the title in at least one language."))
        return cleaned


class ObjectiveForm(VersionedMixin, TranslatedLabelsMixin, forms.ModelForm):
    translated = ("title", "description")

    class Meta:
        model = Objective
        fields = ["direction", "number", "position", *_translated(("title", "description"))]
        widgets = {
            **{f"title_{lang}": forms.Textarea(attrs={"rows": 2}) for lang in LANGUAGE_CODES},
            **{f"description_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in LANGUAGE_CODES},
        }

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        directions = Direction.objects.filter(programme=programme, archived_at__isnull=True)
        if self.instance.pk:
            directions = directions | Direction.objects.filter(pk=self.instance.direction_id)
        self.fields["direction"].queryset = directions.in_plan_order()
        self.label_languages()
        self.add_version()

    def clean(self):
        cleaned = super().clean()
        self.require_one_language("title", _("Write the title in at least one language."))
        direction = cleaned.get("direction")
        number = normalise_number(cleaned.get("number"))
        if direction and number:
            cleaned["number"] = number
            if (
                Objective.objects.filter(direction=direction, number=number)
                .exclude(pk=self.instance.pk)
                .exists()
            ):
                self.add_error(
                    "number",
                    ValidationError(
                        _("The direction already has an objective numbered %(number)s."),
                        params={"number": number},
                    ),
                )
        return cleaned
