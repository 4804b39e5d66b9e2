"""A measure's place in the official table as one indexed text, kept by PostgreSQL.

``measure_plan_key(direction, objective, sort_key)`` writes the plan order of
MeasureQuerySet.in_plan_order — the direction by HEADING_ORDER (position, number, id), then the
objective likewise (none after any), then the hierarchical number — as text that sorts that way
under the "C" collation: fixed-width positions and ids, numbers ended by chr(1), which sorts before
any character a number holds. Triggers keep it: a measure's own insert or update sets it; a
direction's or objective's new position or number sets it again for the measures under it. The
column is derived, like an index: it carries no version and no history.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('measures', '0013_merge_0011_export_jobs_0012_search_indexes'),
        ('programs', '0009_merge_20261129_0435'),
        ('regions', '0008_cities_of_district_significance'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='measure',
            name='plan_key',
            field=models.TextField(db_collation='C', default='', editable=False),
        ),
        migrations.RunSQL(
            sql=[
                """
                CREATE OR REPLACE FUNCTION measure_plan_key(direction bigint, objective bigint,
                                                            sort_key text)
                RETURNS text LANGUAGE sql STABLE AS $$
                  SELECT concat_ws(chr(1),
                    (SELECT lpad(d.position::text, 10, '0') || chr(1) || d.number || chr(1)
                            || lpad(d.id::text, 19, '0')
                       FROM programs_direction d WHERE d.id = direction),
                    coalesce((SELECT lpad(o.position::text, 10, '0') || chr(1) || o.number
                                     || chr(1) || lpad(o.id::text, 19, '0')
                                FROM programs_objective o WHERE o.id = objective), '~'),
                    sort_key)
                $$
                """,
                """
                CREATE OR REPLACE FUNCTION measure_plan_key_fill() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.plan_key := measure_plan_key(NEW.direction_id, NEW.objective_id,
                                                   NEW.sort_key);
                  RETURN NEW;
                END $$
                """,
                """
                CREATE TRIGGER measure_plan_key
                BEFORE INSERT OR UPDATE OF direction_id, objective_id, sort_key, plan_key
                ON measures_measure FOR EACH ROW EXECUTE FUNCTION measure_plan_key_fill()
                """,
                """
                CREATE OR REPLACE FUNCTION measure_plan_key_follow_heading() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_TABLE_NAME = 'programs_direction' THEN
                    UPDATE measures_measure SET plan_key = '' WHERE direction_id = NEW.id;
                  ELSE
                    UPDATE measures_measure SET plan_key = '' WHERE objective_id = NEW.id;
                  END IF;
                  RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER direction_plan_key AFTER UPDATE OF position, number
                ON programs_direction FOR EACH ROW
                WHEN (OLD.position IS DISTINCT FROM NEW.position
                      OR OLD.number IS DISTINCT FROM NEW.number)
                EXECUTE FUNCTION measure_plan_key_follow_heading()
                """,
                """
                CREATE TRIGGER objective_plan_key AFTER UPDATE OF position, number
                ON programs_objective FOR EACH ROW
                WHEN (OLD.position IS DISTINCT FROM NEW.position
                      OR OLD.number IS DISTINCT FROM NEW.number)
                EXECUTE FUNCTION measure_plan_key_follow_heading()
                """,
                "UPDATE measures_measure SET plan_key = ''",
            ],
            reverse_sql=[
                "DROP TRIGGER IF EXISTS objective_plan_key ON programs_objective",
                "DROP TRIGGER IF EXISTS direction_plan_key ON programs_direction",
                "DROP TRIGGER IF EXISTS measure_plan_key ON measures_measure",
                "DROP FUNCTION IF EXISTS measure_plan_key_follow_heading()",
                "DROP FUNCTION IF EXISTS measure_plan_key_fill()",
                "DROP FUNCTION IF EXISTS measure_plan_key(bigint, bigint, text)",
            ],
        ),
        migrations.AddIndex(
            model_name='measure',
            index=models.Index(condition=models.Q(('archived_at__isnull', True)), fields=['plan_key', 'id'], name='measure_plan_order'),
        ),
        migrations.AddIndex(
            model_name='measure',
            index=models.Index(condition=models.Q(('archived_at__isnull', True)), fields=['programme', 'plan_key', 'id'], name='measure_programme_plan_order'),
        ),
        migrations.AddIndex(
            model_name='measure',
            index=models.Index(condition=models.Q(('archived_at__isnull', True)), fields=['programme', 'sort_key', 'id'], name='measure_api_order'),
        ),
    ]
