"""The apps depend one way: regions ← programs ← measures ← meetings ← portal.

The project package (regionalprogram/) is settings, URLs and the API's base layer: only its URL
modules wire the apps together. And no module outside a urls.py imports another app's views.
"""

from __future__ import annotations

import ast
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
ORDER = {"regions": 0, "programs": 1, "measures": 2, "meetings": 3, "portal": 4}
OWN = set(ORDER) | {"regionalprogram"}


def imports():
    for path in sorted(PROJECT.glob("*/**/*.py")):
        relative = path.relative_to(PROJECT)
        app = relative.parts[0]
        if app not in OWN or "migrations" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                yield relative, node.lineno, node.module, [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield relative, node.lineno, alias.name, []


def test_no_app_imports_a_later_one():
    wrong = [
        f"{path}:{line} imports {module}"
        for path, line, module, _names in imports()
        if path.parts[0] in ORDER
        and module.split(".")[0] in ORDER
        and ORDER[module.split(".")[0]] > ORDER[path.parts[0]]
    ]
    assert wrong == []


def test_the_project_package_imports_apps_only_in_its_url_modules():
    wrong = [
        f"{path}:{line} imports {module}"
        for path, line, module, _names in imports()
        if path.parts[0] == "regionalprogram"
        and module.split(".")[0] in ORDER
        and path.name != "urls.py"
    ]
    assert wrong == []


def test_nothing_outside_urls_imports_another_apps_views():
    wrong = []
    for path, line, module, names in imports():
        top = module.split(".")[0]
        if top not in OWN or path.name == "urls.py":
            continue
        names_views = module.endswith(".views") or ".views." in module or "views" in names
        if names_views and top != path.parts[0]:
            wrong.append(f"{path}:{line} imports {module}")
    assert wrong == []


def test_the_scan_sees_the_apps():
    found = {path.parts[0] for path, *_ in imports()}
    assert set(ORDER) <= found
