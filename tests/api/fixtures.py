"""A small published plan with everything a measure links to, for the API tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from measures.models import (
    ExecutionAssessment,
    FundingSource,
    Measure,
    ProgressReport,
    ReportStatus,
)
from measures.reporting import funding_actuals_refresh
from meetings.models import MeetingStatus, ProposalStatus, ProposalTarget
from programs.models import LegalActRole, Programme, ProgrammeLegalAct, ProgrammeStatus
from regions.models import AdministrativeUnit, IndicatorValue, SocioEconomicIndicator
from tests.factories import (
    BodyFactory,
    DecisionFactory,
    DirectionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorActualFactory,
    IndicatorTargetFactory,
    LegalActFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    MeetingFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ProposalFactory,
    ReportSpendingFactory,
    WorkingGroupFactory,
)


@dataclass
class Plan:
    programme: Programme
    draft: Programme
    naryn_measure: Measure
    talas_measure: Measure
    draft_measure: Measure
    group: object
    meeting: object
    decision: object
    proposal: object
    hidden_proposal: object


def build_plan() -> Plan:
    naryn_district = AdministrativeUnit.objects.get(soate="41704220000000")
    talas = AdministrativeUnit.objects.get(soate="41707000000000")
    programme = ProgrammeFactory(code="REG-2025-2030", status=ProgrammeStatus.IN_IMPLEMENTATION)
    act = LegalActFactory(number="135", date=datetime.date(2025, 3, 18))
    ProgrammeLegalAct.objects.create(programme=programme, legal_act=act, role=LegalActRole.ADOPTION)
    direction = DirectionFactory(programme=programme, number="1")
    objective = ObjectiveFactory(direction=direction, number="1.1")
    naryn_measure = MeasureFactory(
        objective=objective,
        number="1.1.2",
        title_ky="Нарында суу түтүгү",
        title_ru="Водопровод в Нарыне",
        title_en="Water pipe in Naryn",
        target_units=[naryn_district],
    )
    ExecutorFactory(measure=naryn_measure, in_coordination=True)
    FundingLineFactory(measure=naryn_measure, source=FundingSource.DONOR, year=2026)
    IndicatorTargetFactory(indicator=MeasureIndicatorFactory(measure=naryn_measure), year=2027)
    talas_measure = MeasureFactory(
        objective=objective,
        number="1.1.3",
        status="in_progress",
        deadline_start=datetime.date(2029, 1, 1),
        deadline_end=datetime.date(2029, 12, 31),
        deadline_text="2029",
        target_units=[talas],
    )
    FundingLineFactory(measure=talas_measure, source=FundingSource.REPUBLICAN, year=2029)
    draft = ProgrammeFactory(code="DRAFT-2024", status=ProgrammeStatus.DRAFT)
    draft_measure = MeasureFactory(
        objective=ObjectiveFactory(direction=DirectionFactory(programme=draft)),
        number="9.9.9",
        target_units=[naryn_district],
    )
    group = WorkingGroupFactory(programme=programme, slug="mwg")
    meeting = MeetingFactory(
        group=group, number=1, status=MeetingStatus.HELD, news_published_at=timezone.now()
    )
    decision = DecisionFactory(meeting=meeting, number="1")
    decision.measures.add(naryn_measure)
    proposal = ProposalFactory(
        group=group,
        target_kind=ProposalTarget.MEASURE,
        measure=naryn_measure,
        status=ProposalStatus.ACCEPTED,
    )
    decision.proposals.add(proposal)
    hidden_proposal = ProposalFactory(group=group, status=ProposalStatus.UNDER_REVIEW)
    indicator = SocioEconomicIndicator.objects.order_by("code").first() or (
        SocioEconomicIndicator.objects.create(code="poverty", name="Poverty", unit_of_measure="%")
    )
    IndicatorValue.objects.create(indicator=indicator, unit=naryn_district, year=2022, value=30)
    IndicatorValue.objects.create(indicator=indicator, unit=talas, year=2022, value=20)
    BodyFactory()
    return Plan(
        programme=programme,
        draft=draft,
        naryn_measure=naryn_measure,
        talas_measure=talas_measure,
        draft_measure=draft_measure,
        group=group,
        meeting=meeting,
        decision=decision,
        proposal=proposal,
        hidden_proposal=hidden_proposal,
    )


@dataclass
class Reports:
    """Reports on the plan of ``build_plan`` in every state, for the reports API."""

    accepted: ProgressReport  # the Naryn measure's lead body, H1 2026, with a value and money
    submitted: ProgressReport  # its co-executor's contribution, H1 2026
    draft: ProgressReport  # the lead body, H2 2026
    returned: ProgressReport  # the co-executor, H2 2026
    talas: ProgressReport  # the Talas measure's lead body, H1 2026, accepted
    in_draft_programme: ProgressReport  # accepted, but its programme is a draft

    def all(self) -> list[ProgressReport]:
        return [
            self.accepted,
            self.submitted,
            self.draft,
            self.returned,
            self.talas,
            self.in_draft_programme,
        ]


def add_reports(plan: Plan) -> Reports:
    measure = plan.naryn_measure
    co_body = measure.executors.get().body
    now = timezone.now()

    def report(measure, body, number, status, **fields):
        reviewed = status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED)
        return ProgressReportFactory(
            measure=measure,
            reporting_body=body,
            year=2026,
            number=number,
            status=status,
            language="ru",
            text_ru=f"Сделано: {measure.number}",
            text_en=f"Done: {measure.number}",
            execution=ExecutionAssessment.PARTLY_DONE,
            percent_complete=40,
            submitted_at=None if status == ReportStatus.DRAFT else now,
            reviewed_at=now if reviewed else None,
            review_comment="Уточните сумму" if status == ReportStatus.RETURNED else "",
            **fields,
        )

    accepted = report(measure, measure.lead_body, 1, ReportStatus.ACCEPTED)
    IndicatorActualFactory(
        report=accepted, indicator=measure.indicators.get(), year=2026, value=Decimal("4")
    )
    ReportSpendingFactory(report=accepted, source=FundingSource.DONOR, amount=Decimal("300.0"))
    funding_actuals_refresh(measure=measure)
    reports = Reports(
        accepted=accepted,
        submitted=report(measure, co_body, 1, ReportStatus.SUBMITTED),
        draft=report(measure, measure.lead_body, 2, ReportStatus.DRAFT),
        returned=report(measure, co_body, 2, ReportStatus.RETURNED),
        talas=report(plan.talas_measure, plan.talas_measure.lead_body, 1, ReportStatus.ACCEPTED),
        in_draft_programme=report(
            plan.draft_measure, plan.draft_measure.lead_body, 1, ReportStatus.ACCEPTED
        ),
    )
    return reports
