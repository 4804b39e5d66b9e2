"""The portal's URLs plus one view that fails, to see the 500 page as a reader would."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from regionalprogram.urls import (  # noqa: F401 - the handlers are read from this module
    handler400,
    handler403,
    handler404,
    handler500,
    urlpatterns,
)


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("api/v1/broken/", broken_view),
    *i18n_patterns(path("broken/", broken_view), prefix_default_language=True),
    *urlpatterns,
]
