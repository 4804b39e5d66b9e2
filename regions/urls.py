from django.urls import path

from regions import views

app_name = "regions"

# A unit's page, with the measures and money that reach it, is portal.urls.regions_patterns.
urlpatterns = [
    path("", views.unit_list, name="unit_list"),
]
