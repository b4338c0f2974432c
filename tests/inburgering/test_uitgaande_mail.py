"""Item 10: the e-mail outbox — one row per key, written with its cause, claimed, retried with backoff."""

import smtplib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.urls import reverse

import pytest
import time_machine

from inburgering import services
from inburgering.models import ContactBericht, MailStatus, UitgaandeMail
from inburgering.outbox import services as outbox
from inburgering.outbox.tasks import veeg_uitgaande_mail, verstuur_uitgaande_mail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NU = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
TEMPLATES = {
    "onderwerp_template": "mail/contactbericht/onderwerp.txt",
    "tekst_template": "mail/contactbericht/tekst.txt",
    "html_template": "mail/contactbericht/bericht.html",
}
CONTACT = {"naam": "Eva", "email": "eva@groningen.nl", "onderwerp": "storing", "bericht": "Storing"}


class KapotteServer(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("verbinding verbroken")


class WerkerSterft(EmailBackend):
    """The worker process dies between claim and send (BaseException: nothing in our code catches it)."""

    def send_messages(self, messages):
        raise SystemExit(1)


def in_wachtrij(sleutel="test-1", **extra):
    with transaction.atomic():
        return outbox.mail_in_wachtrij(
            sleutel=sleutel, aan=["sci@duo.example"], context={"bericht": ContactBericht(**CONTACT)},
            **{**TEMPLATES, **extra},
        )  # fmt: skip


def rij(mail_id) -> UitgaandeMail:
    return UitgaandeMail.objects.get(pk=mail_id)


def test_item10_same_key_twice_gives_one_row_and_one_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        eerste = in_wachtrij()
        tweede = in_wachtrij()
    assert eerste.pk == tweede.pk and UitgaandeMail.objects.count() == 1
    assert len(callbacks) == 1 and len(mail.outbox) == 1
    assert rij(eerste.pk).status == MailStatus.VERZONDEN and rij(eerste.pk).verzonden_op is not None


def test_item10_row_is_not_written_when_the_cause_rolls_back(
    medewerker, groningen, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.contactbericht_versturen(actor=medewerker, gemeente=groningen, data=CONTACT)
        raise RuntimeError("de oorzaak faalt na het schrijven")
    assert not ContactBericht.objects.exists() and not UitgaandeMail.objects.exists()
    assert callbacks == [] and mail.outbox == []


def test_item10_queuing_outside_the_causes_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError, match="transactie van de oorzaak"):
        outbox.mail_in_wachtrij(sleutel="los", aan=["a@b.nl"], context={"bericht": ContactBericht(**CONTACT)},
                                **TEMPLATES)  # fmt: skip
    assert not UitgaandeMail.objects.exists()


def test_item10_message_id_is_the_key_on_every_attempt(settings, django_capture_on_commit_callbacks):
    settings.DEFAULT_FROM_EMAIL = "Portal Inburgering <noreply@pib.example.nl>"
    with django_capture_on_commit_callbacks(execute=True):
        in_wachtrij(sleutel="contactbericht-7")
    assert mail.outbox[0].message()["Message-ID"] == "<contactbericht-7@pib.example.nl>"


def test_item10_a_key_that_cannot_be_a_message_id_is_refused():
    with pytest.raises(ValueError, match="Ongeldige sleutel"):
        in_wachtrij(sleutel="contact bericht:7")


def test_item10_expired_claim_is_retried(settings):
    with time_machine.travel(NU, tick=False):
        uitgaand = in_wachtrij()
        settings.EMAIL_BACKEND = f"{__name__}.WerkerSterft"
        with pytest.raises(SystemExit):
            outbox.verstuur(uitgaand.pk)
        geclaimd = rij(uitgaand.pk)
        assert (geclaimd.status, geclaimd.pogingen, geclaimd.geclaimd_tot) == (
            MailStatus.BEZIG, 1, NU + outbox.CLAIMDUUR,
        )  # fmt: skip
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        assert outbox.verstuur(uitgaand.pk) == ""  # a redelivered task while the claim holds: nothing
        assert veeg_uitgaande_mail.delay().get() == 0
    with time_machine.travel(NU + outbox.CLAIMDUUR + timedelta(seconds=1), tick=False):
        assert veeg_uitgaande_mail.delay().get() == 1  # the sweep dispatched it; eager, so it ran
    verzonden = rij(uitgaand.pk)
    assert (verzonden.status, verzonden.pogingen) == (MailStatus.VERZONDEN, 2)
    assert len(mail.outbox) == 1


def test_item10_failure_increments_attempts_and_schedules_backoff(settings):
    settings.EMAIL_BACKEND = f"{__name__}.KapotteServer"
    with time_machine.travel(NU, tick=False):
        uitgaand = in_wachtrij()
        assert verstuur_uitgaande_mail.delay(uitgaand.pk).get() == MailStatus.WACHTEND
    eerste = rij(uitgaand.pk)
    assert (eerste.status, eerste.pogingen, eerste.geclaimd_tot) == (MailStatus.WACHTEND, 1, None)
    assert eerste.volgende_poging_op == NU + timedelta(minutes=1)
    assert "SMTPServerDisconnected: verbinding verbroken" in eerste.laatste_fout
    with time_machine.travel(NU + timedelta(seconds=59), tick=False):
        assert veeg_uitgaande_mail.delay().get() == 0  # not yet due
    with time_machine.travel(NU + timedelta(minutes=1), tick=False):
        assert veeg_uitgaande_mail.delay().get() == 1
    assert rij(uitgaand.pk).pogingen == 2
    assert rij(uitgaand.pk).volgende_poging_op == NU + timedelta(minutes=1) + timedelta(minutes=2)
    assert [outbox.wachttijd(n) for n in (1, 2, 3, 4, 10)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8, 360)
    ]  # capped at six hours
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(NU + timedelta(minutes=3), tick=False):
        verstuur_uitgaande_mail.delay(uitgaand.pk)
    assert (rij(uitgaand.pk).status, rij(uitgaand.pk).laatste_fout) == (MailStatus.VERZONDEN, "")
    assert len(mail.outbox) == 1


