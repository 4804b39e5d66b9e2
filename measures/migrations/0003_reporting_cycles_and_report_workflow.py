"""Reporting cycles and periods, the report's period, assessment, translated texts, spending rows,
steps and checked evidence; the measure's status override. The old period fields of reports stay
until 0004 has moved them onto periods; 0005 drops them."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0002_measure_version_and_history'),
        ('programs', '0002_history_of_programmes_directions_objectives'),
        ('regions', '0003_territory_types_and_indicators'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('created', 'draft started'), ('submitted', 'submitted'), ('returned', 'returned for revision'), ('accepted', 'accepted')], max_length=10, verbose_name='step')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                ('comment', models.TextField(blank=True, verbose_name='comment')),
            ],
            options={
                'verbose_name': 'report step',
                'verbose_name_plural': 'report steps',
                'ordering': ['report', 'at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ReportingCycle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('quarter', 'quarter'), ('half_year', 'half-year'), ('year', 'year')], max_length=10, verbose_name='reporting period')),
                ('due_day', models.PositiveSmallIntegerField(default=15, help_text='Day of the month; in a shorter month, its last day.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(31)], verbose_name='reports due on day')),
                ('due_months_after', models.PositiveSmallIntegerField(default=1, help_text='1: the month after the period ends.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='months after the period')),
            ],
            options={
                'verbose_name': 'reporting cycle',
                'verbose_name_plural': 'reporting cycles',
                'ordering': ['programme', 'kind'],
            },
        ),
        migrations.CreateModel(
            name='ReportingPeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('number', models.PositiveSmallIntegerField(help_text='Quarter 1–4, half-year 1–2, 1 for a year.', verbose_name='period number')),
                ('start', models.DateField(verbose_name='first day')),
                ('end', models.DateField(verbose_name='last day')),
                ('due_date', models.DateField(verbose_name='reports due')),
            ],
            options={
                'verbose_name': 'reporting period',
                'verbose_name_plural': 'reporting periods',
                'ordering': ['cycle', 'start'],
            },
        ),
        migrations.CreateModel(
            name='ReportSpending',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source', models.CharField(choices=[('republican', 'republican budget'), ('local', 'local budget'), ('donor', 'donor funds'), ('private', 'private funds'), ('within_budget', 'within the approved budget'), ('other', 'other sources')], max_length=15, verbose_name='funding source')),
                ('amount', models.DecimalField(decimal_places=1, max_digits=14, validators=[django.core.validators.MinValueValidator(0)], verbose_name='spent, thousand KGS')),
            ],
            options={
                'verbose_name': 'money spent',
                'verbose_name_plural': 'money spent',
                'ordering': ['report', 'source', 'donor'],
            },
        ),
        migrations.AlterModelOptions(
            name='progressreport',
            options={'ordering': ['-id'], 'verbose_name': 'progress report', 'verbose_name_plural': 'progress reports'},
        ),
        migrations.AlterModelOptions(
            name='reportevidence',
            options={'ordering': ['report', 'uploaded_at', 'id'], 'verbose_name': 'evidence', 'verbose_name_plural': 'evidence'},
        ),
        migrations.RemoveConstraint(
            model_name='indicatoractual',
            name='indicator_actual_unique',
        ),
        migrations.AddField(
            model_name='historicalmeasure',
            name='status_override',
            field=models.CharField(blank=True, choices=[('not_started', 'not started'), ('on_track', 'on track'), ('at_risk', 'at risk'), ('overdue', 'overdue'), ('completed', 'completed'), ('not_reported', 'not reported')], help_text='Replaces the computed status until it is cleared; a reason is required.', max_length=12, verbose_name='status set by the editor'),
        ),
        migrations.AddField(
            model_name='historicalmeasure',
            name='status_override_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='status set at'),
        ),
        migrations.AddField(
            model_name='historicalmeasure',
            name='status_override_by',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='status set by'),
        ),
        migrations.AddField(
            model_name='historicalmeasure',
            name='status_override_reason',
            field=models.TextField(blank=True, verbose_name='reason for the status set by hand'),
        ),
        migrations.AddField(
            model_name='indicatoractual',
            name='unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='indicator_actuals', to='regions.administrativeunit', verbose_name='administrative unit'),
        ),
        migrations.AddField(
            model_name='indicatoractual',
            name='year',
            field=models.PositiveSmallIntegerField(null=True, verbose_name='year'),
        ),
        migrations.AddField(
            model_name='measure',
            name='status_override',
            field=models.CharField(blank=True, choices=[('not_started', 'not started'), ('on_track', 'on track'), ('at_risk', 'at risk'), ('overdue', 'overdue'), ('completed', 'completed'), ('not_reported', 'not reported')], help_text='Replaces the computed status until it is cleared; a reason is required.', max_length=12, verbose_name='status set by the editor'),
        ),
        migrations.AddField(
            model_name='measure',
            name='status_override_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='status set at'),
        ),
        migrations.AddField(
            model_name='measure',
            name='status_override_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='status set by'),
        ),
        migrations.AddField(
            model_name='measure',
            name='status_override_reason',
            field=models.TextField(blank=True, verbose_name='reason for the status set by hand'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='delay_reason_en',
            field=models.TextField(blank=True, null=True, verbose_name='reason for delay'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='delay_reason_ky',
            field=models.TextField(blank=True, null=True, verbose_name='reason for delay'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='delay_reason_ru',
            field=models.TextField(blank=True, null=True, verbose_name='reason for delay'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='execution',
            field=models.CharField(blank=True, choices=[('done', 'done'), ('partly_done', 'partly done'), ('not_done', 'not done'), ('not_started', 'not started')], max_length=12, verbose_name='execution'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='language',
            field=models.CharField(choices=[('ky', 'Кыргызча'), ('ru', 'Русский'), ('en', 'English')], default='ky', max_length=5, verbose_name='language of the report'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='text_en',
            field=models.TextField(blank=True, null=True, verbose_name='what was done'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='text_ky',
            field=models.TextField(blank=True, null=True, verbose_name='what was done'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='text_ru',
            field=models.TextField(blank=True, null=True, verbose_name='what was done'),
        ),
        migrations.AddField(
            model_name='reportevidence',
            name='content_type',
            field=models.CharField(blank=True, max_length=100, verbose_name='file type'),
        ),
        migrations.AddField(
            model_name='reportevidence',
            name='original_name',
            field=models.CharField(blank=True, max_length=255, verbose_name='file name'),
        ),
        migrations.AddField(
            model_name='reportevidence',
            name='size',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='size, bytes'),
        ),
        migrations.AddField(
            model_name='reportevidence',
            name='uploaded_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='added at'),
        ),
        migrations.AlterField(
            model_name='fundingline',
            name='actual_amount',
            field=models.DecimalField(blank=True, decimal_places=1, editable=False, help_text='The sum of the accepted reports; never typed in.', max_digits=14, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='spent, thousand KGS'),
        ),
        migrations.AlterField(
            model_name='historicalfundingline',
            name='actual_amount',
            field=models.DecimalField(blank=True, decimal_places=1, editable=False, help_text='The sum of the accepted reports; never typed in.', max_digits=14, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='spent, thousand KGS'),
        ),
        migrations.AlterField(
            model_name='progressreport',
            name='text',
            field=models.TextField(blank=True, verbose_name='what was done'),
        ),
        migrations.AddConstraint(
            model_name='indicatoractual',
            constraint=models.UniqueConstraint(fields=('report', 'indicator', 'year', 'unit'), name='indicator_actual_unique', nulls_distinct=False),
        ),
        migrations.AddConstraint(
            model_name='measure',
            constraint=models.CheckConstraint(condition=models.Q(('status_override', ''), models.Q(('status_override_reason', ''), _negated=True), _connector='OR'), name='measure_status_override_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='reportevidence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('file', ''), _negated=True), models.Q(('link', ''), _negated=True), _connector='OR'), name='report_evidence_file_or_link'),
        ),
        migrations.AddField(
            model_name='reportevent',
            name='report',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='measures.progressreport', verbose_name='report'),
        ),
        migrations.AddField(
            model_name='reportevent',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AddField(
            model_name='reportingcycle',
            name='programme',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reporting_cycles', to='programs.programme', verbose_name='programme'),
        ),
        migrations.AddField(
            model_name='reportingperiod',
            name='cycle',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='periods', to='measures.reportingcycle', verbose_name='reporting cycle'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='period',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='measures.reportingperiod', verbose_name='reporting period'),
        ),
        migrations.AddIndex(
            model_name='progressreport',
            index=models.Index(fields=['measure', 'status'], name='report_measure_status'),
        ),
        migrations.AddField(
            model_name='reportspending',
            name='donor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programs.responsiblebody', verbose_name='donor'),
        ),
        migrations.AddField(
            model_name='reportspending',
            name='report',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='spending', to='measures.progressreport', verbose_name='report'),
        ),
        migrations.AddConstraint(
            model_name='reportingcycle',
            constraint=models.UniqueConstraint(fields=('programme', 'kind'), name='reporting_cycle_unique'),
        ),
        migrations.AddConstraint(
            model_name='reportingcycle',
            constraint=models.CheckConstraint(condition=models.Q(('due_day__gte', 1), ('due_day__lte', 31)), name='reporting_cycle_due_day'),
        ),
        migrations.AddConstraint(
            model_name='reportingcycle',
            constraint=models.CheckConstraint(condition=models.Q(('due_months_after__gte', 1), ('due_months_after__lte', 12)), name='reporting_cycle_months_after'),
        ),
        migrations.AddIndex(
            model_name='reportingperiod',
            index=models.Index(fields=['due_date'], name='reporting_period_due'),
        ),
        migrations.AddConstraint(
            model_name='reportingperiod',
            constraint=models.UniqueConstraint(fields=('cycle', 'year', 'number'), name='reporting_period_unique'),
        ),
        migrations.AddConstraint(
            model_name='reportingperiod',
            constraint=models.CheckConstraint(condition=models.Q(('end__gte', models.F('start'))), name='period_end_after_start'),
        ),
        migrations.AddConstraint(
            model_name='reportingperiod',
            constraint=models.CheckConstraint(condition=models.Q(('due_date__gte', models.F('end'))), name='period_due_after_end'),
        ),
        migrations.AddConstraint(
            model_name='reportspending',
            constraint=models.UniqueConstraint(fields=('report', 'source', 'donor'), name='report_spending_unique', nulls_distinct=False),
        ),
        migrations.AddConstraint(
            model_name='reportspending',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gte', 0)), name='report_spending_not_negative'),
        ),
    ]
