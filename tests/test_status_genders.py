"""Status words agree with the noun they describe: in Russian «предложение представлено»,
«отчёт представлен», «мероприятие не начато», «протокол не начат», «программа завершена». Each
model's statuses carry their own msgid context, so one English word is never forced on two
genders."""

from __future__ import annotations

import pytest
from django.utils import translation

from measures.models import (
    ComputedStatus,
    ExecutionAssessment,
    MeasureStatus,
    ReminderKind,
    ReportEventAction,
    ReportStatus,
)
from meetings.models import DecisionStatus, MeetingStatus, MinutesStatus, ProposalStatus
from programs.models import ProgrammeStatus

RUSSIAN = [
    # a report: «отчёт», masculine
    (ReportStatus.SUBMITTED, "представлен"),
    (ReportStatus.ACCEPTED, "принят"),
    (ReportStatus.RETURNED, "возвращён на доработку"),
    (ReportStatus.DRAFT, "черновик"),
    (ReportEventAction.SUBMITTED, "представлен"),
    (ReportEventAction.ACCEPTED, "принят"),
    (ReminderKind.OVERDUE, "просрочен"),
    # a proposal: «предложение», neuter
    (ProposalStatus.SUBMITTED, "представлено"),
    (ProposalStatus.ACCEPTED, "принято"),
    (ProposalStatus.PARTLY_ACCEPTED, "принято частично"),
    # a measure: «мероприятие», neuter
    (ComputedStatus.NOT_STARTED, "не начато"),
    (ComputedStatus.COMPLETED, "выполнено"),
    (ComputedStatus.OVERDUE, "просрочено"),
    (ExecutionAssessment.NOT_STARTED, "не начато"),
    (MeasureStatus.PLANNED, "запланировано"),
    (MeasureStatus.COMPLETED, "выполнено"),
    # the minutes: «протокол», masculine
    (MinutesStatus.NONE, "не начат"),
    (MinutesStatus.APPROVED, "утверждён"),
    # a meeting: «заседание», neuter; a decision: «решение», neuter
    (MeetingStatus.PLANNED, "запланировано"),
    (MeetingStatus.HELD, "проведено"),
    (DecisionStatus.DONE, "исполнено"),
    # a programme: «программа», feminine
    (ProgrammeStatus.ADOPTED, "утверждена"),
    (ProgrammeStatus.COMPLETED, "завершена"),
    (ProgrammeStatus.SUPERSEDED, "заменена"),
]


@pytest.mark.parametrize(("choice", "expected"), RUSSIAN, ids=lambda v: str(getattr(v, "value", v)))
def test_russian_status_agrees_with_its_noun(choice, expected):
    with translation.override("ru"):
        assert str(choice.label) == expected


def test_the_same_english_word_takes_each_nouns_gender():
    with translation.override("ru"):
        assert str(ReportStatus.SUBMITTED.label) != str(ProposalStatus.SUBMITTED.label)
        assert str(ComputedStatus.NOT_STARTED.label) != str(MinutesStatus.NONE.label)
        assert str(MeasureStatus.COMPLETED.label) != str(ProgrammeStatus.COMPLETED.label)


@pytest.mark.parametrize(
    "choices",
    [
        MeasureStatus,
        ComputedStatus,
        ExecutionAssessment,
        ReportStatus,
        ReportEventAction,
        ReminderKind,
        MeetingStatus,
        MinutesStatus,
        DecisionStatus,
        ProposalStatus,
        ProgrammeStatus,
    ],
)
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_status_is_translated(choices, lang):
    with translation.override("en"):
        english = {value: str(label) for value, label in choices.choices}
    with translation.override(lang):
        for value, label in choices.choices:
            assert str(label) != english[value], f"{choices.__name__}.{value} has no {lang} text"


@pytest.mark.django_db
def test_the_proposal_page_says_submitted_in_the_neuter(client):
    from tests.factories import ProposalFactory

    proposal = ProposalFactory(status=ProposalStatus.SUBMITTED)
    client.force_login(proposal.author)
    with translation.override("ru"):
        url = proposal.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "представлено" in html
