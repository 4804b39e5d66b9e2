"""Requests that PostgreSQL could never answer are refused before any view sees them."""

from __future__ import annotations

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
