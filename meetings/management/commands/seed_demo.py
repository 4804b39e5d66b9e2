"""python manage.py seed_demo — demo content on top of the reference data.

Repeatable: every object is found by its natural key and written only when it is new or differs,
so a second run on the same day gives the same database. Every write goes through full_clean() and
save(); measures through measures.services.measure_save, the path every edit of the plan takes;
progress reports through measures.reporting, as their reporters and the editor file them.

Everything the demo invents is written with ``sample=True`` (meetings/demo/content.py says what is
fact and what is not), and the monitoring story is told relative to the day the command runs
(``timezone.localdate()``): periods closed by then carry their reports, open ones what bodies
have sent so far.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from measures.deadlines import parse_deadline
from measures.models import (
    FundingAllocation,
    FundingLine,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
    ReportEvent,
)
from measures.reporting import cycle_ensure, funding_actuals_refresh
from measures.services import allocations_check, measure_save, measure_set_status_override
from meetings.demo import content as C
from meetings.demo.reports import Story, expected, report_file, stored
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    DemoDatabase,
    Meeting,
    Proposal,
    WorkingGroup,
    WorkingGroupMember,
)
from meetings.services import agenda_item_add, proposal_submit
from programs.models import (
    Direction,
    LegalAct,
    Objective,
    Profile,
    Programme,
    ProgrammeLegalAct,
    ProgrammeTerritory,
    ResponsibleBody,
)
from programs.roles import sync_role_groups
from regions.models import AdministrativeUnit, IndicatorValue, SocioEconomicIndicator, TerritoryType

TZ = ZoneInfo("Asia/Bishkek")
NEWS_CHROME = {"Новости", "Предложения по улучшению сайта", "Онлайн кайрылуу"}
NEWS_DATE_LINE = re.compile(r"^\d{1,2}-\w+ \d{4}-ж\.$")


def news_from_file(path: Path) -> tuple[str, str]:
    """The ministry's Kyrgyz title and body, without the site's menus, date line and counter."""
    lines = path.read_text(encoding="utf-8").splitlines()
    title = " ".join(lines[0].split())
    paragraphs = []
    for line in lines[1:]:
        text = " ".join(line.split())  # also collapses the run of (non-breaking) spaces
        if not text or text in NEWS_CHROME or NEWS_DATE_LINE.match(text) or text.isdigit():
            continue
        paragraphs.append(text)
    return title, "\n\n".join(paragraphs)


def tri(field: str, values) -> dict:
    ky, ru, en = values
    return {f"{field}_ky": ky, f"{field}_ru": ru, f"{field}_en": en}


def assign(obj, values: dict) -> bool:
    """Set the values that differ from the object's; whether any did. A related object is compared
    by its key, without loading the stored one."""
    changed = False
    for name, value in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_one or field.one_to_one:
            differs = getattr(obj, field.attname) != getattr(value, "pk", value)
        else:
            differs = getattr(obj, name) != value
        if differs:
            setattr(obj, name, value)
            changed = True
    return changed


def upsert_changed(model, lookup: dict, values: dict | None = None) -> tuple:
    """Find by natural key or create; set values; full_clean() and save() when new or changed.
    Returns the object and whether it was written."""
    obj = model._default_manager.filter(**lookup).first() or model(**lookup)
    changed = assign(obj, values or {}) or obj.pk is None
    if changed:
        obj.full_clean()
        obj.save()
    return obj, changed


def upsert(model, lookup: dict, values: dict | None = None):
    return upsert_changed(model, lookup, values)[0]


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=TZ)


def demo(report: ProgressReport) -> bool:
    """Written by this demo (flagged) or by an earlier one (by hand, so with no recorded step)."""
    return report.sample or not report.events.all()


def month_day(day: dt.date, months: int, day_of_month: int) -> dt.date:
    """Day ``day_of_month`` of the month ``months`` months from the one ``day`` is in."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, day_of_month)


OPT_IN = "--i-know-this-is-not-production"


