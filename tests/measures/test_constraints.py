"""Rules the database enforces even when a write skips the forms and full_clean()."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from measures.models import FundingLine, Measure, ProgressReport
from programs.models import Programme
from tests.factories import (
    FundingLineFactory,
    MeasureFactory,
    ProgrammeFactory,
    ProgressReportFactory,
)

pytestmark = pytest.mark.django_db


def test_duplicate_measure_number_in_a_programme_is_refused():
    measure = MeasureFactory(number="1.1.1")
    with pytest.raises(IntegrityError), transaction.atomic():
        MeasureFactory(
            number="1.1.1",
            objective=measure.objective,
        )
    assert Measure.objects.filter(programme=measure.programme, number="1.1.1").count() == 1


def test_same_measure_number_in_another_programme_is_fine():
    MeasureFactory(number="2.1.1")
    MeasureFactory(number="2.1.1")
    assert Measure.objects.filter(number="2.1.1").count() == 2


def test_programme_period_ending_before_it_starts_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(code="BAD-PERIOD", period_start_year=2030, period_end_year=2025)
    assert not Programme.objects.filter(code="BAD-PERIOD").exists()


@pytest.mark.parametrize("field", ["planned_amount", "actual_amount"])
def test_negative_funding_amount_is_refused(field):
    line = FundingLineFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingLine.objects.filter(pk=line.pk).update(**{field: Decimal("-1.0")})
    line.refresh_from_db()
    assert line.planned_amount == Decimal("1500.0")
    assert line.actual_amount is None


def test_report_percent_above_100_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressReportFactory(percent_complete=101)
    assert not ProgressReport.objects.exists()
    report = ProgressReportFactory(percent_complete=100)
    assert ProgressReport.objects.get(pk=report.pk).percent_complete == 100
