"""Template helpers for the action plan: a deadline in the reader's language, the plan's title."""

from __future__ import annotations

from django import template

from measures.deadlines import ParsedDeadline, measure_deadline, render_deadline
from measures.plan_io import layout

register = template.Library()


@register.filter
def deadline(value) -> str:
    """'IV квартал 2025 года' / '2025-жылдын IV чейреги' / 'Q4 2025', from the kind and dates of a
    measure (or of a ParsedDeadline, in the editor's preview) through
    measures.deadlines.render_deadline; '' when there is no deadline."""
    if value is None:
        return ""
    if isinstance(value, ParsedDeadline):
        return render_deadline(*value)
    return measure_deadline(value)


@register.filter
def plan_title(programme) -> str:
    """'План мероприятий по реализации Государственной программы …': the official title of the
    programme's plan, as the exported annex writes it."""
    return layout.plan_title(programme) if programme is not None else ""
