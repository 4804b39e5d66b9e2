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
