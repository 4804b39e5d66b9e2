"""Requests that PostgreSQL could never answer are refused before any view sees them; every
response carries the portal's security headers."""

from __future__ import annotations

from contextlib import nullcontext

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from regionalprogram.errors import API_PREFIX, api_language


class RequestSizeLimitMiddleware:
    """A request body over the limit is refused with 413 before anything reads it.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds form fields only once they are parsed, and a file
    part is first spooled to disk; DRF's JSON parser reads the whole body. So the declared length
    is checked here, before the CSRF check or any form reads the body: a signed-in user's
    multipart form (attachments, evidence, a plan workbook) may carry REQUEST_MAX_UPLOAD_BYTES,
    every other request (the anonymous, the API, plain forms) REQUEST_MAX_BYTES. A body without a
    length is not read by Django at all. It must stand after AuthenticationMiddleware, and before
    any middleware that reads request.POST.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > self.limit(request):
            api = request.path.startswith(API_PREFIX)
            with translation.override(api_language(request)) if api else nullcontext():
                message = _(
                    "The request is too large (%(size)s MB); at most %(limit)s MB can be sent."
                ) % {"size": _megabytes(length), "limit": _megabytes(self.limit(request))}
            response = (
                JsonResponse({"detail": message}, status=413)
                if api
                else HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            )
            response["Connection"] = "close"  # the rest of the body is not read
            return response
        return self.get_response(request)

    @staticmethod
    def limit(request) -> int:
        uploading = request.META.get("CONTENT_TYPE", "").startswith("multipart/form-data")
        if uploading and request.user.is_authenticated:
            return settings.REQUEST_MAX_UPLOAD_BYTES
        return settings.REQUEST_MAX_BYTES


def _megabytes(size: int) -> str:
    from django.utils.formats import number_format

    return number_format(size / (1024 * 1024), decimal_pos=1, force_grouping=True)


class RejectNullCharactersMiddleware:
    """A NUL character in a query parameter or form field is a 400, not a 500.

    PostgreSQL text cannot hold NUL, so any filter or search that reached the database with one
    would fail there; checking once here covers every page, filter and API endpoint.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = [
            key
            for data in (
                (request.GET, request.POST) if request.method == "POST" else (request.GET,)
            )
            for key, values in data.lists()
            if "\x00" in key or any("\x00" in value for value in values)
        ]
        if bad:
            message = _("Null characters are not allowed.")
            if request.path.startswith("/api/"):
                return JsonResponse({key.replace("\x00", ""): [message] for key in bad}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response, from settings.

    The pages load scripts, styles, images and fonts from the portal only and have no inline
    script (scripts are files under static/), so the policy forbids anything else; a view that
    needs another policy (the API reference pages) sets its own header, which is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
