from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


def create_cache_table(using: str = "default", **kwargs) -> None:
    """The DatabaseCache's table, made wherever `migrate` runs: `make setup`, a production
    deploy, and every test database (pytest-django migrates them). `createcachetable` leaves an
    existing table alone and does nothing for a Redis cache."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class RegionalProgramConfig(AppConfig):
    # This module holds a second config (the task library's, below) and imports the library's:
    # with several, Django takes the one marked default, or a bare AppConfig whose ready() never
    # runs (the tolerant date readers and the cache table were lost that way).
    default = True
    name = "regionalprogram"
    verbose_name = "Regional Programme Portal"

    def ready(self):
        from regionalprogram.dates import register_tolerant_readers

        register_tolerant_readers()
        # Once per migrate, after this app's migrations (post_migrate is sent per app).
        post_migrate.connect(
            create_cache_table, sender=self, dispatch_uid="regionalprogram.cache_table"
        )


class TasksDatabaseConfig(TasksAppConfig):
    """django_tasks_db as it is, under a name the admin shows in the reader's language (the library
    names its section in English only)."""

    verbose_name = _("background tasks")
