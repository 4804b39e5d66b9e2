"""Stable keys and absolute URLs of API objects."""

from __future__ import annotations

from django.urls import reverse


def api_url(request, name: str, **kwargs) -> str:
    path = reverse(f"api:{name}", kwargs=kwargs)
    return request.build_absolute_uri(path) if request is not None else path
