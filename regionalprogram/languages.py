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
