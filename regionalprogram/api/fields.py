"""Serializer fields for translated columns and stable keys."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import resolution_order
from rest_framework import serializers

from regionalprogram.api.language import ALL, LANGUAGE_CODES

RESOLUTION_ORDER = {code: resolution_order(code) for code in LANGUAGE_CODES}

TRANSLATED_SCHEMA = {
    "oneOf": [
        {"type": "string", "nullable": True},
        {
            "type": "object",
            "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGE_CODES},
            "required": list(LANGUAGE_CODES),
        },
    ],
    "description": "In the requested language (with fallback ky → ru → en); "
    "with ?lang=all an object with one entry per language.",
}


def pick(values: tuple, lang: str):
    """From (ky, ru, en) column values: one language with modeltranslation's fallback, or all.

    The same answer as the model's descriptor, without building model instances (hot paths).
    """
    if lang == ALL:
        return dict(zip(LANGUAGE_CODES, values, strict=True))
    for code in RESOLUTION_ORDER[lang]:
        value = values[LANGUAGE_CODES.index(code)]
        if value:
            return value
    return values[LANGUAGE_CODES.index(lang)]


def raw_translated(instance, attr: str, lang: str):
    """`translated` for an instance, reading the language columns directly."""
    return pick(tuple(getattr(instance, f"{attr}_{code}") for code in LANGUAGE_CODES), lang)


def translated_columns(prefix: str) -> list[str]:
    """['body__name_ky', 'body__name_ru', 'body__name_en'] for values_list()."""
    return [f"{prefix}_{code}" for code in LANGUAGE_CODES]


def translated(instance, attr: str, lang: str):
    """The value of a translated field: a string, or {ky, ru, en} when lang is `all`."""
    if instance is None:
        return None
    if lang == ALL:
        return {code: getattr(instance, f"{attr}_{code}") for code in LANGUAGE_CODES}
    # modeltranslation's descriptor answers in the active language with the configured fallback.
    return getattr(instance, attr)


@extend_schema_field(TRANSLATED_SCHEMA)
class TranslatedField(serializers.Field):
    """A modeltranslation field: one language, or all three with ?lang=all."""

    def __init__(self, attr: str | None = None, **kwargs):
        self.attr = attr
        kwargs.setdefault("read_only", True)
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.attr = self.attr or field_name

    def to_representation(self, instance):
        return translated(instance, self.attr, self.context.get("lang", "ky"))
