from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("contacts/", views.contacts, name="contacts"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]
