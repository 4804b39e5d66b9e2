"""Import an action plan from .xlsx in the official layout (see README, "Importing and exporting
the action plan"). Every row is checked first and reported by row and column; without
--skip-failed-rows nothing is applied while any row fails (exit status 1). The change history
records the account named by --user as the one who imported, or nobody, with the file's name as
the reason."""

from __future__ import annotations

import io
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from measures.plan_io.importer import (
    PlanFileError,
    apply_plan,
    build_plan,
    create_missing_bodies,
)
from measures.plan_io.uploads import UploadError, check_xlsx
from measures.services import EditConflict
from programs.models import Programme


class Command(BaseCommand):
    help = "Import an action plan (.xlsx, official layout) into a programme."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .xlsx file")
        parser.add_argument("--programme", required=True, help="programme code, e.g. REG-2025-2030")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, apply nothing"
        )
        parser.add_argument(
            "--skip-failed-rows",
            action="store_true",
            help="apply the good rows and list the failed ones instead of refusing the file",
        )
        parser.add_argument(
            "--create-missing-bodies",
            action="store_true",
            help="create a responsible body for every executor name that matches none",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the account the change history names as the importer (default: none)",
        )

    def handle(self, *args, **options):
        try:
            programme = Programme.objects.get(code=options["programme"])
        except Programme.DoesNotExist:
            raise CommandError(f"No programme with the code {options['programme']!r}.") from None
        user = None
        if options["user"]:
            User = get_user_model()
            try:
                user = User.objects.get(**{User.USERNAME_FIELD: options["user"]})
            except User.DoesNotExist:
                raise CommandError(f"No user with the username {options['user']!r}.") from None
        try:
            with open(options["file"], "rb") as fileobj:
                check_xlsx(fileobj)
                data = fileobj.read()
        except OSError as error:
            raise CommandError(f"Cannot open {options['file']}: {error.strerror}") from None
        except UploadError as error:
            raise CommandError(str(error)) from None

        skip = options["skip_failed_rows"]
        with transaction.atomic():
            try:
                plan = build_plan(programme, io.BytesIO(data))
                if options["create_missing_bodies"] and plan.unknown_bodies:
                    created = create_missing_bodies(plan.unknown_bodies, language=plan.language)
                    for body in created:
                        self.stdout.write(f"created body: {body}")
                    plan = build_plan(programme, io.BytesIO(data))
            except PlanFileError as error:
                raise CommandError(str(error)) from None
            self.write_report(plan)
            failed = plan.has_errors and not skip
            if failed or options["dry_run"]:
                transaction.set_rollback(True)
                counts = plan.counts()
                verdict = "dry run: nothing applied" if not failed else "nothing applied"
                self.stdout.write(
                    f"{verdict}; would create {counts['create']}, change {counts['update']}, "
                    f"leave unchanged {counts['unchanged']}, rows with errors {counts['failed']}"
                )
                if failed:
                    # An error status without a traceback: the report above says what is wrong.
                    raise CommandError("the file has errors", returncode=1)
                return
            try:
                result = apply_plan(
                    plan, user=user, source=Path(options["file"]).name, skip_failed_rows=skip
                )
            except EditConflict as conflict:
                raise CommandError(
                    f"refused, nothing applied: measure {conflict.measure.number} was saved by "
                    "someone else meanwhile; run the import again"
                ) from None
            except ValidationError as error:
                raise CommandError(
                    "refused, nothing applied: " + "; ".join(error.messages)
                ) from None
        for row in result.skipped:
            self.stdout.write(f"skipped row {row.row} ({row.number or '-'})")
        self.stdout.write(
            self.style.SUCCESS(
                f"applied: created {result.created}, changed {result.updated}, "
                f"unchanged {result.unchanged}, skipped {len(result.skipped)}"
            )
        )

    def write_report(self, plan) -> None:
        for row in plan.rows:
            if row.kind == "note":
                continue
            line = f"row {row.row}: {row.number} {row.kind} — {row.action_label}"
            if row.changes and not row.failed:
                line += " (" + ", ".join(row.changes) + ")"
            self.stdout.write(line)
            for issue in row.errors:
                column = f"{issue.column_letter} {issue.column_label}".strip()
                self.stdout.write(f"  row {issue.row}, column {column}: {issue.message}")
