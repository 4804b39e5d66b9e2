"""Who is asking: the client's address, the one rule the login lock-out, the API's throttles and
the password-reset limit count against."""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str | None:
    """The address of the client that sent ``request``.

    Directly on the network it is REMOTE_ADDR. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies of
    our own, each appends the address it got the request from to X-Forwarded-For, so the client is
    the entry that many places from the right; anything further left was written by the client
    itself and cannot be trusted. With the default 0 the header is ignored altogether.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
