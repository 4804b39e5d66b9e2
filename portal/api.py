"""The dashboards' figures in the API, the same numbers the pages draw (portal.dashboards and
measures.reporting.dashboard compute them; this module only writes them as JSON):

- ``/api/v1/programmes/<code>/dashboard/`` — public (a draft programme only to those who see it);
- ``/api/v1/bodies/dashboard/?programme=<code>`` — public; open decisions of meetings the client
  may read;
- ``/api/v1/programmes/<code>/data-quality/`` — the programme's editors only.

Amounts are thousand KGS, written as decimal strings like every amount of the API; labels are in
the requested language (``?lang=ky|ru|en``; ``all`` gives Kyrgyz labels).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from measures.models import ComputedStatus
from measures.reporting import dashboard
from portal.dashboards import bodies_figures
from programs.models import Programme
from programs.permissions import can_edit_programme
from regionalprogram.api.auth import ApiTokenAuthentication
from regionalprogram.api.language import activate_for, requested_language
from regionalprogram.api.throttling import PartnerRateThrottle


def _money(value) -> str | None:
    return None if value is None else str(value)


def _statuses(counts: dict) -> dict:
    return {status: counts.get(status, 0) for status in ComputedStatus.values}


def _punctuality(row: dict) -> dict:
    return {name: row[name] for name in dashboard.PUNCTUALITY}


# --- documentation of the answers (drf-spectacular reads these) ------------------------------


class StatusCountsSerializer(serializers.Serializer):
    not_started = serializers.IntegerField()
    on_track = serializers.IntegerField()
    at_risk = serializers.IntegerField()
    overdue = serializers.IntegerField()
    completed = serializers.IntegerField()
    not_reported = serializers.IntegerField()


class StatusRowSerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    sample = serializers.BooleanField()
    total = serializers.IntegerField()
    status = StatusCountsSerializer(help_text="Measures by computed status.")


class MoneyRowSerializer(serializers.Serializer):
    planned = serializers.DecimalField(max_digits=16, decimal_places=1, help_text="Thousand KGS.")
    actual = serializers.DecimalField(
        max_digits=16, decimal_places=1, help_text="Spent: the sum of accepted reports."
    )


class SourceMoneySerializer(MoneyRowSerializer):
    source = serializers.CharField()
    label = serializers.CharField()


class YearMoneySerializer(MoneyRowSerializer):
    year = serializers.IntegerField()


class ProgrammeMoneySerializer(serializers.Serializer):
    planned = serializers.DecimalField(max_digits=16, decimal_places=1)
    actual = serializers.DecimalField(max_digits=16, decimal_places=1)
    allocated = serializers.DecimalField(
        max_digits=16, decimal_places=1, help_text="Planned money allocated to units."
    )
    unallocated_targeted = serializers.DecimalField(
        max_digits=16,
        decimal_places=1,
        help_text="Not allocated, of measures with target units (reaches them, claimed by none).",
    )
    untargeted = serializers.DecimalField(
        max_digits=16, decimal_places=1, help_text="Of measures without target units."
    )
    by_source = SourceMoneySerializer(many=True)
    by_year = YearMoneySerializer(many=True)


class IndicatorRowSerializer(serializers.Serializer):
    measure = serializers.CharField(help_text="The measure's number.")
    name = serializers.CharField()
    unit_of_measure = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    target = serializers.DecimalField(max_digits=16, decimal_places=3)
    actual = serializers.DecimalField(max_digits=16, decimal_places=3, allow_null=True)
    percent = serializers.IntegerField(
        allow_null=True, help_text="How far the actual has come from the baseline to the target."
    )
    sample = serializers.BooleanField()


class IndicatorsSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        allow_null=True,
        help_text="The latest year up to this one with targets for a whole measure.",
    )
    count = serializers.IntegerField(help_text="Indicators with a target that year, in all.")
    met = serializers.IntegerField(help_text="Of them, with an actual at or beyond the target.")
    rows = IndicatorRowSerializer(
        many=True,
        help_text="All of them up to 30; beyond, the 30 furthest from their target, in plan order.",
    )


class PunctualitySerializer(serializers.Serializer):
    due = serializers.IntegerField(help_text="Reports the lead bodies owed.")
    on_time = serializers.IntegerField(help_text="Submitted by the due date (Bishkek time).")
    late = serializers.IntegerField(help_text="Submitted after the due date.")
    missing = serializers.IntegerField(help_text="Not submitted (drafts and returned included).")
    accepted = serializers.IntegerField(help_text="Accepted, of the on-time and late ones.")


class PeriodRowSerializer(PunctualitySerializer):
    period = serializers.CharField(help_text="kind/year/number, e.g. half_year/2026/1.")
    label = serializers.CharField()
    due_date = serializers.DateField()


class ProgrammeDashboardSerializer(serializers.Serializer):
    programme = serializers.CharField()
    as_of = serializers.DateField()
    measures = serializers.IntegerField()
    sample_measures = serializers.IntegerField(help_text="Of them, demo measures.")
    status = StatusCountsSerializer()
    status_by_direction = StatusRowSerializer(many=True)
    status_by_objective = StatusRowSerializer(many=True)
    funding = ProgrammeMoneySerializer()
    indicators = IndicatorsSerializer()
    reports = PunctualitySerializer(help_text="All closed periods together.")
    reports_by_period = PeriodRowSerializer(many=True, help_text="Closed periods, oldest first.")


class DecisionCountsSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()


class BodyRowSerializer(PunctualitySerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    measures = serializers.IntegerField(help_text="Measures it leads.")
    status = StatusCountsSerializer()
    open_decisions = DecisionCountsSerializer()


class BodiesDashboardSerializer(serializers.Serializer):
    programme = serializers.CharField()
    as_of = serializers.DateField()
    bodies = BodyRowSerializer(many=True)


class QualityMeasureSerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    sample = serializers.BooleanField()


class UnallocatedMeasureSerializer(QualityMeasureSerializer):
    amount = serializers.DecimalField(max_digits=16, decimal_places=1)


class OverdueMeasureSerializer(QualityMeasureSerializer):
    reports_due = serializers.IntegerField()
    reports_missing = serializers.IntegerField()


class DataQualitySerializer(serializers.Serializer):
    programme = serializers.CharField()
    as_of = serializers.DateField()
    no_indicator = QualityMeasureSerializer(many=True)
    deadline_outside_period = QualityMeasureSerializer(many=True)
    donor_without_donor = QualityMeasureSerializer(many=True)
    unallocated = UnallocatedMeasureSerializer(many=True)
    unallocated_money = serializers.DecimalField(max_digits=16, decimal_places=1)
    reports_overdue = OverdueMeasureSerializer(many=True)
    reports_missing = serializers.IntegerField()


# --- the views ---------------------------------------------------------------------------------


LANG = OpenApiParameter("lang", str, enum=["ky", "ru", "en", "all"], description="Language.")


class DashboardView(APIView):
    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    permission_classes = [permissions.AllowAny]
    throttle_classes = [PartnerRateThrottle]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        activate_for(requested_language(request))


def _status_row(row) -> dict:
    return {
        "number": row.key.number,
        "title": row.key.title,
        "sample": row.key.sample,
        "total": row.total,
        "status": _statuses(row.counts),
    }


class ProgrammeDashboardView(DashboardView):
    """The programme dashboard's figures."""

    @extend_schema(responses=ProgrammeDashboardSerializer, parameters=[LANG])
    def get(self, request, code: str):
        programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
        figures = dashboard.programme_dashboard(programme, timezone.localdate())
        funding, money = figures["funding"], figures["money"]
        return Response(
            {
                "programme": programme.code,
                "as_of": figures["today"].isoformat(),
                "measures": figures["measure_count"],
                "sample_measures": figures["sample_count"],
                "status": _statuses(figures["status_total"]),
                "status_by_direction": [_status_row(r) for r in figures["status_by_direction"]],
                "status_by_objective": [_status_row(r) for r in figures["status_by_objective"]],
                "funding": {
                    "planned": _money(funding["planned"]),
                    "actual": _money(funding["actual"]),
                    "allocated": _money(money["allocated"]),
                    "unallocated_targeted": _money(money["unallocated_targeted"]),
                    "untargeted": _money(money["untargeted"]),
                    "by_source": [
                        {
                            "source": row["source"],
                            "label": str(row["label"]),
                            "planned": _money(row["planned"]),
                            "actual": _money(row["actual"]),
                        }
                        for row in funding["by_source"]
                    ],
                    "by_year": [
                        {
                            "year": row["year"],
                            "planned": _money(row["planned"]),
                            "actual": _money(row["actual"]),
                        }
                        for row in funding["by_year"]
                    ],
                },
                "indicators": {
                    "year": figures["indicator_year"],
                    "count": figures["indicator_count"],
                    "met": figures["indicators_met"],
                    "rows": [
                        {
                            "measure": row["measure"],
                            "name": row["name"],
                            "unit_of_measure": row["unit_of_measure"],
                            "baseline": _money(row["baseline"]),
                            "target": _money(row["target"]),
                            "actual": _money(row["actual"]),
                            "percent": None if row["percent"] is None else int(row["percent"]),
                            "sample": row["sample"],
                        }
                        for row in figures["indicators"]
                    ],
                },
                "reports": figures["reports"],
                "reports_by_period": [
                    {
                        "period": row["key"],
                        "label": row["period"].label,
                        "due_date": row["period"].due_date.isoformat(),
                        **_punctuality(row),
                    }
                    for row in figures["trend"]
                ],
            }
        )


