"""The API guide and the partner's token page, under the language prefix (/ky/api/...)."""

from django.urls import path

from regionalprogram.api import guide

app_name = "api_guide"

urlpatterns = [
    path("", guide.guide, name="guide"),
    path("tokens/", guide.tokens, name="tokens"),
]
