"""A change to a measure's co-executors, target units, funding lines (and their allocation to
units), indicators or targets is a change to the measure for the API's sync (``updated_since``). Signals, so that every path counts:
the services, the import's bulk rows, the admin's own pages for the rows."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from measures import figures
from measures.models import (
    FundingAllocation,
    FundingLine,
    IndicatorActual,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
    ReportingCycle,
    ReportingPeriod,
)
from measures.services import measure_touch
from programs.models import Programme


def _touch_from_row(sender, instance, **kwargs) -> None:
    measure_touch([instance.measure_id])


def _touch_from_target(sender, instance, **kwargs) -> None:
    measure_touch(
        MeasureIndicator.objects.filter(pk=instance.indicator_id).values_list(
            "measure_id", flat=True
        )
    )


def _touch_from_allocation(sender, instance, **kwargs) -> None:
    measure_touch(
        FundingLine.objects.filter(pk=instance.line_id).values_list("measure_id", flat=True)
    )


def _touch_from_units(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        measure_touch([instance.pk])
    elif pk_set:
        measure_touch(pk_set)


# The plan's kept figures (measures.figures) move on with every write that can change them; rows of
# a measure reach them through measure_touch.
def _plan_from_measure(sender, instance, **kwargs) -> None:
    figures.plan_changed([instance.programme_id])


def _plan_from_report(sender, instance, **kwargs) -> None:
    figures.measures_changed([instance.measure_id])


def _plan_from_actual(sender, instance, **kwargs) -> None:
    figures.reports_changed([instance.report_id])


def _plan_from_period(sender, instance, **kwargs) -> None:
    figures.cycles_changed([instance.cycle_id])


def _plan_from_cycle(sender, instance, **kwargs) -> None:
    figures.plan_changed([instance.programme_id])


def _plan_from_programme(sender, instance, **kwargs) -> None:
    # Its status decides who sees its plan, its period the measures' statuses.
    figures.plan_changed([instance.pk])


def connect() -> None:
    for model, receiver in (
        (Measure, _plan_from_measure),
        (ProgressReport, _plan_from_report),
        (IndicatorActual, _plan_from_actual),
        (ReportingPeriod, _plan_from_period),
        (ReportingCycle, _plan_from_cycle),
    ):
        post_save.connect(receiver, sender=model, dispatch_uid=f"figures-{model.__name__}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"figures-del-{model.__name__}")
    post_save.connect(_plan_from_programme, sender=Programme, dispatch_uid="figures-Programme")
    for model in (MeasureExecutor, FundingLine, MeasureIndicator):
        post_save.connect(_touch_from_row, sender=model, dispatch_uid=f"touch-{model.__name__}")
        post_delete.connect(
            _touch_from_row, sender=model, dispatch_uid=f"touch-del-{model.__name__}"
        )
    post_save.connect(_touch_from_target, sender=IndicatorTarget, dispatch_uid="touch-target")
    post_delete.connect(_touch_from_target, sender=IndicatorTarget, dispatch_uid="touch-del-target")
    post_save.connect(
        _touch_from_allocation, sender=FundingAllocation, dispatch_uid="touch-allocation"
    )
    post_delete.connect(
        _touch_from_allocation, sender=FundingAllocation, dispatch_uid="touch-del-allocation"
    )
    m2m_changed.connect(
        _touch_from_units, sender=Measure.target_units.through, dispatch_uid="touch-units"
    )
