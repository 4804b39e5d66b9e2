"""Reads that tolerate a short lag go to a PostgreSQL streaming replica; everything else to the
primary. Installed only when DATABASE_REPLICA_URL is set (settings.py adds the ``replica`` alias,
this router and nothing else); without it neither the router nor the middleware exists.

The rule, in full — it lives here and nowhere else:

* Every write goes to the primary (``default``), and so does every migration.
* A read goes to the replica only while ``ReplicaMiddleware`` has marked the current request as
  lag-tolerant: a GET, HEAD or OPTIONS by somebody not logged in (the public pages, and the
  public API with or without a partner token), who has not sent a write from this browser in the
  last REPLICA_STICKY_SECONDS (the ``primary_until`` cookie set after every POST, PUT, PATCH or
  DELETE — so after saving and logging out one still sees one's own change). Even then it reads
  the primary
  - inside a transaction (a read there must see the transaction's own writes and locks),
  - once the request has written anything itself (the rest of the request reads what it wrote),
  - for accounts and security bookkeeping (sessions, users and groups, API tokens, rate
    counters, login lock-outs, the mail outbox): a revoked token or a changed password must take
    effect at once, not after the replica catches up.
* A replica that cannot be reached is left alone for REPLICA_RETRY_SECONDS: meanwhile its reads
  go to the primary, so the public pages stay up (slower) while it is down.
* Everything outside such a request — logged-in people, management commands, workers, the shell,
  tests — reads the primary.

A streamed export is read in the request's context too, while its body is being sent. Raw SQL
on ``django.db.connection`` bypasses routers and reads the primary; raw SQL that completes an ORM
read of a public request asks ``connections[router.db_for_read(Model)]`` (measures/api.py), so both
halves come from one database.
"""

from __future__ import annotations

import logging
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
STICKY_COOKIE = "primary_until"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Read from the primary always (see the module's docstring); app labels and model labels.
# "django_cache": the cache table, when the cache is PostgreSQL's (no REDIS_URL) — a store every node
# shares, read where it is written; its model is a stand-in whose _meta has no label.
PRIMARY_APPS = frozenset({"sessions", "auth", "axes", "admin", "contenttypes", "django_cache"})
PRIMARY_MODELS = frozenset(
    {"partner_api.ApiToken", "partner_api.RateCounter", "regionalprogram.OutboxMail"}
)


@dataclass
class RequestRouting:
    """What the middleware decided for one request; ``wrote`` flips on its first write."""

    replica_allowed: bool
    wrote: bool = False


_current: ContextVar[RequestRouting | None] = ContextVar("replica_routing", default=None)


# Seconds a replica that refused a connection is not asked again (per process).
REPLICA_RETRY_SECONDS = 30
_replica_down_until = 0.0


def _replica_reachable() -> bool:
    """Whether this process has (or can open) a working connection to the replica."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    replica = connections[REPLICA]
    try:
        # As Django does before a query: a kept connection that died is dropped first.
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
        logger.warning(
            "Replica unreachable, reading the primary for %ss: %s", REPLICA_RETRY_SECONDS, error
        )
        return False
    return True


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def _always_primary(model) -> bool:
    meta = model._meta
    return meta.app_label in PRIMARY_APPS or getattr(meta, "label", None) in PRIMARY_MODELS


class ReplicaRouter:
    """Django's database router for the rule above (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model, **hints):
        routing = _current.get()
        if (
            routing is None
            or not routing.replica_allowed
            or routing.wrote
            or _always_primary(model)
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
            or not _replica_reachable()
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        routing = _current.get()
        # Bookkeeping writes (a token's last use, a session) are read from the primary anyway; a
        # write of the portal's own data sends the rest of the request to the primary.
        if routing is not None and not _always_primary(model):
            routing.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's data: objects read from either may be related.
        aliases = {DEFAULT_DB_ALIAS, REPLICA}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is read-only and receives the primary's schema by streaming.
        return db != REPLICA


def replica_allowed(request) -> bool:
    """Whether ``request`` may read from the replica (the middleware's half of the rule)."""
    if request.method not in SAFE_METHODS:
        return False
    try:
        pinned_until = float(request.COOKIES.get(STICKY_COOKIE, "0"))
    except ValueError:
        pinned_until = 0.0
    if pinned_until > time.time():
        return False
    # Read from the primary here: the middleware has not marked the request yet.
    return not request.user.is_authenticated


class ReplicaMiddleware:
    """Marks each request for the router, and after a write pins the browser to the primary.

    Stands after AuthenticationMiddleware (it asks whether somebody is logged in).
    """

    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        routing = RequestRouting(replica_allowed=replica_allowed(request))
        token = _current.set(routing)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if response.streaming and not getattr(response, "is_async", False):
            response.streaming_content = _streamed_with(routing, response.streaming_content)
        if request.method not in SAFE_METHODS or routing.wrote:
            seconds = settings.REPLICA_STICKY_SECONDS
            response.set_cookie(
                STICKY_COOKIE,
                f"{time.time() + seconds:.3f}",
                max_age=seconds,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


def _streamed_with(routing: RequestRouting, chunks):
    """The chunks of a streamed body, each produced under the request's routing."""
    iterator = iter(chunks)
    while True:
        token = _current.set(routing)
        try:
            chunk = next(iterator)
        except StopIteration:
            return
        finally:
            _current.reset(token)
        yield chunk
