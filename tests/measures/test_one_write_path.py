"""No module writes a measure row around measures.services.measure_save.

A static scan of the project's Python source (tests and migrations aside): a write to a Measure
outside measures/services.py and measures/models.py fails this test with its file and line. It
reads what can be read without running the code — ``measure.save()``, ``Measure.objects.create()``,
``….measures.update()``, a name bound to a Measure and then saved, the Measure class handed to a
generic writer (``upsert(Measure, …)``) — and the first tests below show it catches each of those
shapes. What it cannot see (a model class chosen at run time) the behaviour tests of every path in
test_write_path.py and tests/meetings/test_seed_demo.py cover.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"measures/services.py", "measures/models.py"}
# Synthetic rows for `make bench`, created new and in bulk: no editor, no version to keep.
EXEMPT_FILES = {"bench_api.py", "generate_synthetic.py"}
SKIPPED_DIRS = {".venv", "tests", "migrations", "node_modules", ".pgdata", ".git", "static"}
WRITES = {"save", "create", "bulk_create", "bulk_update", "update", "update_or_create"}
WRITES |= {"get_or_create", "delete"}
MEASURE_MANAGERS = {"measures", "led_measures"}  # Measure's reverse relations
GENERIC_WRITER_WORDS = ("upsert", "save", "create", "bulk", "update")
SERVICES = {  # the sanctioned writers, which take a measure and save it through measure_save
    node.name
    for node in ast.parse((ROOT / "measures/services.py").read_text(encoding="utf-8")).body
    if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
}


def _chain(node) -> list:
    """The parts of ``a.b(...).c`` from the outside in: [Attribute c, Call, Attribute b, Name a]."""
    parts = []
    while True:
        parts.append(node)
        if isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        else:
            return parts


def _is_measure_expr(node, bound: set[str]) -> bool:
    if isinstance(node, ast.BoolOp):
        return any(_is_measure_expr(value, bound) for value in node.values)
    parts = _chain(node)
    root = parts[-1]
    if isinstance(root, ast.Name) and (root.id == "Measure" or root.id in bound):
        return True
    return any(isinstance(p, ast.Attribute) and p.attr in MEASURE_MANAGERS for p in parts)


def _names(target) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for element in target.elts for n in _names(element)]
    return []


def measure_writes(source: str) -> list[int]:
    """Line numbers of the writes to a Measure row in ``source``."""
    tree = ast.parse(source)
    bound: set[str] = set()
    for node in ast.walk(tree):  # names that hold a measure, a queryset of them or their manager
        if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
            if _is_measure_expr(node.value, bound):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                bound.update(n for t in targets for n in _names(t))
        elif isinstance(node, ast.For | ast.comprehension) and _is_measure_expr(node.iter, bound):
            bound.update(_names(node.target))
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in WRITES:
            receiver = func.value
            named_measure = (
                func.attr == "save"
                and isinstance(receiver, ast.Name | ast.Attribute)
                and "measure" in (getattr(receiver, "id", None) or receiver.attr).lower()
            )
            if named_measure or _is_measure_expr(receiver, bound):
                lines.append(node.lineno)
                continue
        name = getattr(func, "id", None) or getattr(func, "attr", "")
        arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        if (
            name not in SERVICES
            and any(word in name.lower() for word in GENERIC_WRITER_WORDS)
            and any(isinstance(a, ast.Name) and a.id in {"Measure", *bound} for a in arguments)
        ):
            lines.append(node.lineno)
    return sorted(lines)


@pytest.mark.parametrize(
    "source",
    [
        "measure.save()",
        "self.measure.save(update_fields=['status'])",
        "Measure.objects.create(number='1')",
        "Measure(number='1').save()",
        "Measure.objects.filter(pk=1).update(version=2)",
        "Measure.objects.bulk_update(rows, ['status'])",
        "objective.measures.update(direction=d)",
        "for m in objective.measures.all():\n    m.save(update_fields=['direction'])",
        "m = Measure.objects.filter(pk=1).first() or Measure()\nm.save()",
        "upsert(Measure, {'number': '1'}, {})",
        "bulk_create_with_history(rows, Measure)",
        "for measure in Measure.objects.filter(kind='annual'):\n    _save(measure, user)",
    ],
)
def test_the_scan_finds_a_write_around_the_service(source):
    assert measure_writes(source) == [source.count("\n") + 1]


@pytest.mark.parametrize(
    "source",
    [
        "measure_save(measure, user=None)",
        "locked = Measure.objects.get(pk=1)\nmeasure_update(measure=locked, content=c, user=u)",
        "proposal.save(update_fields=['resulting_measure'])",
        "forms.save(user=user)",
        "upsert(Objective, {'number': '1'}, {})",
        "Measure.objects.filter(pk=1).values_list('version')",
        "summary = {}\nsummary.update(a=1)",
    ],
)
def test_the_scan_leaves_other_writes_alone(source):
    assert measure_writes(source) == []


def project_modules():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRS & set(relative.parts[:-1]) or relative.name in EXEMPT_FILES:
            continue
        yield relative.as_posix(), path


def test_the_scan_reads_the_project():
    modules = dict(project_modules())
    assert "measures/plan_io/importer.py" in modules
    assert "meetings/management/commands/seed_demo.py" in modules
    assert measure_writes((ROOT / "measures/services.py").read_text(encoding="utf-8"))


def test_only_the_measure_services_write_measures():
    found = []
    for relative, path in project_modules():
        if relative in ALLOWED:
            continue
        for line in measure_writes(path.read_text(encoding="utf-8")):
            found.append(f"{relative}:{line}")
    assert found == [], "write these through measures.services.measure_save"
