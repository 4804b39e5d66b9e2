"""The portal's own pages, and the pages that combine several apps.

The combined pages keep the addresses and URL names of the app they are about:
regionalprogram/urls.py adds each list below to that app's namespace, after the app's own
patterns (so "/plan/<code>/new/" is the plan editor's before "/plan/<code>/<number>/" is a
measure's page).
"""

from django.urls import path

from portal import dashboards, views

app_name = "portal"

urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path("contacts/", views.contacts, name="contacts"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]

home_patterns = [path("", views.home, name="home")]

programs_patterns = [
    path(
        "programmes/<slug:code>/dashboard/",
        dashboards.programme_dashboard,
        name="programme_dashboard",
    ),
    path("programmes/<slug:code>/data-quality/", dashboards.data_quality, name="data_quality"),
    path("bodies/dashboard/", dashboards.bodies_dashboard, name="bodies_dashboard"),
    path("programmes/<slug:code>/", views.programme_detail, name="programme_detail"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
]

measures_patterns = [
    path("<slug:code>/<str:number>/", views.measure_detail, name="measure_detail"),
]

regions_patterns = [
    path("map/", views.territory_map, name="territory_map"),
    path("map/<str:soate>/", views.territory_map, name="territory_map_unit"),
    path("<str:soate>/", views.unit_detail, name="unit_detail"),
]
