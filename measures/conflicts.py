"""What an editor sees when someone else saved the measure after they opened it (HTTP 409).

Used by every page that saves MeasureEditForms: the measure's edit page and the working group's
"proposal → measure" page.
"""

from __future__ import annotations

from measures.forms import MeasureEditForms, MeasureForm
from measures.history import grouped, measure_history
from measures.models import Measure
from measures.services import EditConflict

REBASED_FIELDS = list(MeasureForm.Meta.fields)


def forms_after_conflict(
    exc: EditConflict, *, data, programme, measure: Measure
) -> tuple[dict, MeasureEditForms]:
    """What the others saved since this editor opened the page, and the forms to show again.

    The page comes back with the editor's own input; fields they left as they were take the newly
    saved values, and the hidden version now says they have seen the other changes, so saving
    again keeps both people's work."""
    opened = (
        exc.measure.history.filter(version=exc.expected_version).order_by("history_date").last()
    )
    since = opened.history_date if opened else None
    entries = measure_history(exc.measure, since=since) if since else []
    conflict = {"measure": exc.measure, "groups": grouped(entries), "opened": opened}
    data = _rebase(data.copy(), opened, exc.measure)
    data["measure-version"] = str(exc.measure.version)
    forms = MeasureEditForms(programme=programme, instance=measure, data=data)
    forms.is_valid()
    return conflict, forms


def _rebase(data, opened, current: Measure):
    """Fields of the measure the editor did not touch (posted as they were in the version they
    opened) take the value saved since; the ones they changed keep their input."""
    if opened is None:
        return data
    for name in REBASED_FIELDS:
        attname = Measure._meta.get_field(name).attname
        key = f"measure-{name}"
        was = getattr(opened, attname)
        posted = (data.get(key) or "").replace("\r\n", "\n")
        if posted == ("" if was is None else str(was)):
            now = getattr(current, attname)
            data[key] = "" if now is None else str(now)
    return data
