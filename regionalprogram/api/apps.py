from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerApiConfig(AppConfig):
    name = "regionalprogram.api"
    label = "partner_api"
    verbose_name = _("Partner API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from regionalprogram.api import schema  # noqa: F401 - schema registers itself
