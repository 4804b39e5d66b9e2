"""A unit's note becomes two: a public note in three languages, for readers, and an internal note,
for staff. The old note moves in 0005 and goes in 0006 (one transaction each, so the data move never
shares a transaction with a change of the table)."""

from django.db import migrations, models

PUBLIC_HELP = (
    "Written for readers and shown on the unit's page in the reader's language only: leave a "
    "language empty rather than copy another one into it."
)
INTERNAL_HELP = (
    "For staff: sources, doubts, typos in other datasets. Never shown on public pages or in the API."
)


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0003_territory_types_and_indicators"),
    ]

    operations = [
        migrations.AddField(
            model_name="administrativeunit",
            name="internal_note",
            field=models.TextField(blank=True, help_text=INTERNAL_HELP, verbose_name="internal note"),
        ),
        migrations.AddField(
            model_name="administrativeunit",
            name="public_note",
            field=models.TextField(blank=True, help_text=PUBLIC_HELP, verbose_name="public note"),
        ),
        migrations.AddField(
            model_name="administrativeunit",
            name="public_note_ky",
            field=models.TextField(
                blank=True, help_text=PUBLIC_HELP, null=True, verbose_name="public note"
            ),
        ),
        migrations.AddField(
            model_name="administrativeunit",
            name="public_note_ru",
            field=models.TextField(
                blank=True, help_text=PUBLIC_HELP, null=True, verbose_name="public note"
            ),
        ),
        migrations.AddField(
            model_name="administrativeunit",
            name="public_note_en",
            field=models.TextField(
                blank=True, help_text=PUBLIC_HELP, null=True, verbose_name="public note"
            ),
        ),
    ]
