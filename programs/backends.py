"""Login throttling with django-axes, for the logins that come through a page."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins made with a request (the login page, the admin).

    A login without a request (the test client's ``login()``, a management script) has no address
    to count and cannot come from the network, so it is left to the next backend instead of
    failing with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_address(request) -> str | None:
    """The address failed logins are counted against.

    Directly on the network it is REMOTE_ADDR. Behind ``TRUSTED_PROXY_COUNT`` reverse proxies of our
    own, each appends the address it got the request from to X-Forwarded-For, so the client is the
    entry that many places from the right; anything further left was written by the client itself
    and cannot be trusted.
    """
    from django.conf import settings

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
