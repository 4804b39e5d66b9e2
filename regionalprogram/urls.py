from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from regionalprogram import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("regionalprogram.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("programs.urls")),
    path("plan/", include("measures.urls")),
    path("reports/", include("measures.urls_reports")),
    path("territory/", include("regions.urls")),
    path("working-group/", include("meetings.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("regionalprogram.api.guide_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)
