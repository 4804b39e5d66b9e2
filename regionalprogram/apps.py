from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class RegionalProgramConfig(AppConfig):
    name = "regionalprogram"
    verbose_name = "Regional Programme Portal"

    def ready(self):
        from regionalprogram.dates import register_tolerant_readers

        register_tolerant_readers()


class TasksDatabaseConfig(TasksAppConfig):
    """django_tasks_db as it is, under a name the admin shows in the reader's language (the library
    names its section in English only)."""

    verbose_name = _("background tasks")
