"""The language list has one home, regionalprogram.languages, derived from the settings."""

import ast
from pathlib import Path

from django.conf import settings

from regionalprogram.languages import IN_LANGUAGE, LANGUAGE_CODES

ROOT = Path(__file__).resolve().parents[1]
APPS = ("regionalprogram", "regions", "programs", "measures", "meetings")


def test_the_content_languages_are_the_page_languages_kyrgyz_first():
    assert tuple(code for code, _name in settings.LANGUAGES) == LANGUAGE_CODES
    assert LANGUAGE_CODES[0] == settings.LANGUAGE_CODE == "ky"


def test_every_language_has_a_label_for_form_fields():
    assert set(IN_LANGUAGE) == set(LANGUAGE_CODES)


def _literal_language_lists(path: Path) -> list[int]:
    """Lines where a tuple, list or set literal spells out the language codes."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            values = [elt.value for elt in node.elts if isinstance(elt, ast.Constant)]
            if len(values) == len(node.elts) >= 2 and set(values) <= set(LANGUAGE_CODES):
                found.append(node.lineno)
    return found


def test_no_module_spells_out_the_language_list_again():
    offenders = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "settings.py":
                continue
            if lines := _literal_language_lists(path):
                offenders[str(path.relative_to(ROOT))] = lines
    assert offenders == {}