def test_item10_after_the_last_attempt_the_mail_is_mislukt(settings):
    settings.EMAIL_BACKEND = f"{__name__}.KapotteServer"
    uitgaand = in_wachtrij()
    UitgaandeMail.objects.filter(pk=uitgaand.pk).update(pogingen=outbox.MAX_POGINGEN - 1)
    assert outbox.verstuur(uitgaand.pk) == MailStatus.MISLUKT
    assert rij(uitgaand.pk).status == MailStatus.MISLUKT
    assert not outbox.te_versturen(NU + timedelta(days=365)).exists()  # the sweep leaves it alone


def test_item10_beheer_sees_the_outbox_and_retries_a_failed_mail(
    client, settings, django_capture_on_commit_callbacks
):
    mislukt = in_wachtrij(sleutel="mislukt-1")
    UitgaandeMail.objects.filter(pk=mislukt.pk).update(
        status=MailStatus.MISLUKT, pogingen=10, laatste_fout="x"
    )
    verzonden = in_wachtrij(sleutel="verzonden-1")
    UitgaandeMail.objects.filter(pk=verzonden.pk).update(status=MailStatus.VERZONDEN)
    client.force_login(UserFactory(username="beheerder", is_superuser=True, is_staff=True))
    url = reverse("admin:inburgering_uitgaandemail_changelist")
    lijst = client.get(url, {"status__exact": "mislukt"}).content.decode()
    assert "mislukt-1" in lijst and "verzonden-1" not in lijst and "Opnieuw proberen" in lijst
    assert client.get(reverse("admin:inburgering_uitgaandemail_change", args=[mislukt.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"action": "opnieuw_proberen", "_selected_action": [mislukt.pk, verzonden.pk]},
                               follow=True)  # fmt: skip
    tekst = antwoord.content.decode()
    assert "1 e-mail(s) opnieuw in de wachtrij gezet." in tekst and "1 e-mail(s) overgeslagen" in tekst
    assert (rij(mislukt.pk).status, rij(mislukt.pk).pogingen) == (MailStatus.VERZONDEN, 1)
    assert [m.extra_headers["Message-ID"].split("@")[0] for m in mail.outbox] == ["<mislukt-1"]


def test_item10_outbox_admin_is_read_only():
    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    verzoek = RequestFactory().get("/")
    verzoek.user = UserFactory(is_superuser=True, is_staff=True)
    beheer = site._registry[UitgaandeMail]
    assert beheer.has_view_permission(verzoek)
    assert not (beheer.has_add_permission(verzoek) or beheer.has_change_permission(verzoek)
                or beheer.has_delete_permission(verzoek))  # fmt: skip
