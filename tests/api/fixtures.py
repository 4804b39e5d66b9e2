"""A small published plan with everything a measure links to, for the API tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from measures.models import FundingSource, Measure
from meetings.models import MeetingStatus, ProposalStatus, ProposalTarget
from programs.models import LegalActRole, Programme, ProgrammeLegalAct, ProgrammeStatus
from regions.models import AdministrativeUnit, IndicatorValue, SocioEconomicIndicator
from tests.factories import (
    BodyFactory,
    DecisionFactory,
    DirectionFactory,
    ExecutorFactory,
    FundingLineFactory,
    IndicatorTargetFactory,
    LegalActFactory,
    MeasureFactory,
    MeasureIndicatorFactory,
    MeetingFactory,
    ObjectiveFactory,
    ProgrammeFactory,
    ProposalFactory,
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
