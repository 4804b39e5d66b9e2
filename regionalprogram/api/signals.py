"""Keep Measure.updated_at honest for sync: a change to a measure's executors, target units,
funding lines, indicators or targets is a change to the measure, so `updated_since` finds it."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone


def _touch(measure_id) -> None:
    from measures.models import Measure

    if measure_id:
        Measure.objects.filter(pk=measure_id).update(updated_at=timezone.now())


def _touch_from_child(sender, instance, **kwargs) -> None:
    _touch(getattr(instance, "measure_id", None))


def _touch_from_target(sender, instance, **kwargs) -> None:
    indicator_id = instance.indicator_id
    from measures.models import MeasureIndicator

    _touch(
        MeasureIndicator.objects.filter(pk=indicator_id)
        .values_list("measure_id", flat=True)
        .first()
    )


def _touch_from_units(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    from measures.models import Measure

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _touch(instance.pk)
    elif pk_set:
        Measure.objects.filter(pk__in=pk_set).update(updated_at=timezone.now())


def connect() -> None:
    from measures.models import (
        FundingLine,
        IndicatorTarget,
        Measure,
        MeasureExecutor,
        MeasureIndicator,
    )

    for model in (MeasureExecutor, FundingLine, MeasureIndicator):
        post_save.connect(
            _touch_from_child, sender=model, dispatch_uid=f"api-touch-{model.__name__}"
        )
        post_delete.connect(
            _touch_from_child, sender=model, dispatch_uid=f"api-touch-del-{model.__name__}"
        )
    post_save.connect(_touch_from_target, sender=IndicatorTarget, dispatch_uid="api-touch-target")
    post_delete.connect(
        _touch_from_target, sender=IndicatorTarget, dispatch_uid="api-touch-del-target"
    )
    m2m_changed.connect(
        _touch_from_units, sender=Measure.target_units.through, dispatch_uid="api-touch-units"
    )
