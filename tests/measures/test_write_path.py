"""Every change of a measure goes through measures.services.measure_save: the import, the objective
move, the programme's period, the admin and the services themselves bump the version and record who
made the change, so an editor who opened the measure before gets a conflict, never a silent loss."""

from __future__ import annotations

import datetime
import io
from io import StringIO

import pytest
from django.contrib.admin.sites import site as admin_site
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from django.test import RequestFactory
from django.utils import translation

from measures import views_io
from measures.models import Measure
from measures.plan_io.importer import apply_plan, build_plan
from measures.services import EditConflict, MeasureContent, measure_save, measure_update
from measures.views_io import decision_field
from programs.models import Programme
from programs.services import version_of
from tests.edit_helpers import editor_of, measure_post_data
from tests.factories import (
    DirectionFactory,
    MeasureFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.measures.plan_files import make_programme_and_bodies, realistic_rows, workbook_bytes
from tests.measures.test_plan_import_views import upload

# The sample file names one body no directory holds; an import goes ahead only once the editor
# has decided what it is (here: a new body).
WONDERS = {decision_field("Министерство чудес"): "new"}

pytestmark = pytest.mark.django_db

NEW_TITLE = "Методика интеграции пространственного планирования (редакция импорта)"


@pytest.fixture(autouse=True)
def _private_upload_dir(settings, tmp_path):
    settings.PLAN_IMPORT_DIR = tmp_path / "plan-imports"


@pytest.fixture
def programme():
    return make_programme_and_bodies()[0]


def rows_with_titles(**titles) -> list[list]:
    """The realistic plan with some measures retitled: rows_with_titles(m_1_1_1="...")."""
    rows = realistic_rows()
    wanted = {key[2:].replace("_", "."): title for key, title in titles.items()}
    for row in rows:
        number = str(row[0]).rstrip(".")
        if number in wanted:
            row[1] = wanted[number]
    return rows


def imported(programme, rows, **kwargs):
    plan = build_plan(programme, io.BytesIO(workbook_bytes(rows)))
    return apply_plan(plan, skip_failed_rows=True, **kwargs)


def edit_url(measure) -> str:
    return f"/en/plan/{measure.programme.code}/{measure.number}/edit/"


# --- the import ---------------------------------------------------------------------------------


def test_a_save_after_an_import_of_the_same_measure_is_a_conflict(client, programme):
    imported(programme, realistic_rows())
    measure = Measure.objects.get(programme=programme, number="1.1.1")
    assert measure.version == 1
    editor = editor_of(programme, username="plan_editor")
    opened = measure_post_data(measure)  # the editor opens the page before the import

    client.force_login(editor_of(programme, username="plan_importer"))
    preview = upload(client, programme, workbook_bytes(rows_with_titles(m_1_1_1=NEW_TITLE)))
    applied = client.post(
        preview["Location"], {"action": "apply", "skip_failed_rows": "1", **WONDERS}
    )
    assert applied.status_code == 200
    measure.refresh_from_db()
    assert (measure.title_ru, measure.version) == (NEW_TITLE, 2)

    client.force_login(editor)
    response = client.post(edit_url(measure), {**opened, "measure-deadline_text": "I квартал 2026"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this measure while you were editing it" in html
    assert "plan_importer" in html  # who changed it...
    assert NEW_TITLE in html and opened["measure-title_ru"] in html  # ...and what, old → new
    assert 'name="measure-version" value="2"' in html
    measure.refresh_from_db()
    assert (measure.title_ru, measure.deadline_text, measure.version) == (
        NEW_TITLE,
        "IV квартал 2025",
        2,
    )


def test_the_web_import_records_who_imported_and_from_which_file(client, programme):
    importer = editor_of(programme, username="plan_importer")
    client.force_login(importer)
    preview = upload(client, programme, workbook_bytes(realistic_rows()), name="plan-2026.xlsx")
    client.post(preview["Location"], {"action": "apply", "skip_failed_rows": "1", **WONDERS})

    measure = Measure.objects.get(programme=programme, number="1.1.1")
    record = measure.history.latest("history_date")
    assert record.history_user == importer
    assert record.history_change_reason == "imported from plan-2026.xlsx"
    executor = measure.executors.first().history.latest("history_date")
    assert (executor.history_user, executor.history_change_reason) == (
        importer,
        "imported from plan-2026.xlsx",
    )


def test_the_command_records_the_user_it_is_given_or_nobody(tmp_path, programme):
    importer = UserFactory(username="clerk")
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(realistic_rows()))
    args = [str(path), "--programme", programme.code, "--skip-failed-rows"]
    with translation.override("en"):
        call_command("import_action_plan", *args, "--user", "clerk", stdout=StringIO())
        path.write_bytes(workbook_bytes(rows_with_titles(m_1_1_1=NEW_TITLE)))
        call_command("import_action_plan", *args, stdout=StringIO())
        with pytest.raises(CommandError, match="No user with the username 'nobody'"):
            call_command("import_action_plan", *args, "--user", "nobody", stdout=StringIO())

    measure = Measure.objects.get(programme=programme, number="1.1.1")
    first, second = measure.history.order_by("history_date")
    assert (first.history_user, first.history_change_reason) == (
        importer,
        "imported from plan.xlsx",
    )
    assert (second.history_user, second.history_change_reason) == (None, "imported from plan.xlsx")
    assert second.version == 2


def test_an_import_moves_the_version_of_changed_measures_only(programme):
    imported(programme, realistic_rows())
    imported(programme, realistic_rows())
    assert set(Measure.objects.values_list("number", "version")) == {
        ("1.1.1", 1),
        ("1.1.3", 1),
        ("2.1.1", 1),
    }
    imported(programme, rows_with_titles(m_2_1_1="Поддержка приграничных аймаков"))
    assert set(Measure.objects.values_list("number", "version")) == {
        ("1.1.1", 1),
        ("1.1.3", 1),
        ("2.1.1", 2),
    }


def test_a_measure_saved_after_the_file_was_read_refuses_the_whole_import(programme):
    imported(programme, realistic_rows())
    rows = rows_with_titles(m_1_1_1=NEW_TITLE, m_2_1_1="Поддержка приграничных аймаков")
    plan = build_plan(programme, io.BytesIO(workbook_bytes(rows)))
    late = Measure.objects.get(programme=programme, number="2.1.1")
    measure_update(
        measure=late,
        content=MeasureContent(fields={"title_en": "Saved by an editor meanwhile"}),
        user=editor_of(programme),
        expected_version=1,
    )

    with pytest.raises(EditConflict):
        apply_plan(plan, skip_failed_rows=True)

    # 1.1.1 came first in the file and was written, then rolled back with the rest.
    assert Measure.objects.get(programme=programme, number="1.1.1").title_ru != NEW_TITLE
    late.refresh_from_db()
    assert (late.title_en, late.version) == ("Saved by an editor meanwhile", 2)


def test_the_preview_says_which_measure_was_saved_meanwhile(client, programme, monkeypatch):
    imported(programme, realistic_rows())
    apply = views_io.apply_plan

    def saved_in_between(plan, **kwargs):
        Measure.objects.filter(number="1.1.1").update(version=F("version") + 1)
        return apply(plan, **kwargs)

    monkeypatch.setattr(views_io, "apply_plan", saved_in_between)
    client.force_login(editor_of(programme))
    preview = upload(client, programme, workbook_bytes(rows_with_titles(m_1_1_1=NEW_TITLE)))
    response = client.post(
        preview["Location"], {"action": "apply", "skip_failed_rows": "1", **WONDERS}, follow=True
    )
    assert response.redirect_chain[-1][0] == preview["Location"]
    assert "measure 1.1.1 was saved by someone else meanwhile" in response.content.decode()
    assert Measure.objects.get(number="1.1.1").title_ru != NEW_TITLE


def test_a_long_file_name_fits_the_history_reason(programme):
    imported(programme, realistic_rows(), source="п" * 200 + ".xlsx")
    reason = Measure.objects.get(number="1.1.1").history.get().history_change_reason
    assert reason.startswith("imported from ппп") and len(reason) == 100


# --- programme and objective edits --------------------------------------------------------------


@pytest.fixture
def plan():
    programme = ProgrammeFactory(code="REG-W", period_start_year=2025, period_end_year=2030)
    first = DirectionFactory(programme=programme, number="1")
    second = DirectionFactory(programme=programme, number="2")
    objective = ObjectiveFactory(direction=first, number="1.1")
    return programme, first, second, objective


def test_moving_an_objective_moves_its_measures_as_a_new_version(client, plan):
    programme, _first, second, objective = plan
    measure = MeasureFactory(objective=objective, number="1.1.1")
    editor = editor_of(programme)
    client.force_login(editor)
    data = {
        "direction": str(second.pk),
        "number": "1.1",
        "position": "1",
        "title_ru": "Задача",
        "version": version_of(objective),
    }
    response = client.post(f"/en/programmes/REG-W/objectives/{objective.pk}/edit/", data)
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.direction, measure.objective, measure.version) == (second, objective, 2)
    record = measure.history.latest("history_date")
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "moved with its objective",
    )


