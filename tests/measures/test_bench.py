"""make bench at a tiny size: every operation answers, and the results file has its shape."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from measures.models import ExportJob

pytestmark = pytest.mark.django_db

OPERATIONS = {
    "API measure list, page 50",
    "API measure list, one oblast",
    "API measure detail",
    "API reports list, page 50",
    "action-plan page",
    "action-plan page, one oblast",
    "measure page",
    "unit page (an oblast)",
    "programme dashboard",
    "home page",
    "API CSV export, whole plan",
    "export_action_plan xlsx, whole plan",
    "export_action_plan docx, whole plan",
}


def test_bench_measures_every_operation_and_writes_the_results(tmp_path, settings):
    # The API export of the 50 measures goes through an export job, as a large plan's does.
    settings.EXPORT_DIRECT_MAX_MEASURES = 10
    output = tmp_path / "results.json"
    out = io.StringIO()
    call_command(
        "bench_api",
        sizes="50",
        rounds=1,
        heavy_rounds=1,
        in_place=True,
        output=str(output),
        stdout=out,
    )

    assert not ExportJob.objects.exists()  # each round's job and file deleted after it
    rows = json.loads(output.read_text(encoding="utf-8"))
    names = {row["operation"] for row in rows}
    assert names >= OPERATIONS
    imports = [name for name in names if name.startswith("import of a")]
    assert imports == ["import of a 17-row plan (re-import, unchanged)"]
    for row in rows:
        assert set(row) == {
            "operation",
            "measures",
            "median_ms",
            "queries",
            "sql_median_ms",
            "ratio",
            "peak_mb",
        }
        assert row["measures"] == 50
        assert row["median_ms"] > 0
        assert row["queries"] > 0, row["operation"]
        heavy = "export" in row["operation"] or row["operation"].startswith("import")
        assert (row["peak_mb"] is not None) == heavy
        assert row["peak_mb"] is None or row["peak_mb"] > 0
    assert "API measure detail" in out.getvalue()
    baselined = {row["operation"] for row in rows if row["sql_median_ms"] is not None}
    assert baselined == {
        "API measure list, page 50",
        "API measure list, one oblast",
        "API measure detail",
        "API reports list, page 50",
    }
    for row in rows:
        if row["operation"] in baselined:
            assert row["sql_median_ms"] > 0
            assert row["ratio"] == pytest.approx(row["median_ms"] / row["sql_median_ms"], abs=0.1)
        else:
            assert row["ratio"] is None
