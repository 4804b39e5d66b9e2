"""The API's front door: links to every list, the schema, the docs and the guide."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from regionalprogram.api.throttling import PartnerRateThrottle

LISTS = [
    "programme",
    "direction",
    "measure",
    "report",
    "unit",
    "territory",
    "body",
    "legalact",
    "indicator",
    "workinggroup",
    "meeting",
    "decision",
    "proposal",
]


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
@throttle_classes([PartnerRateThrottle])
def api_root(request):
    links = {name: request.build_absolute_uri(reverse(f"api:{name}-list")) for name in LISTS}
    links["schema"] = request.build_absolute_uri(reverse("api:schema"))
    links["docs"] = request.build_absolute_uri(reverse("api:swagger"))
    links["redoc"] = request.build_absolute_uri(reverse("api:redoc"))
    return Response(links)
