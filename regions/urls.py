from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("", views.unit_list, name="unit_list"),
    path("<str:soate>/", views.unit_detail, name="unit_detail"),
]
