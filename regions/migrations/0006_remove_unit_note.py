"""The old note columns go, now that 0005 has moved their text into the internal note."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0005_move_unit_notes"),
    ]

    operations = [
        migrations.RemoveField(model_name="administrativeunit", name="note"),
        migrations.RemoveField(model_name="administrativeunit", name="note_ky"),
        migrations.RemoveField(model_name="administrativeunit", name="note_ru"),
        migrations.RemoveField(model_name="administrativeunit", name="note_en"),
    ]
