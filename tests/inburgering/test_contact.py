"""Contact met DUO (seed 001 §2.3): validation, storage and e-mail to the SCI mailbox."""

from django.core import mail
from django.urls import reverse

import pytest

from inburgering.models import ContactBericht, MailStatus, UitgaandeMail
from inburgering.outbox.tasks import verstuur_uitgaande_mail

pytestmark = pytest.mark.django_db
URL = reverse("inburgering:contact")
GELDIG = {"naam": "Eva de Boer", "email": "eva@groningen.nl", "onderwerp": "signalen",
          "bericht": "Ik zie een signaal dat ik niet begrijp."}  # fmt: skip


def test_page_shows_sci_details_and_gemeente(login, medewerker):
    html = login(medewerker).get(URL).content.decode()
    for tekst in (
        "Contact met DUO",
        "Contactformulier",
        "050 599 9191",
        "sci@duo.nl",
        "Groningen",
        "DUO mag mij bellen",
        "LBT (leerbaarheidstoets)",
        "Leerroutes/examen",
        "Verstuur",
    ):
        assert tekst in html, tekst


def test_required_fields(login, medewerker):
    html = login(medewerker).post(URL, {}).content.decode()
    for veld in ("Naam", "E-mail", "Onderwerp", "Bericht"):
        assert f"Het veld &#x27;{veld}&#x27; is verplicht" in html
    assert not ContactBericht.objects.exists()


def test_telefoonnummer_required_when_duo_may_call(login, medewerker):
    html = login(medewerker).post(URL, {**GELDIG, "bellen": "on"}).content.decode()
    assert "Het veld &#x27;Telefoonnummer&#x27; is verplicht" in html
    assert not ContactBericht.objects.exists()


def test_telefoonnummer_optional_without_call(login, medewerker):
    login(medewerker).post(URL, GELDIG)
    assert ContactBericht.objects.get().telefoonnummer == ""


@pytest.mark.parametrize("telefoon", ["050-1234abc", "bel mij"])
def test_telefoonnummer_only_digits_plus_and_dash(login, medewerker, telefoon):
    html = (
        login(medewerker).post(URL, {**GELDIG, "bellen": "on", "telefoonnummer": telefoon}).content.decode()
    )
    assert "Het telefoonnummer mag alleen cijfers, een + of een - bevatten." in html


def test_invalid_email_keeps_what_was_typed(login, medewerker):
    html = (
        login(medewerker)
        .post(URL, {**GELDIG, "email": "eva@", "bellen": "on", "telefoonnummer": "+31 50-1234567"})
        .content.decode()
    )
    assert "Vul een geldig e-mailadres in." in html
    assert 'value="Eva de Boer"' in html and 'value="eva@"' in html and 'value="+31 50-1234567"' in html
    assert "Ik zie een signaal dat ik niet begrijp." in html
    assert '<option value="signalen" selected>' in html


def test_valid_message_is_stored_and_mailed_to_sci(
    login, medewerker, groningen, settings, django_capture_on_commit_callbacks
):
    settings.SCI_EMAIL = "sci-test@duo.example"
    with django_capture_on_commit_callbacks(execute=True):
        response = login(medewerker).post(URL, {**GELDIG, "bellen": "on", "telefoonnummer": "050-1234567"})
    assert response.status_code == 302
    bericht = ContactBericht.objects.get()
    assert (bericht.gebruiker, bericht.gemeente, bericht.telefoonnummer) == (
        "medewerker",
        groningen,
        "050-1234567",
    )
    assert UitgaandeMail.objects.get(sleutel=f"contactbericht-{bericht.pk}").status == MailStatus.VERZONDEN
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sci-test@duo.example"] and email.reply_to == ["eva@groningen.nl"]
    assert email.subject == "PIB contactformulier: Signalen (Groningen)"
    assert "Ik zie een signaal dat ik niet begrijp." in email.body and "050-1234567" in email.body
    html, soort = email.alternatives[0]
    assert soort == "text/html" and '<th align="left">Telefoonnummer</th><td>050-1234567</td>' in html
    assert "Uw bericht is verstuurd" in login(medewerker).get(URL).content.decode()


def test_item10_message_and_its_mail_are_stored_together_and_sent_after_commit(
    login, medewerker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        login(medewerker).post(URL, GELDIG)
    bericht = ContactBericht.objects.get()
    assert UitgaandeMail.objects.get().sleutel == f"contactbericht-{bericht.pk}"
    assert len(callbacks) == 1 and len(mail.outbox) == 0


def test_item10_text_mail_is_not_html_escaped_but_the_html_part_is(
    login, medewerker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        login(medewerker).post(URL, {**GELDIG, "naam": "Eva & <Co>", "bericht": '1 < 2 & "ja"'})
    email = mail.outbox[0]
    assert "Naam: Eva & <Co>" in email.body and '1 < 2 & "ja"' in email.body
    assert "Eva &amp; &lt;Co&gt;" in email.alternatives[0][0]


def test_sending_twice_sends_one_email(login, medewerker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        login(medewerker).post(URL, GELDIG)
    uitgaand = UitgaandeMail.objects.get()
    assert verstuur_uitgaande_mail.delay(uitgaand.pk).get() == ""  # already sent: nothing to claim
    assert len(mail.outbox) == 1
