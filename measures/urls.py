from django.urls import path

from measures import views, views_exports, views_io, views_plan

app_name = "measures"

urlpatterns = [
    path("", views.measure_list, name="measure_list"),
    path("export/<str:fmt>/", views_io.plan_export, name="plan_export"),
    path("exports/", views_exports.export_job_list, name="export_jobs"),
    path("exports/<int:pk>/", views_exports.export_job, name="export_job"),
    path(
        "exports/<int:pk>/download/", views_exports.export_job_download, name="export_job_download"
    ),
    path("<slug:code>/import/", views_io.plan_import, name="plan_import"),
    path(
        "<slug:code>/import/<str:token>/", views_io.plan_import_preview, name="plan_import_preview"
    ),
    path("deadline-preview/", views.deadline_preview, name="deadline_preview"),
    path("<slug:code>/new/", views.measure_create, name="measure_create"),
    path("<slug:code>/archive/", views.plan_archive, name="plan_archive"),
    path("<slug:code>/changes/", views.plan_changes, name="plan_changes"),
    path("<slug:code>/<str:number>/edit/", views.measure_edit, name="measure_edit"),
    path("<slug:code>/<str:number>/history/", views.measure_history_view, name="measure_history"),
    path(
        "<slug:code>/<str:number>/history/<int:history_id>/restore/",
        views.measure_restore,
        name="measure_restore",
    ),
    path("<slug:code>/<str:number>/archive/", views.measure_archive_view, name="measure_archive"),
    path(
        "<slug:code>/<str:number>/unarchive/",
        views.measure_unarchive_view,
        name="measure_unarchive",
    ),
]

# Editing the programme's structure: under /programmes/, in the ``programs`` namespace
# (regionalprogram/urls.py adds these to programs.urls).
programme_patterns = [
    path("programmes/<slug:code>/edit/", views_plan.programme_edit, name="programme_edit"),
    path(
        "programmes/<slug:code>/directions/new/",
        views_plan.direction_create_view,
        name="direction_create",
    ),
    path(
        "programmes/<slug:code>/directions/<int:pk>/edit/",
        views_plan.direction_edit,
        name="direction_edit",
    ),
    path(
        "programmes/<slug:code>/directions/<int:pk>/archive/",
        views_plan.direction_archive_view,
        name="direction_archive",
    ),
    path(
        "programmes/<slug:code>/directions/<int:pk>/unarchive/",
        views_plan.direction_unarchive_view,
        name="direction_unarchive",
    ),
    path(
        "programmes/<slug:code>/objectives/new/",
        views_plan.objective_create_view,
        name="objective_create",
    ),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/edit/",
        views_plan.objective_edit,
        name="objective_edit",
    ),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/archive/",
        views_plan.objective_archive_view,
        name="objective_archive",
    ),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/unarchive/",
        views_plan.objective_unarchive_view,
        name="objective_unarchive",
    ),
]
