"""The bare-root redirect and the rate-limited password reset; the pages themselves live in the
apps and in portal/."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.utils.translation import check_for_language, ngettext

from regionalprogram.api.throttling import hit, parse_rate
from regionalprogram.clients import client_address


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


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, refusing a flood: ``PASSWORD_RESET_RATE`` requests per client address
    and, separately, per e-mail address asked for. The refusal reads the same whether or not an
    account has that e-mail, so it tells nobody which addresses exist."""

    def form_valid(self, form):
        limit, period = parse_rate(settings.PASSWORD_RESET_RATE)
        email = form.cleaned_data["email"].strip().lower()
        waits = [
            hit(f"reset:addr:{client_address(self.request)}", limit, period),
            hit(f"reset:mail:{email}", limit, period),
        ]
        wait = max((w for w in waits if w), default=None)
        if wait is None:
            return super().form_valid(form)
        minutes = math.ceil(wait / 60)
        form.add_error(
            None,
            ngettext(
                "Too many password reset requests. Try again in %(minutes)d minute.",
                "Too many password reset requests. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = self.form_invalid(form)
        response.status_code = 429
        return response
