"""Reports now name their period; the old kind/year/number and the single money figure go."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_reports_onto_periods"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='progressreport',
            name='progress_report_unique_per_period',
        ),
        migrations.RemoveConstraint(
            model_name='progressreport',
            name='report_money_not_negative',
        ),
        migrations.RemoveConstraint(
            model_name='progressreport',
            name='report_period_number_fits_kind',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='money_spent',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='period_kind',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='period_number',
        ),
        migrations.RemoveField(
            model_name='progressreport',
            name='period_year',
        ),
        migrations.AddConstraint(
            model_name='progressreport',
            constraint=models.UniqueConstraint(fields=('measure', 'reporting_body', 'period'), name='progress_report_unique_per_period'),
        ),
        migrations.AlterField(
            model_name="progressreport",
            name="period",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reports",
                to="measures.reportingperiod",
                verbose_name="reporting period",
            ),
        ),
        migrations.AlterField(
            model_name="indicatoractual",
            name="year",
            field=models.PositiveSmallIntegerField(verbose_name="year"),
        ),
    ]
