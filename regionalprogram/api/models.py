"""API tokens for partners. Only a hash of the token is stored: the key is shown once, at issue."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "rpp"  # noqa: S105 - a public marker, not a secret


def hash_token(key: str) -> str:
    # Tokens are 256-bit random strings, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, e.g. “UNDP dashboard”.")
    )
    prefix = models.CharField(_("prefix"), max_length=16, editable=False, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user, name: str) -> tuple[ApiToken, str]:
        """Create a token; returns it with the plain key, which is never stored.

        Each token has its own rate limit, so a user holds at most ``API_TOKENS_PER_USER`` active
        tokens (ValidationError beyond): otherwise more tokens would simply mean more requests.
        """
        limit = settings.API_TOKENS_PER_USER
        if cls.objects.filter(user=user, revoked_at__isnull=True).count() >= limit:
            raise ValidationError(
                _(
                    "You already have %(limit)s active tokens, the most one account may hold. "
                    "Revoke one you no longer use, then create the new one."
                ),
                code="too_many_tokens",
                params={"limit": limit},
            )
        prefix = secrets.token_hex(4)
        key = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(user=user, name=name, prefix=prefix, key_hash=hash_token(key))
        return token, key

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class RateCounter(models.Model):
    """How many requests a client made in the current window of a rate limit (the API's throttles,
    password resets). In PostgreSQL, so every worker process and every app server counts in the
    same place; one atomic statement per request (regionalprogram.api.throttling.hit)."""

    key = models.CharField(max_length=200, primary_key=True)
    window = models.BigIntegerField()
    hits = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
