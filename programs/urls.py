from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme_detail"),
    path("programmes/<slug:code>/edit/", views.programme_edit, name="programme_edit"),
    path(
        "programmes/<slug:code>/directions/new/",
        views.direction_create_view,
        name="direction_create",
    ),
    path(
        "programmes/<slug:code>/directions/<int:pk>/edit/",
        views.direction_edit,
        name="direction_edit",
    ),
    path(
        "programmes/<slug:code>/directions/<int:pk>/archive/",
        views.direction_archive_view,
        name="direction_archive",
    ),
    path(
        "programmes/<slug:code>/directions/<int:pk>/unarchive/",
        views.direction_unarchive_view,
        name="direction_unarchive",
    ),
    path(
        "programmes/<slug:code>/objectives/new/",
        views.objective_create_view,
        name="objective_create",
    ),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/edit/",
        views.objective_edit,
        name="objective_edit",
    ),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/archive/",
        views.objective_archive_view,
        name="objective_archive",
    ),
    path(
        "programmes/<slug:code>/objectives/<int:pk>/unarchive/",
        views.objective_unarchive_view,
        name="objective_unarchive",
    ),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
]
