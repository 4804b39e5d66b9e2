"""Shared helpers of the editing tests: an editor of a programme, and the measure form as POST data."""

from __future__ import annotations

from django.contrib.auth.models import Group

from programs.roles import EDITORS, MEMBERS, PARTNERS, REPORTERS
from regionalprogram.languages import LANGUAGE_CODES
from tests.factories import ProfileFactory, UserFactory


def user_in(group_name: str, *, programmes=(), username=None, **kwargs):
    user = UserFactory(**({"username": username} if username else {}), **kwargs)
    user.groups.add(Group.objects.get(name=group_name))
    profile = ProfileFactory(user=user)
    if programmes:
        profile.programmes.set(programmes)
    return user


def editor_of(*programmes, username=None):
    return user_in(EDITORS, programmes=programmes, username=username)


ROLE_GROUPS = {"reporter": REPORTERS, "member": MEMBERS, "partner": PARTNERS}


def measure_post_data(measure=None, **overrides) -> dict:
    """The form exactly as the browser sends it for ``measure`` (or empty), with overrides."""
    data = {
        "measure-version": str(measure.version) if measure else "",
        "measure-direction": str(measure.direction_id) if measure else "",
        "measure-objective": str(measure.objective_id or "") if measure else "",
        "measure-number": measure.number if measure else "",
        "measure-deadline_text": measure.deadline_text if measure else "",
        "measure-lead_body": str(measure.lead_body_id) if measure else "",
        "measure-status": measure.status if measure else "planned",
    }
    for name in ("title", "implementation_mechanism", "expected_result"):
        for lang in LANGUAGE_CODES:
            data[f"measure-{name}_{lang}"] = (
                getattr(measure, f"{name}_{lang}") or "" if measure else ""
            )
    if measure:
        data["measure-target_units"] = [str(u.pk) for u in measure.target_units.all()]
    executors = list(measure.executors.all()) if measure else []
    lines = list(measure.funding_lines.all()) if measure else []
    indicators = list(measure.indicators.all()) if measure else []
    for prefix, rows in (("executors", executors), ("funding", lines), ("indicators", indicators)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
    for i, row in enumerate(executors):
        data[f"executors-{i}-id"] = str(row.pk)
        data[f"executors-{i}-body"] = str(row.body_id)
        if row.in_coordination:
            data[f"executors-{i}-in_coordination"] = "on"
    for i, row in enumerate(lines):
        data[f"funding-{i}-id"] = str(row.pk)
        data[f"funding-{i}-source"] = row.source
        data[f"funding-{i}-year"] = str(row.year)
        data[f"funding-{i}-planned_amount"] = str(row.planned_amount)
        data[f"funding-{i}-actual_amount"] = (
            "" if row.actual_amount is None else str(row.actual_amount)
        )
    for i, row in enumerate(indicators):
        data[f"indicators-{i}-id"] = str(row.pk)
        for name in ("name", "unit_of_measure"):
            for lang in LANGUAGE_CODES:
                data[f"indicators-{i}-{name}_{lang}"] = getattr(row, f"{name}_{lang}") or ""
        data[f"indicators-{i}-baseline_value"] = (
            "" if row.baseline_value is None else str(row.baseline_value)
        )
        data[f"indicators-{i}-baseline_year"] = (
            "" if row.baseline_year is None else str(row.baseline_year)
        )
        for target in row.targets.filter(unit__isnull=True):
            data[f"indicators-{i}-target_{target.year}"] = str(target.target_value)
    data.update(overrides)
    return data


def add_row(data: dict, prefix: str, **fields) -> dict:
    """Append a new row to a formset in POST data."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    return data
