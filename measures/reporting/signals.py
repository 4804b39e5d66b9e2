"""Periods follow their cycle and the programme period: whenever either is saved, the service
brings the periods in line (idempotent), whichever page, import or command saved it."""

from __future__ import annotations

from django.db.models.signals import post_save


def _programme_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:  # loading fixtures
        return
    from measures.reporting.services import programme_sync_reporting

    programme_sync_reporting(programme=instance)


def _cycle_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    from measures.reporting.services import cycle_sync_periods

    cycle_sync_periods(cycle=instance)


def connect() -> None:
    from measures.models import ReportingCycle
    from programs.models import Programme

    post_save.connect(_programme_saved, sender=Programme, dispatch_uid="reporting-programme-saved")
    post_save.connect(_cycle_saved, sender=ReportingCycle, dispatch_uid="reporting-cycle-saved")
