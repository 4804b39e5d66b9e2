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


def healthz(request):
    """For a load balancer: 200 {"status": "ok", "database": "ok"} when the portal can answer,
    503 with the reason when its database cannot be reached. No language prefix, no session."""
    from django.db import DatabaseError, connection
    from django.http import JsonResponse

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        from regionalprogram.errors import database_unreachable

        reason = "unreachable" if database_unreachable(error) else error.__class__.__name__
        connection.close_if_unusable_or_obsolete()
        response = JsonResponse({"status": "unavailable", "database": reason}, status=503)
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    response["Cache-Control"] = "no-store"
    return response
