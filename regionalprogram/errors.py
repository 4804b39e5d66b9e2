"""Error answers in the portal's frame and the reader's language; JSON under /api/.

Django calls these only with DEBUG off. A page error is rendered in base.html with a short
explanation and where to go next; an API error is `{"detail": …}` in the request's language
(`?lang`, then Accept-Language, which LocaleMiddleware has already activated), as DRF answers
its own errors. The 500 page asks nothing of the database, which may be the thing that failed.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import (
    DatabaseError,
    DataError,
    IntegrityError,
    InterfaceError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    connection,
)
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"


def api_language(request) -> str:
    lang = (request.GET.get("lang") or "").strip().lower()
    codes = {code for code, _name in settings.LANGUAGES}
    if lang in codes:
        return lang
    active = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return active if active in codes else settings.LANGUAGE_CODE


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Bad request"), _("The address or the data sent cannot be understood.")),
        403: (
            _("Access denied"),
            _("You do not have permission to open this page with your account."),
        ),
        404: (
            _("Page not found"),
            _("There is no page at this address. It may have been moved or the link is wrong."),
        ),
        500: (
            _("Something went wrong on our side"),
            _(
                "The portal could not answer this request. The error has been recorded; "
                "please try again in a few minutes."
            ),
        ),
    }


def _answer(request, status: int) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        with translation.override(api_language(request)):
            title, _text = _messages()[status]
            return JsonResponse({"detail": title}, status=status)
    title, text = _messages()[status]
    context = {"status": status, "title": title, "text": text, "request": request}
    try:
        html = render_to_string(f"errors/{status}.html", context, request=request)
    except Exception:  # the frame itself failed (a broken database, a bad template): say it plainly
        logger.exception("Error page %s could not be rendered", status)
        html = f"<!DOCTYPE html><title>{status}</title><h1>{title}</h1><p>{text}</p>"
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _answer(request, 400)


def permission_denied(request, exception=None):
    return _answer(request, 403)


def page_not_found(request, exception=None):
    return _answer(request, 404)


def server_error(request):
    if database_unreachable(sys.exc_info()[1]):
        return database_unavailable(request)
    return _answer(request, 500)


def database_unreachable(error) -> bool:
    """Whether ``error`` says the database cannot be reached (not that a query was wrong).

    A refused or lost connection is an OperationalError or InterfaceError; a connection that the
    server closed in the middle of a query surfaces from psycopg2 as a plain DatabaseError, and
    then the connection no longer answers.
    """
    if isinstance(error, OperationalError | InterfaceError):
        return True
    if isinstance(error, DatabaseError) and not isinstance(
        error, IntegrityError | DataError | ProgrammingError | NotSupportedError
    ):
        return connection.connection is None or not connection.is_usable()
    return False


RETRY_AFTER_SECONDS = 30


def database_unavailable(request) -> HttpResponse:
    """503 while PostgreSQL cannot be reached (down, restarting, out of connections).

    A plain page (nothing of the frame, which would ask the database for the user) in the
    language of the address, or JSON under /api/; Retry-After tells clients and proxies when to
    come back. The next request after the database returns is answered normally: Django drops a
    broken connection at the end of the request.
    """
    logger.error("Database unavailable: %s", sys.exc_info()[1])
    if request.path.startswith(API_PREFIX):
        with translation.override(api_language(request)):
            response = JsonResponse({"detail": str(_unavailable_texts()[1])}, status=503)
    else:
        title, text = _unavailable_texts()
        lang = translation.get_language() or settings.LANGUAGE_CODE
        html = (
            f'<!DOCTYPE html><html lang="{escape(lang)}"><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><h1>{escape(title)}</h1><p>{escape(text)}</p></html>"
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def _unavailable_texts() -> tuple[str, str]:
    return (
        _("The portal is temporarily unavailable"),
        _(
            "Its database cannot be reached at the moment. If you sent something and saw no "
            "confirmation, it was not saved: please try again in a minute."
        ),
    )
