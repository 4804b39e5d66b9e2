"""The API guide (in the three languages) and the page where a partner issues and revokes tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regionalprogram.api.models import ApiToken


def guide(request):
    base = request.build_absolute_uri("/api/v1/")
    return render(
        request,
        "api/guide.html",
        {
            "api_base": base,
            "export_direct_max": settings.EXPORT_DIRECT_MAX_MEASURES,
            "export_keep_hours": settings.EXPORT_KEEP_HOURS,
            "export_jobs_max": settings.EXPORT_JOBS_UNFINISHED_MAX,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            revoke = request.POST.get("revoke") or ""
            # A forged value (revoke=abc) is a token that is not there, not a server error.
            if not revoke.isascii() or not revoke.isdigit():
                raise Http404
            token = get_object_or_404(ApiToken, pk=int(revoke), user=request.user)
            token.revoke()
            messages.success(request, _("The token was revoked."))
            return redirect("api_guide:tokens")
        name = (request.POST.get("name") or "").strip()[:100]
        if not name:
            messages.error(request, _("Give the token a name, so you know later what uses it."))
        else:
            try:
                _token, new_key = ApiToken.issue(user=request.user, name=name)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
    context = {
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        "new_key": new_key,
    }
    return render(request, "api/tokens.html", context)
