"""The languages the portal's content is written in, in the order people expect: Kyrgyz (the state
language) first, then Russian and English.

Every loop over the translated columns (``title_ky``, ``title_ru``...) and every list of language
choices reads ``LANGUAGE_CODES``; the list itself is modeltranslation's, so adding a language is a
settings change plus its labels here.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)

# "Title (in Kyrgyz)": how a form labels the column of one language.
IN_LANGUAGE = {"ky": _("in Kyrgyz"), "ru": _("in Russian"), "en": _("in English")}


# The language a reader gets when the page's own is empty (modeltranslation's fallback order).
FALLBACK_ORDER: tuple[str, ...] = tuple(settings.MODELTRANSLATION_FALLBACK_LANGUAGES)

LANGUAGE_NAMES = {"ky": _("Kyrgyz"), "ru": _("Russian"), "en": _("English")}


def active_language() -> str:
    """The language of the request (or command) now running, as one of LANGUAGE_CODES: what a
    person types is taken to be written in it (a change reason, a reviewer's comment)."""
    from django.utils import translation

    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def text_in_language(obj, field: str, language: str) -> tuple[str, str]:
    """(text, the language it is written in) for a translated field, as a reader of ``language``
    gets it: the page's own language when it is written, else the first of the fallback order
    that is. ("", language) when no language has it."""
    own = getattr(obj, f"{field}_{language}", None) or ""
    if own.strip():
        return own, language
    for code in FALLBACK_ORDER:
        value = getattr(obj, f"{field}_{code}", None) or ""
        if value.strip():
            return value, code
    return "", language


def missing_languages(obj, fields) -> dict[str, list[str]]:
    """{field: [languages it is empty in]} for the translated fields that are written in at least
    one language but not in all; a field empty everywhere is not the translators' business."""
    missing = {}
    for field in fields:
        values = {
            code: (getattr(obj, f"{field}_{code}", None) or "").strip() for code in LANGUAGE_CODES
        }
        if any(values.values()):
            empty = [code for code, value in values.items() if not value]
            if empty:
                missing[field] = empty
    return missing


def warn_missing_languages(request, obj, fields=None, labels=None) -> None:
    """After a save: tell the editor which languages the texts still lack (a warning, not a
    refusal — readers of those languages get another language, marked as such). ``fields``
    defaults to every translated field of the model; ``labels`` names a field where its
    verbose name would not say it in a sentence."""
    from django.contrib import messages
    from django.utils.text import capfirst
    from modeltranslation.translator import translator

    if fields is None:
        fields = list(translator.get_options_for_model(type(obj)).fields)
    missing = missing_languages(obj, fields)
    if not missing:
        return
    parts = []
    for code in LANGUAGE_CODES:
        names = [
            str(capfirst((labels or {}).get(field) or obj._meta.get_field(field).verbose_name))
            for field, langs in missing.items()
            if code in langs
        ]
        if names:
            parts.append(f"{LANGUAGE_NAMES[code]}: {', '.join(names)}")
    messages.warning(
        request,
        _(
            "Saved, but not yet written in every language — %(missing)s. Readers of those "
            "languages see the text in another language, marked as such."
        )
        % {"missing": "; ".join(parts)},
    )


# The languages official documents to the Cabinet are written in: the state language (Kyrgyz) and
# the official language (Russian), the first two content languages.
DOCUMENT_LANGUAGES: tuple[str, ...] = LANGUAGE_CODES[:2]


def language_gaps(items) -> list[tuple[str, str]]:
    """For a confirmation page, before something is published: ``[(what, "Kyrgyz, English")]``
    for each ``(label, obj, fields)`` whose texts are written but still missing in a language
    (``missing_languages``, the rule editors are warned by on save)."""
    gaps = []
    for label, obj, fields in items:
        missing = missing_languages(obj, fields)
        codes = [code for code in LANGUAGE_CODES if any(code in ls for ls in missing.values())]
        if codes:
            gaps.append((str(label), ", ".join(str(LANGUAGE_NAMES[code]) for code in codes)))
    return gaps
