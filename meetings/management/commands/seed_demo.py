"""python manage.py seed_demo — demo content on top of the reference data.

Repeatable: every object is found by its natural key and written only when it is new or differs,
so a second run gives the same database. Every write goes through full_clean() and save();
measures through measures.services.measure_save, the path every edit of the plan takes.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from measures.deadlines import parse_deadline
from measures.models import (
    FundingLine,
    IndicatorActual,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
    ReportEvidence,
    ReportingPeriod,
    ReportSpending,
)
from measures.reporting import funding_actuals_refresh
from measures.services import measure_save
from meetings.demo import content as C
from meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Proposal,
    WorkingGroup,
    WorkingGroupMember,
)
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


class Command(BaseCommand):
    help = _("Load demo content (programmes, measures, the working group, users). Repeatable.")

    def handle(self, *args, **options):
        with translation.override("ky"), transaction.atomic():
            sync_role_groups()
            self.units = {u.soate: u for u in AdministrativeUnit.objects.all()}
            if len(self.units) < 66:
                self.stderr.write(_("Reference data is missing: run `manage.py migrate` first."))
                return
            self.acts = self.seed_acts()
            self.bodies = self.seed_bodies()
            self.programmes = self.seed_programmes()
            self.users = self.seed_users()
            self.measures = self.seed_measures()
            self.seed_territories()
            self.seed_reports()
            self.seed_working_group()
            self.seed_indicator_values()
        self.print_summary()

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
            bodies[key] = upsert(
                ResponsibleBody,
                {"name_en": body["name"][2]},
                {
                    **tri("name", body["name"]),
                    **tri("short_name", body["short"]),
                    "kind": body["kind"],
                    "territory": self.units.get(body.get("territory", "")),
                },
            )
        return bodies

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
                    {**tri("title", title), "position": position},
                )
                for obj_position, (obj_number, obj_title) in enumerate(objectives):
                    upsert(
                        Objective,
                        {"direction": direction, "number": obj_number},
                        {**tri("title", obj_title), "position": obj_position},
                    )
            programmes[code] = programme
        return programmes

    def seed_users(self) -> dict:
        User = get_user_model()
        users = {}
        for username, (groups, staff, superuser, body, programmes) in C.USERS.items():
            user = User.objects.filter(username=username).first() or User(username=username)
            user.email = f"{username}@example.kg"
            user.is_staff = staff
            user.is_superuser = superuser
            user.is_active = True
            if not user.check_password(C.DEMO_PASSWORD):
                user.set_password(C.DEMO_PASSWORD)
            user.full_clean()
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            profile = upsert(Profile, {"user": user}, {"body": self.bodies[body]})
            profile.programmes.set([self.programmes[code] for code in programmes])
            users[username] = user
        return users

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
                upsert_row(
                    FundingLine,
                    {
                        "measure": measure,
                        "source": source,
                        "year": year,
                        "donor": self.bodies[donor] if donor else None,
                    },
                    {"planned_amount": Decimal(amount)},
                )

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
                    {"target_value": target.quantize(Decimal("0.001"))},
                )
        if rows_changed and not written:
            measure_save(measure, user=None, reason=reason)
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
                    )

    def seed_reports(self) -> None:
        # The programme's half-yearly cycle exists: saving an adopted programme creates it.
        periods = {
            (p.year, p.number): p
            for p in ReportingPeriod.objects.filter(
                cycle__programme=self.programmes["REG-2025-2030"], cycle__kind="half_year"
            )
        }
        for spec in C.REPORTS:
            measure = self.measures[("REG-2025-2030", spec["measure"])]
            period = periods[(spec["year"], spec["half"])]
            submitted = None
            if spec["status"] != "draft":
                submitted = at(period.end.year, period.end.month, 10, 11, 0) + dt.timedelta(days=30)
            reviewed = spec["status"] in ("accepted", "returned")
            report = upsert(
                ProgressReport,
                {
                    "measure": measure,
                    "reporting_body": self.bodies[spec["body"]],
                    "period": period,
                },
                {
                    "author": self.users["reporter"] if spec["body"] == "mtc" else None,
                    "language": "ky",
                    "text_ky": spec["text"],
                    "execution": "done" if spec["percent"] == 100 else "partly_done",
                    "percent_complete": spec["percent"],
                    "delay_reason_ky": spec.get("delay", ""),
                    "status": spec["status"],
                    "submitted_at": submitted,
                    "reviewed_at": submitted + dt.timedelta(days=5) if reviewed else None,
                    "reviewed_by": self.users["editor"] if reviewed else None,
                    "review_comment": spec.get("comment", ""),
                },
            )
            indicator = measure.indicators.first()
            if indicator and spec["actual"]:
                upsert(
                    IndicatorActual,
                    {"report": report, "indicator": indicator, "year": period.year, "unit": None},
                    {"value": Decimal(spec["actual"])},
                )
            line = measure.funding_lines.filter(year=period.year).order_by("source").first()
            if line and spec["spent"]:
                upsert(
                    ReportSpending,
                    {"report": report, "source": line.source, "donor": line.donor},
                    {"amount": Decimal(spec["spent"])},
                )
            if spec["status"] == "accepted":
                upsert(
                    ReportEvidence,
                    {"report": report, "title": _("Acceptance certificate")},
                    {"link": f"https://example.kg/reports/{measure.number}/{spec['year']}"},
                )
            funding_actuals_refresh(measure=measure, user=self.users["editor"])

    # -- the working group -----------------------------------------------------------------
    def seed_working_group(self) -> None:
        spec = C.GROUP
        group = upsert(
            WorkingGroup,
            {"slug": spec["slug"]},
            {
                "programme": self.programmes[spec["programme"]],
                "founding_act": self.acts[spec["founding_act"]],
                **tri("name", spec["name"]),
                **tri("description", spec["description"]),
            },
        )
        members = {}
        for full_name, body, role, position, username in C.MEMBERS:
            members[full_name] = upsert(
                WorkingGroupMember,
                {"group": group, "full_name": full_name},
                {
                    "body": self.bodies[body],
                    "role": role,
                    **tri("position", position),
                    "user": self.users[username] if username else None,
                    "date_from": dt.date(2024, 1, 17),
                },
            )

        first = self.seed_meeting_1(group, members)
        second = self.seed_meeting_2(group)
        self.seed_proposals(group, {1: first, 2: second})

    def seed_meeting_1(self, group: WorkingGroup, members: dict) -> Meeting:
        spec = C.MEETING_1
        title_ky, text_ky = news_from_file(Path(C.__file__).parent / C.NEWS_FILE)
        meeting = upsert(
            Meeting,
            {"group": group, "number": spec["number"]},
            {
                "starts_at": at(*spec["starts"]),
                "ends_at": at(*spec["ends"]),
                **tri("place", spec["place"]),
                "format": "in_person",
                "status": "held",
                "minutes_status": "approved",
                **tri("minutes_summary", spec["minutes_summary"]),
                "minutes_approved_at": at(2024, 6, 19, 15, 0),
                "minutes_approved_by": self.users["secretary"],
                **tri("news_title", (title_ky, *spec["news_title"][1:])),
                "news_text_ky": text_ky,
                "news_text_ru": spec["news_text_ru"],
                "news_text_en": spec["news_text_en"],
                "news_published_at": at(*spec["news_published"]),
            },
        )
        items = self.seed_agenda(meeting, spec["agenda"])
        for full_name, member in members.items():
            upsert(
                Attendance,
                {"meeting": meeting, "member": member},
                {"body": member.body, "present": full_name not in spec["absent"]},
            )
        for body, name, note in spec["guests"]:
            upsert(
                Attendance,
                {"meeting": meeting, "member": None, "attendee_name": name},
                {"body": self.bodies[body], "present": True, "note": note},
            )
        for decision in spec["decisions"]:
            upsert(
                Decision,
                {"meeting": meeting, "number": decision["number"]},
                {
                    "agenda_item": items[decision["agenda"]],
                    **tri("text", decision["text"]),
                    "responsible_body": self.bodies[decision["body"]],
                    "deadline": decision["deadline"],
                    "status": decision["status"],
                },
            )
        return meeting

    def seed_meeting_2(self, group: WorkingGroup) -> Meeting:
        spec = C.MEETING_2
        # Always ahead: the 10th of the month after next, at 10:00.
        today = dt.date.today()
        month = today.month + 2
        year = today.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        starts = at(year, month, 10, 10, 0)
        meeting = upsert(
            Meeting,
            {"group": group, "number": spec["number"]},
            {
                "starts_at": starts,
                "ends_at": starts + dt.timedelta(hours=2),
                **tri("place", spec["place"]),
                "format": "hybrid",
                "online_link": "https://meet.example.kg/mwg-regional-development-2024-2",
                "status": "planned",
                "minutes_status": "none",
            },
        )
        self.seed_agenda(meeting, spec["agenda"])
        return meeting

    def seed_agenda(self, meeting: Meeting, agenda: list) -> dict[int, AgendaItem]:
        return {
            position: upsert(
                AgendaItem,
                {"meeting": meeting, "position": position},
                {
                    **tri("title", title),
                    "presenter_body": self.bodies[body],
                    **tri("minutes_text", minutes),
                },
            )
            for position, title, body, minutes in agenda
        }

    def seed_proposals(self, group: WorkingGroup, meetings: dict[int, Meeting]) -> None:
        programme = group.programme
        for spec in C.PROPOSALS:
            values = {
                "programme": programme,
                "author": self.users[spec["author"]],
                "author_body": self.bodies[spec["body"]],
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
                number, position = spec["agenda_item"]
                values["agenda_item"] = AgendaItem.objects.get(
                    meeting=meetings[number], position=position
                )
            if "resulting_measure" in spec:
                values["resulting_measure"] = self.measures[spec["resulting_measure"]]
            upsert(Proposal, {"group": group, "title": spec["title"]}, values)

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
