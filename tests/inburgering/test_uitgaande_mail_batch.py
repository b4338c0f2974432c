"""Issue 12 (weekly contactpersoon e-mail at scale): `mails_in_wachtrij` queues many e-mails with one INSERT
and one dispatch message, with the same idempotency keys and transaction guarantees as `mail_in_wachtrij`."""

from django.core import mail
from django.db import transaction

import pytest

from inburgering.models import ContactBericht, MailStatus, UitgaandeMail
from inburgering.outbox.services import Bericht, mails_in_wachtrij

pytestmark = pytest.mark.django_db
CONTACT = {"naam": "Eva", "email": "eva@groningen.nl", "onderwerp": "storing", "bericht": "Storing"}


def bericht(sleutel: str) -> Bericht:
    return Bericht(sleutel=sleutel, aan=[f"{sleutel}@gemeente.nl"], onderwerp_template="mail/contactbericht/onderwerp.txt",
                   tekst_template="mail/contactbericht/tekst.txt", html_template="mail/contactbericht/bericht.html",
                   context={"bericht": ContactBericht(**CONTACT)})  # fmt: skip


def test_issue12_batch_queues_each_key_once_and_sends_each_once(django_capture_on_commit_callbacks):
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        assert len(mails_in_wachtrij([bericht("a"), bericht("b"), bericht("a")])) == 2
    assert len(callbacks) == 1  # one dispatch message for the batch
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        assert [m.sleutel for m in mails_in_wachtrij([bericht("b"), bericht("c")])] == [
            "c"
        ]  # a rerun: only new
    assert sorted(m.to[0] for m in mail.outbox) == ["a@gemeente.nl", "b@gemeente.nl", "c@gemeente.nl"]
    assert set(UitgaandeMail.objects.values_list("status", flat=True)) == {MailStatus.VERZONDEN}
    assert UitgaandeMail.objects.get(sleutel="a").html.startswith("<!DOCTYPE html>")


def test_issue12_batch_rolls_back_with_its_cause():
    with pytest.raises(RuntimeError), transaction.atomic():
        mails_in_wachtrij([bericht("a")])
        raise RuntimeError("de oorzaak mislukt")
    assert not UitgaandeMail.objects.exists()


def test_issue12_batch_outside_a_transaction_or_with_a_bad_key_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        mails_in_wachtrij([bericht("a")])
    with pytest.raises(ValueError), transaction.atomic():
        mails_in_wachtrij([bericht("geen spaties")])
