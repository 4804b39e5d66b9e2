from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from measures import urls as measures_urls
from portal import urls as portal_urls
from programs import urls as programs_urls
from regionalprogram import views
from regions import urls as regions_urls


def namespace(app_name: str, *pattern_lists):
    """One app namespace made of the app's own patterns and the pages other apps build for it
    (the interface app's combined pages, the plan editor's programme pages), in that order."""
    return include(([pattern for patterns in pattern_lists for pattern in patterns], app_name))


urlpatterns = [
    path("", views.root_redirect, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers ask for /favicon.ico whatever the page says; the emblem answers. The static URL is
    # looked up per request: in production it names the hashed file of the collected manifest.
    path("favicon.ico", lambda request: redirect(static("img/emblem.svg"), permanent=True)),
    path("api/v1/", include("regionalprogram.api.urls")),
]
urlpatterns += i18n_patterns(
    *portal_urls.home_patterns,
    path(
        "",
        namespace(
            "programs",
            programs_urls.urlpatterns,
            measures_urls.programme_patterns,
            portal_urls.programs_patterns,
        ),
    ),
    path("plan/", namespace("measures", measures_urls.urlpatterns, portal_urls.measures_patterns)),
    path(
        "territory/",
        namespace("regions", regions_urls.urlpatterns, portal_urls.regions_patterns),
    ),
    path("reports/", include("measures.urls_reports")),
    path("working-group/", include("meetings.urls")),
    # Before Django's own, which it replaces: password reset with a rate limit.
    path("accounts/password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
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
