"""The bare-root redirect; the pages themselves live in the apps and in portal/."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import check_for_language


def root_redirect(request):
    # Kyrgyz is the state language: the bare address opens the Kyrgyz pages unless the visitor
    # has already chosen another language with the switcher.
    lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if not lang or not check_for_language(lang):
        lang = settings.LANGUAGE_CODE
    return redirect(f"/{lang}/")
