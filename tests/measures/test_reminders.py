"""manage.py send_reminders: reporters hear about their body's reports due in 7 days, due
tomorrow and overdue (the day after, then weekly), once each, in their own language; submitted
reports are left alone, a second run sends nothing twice, and a broken mail server records
nothing as sent."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from measures import reminders
from measures.models import Measure, ReminderKind, ReportReminder, ReportStatus
from programs.models import Profile, Programme, ProgrammeStatus
from programs.roles import EDITORS, REPORTERS
from tests.factories import (
    BodyFactory,
    ExecutorFactory,
    MeasureFactory,
    ObjectiveFactory,
    ProfileFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    UserFactory,
    reporting_period,
)
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db

D = datetime.date
# H1 2026 of a half-yearly cycle due on the 15th of the month after: due 15.07.2026.
DUE = D(2026, 7, 15)


def reporter(username, body, *, language="ky", group=REPORTERS, **fields):
    user = UserFactory(username=username, first_name=username.title(), **fields)
    user.groups.add(Group.objects.get(name=group))
    ProfileFactory(user=user, body=body, language=language)
    return user


@pytest.fixture
def world(settings):
    settings.PORTAL_URL = "https://regions.example.kg"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    programme = ProgrammeFactory(code="REM-2025-2030")
    measure = MeasureFactory(
        objective=ObjectiveFactory(direction__programme=programme),
        number="2.1.1",
        title_ky="Айылдарды суу менен камсыз кылуу",
        title_ru="Водоснабжение сёл",
        title_en="Rural water supply",
        deadline_text="2026",
        deadline_kind="period",
        deadline_start=D(2026, 1, 1),
        deadline_end=D(2026, 12, 31),
    )
    lead = measure.lead_body
    co_body = ExecutorFactory(measure=measure).body
    users = {
        "lead_ky": reporter("aida", lead, language="ky"),
        "lead_ru": reporter("boris", lead, language="ru"),
        "co_en": reporter("chris", co_body, language="en"),
        # Nobody else hears about the measure:
        "other_body": reporter("dana", BodyFactory()),
        "no_address": reporter("erkin", lead, email=""),
        "inactive": reporter("farida", lead, is_active=False),
        "editor": reporter("gulnara", lead, group=EDITORS),
    }
    period = reporting_period(programme, year=2026, number=1)
    assert period.due_date == DUE
    return {"programme": programme, "measure": measure, "period": period, "users": users}


def run(day: datetime.date, *args) -> str:
    out = StringIO()
    call_command("send_reminders", "--date", day.isoformat(), *args, stdout=out)
    return out.getvalue()


def recipients(messages) -> set[str]:
    return {address for message in messages for address in message.to}


def address(world, name) -> str:
    return world["users"][name].email


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 7, 7), None),  # 8 days before
        (D(2026, 7, 8), (ReminderKind.DUE_SOON, D(2026, 7, 8))),
        (D(2026, 7, 13), (ReminderKind.DUE_SOON, D(2026, 7, 8))),  # came due late: still told
        (D(2026, 7, 14), (ReminderKind.DUE_TOMORROW, D(2026, 7, 14))),
        (D(2026, 7, 15), (ReminderKind.DUE_TOMORROW, D(2026, 7, 14))),  # a missed day caught up
        (D(2026, 7, 16), (ReminderKind.OVERDUE, D(2026, 7, 16))),
        (D(2026, 7, 22), (ReminderKind.OVERDUE, D(2026, 7, 16))),
        (D(2026, 7, 23), (ReminderKind.OVERDUE, D(2026, 7, 23))),
        (D(2026, 8, 6), (ReminderKind.OVERDUE, D(2026, 8, 6))),
    ],
)
def test_reminder_slot_of_each_day(today, expected):
    assert reminders.reminder_slot(DUE, today) == expected


def test_run_daily_each_kind_goes_out_on_its_day_once(world):
    sent_on = {}
    day = D(2026, 7, 1)
    while day <= D(2026, 8, 10):
        mail.outbox.clear()
        run(day)
        if mail.outbox:
            sent_on[day] = sorted(
                set(ReportReminder.objects.filter(scheduled_for=day).values_list("kind", flat=True))
            )
        day += datetime.timedelta(days=1)
    assert sent_on == {
        D(2026, 7, 8): [ReminderKind.DUE_SOON],
        D(2026, 7, 14): [ReminderKind.DUE_TOMORROW],
        D(2026, 7, 16): [ReminderKind.OVERDUE],
        D(2026, 7, 23): [ReminderKind.OVERDUE],
        D(2026, 7, 30): [ReminderKind.OVERDUE],
        D(2026, 8, 6): [ReminderKind.OVERDUE],
    }
    # Three reporters (two of the lead body, one of the co-executor), six reminders each.
    assert ReportReminder.objects.count() == 3 * 6


def test_only_the_reporters_of_the_executing_bodies_are_told(world):
    run(D(2026, 7, 8))
    assert recipients(mail.outbox) == {
        address(world, "lead_ky"),
        address(world, "lead_ru"),
        address(world, "co_en"),
    }
    assert len(mail.outbox) == 3
    assert set(ReportReminder.objects.values_list("recipient__username", flat=True)) == {
        "aida",
        "boris",
        "chris",
    }


def test_running_twice_on_a_day_sends_nothing_twice(world):
    first = run(D(2026, 7, 14))
    assert len(mail.outbox) == 3
    assert "3 reminders sent in 3 e-mails" in first
    second = run(D(2026, 7, 14))
    assert len(mail.outbox) == 3
    assert "0 reminders sent in 0 e-mails, 3 already sent before" in second
    # The due date itself would catch up a missed "due tomorrow", but this one went out.
    run(D(2026, 7, 15))
    assert len(mail.outbox) == 3
    assert ReportReminder.objects.count() == 3


def test_a_concurrent_run_that_recorded_first_wins_through_the_unique_constraint(
    world, monkeypatch
):
    # This run read the records before the other run wrote its own: only the database's unique
    # constraint stands between them and a second e-mail.
    due = reminders.reminders_due(D(2026, 7, 8))
    lead_ky = next(r for r in due if r.recipient.username == "aida")
    ReportReminder.objects.create(
        recipient=lead_ky.recipient,
        measure=lead_ky.measure,
        reporting_body_id=lead_ky.body_id,
        period=lead_ky.period,
        kind=lead_ky.kind,
        scheduled_for=lead_ky.scheduled_for,
    )
    monkeypatch.setattr(reminders, "recorded_keys", lambda due: set())
    result = reminders.reminders_send(today=D(2026, 7, 8))
    assert address(world, "lead_ky") not in recipients(mail.outbox)
    assert len(mail.outbox) == 2
    assert result.already_sent == 1
    assert ReportReminder.objects.count() == 3


@pytest.mark.parametrize(
    ("user", "subject", "words"),
    [
        (
            "lead_ky",
            "Эскертүү: аткаруу боюнча отчеттордун мөөнөтү жакындады",
            ["Айылдарды суу менен камсыз кылуу", "2026-жылдын I жарым жылдыгы", "15.07.2026"],
        ),
        (
            "lead_ru",
            "Напоминание: приближается срок отчётов о ходе выполнения",
            ["Водоснабжение сёл", "I полугодие 2026 года", "15.07.2026", "через 7 дней"],
        ),
        (
            "co_en",
            "Reminder: progress reports are due soon",
            ["Rural water supply", "H1 2026", "15.07.2026", "in 7 days"],
        ),
    ],
)
def test_each_reporter_is_written_to_in_their_language_with_a_link(world, user, subject, words):
    run(D(2026, 7, 8))
    (message,) = [m for m in mail.outbox if m.to == [address(world, user)]]
    assert message.subject == subject
    for word in words:
        assert word in message.body
    lang = world["users"][user].profile.language
    link = (
        f"https://regions.example.kg/{lang}/reports/measure/{world['measure'].pk}"
        f"/period/{world['period'].pk}/"
    )
    assert link in message.body
    assert "REM-2025-2030 2.1.1" in message.body


def test_overdue_reminder_says_so_in_russian(world):
    run(D(2026, 7, 23))
    (message,) = [m for m in mail.outbox if m.to == [address(world, "lead_ru")]]
    assert message.subject == "Напоминание: срок отчётов о ходе выполнения истёк"
    assert "просрочено на 8 дней" in message.body


def test_submitted_or_accepted_reports_are_not_reminded_of(world):
    measure = world["measure"]
    ProgressReportFactory(
        measure=measure, year=2026, number=1, status=ReportStatus.SUBMITTED
    )  # the lead body's
    run(D(2026, 7, 14))
    assert recipients(mail.outbox) == {address(world, "co_en")}
    co_body = measure.executors.get().body
    ProgressReportFactory(
        measure=measure,
        reporting_body=co_body,
        year=2026,
        number=1,
        status=ReportStatus.ACCEPTED,
    )
    mail.outbox.clear()
    run(D(2026, 7, 16))
    assert mail.outbox == []


def test_a_returned_report_is_still_owed_and_the_mail_says_it_was_returned(world):
    ProgressReportFactory(
        measure=world["measure"], year=2026, number=1, status=ReportStatus.RETURNED
    )
    run(D(2026, 7, 16))
    # The co-executor, who has no report at all, is told too.
    assert address(world, "co_en") in recipients(mail.outbox)
    (returned,) = [m for m in mail.outbox if m.to == [address(world, "lead_ru")]]
    assert "возвращён на доработку" in returned.body


def test_an_archived_measure_is_not_reminded_of(world):
    Measure.objects.filter(pk=world["measure"].pk).update(archived_at=timezone.now())
    run(D(2026, 7, 8))
    assert mail.outbox == []


def test_a_programme_no_longer_in_implementation_is_not_reminded_of(world):
    Programme.objects.filter(pk=world["programme"].pk).update(status=ProgrammeStatus.COMPLETED)
    run(D(2026, 7, 8))
    assert mail.outbox == []


class FailingForBoris(LocmemBackend):
    """A mail server that refuses one recipient (and would accept the others)."""

    def send_messages(self, messages):
        if any("boris" in address for message in messages for address in message.to):
            raise ConnectionRefusedError("mail server down")
        return super().send_messages(messages)


def test_a_failing_mail_server_stops_no_one_else_and_records_nothing_it_did_not_send(
    world, settings
):
    settings.EMAIL_BACKEND = "tests.measures.test_reminders.FailingForBoris"
    err = StringIO()
    with pytest.raises(CommandError, match="1 recipients could not be e-mailed"):
        call_command("send_reminders", "--date", "2026-07-08", stdout=StringIO(), stderr=err)
    assert "boris" in err.getvalue()
    assert recipients(mail.outbox) == {address(world, "lead_ky"), address(world, "co_en")}
    assert not ReportReminder.objects.filter(recipient__username="boris").exists()
    assert ReportReminder.objects.count() == 2
    # The next run, with the server back, sends what failed, and only that.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    run(D(2026, 7, 9))
    assert recipients(mail.outbox) == {address(world, "lead_ru")}
    assert ReportReminder.objects.count() == 3


def test_dry_run_lists_the_reminders_and_sends_and_records_nothing(world):
    out = run(D(2026, 7, 8), "--dry-run")
    assert mail.outbox == []
    assert not ReportReminder.objects.exists()
    assert "would send due_soon: aida@example.kg — REM-2025-2030 2.1.1" in out
    assert "3 reminders would send in 3 e-mails" in out


def test_a_bad_date_is_refused(world):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "15.07.2026")
    assert mail.outbox == []


def test_a_reporter_without_a_language_set_gets_kyrgyz(world):
    user = world["users"]["lead_ru"]
    Profile.objects.filter(user=user).delete()
    ProfileFactory(user=user, body=world["measure"].lead_body)  # language left as it comes
    run(D(2026, 7, 8))
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    assert message.subject.startswith("Эскертүү")


def test_enqueued_the_days_reminders_are_sent_by_a_worker(world):
    assert "queued as task" in run(D(2026, 7, 8), "--enqueue")
    assert mail.outbox == [] and not ReportReminder.objects.exists()
    run_queued_tasks()
    assert recipients(mail.outbox) == {address(world, n) for n in ("lead_ky", "lead_ru", "co_en")}
    assert ReportReminder.objects.filter(scheduled_for=D(2026, 7, 8)).count() == 3
