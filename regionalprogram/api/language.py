"""The language of a response: `?lang=ky|ru|en|all`, else Accept-Language, else Kyrgyz."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from regionalprogram.languages import LANGUAGE_CODES

ALL = "all"


def requested_language(request) -> str:
    """The language asked for; raises a 400 for an unknown `lang`."""
    lang = request.query_params.get("lang")
    if lang is not None:
        lang = lang.strip().lower()
        if lang not in (*LANGUAGE_CODES, ALL):
            raise ValidationError(
                {
                    "lang": [
                        _("Unknown language “%(lang)s”; use one of: %(choices)s.")
                        % {"lang": lang, "choices": ", ".join([*LANGUAGE_CODES, ALL])}
                    ]
                }
            )
        return lang
    # LocaleMiddleware has already read Accept-Language (the API has no URL prefix).
    active = translation.get_language() or settings.LANGUAGE_CODE
    active = active.split("-")[0]
    return active if active in LANGUAGE_CODES else settings.LANGUAGE_CODE


def activate_for(lang: str) -> str:
    """Activate the language the response is built in; with `all`, messages stay in Kyrgyz."""
    code = settings.LANGUAGE_CODE if lang == ALL else lang
    translation.activate(code)
    return code
