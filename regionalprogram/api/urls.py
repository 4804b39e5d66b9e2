"""/api/v1/: list and detail of every kind of object, addressed by stable keys; schema and docs."""

from __future__ import annotations

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from measures.api_exports import ExportJobFileView, ExportJobView
from measures.api_reports import ReportViewSet
from measures.api_territory import TerritoryView

# The measures resource as the meetings app extends it with the working group's links.
from meetings.api import (
    DecisionViewSet,
    MeasureViewSet,
    MeetingViewSet,
    ProposalViewSet,
    WorkingGroupViewSet,
)
from portal.api import BodiesDashboardView, DataQualityView, ProgrammeDashboardView
from programs.api import (
    BodyViewSet,
    DirectionViewSet,
    LegalActViewSet,
    ProgrammeViewSet,
)
from regionalprogram.api.docs import LocalRedocView, LocalSwaggerView
from regionalprogram.api.root import api_root
from regionalprogram.api.throttling import PartnerRateThrottle
from regions.api import IndicatorViewSet, UnitViewSet

app_name = "api"

LIST = {"get": "list"}
DETAIL = {"get": "retrieve"}
PROGRAMME = r"(?P<programme>[-a-zA-Z0-9_]+)"
NUMBER = r"(?P<number>[0-9][0-9.]*)"
PERIOD = r"(?P<kind>(?:quarter|half_year|year))/(?P<year>[0-9]{4})/(?P<period_number>[1-4])"

urlpatterns = [
    path("", api_root, name="root"),
    # The schema is large and costly to build: it counts against the same limits as the rest.
    path(
        "schema/",
        SpectacularAPIView.as_view(urlconf=None, throttle_classes=[PartnerRateThrottle]),
        name="schema",
    ),
    path("docs/", LocalSwaggerView.as_view(url_name="api:schema"), name="swagger"),
    path("redoc/", LocalRedocView.as_view(url_name="api:schema"), name="redoc"),
    path("exports/<uuid:key>/", ExportJobView.as_view(), name="export-job"),
    path("exports/<uuid:key>/file/", ExportJobFileView.as_view(), name="export-job-file"),
    path("programmes/", ProgrammeViewSet.as_view(LIST), name="programme-list"),
    path("programmes/<slug:code>/", ProgrammeViewSet.as_view(DETAIL), name="programme-detail"),
    path(
        "programmes/<slug:code>/dashboard/",
        ProgrammeDashboardView.as_view(),
        name="programme-dashboard",
    ),
    path(
        "programmes/<slug:code>/data-quality/",
        DataQualityView.as_view(),
        name="programme-data-quality",
    ),
    path("directions/", DirectionViewSet.as_view(LIST), name="direction-list"),
    re_path(
        rf"^directions/{PROGRAMME}/{NUMBER}/$",
        DirectionViewSet.as_view(DETAIL),
        name="direction-detail",
    ),
    path("measures/", MeasureViewSet.as_view(LIST), name="measure-list"),
    re_path(
        rf"^measures/{PROGRAMME}/{NUMBER}/$", MeasureViewSet.as_view(DETAIL), name="measure-detail"
    ),
    path("reports/", ReportViewSet.as_view(LIST), name="report-list"),
    re_path(
        rf"^reports/{PROGRAMME}/{NUMBER}/(?P<body>[0-9]+)/{PERIOD}/$",
        ReportViewSet.as_view(DETAIL),
        name="report-detail",
    ),
    path("territory/", TerritoryView.as_view(), name="territory-list"),
    path("units/", UnitViewSet.as_view(LIST), name="unit-list"),
    re_path(r"^units/(?P<soate>[0-9]{14})/$", UnitViewSet.as_view(DETAIL), name="unit-detail"),
    path("bodies/", BodyViewSet.as_view(LIST), name="body-list"),
    path("bodies/<int:pk>/", BodyViewSet.as_view(DETAIL), name="body-detail"),
    path("bodies/dashboard/", BodiesDashboardView.as_view(), name="bodies-dashboard"),
    path("legal-acts/", LegalActViewSet.as_view(LIST), name="legalact-list"),
    re_path(
        r"^legal-acts/(?P<kind>[a-z_]+)/(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})/(?P<number>[^/]+)/$",
        LegalActViewSet.as_view(DETAIL),
        name="legalact-detail",
    ),
    path("indicators/", IndicatorViewSet.as_view(LIST), name="indicator-list"),
    path("indicators/<slug:code>/", IndicatorViewSet.as_view(DETAIL), name="indicator-detail"),
    path("working-groups/", WorkingGroupViewSet.as_view(LIST), name="workinggroup-list"),
    path(
        "working-groups/<slug:slug>/",
        WorkingGroupViewSet.as_view(DETAIL),
        name="workinggroup-detail",
    ),
    path("meetings/", MeetingViewSet.as_view(LIST), name="meeting-list"),
    path(
        "meetings/<slug:group>/<int:number>/",
        MeetingViewSet.as_view(DETAIL),
        name="meeting-detail",
    ),
    path("decisions/", DecisionViewSet.as_view(LIST), name="decision-list"),
    path(
        "decisions/<slug:group>/<int:meeting>/<str:number>/",
        DecisionViewSet.as_view(DETAIL),
        name="decision-detail",
    ),
    path(
        "proposals/",
        ProposalViewSet.as_view({"get": "list", "post": "create"}),
        name="proposal-list",
    ),
    path("proposals/<int:pk>/", ProposalViewSet.as_view(DETAIL), name="proposal-detail"),
]