def programme_data(**overrides) -> dict:
    return {
        "title_ru": "Программа",
        "status": "draft",
        "period_start_year": "2025",
        "period_end_year": "2030",
        "reporting_period": "half_year",
        "report_due_day": "15",
        "report_due_months_after": "1",
        "version": version_of(Programme.objects.get(code="REG-W")),
        **overrides,
    }


def test_a_new_programme_period_moves_annual_measures_as_a_new_version(client, plan):
    programme, _first, _second, objective = plan
    annual = MeasureFactory(
        objective=objective,
        number="1.1.1",
        deadline_text="ежегодно",
        deadline_kind="annual",
        deadline_start=datetime.date(2025, 1, 1),
        deadline_end=datetime.date(2030, 12, 31),
    )
    dated = MeasureFactory(objective=objective, number="1.1.2")  # IV квартал 2026
    editor = editor_of(programme)
    client.force_login(editor)
    response = client.post("/en/programmes/REG-W/edit/", programme_data(period_end_year="2032"))
    assert response.status_code == 302
    annual.refresh_from_db()
    dated.refresh_from_db()
    assert (annual.deadline_end, annual.version) == (datetime.date(2032, 12, 31), 2)
    assert annual.history.latest("history_date").history_user == editor
    assert dated.version == 1  # its own dates still fit: untouched


