"""The portal's own pages: contacts, the accessibility statement and the privacy notice."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render


def contacts(request):
    return render(request, "portal/contacts.html", {"contact": settings.PORTAL_CONTACT})


def accessibility(request):
    return render(request, "portal/accessibility.html", {"contact": settings.PORTAL_CONTACT})


def privacy(request):
    context = {
        "contact": settings.PORTAL_CONTACT,
        "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        "lockout_minutes": int(settings.AXES_COOLOFF_TIME * 60),
    }
    return render(request, "portal/privacy.html", context)
