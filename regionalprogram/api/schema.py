"""OpenAPI pieces drf-spectacular cannot guess: the token scheme."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "regionalprogram.api.auth.ApiTokenAuthentication"
    name = "partnerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "“Token <key>” (or “Bearer <key>”); create tokens on /<lang>/api/tokens/.",
        }
