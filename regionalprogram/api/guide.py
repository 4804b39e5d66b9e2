"""The API guide (in the three languages) and the page where a partner issues and revokes tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regionalprogram.api.models import ApiToken


def guide(request):
    base = request.build_absolute_uri("/api/v1/")
    return render(request, "api/guide.html", {"api_base": base})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    new_key = None
    if request.method == "POST":
        if "revoke" in request.POST:
            token = get_object_or_404(ApiToken, pk=request.POST.get("revoke"), user=request.user)
            token.revoke()
            messages.success(request, _("The token was revoked."))
            return redirect("api_guide:tokens")
        name = (request.POST.get("name") or "").strip()[:100]
        if not name:
            messages.error(request, _("Give the token a name, so you know later what uses it."))
        else:
            _token, new_key = ApiToken.issue(user=request.user, name=name)
    context = {
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created_at"),
        "new_key": new_key,
    }
    return render(request, "api/tokens.html", context)