class BodiesDashboardView(DashboardView):
    """Per lead body of a programme: measures by computed status, reports, open decisions."""

    @extend_schema(
        responses=BodiesDashboardSerializer,
        parameters=[
            LANG,
            OpenApiParameter(
                "programme", str, description="Programme code (default: the current programme)."
            ),
        ],
    )
    def get(self, request):
        visible = Programme.objects.visible_to(request.user)
        code = request.query_params.get("programme")
        programme = (
            visible.filter(code=code).first()
            if code
            else Programme.objects.current_for(request.user)
        )
        if programme is None:
            raise ValidationError(
                {"programme": [_("There is no such programme, or it is not public.")]}
            )
        today = timezone.localdate()
        rows = bodies_figures(request.user, programme, today)
        return Response(
            {
                "programme": programme.code,
                "as_of": today.isoformat(),
                "bodies": [
                    {
                        "id": row["body"].pk,
                        "name": row["body"].name,
                        "measures": sum(row["status"].values()),
                        "status": _statuses(row["status"]),
                        **_punctuality(row),
                        "open_decisions": row["decisions"],
                    }
                    for row in rows
                ],
            }
        )


class DataQualityView(DashboardView):
    """What the programme's plan lacks: its editors only."""

    @extend_schema(responses=DataQualitySerializer, parameters=[LANG])
    def get(self, request, code: str):
        programme = get_object_or_404(Programme.objects.visible_to(request.user), code=code)
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        if not can_edit_programme(request.user, programme):
            raise PermissionDenied(_("Only the programme's editors see its data quality."))
        figures = dashboard.data_quality(programme, timezone.localdate())

        def measures(rows, **extra):
            return [
                {
                    "number": row["number"],
                    "title": row["title"],
                    "sample": row["sample"],
                    **{key: fn(row) for key, fn in extra.items()},
                }
                for row in rows
            ]

        return Response(
            {
                "programme": programme.code,
                "as_of": figures["today"].isoformat(),
                "no_indicator": measures(figures["no_indicator"]),
                "deadline_outside_period": measures(figures["deadline_outside_period"]),
                "donor_without_donor": measures(figures["donor_without_donor"]),
                "unallocated": measures(
                    figures["unallocated"], amount=lambda row: _money(row["amount"])
                ),
                "unallocated_money": _money(figures["unallocated_money"]),
                "reports_overdue": measures(
                    figures["reports_overdue"],
                    reports_due=lambda row: row["due_n"],
                    reports_missing=lambda row: row["missing"],
                ),
                "reports_missing": figures["reports_missing"],
            }
        )
