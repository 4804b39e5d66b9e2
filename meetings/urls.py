from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("<slug:slug>/", views.group_detail, name="group_detail"),
    path("<slug:slug>/meetings/", views.meeting_list, name="meeting_list"),
    path("<slug:slug>/meetings/<int:number>/", views.meeting_detail, name="meeting_detail"),
]
