"""Every command line the README shows works when copied into a shell of a checkout after `make`.

The lines are read from the README's ``sh`` blocks, so a new line there is covered or fails here.
Placeholders (FILE, ``a|b`` choices, ``[--option]``) are filled in with real files and the first
choice; ``make`` targets that serve or run the suite are checked with ``make -n`` (they would start
a server or run this very test), everything else runs for real against this test's database.
"""

from __future__ import annotations

import re
import shlex
import subprocess  # noqa: S404 - running the README's lines is the point
from pathlib import Path

import pytest

from tests.measures.plan_files import make_programme_and_bodies, realistic_rows, workbook_bytes
from tests.subprocesses import PROJECT_DIR, child_environment

README = PROJECT_DIR / "README.md"
UNITS_HEADER = "soate,iso_3166_2,level,parent_soate,name_ky,name_ru,name_en,note\n"


def readme_command_lines() -> list[str]:
    """The command lines of the README's ``sh`` blocks, continuation lines joined, comments cut."""
    lines: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        text = block.replace("\\\n", " ")
        for line in text.splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def fill_placeholders(line: str, files: dict[str, Path]) -> str:
    line = re.sub(r"\[(--[a-z-]+)\]", r"\1", line)  # optional flags: take them
    line = re.sub(r"(\w+)(\|\w+)+", r"\1", line)  # choices like xlsx|docx: the first
    for placeholder, path in files.items():
        line = re.sub(rf"(?<![\w.]){re.escape(placeholder)}(?![\w.])", str(path), line)
    return line


def test_the_readme_shows_the_two_commands_and_manage_lines_through_the_venv():
    lines = readme_command_lines()
    assert "make run" in lines and "make test" in lines
    # A bare `python manage.py` would run the system Python, which has no Django.
    assert not [line for line in lines if line.startswith("python manage.py")]


@pytest.mark.django_db(transaction=True)
def test_every_readme_command_line_works_as_written(tmp_path):
    programme, _bodies = make_programme_and_bodies(code="REG-2025-2030")
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(workbook_bytes(realistic_rows()))
    units = tmp_path / "units.csv"
    units.write_text(UNITS_HEADER, encoding="utf-8")
    files = {"FILE.xlsx": plan, "FILE.csv": units, "FILE": tmp_path / "export.out"}
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "readme-test-" + "x" * 50,
        "ALLOWED_HOSTS": "regions.example.kg",
        "PORTAL_URL": "https://regions.example.kg",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    env = child_environment()
    ran: list[str] = []
    for line in readme_command_lines():
        command = fill_placeholders(line, files)
        words = shlex.split(command)
        if words[0] == "export":
            # The production recipe: its variables hold for the lines after it.
            env.update(production)
            ran.append(line)
            continue
        assignments = {}
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
            name, _, value = words.pop(0).partition("=")
            assignments[name] = value
        if words[0] == "make":
            # `make run` serves forever and `make test` is this suite: check the recipe exists.
            argv = ["make", "-n", *words[1:]]
        elif words[:3] == ["python", "-m", "venv"]:
            # Creating the venv again would replace the one this test runs in; the pip half of
            # the same line still runs below, as a no-op on an installed checkout.
            argv = shlex.split(command.split("&&", 1)[1])
        elif words[0].startswith(".venv/bin/gunicorn"):
            argv = [*words, "--check-config"]
        elif words[0] == ".venv/bin/python" and words[1] == "manage.py":
            argv = words
        else:
            pytest.fail(f"README line with no rule in this test: {line}")
        # A line's own DATABASE_URL names a server of the reader's; ours stays the test database.
        assignments.pop("DATABASE_URL", None)
        result = subprocess.run(  # noqa: S603
            argv,
            cwd=PROJECT_DIR,
            env={**env, **assignments},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"{line}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        ran.append(line)
    assert (tmp_path / "export.out").stat().st_size > 0
    assert any("import_action_plan" in line for line in ran)
    assert any("check --deploy" in line for line in ran)
