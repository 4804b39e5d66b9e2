"""Rate limits: per token for token holders, per address for everyone else."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from regionalprogram.api.models import ApiToken


class PartnerRateThrottle(SimpleRateThrottle):
    """One bucket per token (scope "token") or per client address (scope "anon")."""

    def get_rate(self):
        # Resolved per request in allow_request, where the scope is known.
        return None

    def allow_request(self, request, view):
        if isinstance(request.auth, ApiToken):
            self.scope = "token"
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            self.scope = "user"
            ident = f"user-{request.user.pk}"
        else:
            self.scope = "anon"
            ident = f"addr-{self.get_ident(request)}"
        # Read at request time so that a settings change (and a test's override) takes effect.
        self.rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.key = self.cache_format % {"scope": self.scope, "ident": ident}
        self.history = self.cache.get(self.key, [])
        self.now = self.timer()
        while self.history and self.history[-1] <= self.now - self.duration:
            self.history.pop()
        if len(self.history) >= self.num_requests:
            return self.throttle_failure()
        return self.throttle_success()
