from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from regionalprogram import views

urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico whatever the page says; the emblem answers. The static URL is
    # looked up per request: in production it names the hashed file of the collected manifest.
    path("favicon.ico", lambda request: redirect(static("img/emblem.svg"), permanent=True)),
    path("api/v1/", include("regionalprogram.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("programs.urls")),
    path("plan/", include("measures.urls")),
    path("territory/", include("regions.urls")),
    path("working-group/", include("meetings.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("regionalprogram.api.guide_urls")),
    path("", include("portal.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler400 = "regionalprogram.errors.bad_request"
handler403 = "regionalprogram.errors.permission_denied"
handler404 = "regionalprogram.errors.page_not_found"
handler500 = "regionalprogram.errors.server_error"
