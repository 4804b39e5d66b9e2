"""The monitoring loop's pages, under /<lang>/reports/."""

from django.urls import path

from measures import views_consolidated as consolidated
from measures import views_reports as views

app_name = "reports"

urlpatterns = [
    path("mine/", views.my_reports, name="my_reports"),
    path("review/", views.review_queue, name="review_queue_default"),
    path("review/<slug:code>/", views.review_queue, name="review_queue"),
    path(
        "measure/<int:measure_id>/period/<int:period_id>/",
        views.report_form,
        name="report_form",
    ),
    path("measure/<int:measure_id>/status/", views.measure_status, name="measure_status"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/review/", views.report_review, name="report_review"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("consolidated/<slug:code>/", consolidated.consolidated_list, name="consolidated_list"),
    path(
        "consolidated/<slug:code>/<int:period_id>/",
        consolidated.consolidated_period,
        name="consolidated_period",
    ),
    path(
        "consolidated/<slug:code>/<int:period_id>/download/<slug:lang>/",
        consolidated.consolidated_download,
        name="consolidated_download",
    ),
    path(
        "consolidated/<slug:code>/<int:period_id>/send/",
        consolidated.consolidated_send,
        name="consolidated_send",
    ),
    path("sent/<int:pk>/", consolidated.dispatch_download, name="dispatch_download"),
]
