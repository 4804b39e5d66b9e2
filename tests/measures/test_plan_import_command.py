"""manage.py import_action_plan: the same report, exit statuses, dry run, skip and create flags."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from measures.models import Measure
from programs.models import ResponsibleBody
from tests.measures.plan_files import (
    GOOD_ROWS,
    make_programme_and_bodies,
    realistic_rows,
    workbook_bytes,
)
from tests.subprocesses import child_environment, run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_file(tmp_path) -> Path:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook_bytes(realistic_rows()))
    return path


@pytest.fixture
def programme():
    return make_programme_and_bodies()[0]


def run(*args) -> tuple[str, int]:
    out = StringIO()
    with translation.override("en"):
        try:
            call_command("import_action_plan", *map(str, args), stdout=out)
        except CommandError as error:
            return out.getvalue(), error.returncode
    return out.getvalue(), 0


def test_failed_rows_mean_nothing_is_applied_and_exit_status_1(plan_file, programme):
    output, status = run(plan_file, "--programme", programme.code)
    assert status == 1
    assert "row 12, column D Deadline: " in output and "когда-нибудь" in output
    assert "row 13, column E Responsible executors: " in output
    assert "row 14, column H Amount, thousand KGS: " in output
    assert "row 9, column A No.: " in output and "row 16, column A No.: " in output
    assert (
        "nothing applied; would create 8, change 0, leave unchanged 0, rows with errors 6" in output
    )
    assert not Measure.objects.filter(programme=programme).exists()


def test_skip_failed_rows_applies_the_rest_and_exits_0(plan_file, programme):
    output, status = run(plan_file, "--programme", programme.code, "--skip-failed-rows")
    assert status == 0
    for row in (9, 12, 13, 14, 15, 16):
        assert f"skipped row {row} " in output
    assert "applied: created 8, changed 0, unchanged 0, skipped 6" in output
    assert set(Measure.objects.filter(programme=programme).values_list("number", flat=True)) == (
        GOOD_ROWS
    )

    output, status = run(plan_file, "--programme", programme.code, "--skip-failed-rows")
    assert status == 0
    assert "applied: created 0, changed 0, unchanged 8, skipped 6" in output


def test_dry_run_changes_nothing(plan_file, programme):
    output, status = run(
        plan_file,
        "--programme",
        programme.code,
        "--dry-run",
        "--skip-failed-rows",
        "--create-missing-bodies",
    )
    assert status == 0
    assert "dry run: nothing applied; would create 9" in output
    assert "created body: Министерство чудес" in output
    assert not Measure.objects.filter(programme=programme).exists()
    assert not ResponsibleBody.objects.filter(name_ru="Министерство чудес").exists()


def test_create_missing_bodies(plan_file, programme):
    output, status = run(
        plan_file, "--programme", programme.code, "--create-missing-bodies", "--skip-failed-rows"
    )
    assert status == 0
    body = ResponsibleBody.objects.get(name_ru="Министерство чудес")
    assert Measure.objects.get(programme=programme, number="1.2.2").lead_body == body
    assert "applied: created 9, changed 0, unchanged 0, skipped 5" in output


def test_unknown_programme_and_bad_file_are_command_errors(tmp_path, programme):
    with pytest.raises(CommandError, match="No programme"):
        call_command("import_action_plan", str(tmp_path / "x.xlsx"), "--programme", "NOPE")
    fake = tmp_path / "fake.xlsx"
    fake.write_text("=1+1,a,b\n")
    with translation.override("en"), pytest.raises(CommandError, match="not an Excel workbook"):
        call_command("import_action_plan", str(fake), "--programme", programme.code)


@pytest.mark.django_db(transaction=True)
def test_real_exit_status_of_the_process(plan_file, settings):
    """The shell sees 1 for a refused file (what a deployment script checks)."""
    programme = make_programme_and_bodies()[0]
    result = run_manage(
        "import_action_plan",
        str(plan_file),
        "--programme",
        programme.code,
        env=child_environment(DEBUG="1", LANGUAGE="en"),
    )
    assert result.returncode == 1, result.stderr
    assert "row 12" in result.stdout
