from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Programmes")

    def ready(self) -> None:
        from programs.roles import sync_roles_after_migrate

        # Roles (auth groups) are reference data; they follow programs/roles.py on every migrate.
        post_migrate.connect(
            sync_roles_after_migrate, sender=self, dispatch_uid="programs.sync_role_groups"
        )
