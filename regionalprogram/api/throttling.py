"""Rate limits: per token for token holders, per user for sessions, per address for everyone else.

The counters live in PostgreSQL (``RateCounter``), not in a process's memory, so three gunicorn
workers or two app servers share one limit; the client's address comes from
``regionalprogram.clients.client_address`` (the configured number of trusted proxies only), so a
client cannot pick its own bucket with X-Forwarded-For.
"""

from __future__ import annotations

import math
import time

from django.db import connection
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from regionalprogram.api.models import ApiToken, RateCounter
from regionalprogram.clients import client_address

# Rows of windows that ended this long ago are removed, a few with each request.
_KEEP_SECONDS = 3600
_CLEANUP_ROWS = 20


def parse_rate(rate: str) -> tuple[int, int]:
    """ "60/minute" → (60, 60): requests and the period in seconds (DRF's reading of a rate)."""
    return SimpleRateThrottle.parse_rate(None, rate)


def hit(key: str, limit: int, period: int, now: float | None = None) -> float | None:
    """Count one request of ``key`` against ``limit`` per ``period`` seconds (fixed windows).

    Returns None when it is allowed, else the seconds until the window ends. One statement:
    the upsert is atomic, so concurrent requests of many processes never lose a count; it also
    removes a few long-expired rows of other keys, so the table stays small.
    """
    now = time.time() if now is None else now
    window = int(now // period)
    table = RateCounter._meta.db_table
    sql = f"""
        WITH expired AS (
            DELETE FROM {table} WHERE key IN (
                SELECT key FROM {table}
                WHERE expires_at < to_timestamp(%s) AND key <> %s
                LIMIT {_CLEANUP_ROWS} FOR UPDATE SKIP LOCKED
            )
        )
        INSERT INTO {table} (key, "window", hits, expires_at)
        VALUES (%s, %s, 1, to_timestamp(%s))
        ON CONFLICT (key) DO UPDATE SET
            hits = CASE WHEN {table}."window" = EXCLUDED."window"
                        THEN {table}.hits + 1 ELSE 1 END,
            "window" = EXCLUDED."window",
            expires_at = EXCLUDED.expires_at
        RETURNING hits
    """  # noqa: S608 - the table name is ours; every value is a parameter
    ends = (window + 1) * period
    with connection.cursor() as cursor:
        cursor.execute(sql, [now - _KEEP_SECONDS, key, key, window, ends])
        (hits,) = cursor.fetchone()
    if hits <= limit:
        return None
    return max(ends - now, 1)


class PartnerRateThrottle(BaseThrottle):
    """One bucket per token (scope "token"), per signed-in user ("user") or per client address
    ("anon"), at the rates of REST_FRAMEWORK's DEFAULT_THROTTLE_RATES."""

    def __init__(self):
        self.retry_after: float | None = None

    def allow_request(self, request, view):
        if isinstance(request.auth, ApiToken):
            scope, ident = "token", f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            scope, ident = "user", f"user-{request.user.pk}"
        else:
            scope, ident = "anon", f"addr-{client_address(request)}"
        # Read at request time so that a settings change (and a test's override) takes effect.
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if rate is None:
            return True
        limit, period = parse_rate(rate)
        self.retry_after = hit(f"api:{scope}:{ident}", limit, period)
        return self.retry_after is None

    def wait(self):
        return math.ceil(self.retry_after) if self.retry_after else None
