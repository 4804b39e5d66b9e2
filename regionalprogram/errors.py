"""Error answers in the portal's frame and the reader's language; JSON under /api/.

Django calls these only with DEBUG off. A page error is rendered in base.html with a short
explanation and where to go next; an API error is `{"detail": …}` in the request's language
(`?lang`, then Accept-Language, which LocaleMiddleware has already activated), as DRF answers
its own errors. The 500 page asks nothing of the database, which may be the thing that failed.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
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
    return _answer(request, 500)