def demo_database(opt_in: bool) -> DemoDatabase:
    """The mark that this database is the demo's, written when the rules allow; else CommandError.

    Demo accounts carry a published password, so the demo goes only where it cannot meet real
    people: never with DEBUG off; into a database already marked as the demo's; into a fresh
    embedded database of ``make run`` (no accounts yet), which it then marks; elsewhere only with
    the explicit opt-in.
    """
    if not settings.DEBUG:
        raise CommandError(
            _("seed_demo never runs with DEBUG off: demo accounts have a published password.")
        )
    mark = DemoDatabase.objects.select_for_update().order_by("pk").first()
    if mark is not None:
        return mark
    User = get_user_model()
    if opt_in:
        return DemoDatabase.objects.create(how=DemoDatabase.How.OPT_IN)
    if settings.EMBEDDED_DATABASE and not User.objects.exists():
        return DemoDatabase.objects.create(how=DemoDatabase.How.FRESH)
    raise CommandError(
        _(
            "This database was not made for the demo (it is not a fresh local database of "
            "make run, or it already has accounts), so nothing was written. If it is a "
            "throwaway database, run seed_demo %(flag)s (make run DEMO_OPT_IN=1)."
        )
        % {"flag": OPT_IN}
    )


def foreign_accounts(mark: DemoDatabase) -> list[str]:
    """Existing accounts with a demo account's name that the demo did not make: never touched.

    Besides those the mark lists, an account from a demo seeded before the mark existed is the
    demo's: its password already is the published one, or (the reporting officers, who never log
    in) it has none and the demo's address.
    """
    User = get_user_model()
    officers = {officer[0] for officer in C.REPORTING_OFFICERS.values()}

    def demo_made(user) -> bool:
        if user.has_usable_password():
            return user.check_password(C.DEMO_PASSWORD)
        return user.username in officers and user.email == f"{user.username}@example.kg"

    existing = User.objects.filter(username__in=[*C.USERS, *officers])
    return sorted(
        user.username
        for user in existing.exclude(username__in=mark.accounts)
        if not demo_made(user)
    )


