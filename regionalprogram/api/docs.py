"""The API reference pages (Swagger UI and ReDoc), served from the portal with nothing external.

ReDoc's bundle always draws a "by Redocly" logo from cdn.redoc.ly; the page's
Content-Security-Policy lets the browser load images, scripts, styles and connections from the
portal only, so that request is never sent (the logo's error handler hides it).
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

# ReDoc and Swagger UI style their elements inline and start web workers from blobs.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; worker-src 'self' blob:; connect-src 'self'; font-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)


class LocalRedocView(SpectacularRedocView):
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response


class LocalSwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI with its start script as a separate request, so the page has no inline script."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = DOCS_CSP
        return response
