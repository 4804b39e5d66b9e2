"""Factories for every model the tests build. Translated fields are set in all three languages."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from measures.models import (
    FundingLine,
    FundingSource,
    IndicatorActual,
    IndicatorTarget,
    Measure,
    MeasureExecutor,
    MeasureIndicator,
    ProgressReport,
    ReportingPeriod,
    ReportSpending,
)
from meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingStatus,
    Proposal,
    ProposalTarget,
    WorkingGroup,
    WorkingGroupMember,
)
from programs.models import (
    BodyKind,
    Direction,
    LegalAct,
    LegalActKind,
    Objective,
    Profile,
    Programme,
    ProgrammeStatus,
    ResponsibleBody,
)
from regionalprogram.languages import LANGUAGE_CODES
from regions.models import AdministrativeUnit, UnitLevel


def trilingual(attr: str, template: str):
    """Declarations for attr_ky / attr_ru / attr_en from one template with {n}."""
    return {
        f"{attr}_{lang}": factory.Sequence(lambda n, lang=lang: f"{template.format(n=n)} [{lang}]")
        for lang in LANGUAGE_CODES
    }


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.kg")
    password = factory.PostGenerationMethodCall("set_password", "pass12345")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    soate = factory.Sequence(lambda n: f"4179{n:04d}000000")
    level = UnitLevel.OBLAST
    name_ky = factory.Sequence(lambda n: f"Аймак {n}")
    name_ru = factory.Sequence(lambda n: f"Регион {n}")
    name_en = factory.Sequence(lambda n: f"Region {n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponsibleBody

    name_ky = factory.Sequence(lambda n: f"Министрлик {n}")
    name_ru = factory.Sequence(lambda n: f"Министерство {n}")
    name_en = factory.Sequence(lambda n: f"Ministry {n}")
    short_name_ky = factory.Sequence(lambda n: f"М{n}")
    short_name_ru = factory.Sequence(lambda n: f"М{n}")
    short_name_en = factory.Sequence(lambda n: f"M{n}")
    kind = BodyKind.MINISTRY


class LegalActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalAct

    kind = LegalActKind.RESOLUTION
    number = factory.Sequence(lambda n: str(100 + n))
    date = datetime.date(2025, 3, 18)
    issuer_ky = "Министрлер Кабинети"
    issuer_ru = "Кабинет министров"
    issuer_en = "Cabinet of Ministers"
    title_ky = factory.Sequence(lambda n: f"Токтом {n}")
    title_ru = factory.Sequence(lambda n: f"Постановление {n}")
    title_en = factory.Sequence(lambda n: f"Resolution {n}")


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"PRG-{n}")
    title_ky = factory.Sequence(lambda n: f"Программа {n} (ky)")
    title_ru = factory.Sequence(lambda n: f"Программа {n} (ru)")
    title_en = factory.Sequence(lambda n: f"Programme {n} (en)")
    period_start_year = 2025
    period_end_year = 2030
    status = ProgrammeStatus.ADOPTED
    lead_body = factory.SubFactory(BodyFactory)


class DirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Direction

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    position = factory.Sequence(lambda n: n)
    title_ky = factory.Sequence(lambda n: f"Багыт {n}")
    title_ru = factory.Sequence(lambda n: f"Направление {n}")
    title_en = factory.Sequence(lambda n: f"Direction {n}")


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    direction = factory.SubFactory(DirectionFactory)
    number = factory.Sequence(lambda n: f"1.{n + 1}")
    title_ky = factory.Sequence(lambda n: f"Маселе {n}")
    title_ru = factory.Sequence(lambda n: f"Задача {n}")
    title_en = factory.Sequence(lambda n: f"Objective {n}")


class _HeadingDirectionFactory(DirectionFactory):
    class Meta:
        model = Direction
        django_get_or_create = ("programme", "number")


class _HeadingObjectiveFactory(ObjectiveFactory):
    class Meta:
        model = Objective
        django_get_or_create = ("direction", "number")

    direction = factory.SubFactory(_HeadingDirectionFactory)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        skip_postgeneration_save = True

    # Headings numbered as the measure's number says (programs.numbers.heading_numbers), as the
    # editor's form and the import require; found when the programme already has them.
    objective = factory.SubFactory(
        _HeadingObjectiveFactory,
        number=factory.LazyAttribute(lambda o: ".".join(o.factory_parent.number.split(".")[:2])),
        direction__number=factory.LazyAttribute(
            lambda o: o.factory_parent.factory_parent.number.split(".")[0]
        ),
    )
    direction = factory.LazyAttribute(lambda o: o.objective.direction)
    programme = factory.LazyAttribute(lambda o: o.direction.programme)
    number = factory.Sequence(lambda n: f"1.1.{n + 1}")
    title_ky = factory.Sequence(lambda n: f"Иш-чара {n}")
    title_ru = factory.Sequence(lambda n: f"Мероприятие {n}")
    title_en = factory.Sequence(lambda n: f"Measure {n}")
    deadline_text = "IV квартал 2026"
    deadline_kind = "once"
    deadline_start = datetime.date(2026, 10, 1)
    deadline_end = datetime.date(2026, 12, 31)
    lead_body = factory.SubFactory(BodyFactory)

    @factory.post_generation
    def target_units(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_units.set(extracted)


class ExecutorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureExecutor

    measure = factory.SubFactory(MeasureFactory)
    body = factory.SubFactory(BodyFactory)


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    measure = factory.SubFactory(MeasureFactory)
    source = FundingSource.REPUBLICAN
    year = 2026
    planned_amount = Decimal("1500.0")


class MeasureIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeasureIndicator

    measure = factory.SubFactory(MeasureFactory)
    name_ky = "Көрсөткүч"
    name_ru = "Показатель"
    name_en = "Indicator"
    unit_of_measure_ky = "бирдик"
    unit_of_measure_ru = "единиц"
    unit_of_measure_en = "units"
    baseline_value = Decimal("0")
    baseline_year = 2024


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(MeasureIndicatorFactory)
    year = 2026
    target_value = Decimal("10")


def reporting_period(programme, kind: str = "half_year", year: int = 2025, number: int = 1):
    """The programme's period of that kind, its cycle created when missing (due the 15th of the
    month after the period)."""
    from measures.reporting import cycle_ensure

    cycle = programme.reporting_cycles.filter(kind=kind).first() or cycle_ensure(
        programme=programme, kind=kind
    )
    return ReportingPeriod.objects.get(cycle=cycle, year=year, number=number)


class ProgressReportFactory(factory.django.DjangoModelFactory):
    """A report of the measure's lead body for H1 2025 unless told otherwise (kind, year,
    number pick the period; the cycle is created when the programme has none of that kind)."""

    class Meta:
        model = ProgressReport

    class Params:
        kind = "half_year"
        year = 2025
        number = 1

    measure = factory.SubFactory(MeasureFactory)
    period = factory.LazyAttribute(
        lambda o: reporting_period(o.measure.programme, o.kind, o.year, o.number)
    )
    reporting_body = factory.LazyAttribute(lambda o: o.measure.lead_body)
    text_ky = "Аткарылды"
    percent_complete = 50


class IndicatorActualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorActual

    report = factory.SubFactory(ProgressReportFactory)
    indicator = factory.SubFactory(
        MeasureIndicatorFactory, measure=factory.SelfAttribute("..report.measure")
    )
    year = factory.LazyAttribute(lambda o: o.report.period.year)
    value = Decimal("5")


class ReportSpendingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSpending

    report = factory.SubFactory(ProgressReportFactory)
    source = FundingSource.REPUBLICAN
    amount = Decimal("100.0")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    body = factory.SubFactory(BodyFactory)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    programme = factory.SubFactory(ProgrammeFactory)
    slug = factory.Sequence(lambda n: f"group-{n}")
    name_ky = factory.Sequence(lambda n: f"Жумушчу топ {n}")
    name_ru = factory.Sequence(lambda n: f"Рабочая группа {n}")
    name_en = factory.Sequence(lambda n: f"Working group {n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupMember

    group = factory.SubFactory(WorkingGroupFactory)
    full_name = factory.Sequence(lambda n: f"Member {n}")
    body = factory.SubFactory(BodyFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(WorkingGroupFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    status = MeetingStatus.HELD


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title_ky = factory.Sequence(lambda n: f"Күн тартиби {n}")
    title_ru = factory.Sequence(lambda n: f"Вопрос {n}")
    title_en = factory.Sequence(lambda n: f"Item {n}")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    text_ky = "Чечим"
    text_ru = "Решение"
    text_en = "Decision"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    group = factory.SubFactory(WorkingGroupFactory)
    programme = factory.LazyAttribute(lambda o: o.group.programme)
    author = factory.SubFactory(UserFactory)
    author_body = factory.SubFactory(BodyFactory)
    target_kind = ProposalTarget.PROGRAMME
    title = factory.Sequence(lambda n: f"Proposal {n}")
    text = "Текст предложения"
