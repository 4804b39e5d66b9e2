from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Action plan")

    def ready(self) -> None:
        from measures import signals
        from measures.history import skip_unchanged_save, tracked_models
        from measures.reporting import signals as reporting_signals

        reporting_signals.connect()

        for model in tracked_models():
            pre_save.connect(
                skip_unchanged_save, sender=model, dispatch_uid=f"history-skip-{model.__name__}"
            )
        signals.connect()

        from measures.api_exports import answer_if_large
        from regionalprogram.api import export as api_export

        api_export.large_export = answer_if_large
