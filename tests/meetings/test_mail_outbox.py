"""Mail is queued in the action's transaction, sent after the commit, retried, and a mail server
that is down never fails the user's action (review M7)."""

from __future__ import annotations

import datetime
import socket
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from meetings.models import ProposalStatus
from regionalprogram import mail as outbox
from regionalprogram.models import OutboxMail, OutboxStatus
from tests.factories import BodyFactory, ProposalFactory
from tests.queue_helpers import run_queued_tasks

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def closed_port() -> int:
    """A local port where nothing listens: the mail server is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def proposal(group, member):
    return ProposalFactory(
        group=group, author=member, title="Mobile clinics", language="en", author_body=BodyFactory()
    )


@pytest.fixture
def outbox_on(settings):
    settings.EMAIL_BACKEND = "regionalprogram.mail.OutboxBackend"
    return settings


def test_answering_a_proposal_succeeds_with_the_mail_server_down_and_the_mail_goes_later(
    client, secretary, proposal, outbox_on, django_capture_on_commit_callbacks
):
    outbox_on.MAIL_DELIVERY_BACKEND = SMTP
    outbox_on.EMAIL_HOST, outbox_on.EMAIL_PORT = "127.0.0.1", closed_port()
    client.force_login(secretary)
    url = f"/en/working-group/mwg/proposals/{proposal.pk}/answer/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"status": "rejected", "answer": "Out of the programme's scope."}
        )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    # The first attempt is a background task: a worker makes it, not the request.
    assert OutboxMail.objects.get().attempts == 0
    run_queued_tasks()
    queued = OutboxMail.objects.get()
    assert queued.status == OutboxStatus.PENDING and queued.attempts == 1
    assert "ConnectionRefusedError" in queued.last_error
    assert queued.recipients == [proposal.author.email]
    assert queued.next_attempt_at > timezone.now()

    # The mail server is back; the worker sends it once its pause is over, and only once.
    outbox_on.MAIL_DELIVERY_BACKEND = LOCMEM
    call_command("send_outbox")
    assert mail.outbox == []  # not due yet
    OutboxMail.objects.update(next_attempt_at=timezone.now())
    call_command("send_outbox")
    call_command("send_outbox")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0].message().as_bytes().decode()
    assert "rejected" in sent.lower() or "Out of the programme" in sent
    queued.refresh_from_db()
    assert queued.status == OutboxStatus.SENT and queued.attempts == 2 and queued.sent_at


def test_a_rolled_back_action_sends_nothing(outbox_on):
    from django.db import transaction

    outbox_on.MAIL_DELIVERY_BACKEND = LOCMEM
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Subject", "Body", None, ["someone@example.kg"])
        raise RuntimeError
    assert not OutboxMail.objects.exists()
    assert mail.outbox == []


def test_retries_pause_longer_each_time_and_give_up(outbox_on, monkeypatch):
    outbox_on.OUTBOX_SEND_AFTER_COMMIT = False
    outbox_on.MAIL_DELIVERY_BACKEND = SMTP
    outbox_on.EMAIL_HOST, outbox_on.EMAIL_PORT = "127.0.0.1", closed_port()
    mail.send_mail("Subject", "Body", None, ["someone@example.kg"])
    row = OutboxMail.objects.get()
    now = timezone.now()
    pauses = []
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.deliver_due(now=now)
        row.refresh_from_db()
        pauses.append(row.next_attempt_at - now)
        now = row.next_attempt_at
    assert pauses[0] == datetime.timedelta(minutes=1) and pauses[1] == datetime.timedelta(minutes=2)
    assert max(pauses) <= outbox.LONGEST_PAUSE
    assert row.status == OutboxStatus.FAILED and row.attempts == outbox.MAX_ATTEMPTS


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_one_message_twice(outbox_on):
    outbox_on.OUTBOX_SEND_AFTER_COMMIT = False
    outbox_on.MAIL_DELIVERY_BACKEND = LOCMEM
    for number in range(20):
        mail.send_mail(f"Subject {number}", "Body", None, ["someone@example.kg"])
    results = []

    def worker():
        try:
            results.append(outbox.deliver_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mail.outbox) == 20
    assert sum(result["sent"] for result in results) == 20
    assert OutboxMail.objects.filter(status=OutboxStatus.SENT).count() == 20


def test_every_mail_of_the_portal_goes_through_the_outbox(client, outbox_on, member):
    """The settings route Django's mail API to the outbox (pytest swaps it for its own in other
    tests), so Django's own mails, such as a password reset, are queued too."""
    from regionalprogram import settings as portal_settings

    assert portal_settings.EMAIL_BACKEND == "regionalprogram.mail.OutboxBackend"
    outbox_on.OUTBOX_SEND_AFTER_COMMIT = False
    member.email = "member@example.kg"
    member.save()
    response = client.post("/en/accounts/password_reset/", {"email": "member@example.kg"})
    assert response.status_code == 302
    assert OutboxMail.objects.get().recipients == ["member@example.kg"]
