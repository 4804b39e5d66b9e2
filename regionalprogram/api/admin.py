"""API tokens in the admin: the ministry issues them (the key is shown once) and revokes them."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from regionalprogram.api.models import ApiToken, hash_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__username", "prefix")
    autocomplete_fields = ("user",)
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if not change:
            issued, key = ApiToken.issue(user=obj.user, name=obj.name)
            obj.pk, obj.prefix, obj.key_hash = issued.pk, issued.prefix, hash_token(key)
            obj.created_at = issued.created_at
            messages.warning(
                request,
                _("The new token is %(key)s — copy it now, it will not be shown again.")
                % {"key": key},
            )
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            token.revoke()
