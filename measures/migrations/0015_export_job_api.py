"""API list exports as export jobs: a job may be anonymous and span every programme, and the API
addresses it by a random key (filled for the jobs already there before it becomes unique)."""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill_keys(apps, schema_editor):
    ExportJob = apps.get_model("measures", "ExportJob")
    for job in ExportJob.objects.filter(key__isnull=True).only("pk").iterator():
        ExportJob.objects.filter(pk=job.pk).update(key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0014_plan_key"),
        ("programs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="exportjob",
            name="key",
            field=models.UUIDField(editable=False, null=True, verbose_name="key"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="exportjob",
            name="key",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="key"
            ),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="kind",
            field=models.CharField(
                choices=[
                    ("plan_xlsx", "action plan, .xlsx"),
                    ("plan_docx", "action plan, .docx"),
                    ("consolidated", "consolidated report, .docx"),
                    ("api_csv", "API list, .csv"),
                    ("api_xlsx", "API list, .xlsx"),
                ],
                max_length=20,
                verbose_name="what",
            ),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="programme",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="programs.programme",
                verbose_name="programme",
            ),
        ),
        migrations.AlterField(
            model_name="exportjob",
            name="requested_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="export_jobs",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
    ]