def test_a_period_that_leaves_a_dated_measure_outside_changes_nothing(client, plan):
    programme, _first, _second, objective = plan
    annual = MeasureFactory(
        objective=objective,
        number="1.1.1",
        deadline_text="ежегодно",
        deadline_kind="annual",
        deadline_start=datetime.date(2025, 1, 1),
        deadline_end=datetime.date(2030, 12, 31),
    )
    MeasureFactory(objective=objective, number="1.1.2")  # IV квартал 2026
    client.force_login(editor_of(programme))
    response = client.post("/en/programmes/REG-W/edit/", programme_data(period_start_year="2027"))
    assert response.status_code == 200
    assert "The deadlines of measures 1.1.2 fall outside 2027–2030" in response.content.decode()
    programme.refresh_from_db()
    annual.refresh_from_db()
    assert programme.period_start_year == 2025
    assert (annual.deadline_start, annual.version) == (datetime.date(2025, 1, 1), 1)


# --- the function itself, and the admin -------------------------------------------------------


def test_a_change_based_on_an_older_version_is_refused(plan):
    measure = MeasureFactory(objective=plan[3], number="1.1.1")
    mine, theirs = Measure.objects.get(pk=measure.pk), Measure.objects.get(pk=measure.pk)
    theirs.title_en = "Theirs"
    measure_save(theirs, user=None)
    mine.title_en = "Mine"
    with pytest.raises(EditConflict):
        measure_save(mine, user=None)
    measure.refresh_from_db()
    assert (measure.title_en, measure.version) == ("Theirs", 2)


def test_a_save_in_the_admin_is_a_new_version_by_that_admin(plan):
    measure = MeasureFactory(objective=plan[3], number="1.1.1")
    admin = UserFactory(is_staff=True, is_superuser=True)
    request = RequestFactory().post("/admin/")
    request.user = admin
    measure.title_en = "Fixed in the admin"
    admin_site._registry[Measure].save_model(request, measure, form=None, change=True)
    measure.refresh_from_db()
    assert (measure.title_en, measure.version) == ("Fixed in the admin", 2)
    assert measure.history.latest("history_date").history_user == admin


def test_narrowing_the_period_past_funding_lines_and_targets_names_them_and_writes_nothing(
    client, plan
):
    """Review M9b: a 2030 funding line and target were orphaned by a period of 2025–2027."""
    from tests.factories import FundingLineFactory, IndicatorTargetFactory, MeasureIndicatorFactory

    programme, _first, _second, objective = plan
    measure = MeasureFactory(objective=objective, number="1.1.1")  # IV квартал 2026
    FundingLineFactory(measure=measure, year=2030, planned_amount="500.0")
    IndicatorTargetFactory(indicator=MeasureIndicatorFactory(measure=measure), year=2029)
    client.force_login(editor_of(programme))
    response = client.post("/en/programmes/REG-W/edit/", programme_data(period_end_year="2027"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Funding lines of measures 1.1.1 (2030) lie outside 2025–2027" in html
    assert "Indicator targets of measures 1.1.1 (2029) lie outside 2025–2027" in html
    programme.refresh_from_db()
    assert programme.period_end_year == 2030
    assert measure.funding_lines.get().year == 2030
