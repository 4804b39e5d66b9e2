from django.apps import AppConfig


class RegionalProgramConfig(AppConfig):
    name = "regionalprogram"
    verbose_name = "Regional Programme Portal"

    def ready(self):
        from regionalprogram.dates import register_tolerant_readers

        register_tolerant_readers()
