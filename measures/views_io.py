"""The action plan in and out of Excel/Word: export for everyone who may read the plan, import
(upload → preview → confirm) for the programme's editors."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from measures import exports
from measures.filters import MeasureFilter
from measures.models import ExportKind, Measure
from measures.plan_io import exporter, preview, uploads
from measures.plan_io.importer import PlanFileError, _resolved, apply_plan, build_plan, read_rows
from measures.services import EditConflict
from programs.models import Programme
from programs.permissions import editable_programme_or_deny
from regionalprogram.languages import LANGUAGE_CODES

SESSION_KEY = "plan_imports"


# --- export --------------------------------------------------------------------------------


def plan_export(request, fmt: str):
    """The filtered plan as the official table; the same filters as the action-plan page.

    Up to EXPORT_DIRECT_MAX_MEASURES measures the file streams at once; a larger plan (or a POST
    from the page that offers it) is prepared by a worker, for a signed-in user only.
    """
    if fmt not in exporter.FORMATS:
        raise Http404
    data = request.GET.copy()
    lang = data.pop("lang", [translation.get_language()])[-1]
    if lang not in LANGUAGE_CODES:
        lang = "ky"
    visible = Programme.objects.visible_to(request.user)
    code = data.get("programme")
    if code:
        programme = get_object_or_404(visible, code=code)
    else:
        programme = Programme.objects.current_for(request.user)
        if programme is None:
            raise Http404
        data["programme"] = programme.code
    data.pop("page", None)
    filterset = MeasureFilter(
        data, queryset=Measure.objects.active().filter(programme=programme), request=request
    )
    if not filterset.is_valid():
        return HttpResponseBadRequest(
            _("Some filter values are not valid. Correct them to see the measures."),
            content_type="text/plain; charset=utf-8",
        )
    filtered = any(data.get(name) for name in ("direction", "unit", "body", "status", "year", "q"))
    if request.method == "POST" or exports.needs_background(filterset.qs.count()):
        return _plan_export_background(request, programme, filterset, fmt, lang, filtered)
    output = exporter.export_file(
        programme, filterset.qs, fmt=fmt, lang=lang, all_headings=not filtered
    )
    return FileResponse(
        output,
        as_attachment=True,
        filename=exporter.filename(programme, fmt, lang),
        content_type=exporter.FORMATS[fmt],
    )


def _plan_export_background(request, programme, filterset, fmt, lang, filtered):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    total = filterset.qs.count()
    if request.method != "POST":
        return render(
            request,
            "measures/export_confirm.html",
            {"programme": programme, "fmt": fmt, "lang": lang, "total": total},
        )
    filters = {
        name: values
        for name, values in request.GET.lists()
        if name in filterset.filters and name != "programme"
    }
    job = exports.export_job_request(
        user=request.user,
        kind=ExportKind.PLAN_XLSX if fmt == "xlsx" else ExportKind.PLAN_DOCX,
        programme=programme,
        language=lang,
        params={"filters": filters, "all_headings": not filtered},
        total=total,
    )
    return redirect(job)


# --- import --------------------------------------------------------------------------------


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Action plan file (.xlsx)"),
        help_text=gettext_lazy("The official layout; at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        if uploaded.size > uploads.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB.")
                % {"size": uploads.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        try:
            uploads.check_xlsx(uploaded.file, uploaded.size)
        except uploads.UploadError as error:
            raise ValidationError(str(error)) from None
        return uploaded


@login_required
def plan_import(request, code: str):
    programme = editable_programme_or_deny(request.user, code)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        token = uploads.store(uploaded)
        try:
            _read_once(token)
        except PlanFileError as error:
            uploads.discard(token)
            form.add_error("file", str(error))
            return render(
                request,
                "measures/plan_import.html",
                {"programme": programme, "form": form},
                status=400,
            )
        pending = request.session.get(SESSION_KEY, {})
        pending[token] = {"programme": programme.code, "name": uploaded.name[:200]}
        request.session[SESSION_KEY] = pending
        return redirect("measures:plan_import_preview", code=programme.code, token=token)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "measures/plan_import.html",
        {"programme": programme, "form": form},
        status=status,
    )


def _read_once(token: str):
    """The upload's rows: read from the workbook the first time (within the reading bounds of
    ``read_rows``), then kept beside it, so later previews and the confirmation do not parse it."""
    rows = uploads.load_rows(token)
    if rows is None:
        with uploads.open_workbook(token) as fileobj:
            rows = read_rows(fileobj)
        uploads.store_rows(token, rows)
    return rows


def _pending(request, programme, token):
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry.get("programme") != programme.code or not uploads.exists(token):
        return None
    return entry


def _forget(request, token) -> None:
    uploads.discard(token)
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending


class BodyDecisionsForm(forms.Form):
    """What each executor name that matches no body means, decided one by one: one of the bodies
    it nearly names (``BodyIndex.suggest``), or a new body of that name. The choices are the only
    accepted answers: a body id offered for another name, or for none, is refused."""

    def __init__(
        self, *args, suggestions: dict, rows: dict, language: str, require_all: bool, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.names: dict[str, str] = {}
        for name, bodies in suggestions.items():
            field_name = decision_field(name)
            self.names[field_name] = name
            choices = [
                (f"{preview.USE_BODY}{body.pk}", self._use_label(body, language)) for body in bodies
            ]
            choices.append((preview.NEW_BODY, _("Create a new body “%(name)s”") % {"name": name}))
            self.fields[field_name] = forms.ChoiceField(
                label=name,
                choices=choices,
                widget=forms.RadioSelect,
                required=require_all,
                help_text=ngettext("row %(rows)s", "rows %(rows)s", len(rows[name]))
                % {"rows": ", ".join(str(row) for row in rows[name])},
                error_messages={
                    "required": _("Choose what “%(name)s” means: an existing body or a new one.")
                    % {"name": name},
                    "invalid_choice": _(
                        "“%(name)s”: choose one of the bodies offered for this name."
                    )
                    % {"name": name},
                },
            )

    @staticmethod
    def _use_label(body, language: str) -> str:
        in_file = _resolved(body, "name", language)
        shown = str(body)
        name = in_file if in_file == shown else f"{in_file} — {shown}"
        if not body.is_active:
            name = _("%(name)s (no longer active)") % {"name": name}
        return _("Use the existing body “%(body)s”") % {"body": name}

    def decisions(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[field_name]
            for field_name, name in self.names.items()
            if self.cleaned_data.get(field_name)
        }


def decision_field(name: str) -> str:
    """A form field per name, named by a digest of the name (stable, and any text is safe)."""
    return "body-" + hashlib.sha256(name.encode()).hexdigest()[:16]


class _NothingImported(Exception):
    """Undo the bodies the decisions created: the plan still has errors and no skip was asked."""


def _preview_context(request, plan) -> dict:
    """The page: counts, the rows of the chosen view and page, old → new of their changes."""
    show = request.GET.get("show")
    if show not in (preview.SHOW_CHANGES, preview.SHOW_ALL):
        show = preview.default_show(plan)
    page = preview.rows_page(plan, show, request.GET.get("page"))
    counts = plan.counts()
    diffs = preview.row_diffs(plan, page.object_list)
    return {
        "plan": plan,
        "counts": counts,
        "show": show,
        "page_obj": page,
        "page_rows": [(row, diffs.get(row.row, [])) for row in page.object_list],
        "changes_and_errors": counts["create"] + counts["update"] + counts["failed"],
    }


@login_required
def plan_import_preview(request, code: str, token: str):
    programme = editable_programme_or_deny(request.user, code)
    entry = _pending(request, programme, token)
    if entry is None:
        messages.error(request, _("That upload has expired or belongs to another session."))
        return redirect("measures:plan_import", code=programme.code)
    context = {"programme": programme, "token": token, "file_name": entry["name"]}
    try:
        rows = _read_once(token)
        plan = build_plan(programme, rows=rows)
    except PlanFileError as error:
        _forget(request, token)
        # A fresh form with the file's problem as its error (an unbound form has no
        # cleaned_data for add_error to work on: the 500 of review M4).
        form = PlanUploadForm()
        form.cleaned_data = {}
        form.add_error(None, str(error))
        return render(
            request, "measures/plan_import.html", {"programme": programme, "form": form}, status=400
        )
    suggestions = preview.body_suggestions(plan)
    action = request.POST.get("action") if request.method == "POST" else None
    form_kwargs = {
        "suggestions": suggestions,
        "rows": plan.unknown_bodies,
        "language": plan.language,
        "require_all": action == "apply",
    }
    status = 200
    if action in ("decide", "apply"):
        form = BodyDecisionsForm(request.POST, **form_kwargs)
        if not form.is_valid():
            status = 400
            decisions = {}
        else:
            decisions = form.decisions()
            _remember_decisions(request, token, decisions)
            if action == "decide":
                url = reverse("measures:plan_import_preview", args=[programme.code, token])
                return redirect(url + (f"?{request.GET.urlencode()}" if request.GET else ""))
    else:
        # The decisions of an earlier check that still fit the file's names and suggestions.
        stored = entry.get("decisions", {})
        checking = BodyDecisionsForm(
            {decision_field(n): c for n, c in stored.items()},
            **{**form_kwargs, "require_all": False},
        )
        checking.is_valid()
        decisions = checking.decisions()
        form = BodyDecisionsForm(
            initial={decision_field(n): c for n, c in decisions.items()}, **form_kwargs
        )

    if action == "apply" and status == 200:
        skip = bool(request.POST.get("skip_failed_rows"))
        try:
            with transaction.atomic():
                decided = (
                    preview.plan_with_decisions(programme, rows, decisions) if decisions else plan
                )
                if decided.has_errors and not skip:
                    raise _NothingImported
                result = apply_plan(
                    decided, user=request.user, source=entry["name"], skip_failed_rows=skip
                )
        except _NothingImported:
            messages.error(
                request,
                _(
                    "Nothing was imported: the file has errors. Correct them, or tick "
                    "“skip the failed rows”."
                ),
            )
            status = 400
        except EditConflict as conflict:  # saved by someone since the plan was read
            messages.error(
                request,
                _(
                    "The import was refused; nothing was written: measure %(number)s was "
                    "saved by someone else meanwhile. Check the preview again."
                )
                % {"number": conflict.measure.number},
            )
            return redirect("measures:plan_import_preview", code=programme.code, token=token)
        except IntegrityError:  # the same new measures, applied by someone at once
            messages.error(
                request,
                _(
                    "The import was refused; nothing was written: someone imported the "
                    "same measures at the same moment. Check the preview again."
                ),
            )
            return redirect("measures:plan_import_preview", code=programme.code, token=token)
        except ValidationError as error:  # a rule of the models the preview missed
            messages.error(
                request,
                _("The import was refused; nothing was written: %(errors)s")
                % {"errors": "; ".join(error.messages)},
            )
            return redirect("measures:plan_import_preview", code=programme.code, token=token)
        else:
            _forget(request, token)
            return render(
                request,
                "measures/plan_import_done.html",
                {
                    "programme": programme,
                    "result": result,
                    "file_name": entry["name"],
                    "plan_url": reverse("measures:measure_list") + f"?programme={programme.code}",
                },
            )

    if decisions:
        # The preview of the file as the decisions make it: the same code the import runs, in a
        # transaction that is rolled back (the bodies to be created exist only while it renders).
        with transaction.atomic():
            decided = preview.plan_with_decisions(programme, rows, decisions)
            context.update(_preview_context(request, decided))
            transaction.set_rollback(True)
    else:
        context.update(_preview_context(request, plan))
    context.update(
        decisions_form=form,
        undecided=[n for n in plan.unknown_bodies if n not in decisions],
    )
    return render(request, "measures/plan_import_preview.html", context, status=status)


def _remember_decisions(request, token: str, decisions: dict[str, str]) -> None:
    pending = request.session.get(SESSION_KEY, {})
    if token in pending:
        pending[token]["decisions"] = decisions
        request.session[SESSION_KEY] = pending
