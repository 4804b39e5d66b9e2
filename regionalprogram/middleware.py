"""Requests that PostgreSQL could never answer are refused before any view sees them; every
response carries the portal's security headers."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


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
