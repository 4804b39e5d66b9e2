"""API: the territory dashboard's figures, the map's data — one level of the territory at a time.

``GET /api/v1/territory/?programme=REG-2025-2030&parent=41706000000000&figure=overdue_share``
answers every unit directly below ``parent`` (the oblasts and cities of republican significance
without it) with its measures by status, money allocated and reaching, money per inhabitant, share
overdue, latest socio-economic indicators, and its class on the map for ``figure``. The numbers are
the dashboard page's (measures.reporting.territory_figures), in a fixed number of queries.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from measures.models import Measure
from measures.reporting.territory_figures import figure_by_key, figures, territory_overview
from programs.models import Programme
from regionalprogram.api.auth import ApiTokenAuthentication
from regionalprogram.api.language import activate_for, requested_language
from regionalprogram.api.throttling import PartnerRateThrottle
from regionalprogram.languages import LANGUAGE_CODES
from regions.models import AdministrativeUnit, normalize_soate


def decimal(value) -> str | None:
    return None if value is None else str(value)


class TerritoryUnitSerializer(serializers.Serializer):
    soate = serializers.CharField()
    iso_3166_2 = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    url = serializers.URLField(help_text="The unit in the API.")
    has_units_below = serializers.BooleanField()
    value = serializers.CharField(allow_null=True, help_text="The figure the map is coloured by.")
    map_class = serializers.IntegerField(help_text="1 (lowest) … 5; 0 when there is no value.")
    measures = serializers.IntegerField(help_text="Measures that target the unit or a unit below.")
    by_status = serializers.DictField(child=serializers.IntegerField())
    overdue_share = serializers.CharField(allow_null=True, help_text="Percent.")
    money_allocated = serializers.CharField(
        help_text="Thousand som allocated to the unit or below."
    )
    money_reaching = serializers.CharField(
        help_text="Thousand som of measures that reach the unit and are allocated to no unit: "
        "shown apart, never part of money_allocated."
    )
    allocated_per_inhabitant = serializers.CharField(allow_null=True, help_text="Som.")
    reaching_per_inhabitant = serializers.CharField(allow_null=True, help_text="Som.")
    indicators = serializers.DictField(
        child=serializers.DictField(), help_text="{code: {value, year}}: the latest value."
    )


class TerritoryClassSerializer(serializers.Serializer):
    map_class = serializers.IntegerField()
    low = serializers.CharField()
    high = serializers.CharField()


class TerritorySerializer(serializers.Serializer):
    programme = serializers.CharField(allow_null=True)
    parent = serializers.CharField(allow_null=True)
    figure = serializers.DictField(child=serializers.CharField())
    figures = serializers.ListField(child=serializers.CharField())
    classes = TerritoryClassSerializer(many=True)
    units = TerritoryUnitSerializer(many=True)


class TerritoryView(APIView):
    """The territory dashboard's figures for one level of the territory (the map's data)."""

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [PartnerRateThrottle]

    @extend_schema(
        operation_id="territory_list",
        parameters=[
            OpenApiParameter(
                "programme",
                OpenApiTypes.STR,
                description="Programme code (default: the programme in implementation).",
            ),
            OpenApiParameter(
                "parent",
                OpenApiTypes.STR,
                description="Classifier code of the unit whose units below are listed "
                "(default: the oblasts and cities of republican significance).",
            ),
            OpenApiParameter(
                "figure",
                OpenApiTypes.STR,
                description="The figure the classes are for: measures, overdue_share, "
                "allocated_per_inhabitant, reaching_per_inhabitant, allocated, or "
                "indicator:<code> (default: measures).",
            ),
            OpenApiParameter("lang", OpenApiTypes.STR, enum=list(LANGUAGE_CODES)),
        ],
        responses=TerritorySerializer,
    )
    def get(self, request):
        activate_for(requested_language(request))
        params = request.query_params
        errors: dict[str, list[str]] = {}
        programmes = Programme.objects.visible_to(request.user)
        programme = Programme.objects.current_for(request.user)
        if params.get("programme"):
            programme = programmes.filter(code=params["programme"]).first()
            if programme is None:
                errors["programme"] = [_("No programme with this code.")]
        parent = None
        if params.get("parent"):
            parent = AdministrativeUnit.objects.filter(
                soate=normalize_soate(params["parent"])
            ).first()
            if parent is None:
                errors["parent"] = [_("No administrative unit with this classifier code.")]
        figure = figure_by_key(params.get("figure") or "measures")
        if figure is None:
            errors["figure"] = [_("Unknown figure.")]
        if errors:
            raise ValidationError(errors)
        measures = Measure.objects.active().filter(programme=programme)
        overview = territory_overview(parent, measures, figure)
        units = []
        for row in overview.rows:
            unit = row.unit
            units.append(
                {
                    "soate": unit.soate,
                    "iso_3166_2": unit.iso_3166_2,
                    "name": unit.name,
                    "level": unit.level,
                    "url": request.build_absolute_uri(
                        reverse("api:unit-detail", args=[unit.soate])
                    ),
                    "has_units_below": unit.has_units_below,
                    "value": decimal(row.figure(figure.key)),
                    "map_class": row.map_class,
                    "measures": row.measures,
                    "by_status": row.by_status,
                    "overdue_share": decimal(row.overdue_share),
                    "money_allocated": decimal(row.allocated),
                    "money_reaching": decimal(row.reaching),
                    "allocated_per_inhabitant": decimal(row.allocated_per_inhabitant),
                    "reaching_per_inhabitant": decimal(row.reaching_per_inhabitant),
                    "indicators": {
                        code: {"value": decimal(value), "year": year}
                        for code, (value, year) in sorted(row.indicators.items())
                    },
                }
            )
        data = {
            "programme": programme.code if programme else None,
            "parent": parent.soate if parent else None,
            "figure": {
                "key": figure.key,
                "label": str(figure.label),
                "unit_of_measure": str(figure.unit_of_measure),
            },
            "figures": [f.key for f in figures()],
            "classes": [
                {"map_class": c.number, "low": decimal(c.low), "high": decimal(c.high)}
                for c in overview.classes
            ],
            "units": units,
        }
        return Response(data)