class Command(BaseCommand):
    help = _("Load demo content (programmes, measures, the working group, users). Repeatable.")

    def add_arguments(self, parser):
        parser.add_argument(
            OPT_IN,
            action="store_true",
            dest="opt_in",
            help=_(
                "Write the demo into a database that was not made for it (never with DEBUG off)."
            ),
        )

    def handle(self, *args, **options):
        # The refusals speak the language the command runs in; the demo content is written with
        # Kyrgyz active, the portal's default.
        with transaction.atomic():
            mark = demo_database(options["opt_in"])
            if taken := foreign_accounts(mark):
                raise CommandError(
                    _(
                        "These accounts exist and are not demo accounts: %(names)s. The demo "
                        "never changes them; nothing was written."
                    )
                    % {"names": ", ".join(taken)}
                )
            with translation.override("ky"):
                self.seed(mark)
        self.print_summary()

    def seed(self, mark: DemoDatabase) -> None:
        """Everything the demo writes, in one go (inside handle's transaction)."""
        sync_role_groups()
        self.units = {u.soate: u for u in AdministrativeUnit.objects.all()}
        if len(self.units) < 66:
            raise CommandError(_("Reference data is missing: run `manage.py migrate` first."))
        self.today = timezone.localdate()
        self.acts = self.seed_acts()
        self.bodies = self.seed_bodies()
        self.retire_programmes()
        self.programmes = self.seed_programmes()
        self.users = self.seed_users()
        self.measures = self.seed_measures()
        self.seed_territories()
        self.seed_reports()
        self.seed_overrides()
        self.seed_working_groups()
        self.seed_indicator_values()
        mark.accounts = sorted(user.username for user in self.users.values())
        mark.save(update_fields=["accounts"])

    # -- reference-like content ------------------------------------------------------------
    def seed_acts(self) -> dict[str, LegalAct]:
        return {
            key: upsert(
                LegalAct,
                {"kind": act["kind"], "number": act["number"], "date": act["date"]},
                {
                    **tri("title", act["title"]),
                    **tri("issuer", act["issuer"]),
                    **tri("issuer_genitive", act.get("issuer_genitive", ("", "", ""))),
                },
            )
            for key, act in C.LEGAL_ACTS.items()
        }

    def seed_bodies(self) -> dict[str, ResponsibleBody]:
        bodies = {}
        for key, body in C.BODIES.items():
            names = [body["name"][2], *body.get("aka", [])]
            found = ResponsibleBody.objects.filter(name_en__in=names).order_by("pk").first()
            bodies[key] = upsert(
                ResponsibleBody,
                {"pk": found.pk} if found else {"name_en": body["name"][2]},
                {
                    **tri("name", body["name"]),
                    **tri("short_name", body["short"]),
                    "kind": body["kind"],
                    "territory": self.units.get(body.get("territory", "")),
                    "valid_from": body.get("valid_from"),
                },
            )
        # Reorganised bodies name their successor, which has to exist first.
        for key, body in C.BODIES.items():
            if "successor" in body:
                bodies[key] = upsert(
                    ResponsibleBody,
                    {"pk": bodies[key].pk},
                    {"valid_to": body["valid_to"], "successor": bodies[body["successor"]]},
                )
        return bodies

    def retire_programmes(self) -> None:
        """Earlier versions of the demo invented a "growth points" draft in place of a real
        programme (content.RETIRED_PROGRAMMES): it goes, unless someone has built on it."""
        Programme.objects.filter(
            code__in=C.RETIRED_PROGRAMMES,
            measures__isnull=True,
            working_groups__isnull=True,
            proposals__isnull=True,
        ).delete()

    def seed_programmes(self) -> dict[str, Programme]:
        programmes = {}
        # The adopted programme first: the draft points to it.
        for code in sorted(C.PROGRAMMES, key=lambda c: "superseded_by" in C.PROGRAMMES[c]):
            spec = C.PROGRAMMES[code]
            programme = upsert(
                Programme,
                {"code": code},
                {
                    **tri("title", spec["title"]),
                    **tri("short_title", spec["short_title"]),
                    **tri("summary", spec["summary"]),
                    "period_start_year": spec["start"],
                    "period_end_year": spec["end"],
                    "status": spec["status"],
                    "lead_body": self.bodies["mec"],
                    "superseded_by": programmes.get(spec.get("superseded_by")),
                    "reporting_period": spec["reporting_period"],
                    "report_due_day": spec["report_due_day"],
                    "report_due_months_after": spec["report_due_months_after"],
                },
            )
            for act, role in spec["acts"]:
                upsert(
                    ProgrammeLegalAct,
                    {"programme": programme, "legal_act": self.acts[act], "role": role},
                )
            for position, (number, title, objectives) in enumerate(C.STRUCTURE[code]):
                direction = upsert(
                    Direction,
                    {"programme": programme, "number": number},
                    {**tri("title", title), "position": position, "sample": True},
                )
                for obj_position, (obj_number, obj_title) in enumerate(objectives):
                    upsert(
                        Objective,
                        {"direction": direction, "number": obj_number},
                        {**tri("title", obj_title), "position": obj_position, "sample": True},
                    )
            programmes[code] = programme
        return programmes

    def seed_users(self) -> dict:
        users = {}
        for username, (groups, staff, superuser, body, programmes) in C.USERS.items():
            first, last = C.USER_NAMES.get(username, ("", ""))
            user = self.seed_user(
                username, groups, body, first, last, C.DEMO_PASSWORD, staff, superuser
            )
            profile = Profile.objects.get(user=user)
            profile.programmes.set([self.programmes[code] for code in programmes])
            users[username] = user
        # The other bodies' reporting officers: they file the story's reports; nobody logs in as them.
        for body, (username, first, last) in C.REPORTING_OFFICERS.items():
            users[username] = self.seed_user(username, ["reporters"], body, first, last)
        return users

    def seed_user(self, username, groups, body, first, last, password=None, staff=False, su=False):
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        user.email = f"{username}@example.kg"
        user.first_name, user.last_name = first, last
        user.is_staff, user.is_superuser, user.is_active = staff, su, True
        if password is None:
            if user.has_usable_password() or not user.password:
                user.set_unusable_password()
        elif not user.check_password(password):
            user.set_password(password)
        user.full_clean()
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        upsert(Profile, {"user": user}, {"body": self.bodies[body]})
        return user

    def officer(self, body_key: str):
        """The account that files a body's reports."""
        if body_key == C.USERS["reporter"][3]:
            return self.users["reporter"]
        return self.users[C.REPORTING_OFFICERS[body_key][0]]

    # -- the action plan -------------------------------------------------------------------
    def seed_measures(self) -> dict[tuple[str, str], Measure]:
        measures = {}
        for code, specs in C.MEASURES.items():
            programme = self.programmes[code]
            for spec in specs:
                measure = self.seed_measure(programme, spec)
                measures[(code, measure.number)] = measure
        return measures

    def seed_measure(self, programme: Programme, spec: dict) -> Measure:
        objective_number = spec["number"].rsplit(".", 1)[0]
        objective = Objective.objects.get(direction__programme=programme, number=objective_number)
        deadline = parse_deadline(
            spec["deadline"],
            period_start_year=programme.period_start_year,
            period_end_year=programme.period_end_year,
        )
        values = {
            **tri("title", spec["title"]),
            **tri("expected_result", spec["result"]),
            "direction": objective.direction,
            "objective": objective,
            "deadline_text": spec["deadline"],
            **deadline.as_measure_fields(),
            "lead_body": self.bodies[spec["lead"]],
            "status": spec["status"],
            "sample": True,
        }
        if spec["mechanism"]:
            values.update(tri("implementation_mechanism", spec["mechanism"]))
        lookup = {"programme": programme, "number": spec["number"]}
        measure = Measure.objects.filter(**lookup).first() or Measure(**lookup)
        reason = _("sample data")
        written = assign(measure, values) or measure.pk is None
        if written:
            measure_save(measure, user=None, reason=reason)
        rows_changed = False  # a changed row is a change of the measure: its version goes up too

        def upsert_row(model, lookup, values):
            nonlocal rows_changed
            row, changed = upsert_changed(model, lookup, values)
            rows_changed = rows_changed or changed
            return row

        units = {self.units[soate].pk for soate in spec["units"]}
        if units != set(measure.target_units.values_list("pk", flat=True)):
            measure.target_units.set(units)
            rows_changed = True

        for position, key in enumerate(spec["co"]):
            body = self.bodies[key]
            upsert_row(
                MeasureExecutor,
                {"measure": measure, "body": body},
                {"position": position, "in_coordination": body.works_in_coordination},
            )

        # Money spent is not seeded here: it is the sum of accepted reports (seed_reports).
        for source, first, last, amount, donor in spec["funding"]:
            for year in range(first, last + 1):
                line = upsert_row(
                    FundingLine,
                    {
                        "measure": measure,
                        "source": source,
                        "year": year,
                        "donor": self.bodies[donor] if donor else None,
                    },
                    {"planned_amount": Decimal(amount)},
                )
                split = spec["allocate"].get(source, {})
                for unit_key, part in split.items():
                    upsert_row(
                        FundingAllocation,
                        {"line": line, "unit": self.units[unit_key]},
                        {"amount": Decimal(part)},
                    )
                stale = line.allocations.exclude(
                    unit__soate__in=[self.units[key].soate for key in split]
                )
                for allocation in stale:
                    allocation.delete()
                    rows_changed = True

        if spec["indicator"]:
            name, unit_key, baseline, baseline_year, final, per_year = spec["indicator"]
            indicator = upsert_row(
                MeasureIndicator,
                {"measure": measure, "position": 0},
                {
                    **tri("name", name),
                    **tri("unit_of_measure", C.UNITS_OF_MEASURE[unit_key]),
                    "baseline_value": Decimal(baseline),
                    "baseline_year": baseline_year,
                },
            )
            first_year = max(programme.period_start_year, baseline_year + 1)
            last_year = (
                measure.deadline_end.year
                if measure.deadline_end and measure.deadline_kind in ("once", "period")
                else programme.period_end_year
            )
            years = list(range(first_year, last_year + 1))
            # Official targets are written whole or with one decimal, as the unit is counted.
            places = Decimal(1).scaleb(-C.PRECISION[unit_key])
            for step, year in enumerate(years, start=1):
                if per_year:
                    target = Decimal(final)
                else:  # a straight line from the baseline to the final target
                    target = Decimal(baseline) + (Decimal(final) - Decimal(baseline)) * step / len(
                        years
                    )
                upsert_row(
                    IndicatorTarget,
                    {"indicator": indicator, "year": year, "unit": None},
                    {"target_value": target.quantize(places, rounding=ROUND_HALF_UP)},
                )
        if rows_changed and not written:
            measure_save(measure, user=None, reason=reason)
        allocations_check(measure)  # the demo obeys the allocation rule like any plan
        return measure

    def seed_territories(self) -> None:
        types = {t.code: t for t in TerritoryType.objects.all()}
        for code, by_type in C.TERRITORIES.items():
            for type_code, soates in by_type.items():
                for soate in soates:
                    upsert(
                        ProgrammeTerritory,
                        {
                            "programme": self.programmes[code],
                            "unit": self.units[soate],
                            "territory_type": types[type_code],
                        },
                        {"sample": True},
                    )

    def seed_reports(self) -> None:
        """The monitoring story of the adopted programme (meetings/demo/reports.py), as of today.

        A report already stored as the story tells it stays; a demo report the story tells
        otherwise today (a period has closed since, say) is filed again, and one it no longer
        tells goes. A demo report is one flagged sample, or one without any recorded step (earlier
        versions of the demo wrote reports by hand; the portal always records the steps). Reports
        someone filed in the portal are left alone."""
        programme = self.programmes["REG-2025-2030"]
        # Cabinet Resolution No. 80: half-yearly, by the 15th of the next month; and the
        # ministry's internal quarterly cycle, by the 10th.
        half_year = cycle_ensure(programme=programme, kind="half_year", due_day=15)
        quarter = cycle_ensure(programme=programme, kind="quarter", due_day=10)
        story = Story(
            programme=programme,
            today=self.today,
            half_year=half_year,
            quarter=quarter,
            bodies=self.bodies,
        )
        editor = self.users["editor"]
        existing = {
            (r.measure_id, r.reporting_body_id, r.period_id): r
            for r in ProgressReport.objects.filter(measure__programme=programme).prefetch_related(
                "actuals",
                "spending",
                "evidence",
                Prefetch("events", queryset=ReportEvent.objects.order_by("at", "id")),
            )
        }
        wanted, touched = set(), set()
        for plan in sorted(story.plans(), key=lambda plan: plan.steps[0].at):
            key = (plan.measure.pk, self.bodies[plan.body_key].pk, plan.period.pk)
            wanted.add(key)
            reporter = self.officer(plan.body_key)
            report = existing.get(key)
            if report is not None:
                if not demo(report) or stored(report) == expected(plan, reporter.pk, editor.pk):
                    continue
                report.delete()
            report_file(plan, reporter=reporter, editor=editor)
            touched.add(plan.measure)
        for key, report in existing.items():
            if key not in wanted and demo(report):
                report.delete()
                touched.add(report.measure)
        for measure in touched:
            funding_actuals_refresh(measure=measure, user=editor)

    def seed_overrides(self) -> None:
        """The editor's status set by hand, with the reason, beside the computed one."""
        editor = self.users["editor"]
        for number, (status, reason) in C.OVERRIDES.items():
            measure = Measure.objects.get(programme__code="REG-2025-2030", number=number)
            if (measure.status_override, measure.status_override_reason) != (status, reason):
                measure_set_status_override(
                    measure=measure, status=status, reason=reason, user=editor
                )

    # -- the working groups ------------------------------------------------------------------
    def seed_working_groups(self) -> None:
        groups, members = {}, {}
        for slug, spec in C.GROUPS.items():
            groups[slug] = upsert(
                WorkingGroup,
                {"slug": slug},
                {
                    "programme": self.programmes[spec["programme"]],
                    "founding_act": self.acts.get(spec["founding_act"]),
                    **tri("name", spec["name"]),
                    **tri("description", spec["description"]),
                },
            )
            members[slug] = self.seed_members(groups[slug], spec["members_from"])
        drafting, current = groups.values()
        agenda = {
            (drafting.slug, 1): self.seed_news_meeting(drafting),
            (current.slug, 1): self.seed_fact_meeting(current, C.HRB_MEETING_1),
        }
        self.meeting_days = {
            1: dt.date(*C.HRB_MEETING_1["starts"][:3]),
            2: month_day(self.today, -2, 15),
            3: month_day(self.today, 2, 10),
        }
        agenda[(current.slug, 2)] = self.seed_held_sample_meeting(current, members[current.slug])
        agenda[(current.slug, 3)] = self.seed_planned_sample_meeting(current)
        self.seed_proposals(groups, agenda)
        self.seed_plan_group()

    def seed_plan_group(self) -> None:
        """An invented working group on the adopted programme's plan (sample, every record): its
        members, one held meeting with its agenda (agenda_item_add) and a member's proposal to a
        measure of the adopted plan (proposal_submit), through the services users take."""
        spec = C.PLAN_GROUP
        formed = month_day(self.today, -spec["formed_months_ago"], 1)
        group = upsert(
            WorkingGroup,
            {"slug": spec["slug"]},
            {
                "programme": self.programmes[spec["programme"]],
                "founding_act": None,
                **tri("name", spec["name"]),
                **tri("description", spec["description"]),
                "sample": True,
            },
        )
        members = {}
        for full_name, body, role, position, username in spec["members"]:
            members[username] = upsert(
                WorkingGroupMember,
                {"group": group, "full_name": full_name},
                {
                    "body": self.bodies[body],
                    "role": role,
                    **tri("position", position),
                    "user": self.users[username] if username else None,
                    "date_from": formed,
                    "sample": True,
                },
            )
        secretary = self.users["secretary"]
        day = month_day(self.today, -1, 20)
        starts = at(day.year, day.month, day.day, 10, 0)
        meeting = group.meetings.filter(number=1).first() or Meeting(group=group, number=1)
        values = {
            "starts_at": starts,
            "ends_at": starts + dt.timedelta(hours=2),
            **tri("place", spec["meeting"]["place"]),
            "format": "in_person",
            "status": "held",
            "sample": True,
        }
        if assign(meeting, values) or meeting.pk is None:
            meeting.full_clean()
            meeting.save()
        if not meeting.agenda_items.exists():
            for title in spec["meeting"]["agenda"]:
                agenda_item_add(meeting=meeting, user=secretary, **tri("title", title))
        proposal_spec = spec["proposal"]
        if not group.proposals.filter(title=proposal_spec["title"]).exists():
            programme = group.programme
            proposal_submit(
                user=self.users["member"],
                group=group,
                title=proposal_spec["title"],
                text=proposal_spec["text"],
                justification=proposal_spec["justification"],
                language=proposal_spec["language"],
                target_kind="measure",
                measure=Measure.objects.get(programme=programme, number=proposal_spec["measure"]),
                sample=True,
            )

    def seed_members(self, group: WorkingGroup, since: dt.date) -> dict:
        """The invented people of a group (sample); in the 2025 group with the bodies of 2025."""
        later = since.year >= 2025
        members = {}
        for full_name, body, role, position, username in C.MEMBERS:
            body = C.BODY_IN_2025.get(body, body) if later else body
            members[full_name] = upsert(
                WorkingGroupMember,
                {"group": group, "full_name": full_name},
                {
                    "body": self.bodies[body],
                    "role": role,
                    **tri("position", position),
                    "user": self.users[username] if username else None,
                    "date_from": since,
                    "sample": True,
                },
            )
        return members

    def seed_news_meeting(self, group: WorkingGroup) -> dict[int, AgendaItem]:
        """The real meeting of 12.06.2024 with what the ministry's news states, and nothing else:
        earlier versions of the demo gave it invented attendance, minutes and decisions, and a
        meeting No. 2 of the draft's group always in the future; those go."""
        spec = C.MEETING_1
        title_ky, text_ky = news_from_file(Path(C.__file__).parent / C.NEWS_FILE)
        meeting = upsert(
            Meeting,
            {"group": group, "number": spec["number"]},
            {
                "starts_at": at(*spec["starts"]),
                "ends_at": None,
                **tri("place", ("", "", "")),
                "format": "in_person",
                "status": "held",
                "minutes_status": "none",
                **tri("minutes_summary", ("", "", "")),
                "minutes_approved_at": None,
                "minutes_approved_by": None,
                **tri("news_title", (title_ky, *spec["news_title"][1:])),
                "news_text_ky": text_ky,
                "news_text_ru": spec["news_text_ru"],
                "news_text_en": spec["news_text_en"],
                "news_published_at": at(*spec["news_published"]),
                "sample": False,
            },
        )
        retired = C.RETIRED_ON_MEETING_1
        Attendance.objects.filter(meeting=meeting).filter(
            Q(member__sample=True) | Q(attendee_name__in=retired["guests"])
        ).delete()
        for start in retired["decisions"]:
            Decision.objects.filter(meeting=meeting, text_ky__startswith=start).delete()
        Meeting.objects.filter(
            group=group, number=2, status="planned", online_link=retired["meeting_2_link"]
        ).delete()
        return self.seed_agenda(meeting, spec["agenda"])

    def seed_fact_meeting(self, group: WorkingGroup, spec: dict) -> dict[int, AgendaItem]:
        """A real meeting known by its date and subject only: no place, minutes or news."""
        meeting = upsert(
            Meeting,
            {"group": group, "number": spec["number"]},
            {
                "starts_at": at(*spec["starts"]),
                "format": "in_person",
                "status": "held",
                "minutes_status": "none",
                "sample": False,
            },
        )
        return self.seed_agenda(meeting, spec["agenda"])

    def seed_held_sample_meeting(self, group: WorkingGroup, members: dict) -> dict:
        spec = C.HRB_MEETING_2
        starts = at(*self.meeting_days[2].timetuple()[:3], 10, 0)
        meeting = upsert(
            Meeting,
            {"group": group, "number": spec["number"]},
            {
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=2, minutes=30),
                **tri("place", C.MEETING_PLACE),
                "format": "in_person",
                "status": "held",
                "minutes_status": "approved",
                **tri("minutes_summary", spec["minutes_summary"]),
                "minutes_approved_at": starts + dt.timedelta(days=7, hours=5),
                "minutes_approved_by": self.users["secretary"],
                "invitations_sent_at": starts - dt.timedelta(days=10),
                "sample": True,
            },
        )
        items = self.seed_agenda(meeting, spec["agenda"])
        for full_name, member in members.items():
            upsert(
                Attendance,
                {"meeting": meeting, "member": member},
                {"body": member.body, "present": full_name not in spec["absent"], "sample": True},
            )
        for body, name, note in spec["guests"]:
            upsert(
                Attendance,
                {"meeting": meeting, "member": None, "attendee_name": name},
                {"body": self.bodies[body], "present": True, "note": note, "sample": True},
            )
        for number, item, text, body, due, status in spec["decisions"]:
            if due == "before_next":
                deadline = self.meeting_days[3] - dt.timedelta(days=5)
            else:
                deadline = self.meeting_days[2] + dt.timedelta(days=due)
            upsert(
                Decision,
                {"meeting": meeting, "number": number},
                {
                    "agenda_item": items[item],
                    **tri("text", text),
                    "responsible_body": self.bodies[body],
                    "deadline": deadline,
                    "status": status,
                    "sample": True,
                },
            )
        return items

    def seed_planned_sample_meeting(self, group: WorkingGroup) -> dict:
        spec = C.HRB_MEETING_3
        starts = at(*self.meeting_days[3].timetuple()[:3], 10, 0)
        meeting = upsert(
            Meeting,
            {"group": group, "number": spec["number"]},
            {
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=2),
                **tri("place", spec["place"]),
                "format": "hybrid",
                "online_link": f"https://meet.example.kg/{group.slug}-{spec['number']}",
                "status": "planned",
                "minutes_status": "none",
                "sample": True,
            },
        )
        return self.seed_agenda(meeting, spec["agenda"])

    def seed_agenda(self, meeting: Meeting, agenda: list) -> dict[int, AgendaItem]:
        return {
            position: upsert(
                AgendaItem,
                {"meeting": meeting, "position": position},
                {
                    **tri("title", title),
                    "presenter_body": self.bodies[body] if body else None,
                    **tri("minutes_text", minutes),
                },
            )
            for position, title, body, minutes in agenda
        }

    def seed_proposals(self, groups: dict, agenda: dict) -> None:
        """Invented proposals (sample), each submitted before the meeting that discussed it and
        before its answer; found by title, so an earlier demo's proposal is corrected in place."""
        for spec in C.PROPOSALS:
            group = groups[spec["group"]]
            programme = group.programme
            submitted = spec["submitted"]
            if len(submitted) == 5:
                submitted_at = at(*submitted)
            else:  # (meeting of the 2025 group, days after it, hour)
                number, days, hour = submitted
                day = self.meeting_days[number] + dt.timedelta(days=days)
                submitted_at = at(*day.timetuple()[:3], hour, 0)
            values = {
                "group": group,
                "programme": programme,
                "author": self.users[spec["author"]],
                "author_body": self.bodies[spec["body"]],
                "language": spec["language"],
                "target_kind": spec["target"],
                "text": spec["text"],
                "justification": spec.get("justification", ""),
                "status": spec["status"],
                "answer": spec.get("answer", ""),
                "answered_at": at(2024, 7, 1, 12, 0) if spec.get("answer") else None,
                "direction": None,
                "objective": None,
                "measure": None,
                "agenda_item": None,
                "resulting_measure": None,
                "sample": True,
            }
            if "direction" in spec:
                values["direction"] = Direction.objects.get(
                    programme=programme, number=spec["direction"]
                )
            if "objective" in spec:
                values["objective"] = Objective.objects.get(
                    direction__programme=programme, number=spec["objective"]
                )
            if "measure" in spec:
                values["measure"] = self.measures[(programme.code, spec["measure"])]
            if "agenda_item" in spec:
                # The 2024 group's proposals were discussed on 12.06.2024, the 2025 group's go to
                # its next meeting.
                number = 1 if group.slug == "mwg-regional-development-2024" else 3
                values["agenda_item"] = agenda[(group.slug, number)][spec["agenda_item"]]
            if "resulting_measure" in spec:
                values["resulting_measure"] = self.measures[spec["resulting_measure"]]
            proposal = upsert(Proposal, {"title": spec["title"]}, values)
            if proposal.submitted_at != submitted_at:  # auto_now_add stamps the seeding moment
                Proposal.objects.filter(pk=proposal.pk).update(submitted_at=submitted_at)

    def seed_indicator_values(self) -> None:
        indicators = {i.code: i for i in SocioEconomicIndicator.objects.all()}
        for code, soate, year, value in C.INDICATOR_VALUES:
            upsert(
                IndicatorValue,
                {"indicator": indicators[code], "unit": self.units[soate], "year": year},
                {"value": Decimal(value)},
            )

    def print_summary(self) -> None:
        self.stdout.write(
            self.style.SUCCESS(
                _("Demo content loaded: %(measures)d measures in %(programmes)d programmes.")
                % {
                    "measures": Measure.objects.filter(sample=True).count(),
                    "programmes": Programme.objects.count(),
                }
            )
        )
        self.stdout.write(
            _("Demo accounts (password: %(password)s):") % {"password": C.DEMO_PASSWORD}
        )
        for username, (groups, _staff, superuser, _body, _programmes) in C.USERS.items():
            role = _("superuser") if superuser else ", ".join(groups)
            self.stdout.write(f"  {username:<10} {username}@example.kg  {role}")
