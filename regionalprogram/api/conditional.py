"""Conditional GET for API responses: a strong ETag over the body and Last-Modified from the rows.

The ETag hashes the rendered JSON, so it changes whenever anything in the answer changes (a
renamed body, a new funding line), whatever the rows' own timestamps say. If-None-Match wins over
If-Modified-Since, as RFC 9110 says.
"""

from __future__ import annotations

import hashlib

from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date


def latest_change(objects) -> object | None:
    stamps = [getattr(obj, "updated_at", None) for obj in objects]
    stamps = [stamp for stamp in stamps if stamp is not None]
    return max(stamps) if stamps else None


def apply_conditional(request, response, last_modified=None):
    """Set ETag/Last-Modified on a rendered 200 response; answer 304 when the client is current."""
    patch_vary_headers(response, ("Accept", "Accept-Language", "Authorization", "Cookie"))
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if getattr(response, "streaming", False):
        return response
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:40] + '"'
    response["ETag"] = etag
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    conditional = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    if conditional is not response:
        patch_vary_headers(conditional, ("Accept", "Accept-Language", "Authorization", "Cookie"))
    return conditional
