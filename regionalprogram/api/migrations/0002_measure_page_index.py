"""An index in the measures list's order, so a filtered page is read in order and stops after
page_size rows instead of sorting every matching measure of the plan."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("partner_api", "0001_initial"),
        ("measures", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS api_measure_page_order "
            "ON measures_measure (programme_id, sort_key, id)",
            reverse_sql="DROP INDEX IF EXISTS api_measure_page_order",
        ),
    ]
