from django.urls import path

from measures import views

app_name = "measures"

urlpatterns = [
    path("", views.measure_list, name="measure_list"),
    path("<slug:code>/<str:number>/", views.measure_detail, name="measure_detail"),
]
