from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The interface layer above the model apps: pages that belong to no single app."""

    name = "portal"
    verbose_name = _("Portal pages")
