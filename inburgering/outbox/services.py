"""Queue, claim, send and retry outgoing e-mail.

Guarantees and their limits:
- `mail_in_wachtrij` writes the row inside the caller's transaction: if the cause rolls back, so does
  the mail. The dispatch to the worker happens on commit; if that message is lost (broker down,
  worker killed before acknowledging) the beat sweep (`te_versturen`) hands the row out again.
- One row per idempotency key: queuing the same key again returns the existing row.
- A worker claims a row with one conditional UPDATE (autocommitted, so the claim survives a crash);
  a redelivered or duplicate task finds nothing to claim. A claim expires at `geclaimd_tot`, after
  which the row is due again, so a worker that died after claiming delays the mail but never loses it.
- The row is marked sent in one short UPDATE right after the mail server accepted the message.
  Remaining window: a crash after the server accepted it and before that UPDATE commits sends the
  mail again once the claim expires (at-least-once at the SMTP level). The Message-ID is derived from
  the key, so both copies carry the same Message-ID and receiving mail systems can spot the duplicate.
- A failed send is retried with exponential backoff (`wachttijd`), at most `MAX_POGINGEN` times;
  then the row is "mislukt" until a beheerder chooses "Opnieuw proberen" in the admin.
"""

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from .models import MailStatus, UitgaandeMail

logger = logging.getLogger(__name__)

MAX_POGINGEN = 10
EERSTE_WACHTTIJD = timedelta(minutes=1)
LANGSTE_WACHTTIJD = timedelta(hours=6)
# Longer than the task's hard time limit (tasks.py), so a claim only expires when its worker is gone.
# A setting only so the crash test (tests/jobs) need not wait five minutes.
CLAIMDUUR = timedelta(seconds=getattr(settings, "UITGAANDE_MAIL_CLAIM_SECONDEN", 300))
SMTP_TIMEOUT = 30  # seconds; Django's default is to wait forever
# Letters, digits and . _ - only: the key becomes the left part of the Message-ID as it is.
SLEUTEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def mail_in_wachtrij(
    *,
    sleutel: str,
    aan: Sequence[str],
    onderwerp_template: str,
    tekst_template: str,
    html_template: str | None = None,
    context: dict[str, Any],
    antwoord_aan: Sequence[str] = (),
) -> UitgaandeMail:
    """Queue one e-mail in the current transaction; the same `sleutel` twice gives one row (and one mail).

    Must be called inside `transaction.atomic()` together with the change that causes the mail.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("mail_in_wachtrij hoort in de transactie van de oorzaak (transaction.atomic).")
    if not SLEUTEL.match(sleutel) or len(sleutel) > 200:
        raise ValueError(f"Ongeldige sleutel voor uitgaande e-mail: {sleutel!r}")
    if not aan:
        raise ValueError("Een e-mail heeft ten minste één ontvanger nodig.")
    onderwerp = " ".join(render_to_string(onderwerp_template, context).split())
    mail, aangemaakt = UitgaandeMail.objects.get_or_create(
        sleutel=sleutel,
        defaults={
            "aan": list(aan),
            "antwoord_aan": list(antwoord_aan),
            "onderwerp": onderwerp[:255],
            "tekst": render_to_string(tekst_template, context),
            "html": render_to_string(html_template, context) if html_template else "",
        },
    )
    if aangemaakt:
        _na_commit_versturen([mail.pk])
    return mail


@dataclass(frozen=True)
class Bericht:
    """One e-mail for `mails_in_wachtrij`: the arguments of `mail_in_wachtrij`."""

    sleutel: str
    aan: Sequence[str]
    onderwerp_template: str
    tekst_template: str
    context: dict[str, Any]
    html_template: str | None = None
    antwoord_aan: Sequence[str] = ()


def mails_in_wachtrij(berichten: Sequence[Bericht]) -> list[UitgaandeMail]:
    """Queue many e-mails in the current transaction with one INSERT and one dispatch message (a job that
    mails thousands of recipients). Keys already queued are skipped, so a rerun queues only what is missing;
    the same guarantees as `mail_in_wachtrij` otherwise. A concurrent insert of the same key makes the INSERT
    fail and so rolls back the caller's transaction: the job's retry then skips that key."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("mails_in_wachtrij hoort in de transactie van de oorzaak (transaction.atomic).")
    for b in berichten:
        if not SLEUTEL.match(b.sleutel) or len(b.sleutel) > 200:
            raise ValueError(f"Ongeldige sleutel voor uitgaande e-mail: {b.sleutel!r}")
        if not b.aan:
            raise ValueError("Een e-mail heeft ten minste één ontvanger nodig.")
    bestaand = set(
        UitgaandeMail.objects.filter(sleutel__in=[b.sleutel for b in berichten]).values_list(
            "sleutel", flat=True
        )
    )
    nieuw = [
        UitgaandeMail(
            sleutel=b.sleutel,
            aan=list(b.aan),
            antwoord_aan=list(b.antwoord_aan),
            onderwerp=" ".join(render_to_string(b.onderwerp_template, b.context).split())[:255],
            tekst=render_to_string(b.tekst_template, b.context),
            html=render_to_string(b.html_template, b.context) if b.html_template else "",
        )
        for b in dict((b.sleutel, b) for b in berichten if b.sleutel not in bestaand).values()
    ]
    rijen = UitgaandeMail.objects.bulk_create(nieuw)
    if rijen:
        from .tasks import verstuur_uitgaande_mails

        ids = [rij.pk for rij in rijen]
        transaction.on_commit(lambda: verstuur_uitgaande_mails.delay(ids), robust=True)
    return rijen


def te_versturen(nu=None) -> QuerySet[UitgaandeMail]:
    """Rows a worker may claim now: waiting and due, or claimed by a worker whose claim expired."""
    nu = nu or timezone.now()
    return UitgaandeMail.objects.filter(
        status__in=(MailStatus.WACHTEND, MailStatus.BEZIG), volgende_poging_op__lte=nu
    ).filter(Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu))


def wachttijd(pogingen: int) -> timedelta:
    """Exponential backoff after the n-th failed attempt: 1, 2, 4, … minutes, at most six hours."""
    return min(EERSTE_WACHTTIJD * 2 ** max(pogingen - 1, 0), LANGSTE_WACHTTIJD)


class VerzendFout(Exception):
    """The send failed and a next attempt is scheduled after `wachttijd`."""

    def __init__(self, wachttijd: timedelta):
        super().__init__(f"volgende poging over {wachttijd}")
        self.wachttijd = wachttijd


def verstuur(mail_id: int) -> str:
    """Claim the row and send it; returns the new status, or "" if there was nothing to claim.

    Raises VerzendFout when the send failed and another attempt is scheduled.
    """
    nu = timezone.now()
    geclaimd_tot = nu + CLAIMDUUR
    if (
        not te_versturen(nu)
        .filter(pk=mail_id)
        .update(status=MailStatus.BEZIG, geclaimd_tot=geclaimd_tot, pogingen=F("pogingen") + 1)
    ):
        return ""
    mail = UitgaandeMail.objects.get(pk=mail_id)
    try:
        with get_connection(timeout=SMTP_TIMEOUT) as verbinding:
            bericht(mail, verbinding).send()
    except Exception as fout:
        return _mislukt(mail, geclaimd_tot, fout)
    # Marked sent even if our claim expired meanwhile: the mail did go out.
    UitgaandeMail.objects.filter(pk=mail_id).exclude(status=MailStatus.VERZONDEN).update(
        status=MailStatus.VERZONDEN, verzonden_op=timezone.now(), geclaimd_tot=None, laatste_fout=""
    )
    return MailStatus.VERZONDEN


def message_id(sleutel: str) -> str:
    """The same for every attempt (unlike make_msgid), so duplicates of one mail share it."""
    domein = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "pib.invalid"
    return f"<{sleutel}@{domein}>"


def bericht(mail: UitgaandeMail, verbinding=None) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=mail.onderwerp,
        body=mail.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.aan,
        reply_to=mail.antwoord_aan or None,
        headers={"Message-ID": message_id(mail.sleutel)},
        connection=verbinding,
    )
    if mail.html:
        email.attach_alternative(mail.html, "text/html")
    return email


def _mislukt(mail: UitgaandeMail, geclaimd_tot, fout: Exception) -> str:
    melding = f"{type(fout).__name__}: {fout}"[:2000]
    eigen_claim = UitgaandeMail.objects.filter(pk=mail.pk, status=MailStatus.BEZIG, geclaimd_tot=geclaimd_tot)
    if mail.pogingen >= MAX_POGINGEN:
        eigen_claim.update(status=MailStatus.MISLUKT, geclaimd_tot=None, laatste_fout=melding)
        logger.error("Uitgaande e-mail %s na %s pogingen opgegeven: %s", mail.sleutel, mail.pogingen, melding)
        return MailStatus.MISLUKT
    wacht = wachttijd(mail.pogingen)
    eigen_claim.update(
        status=MailStatus.WACHTEND,
        geclaimd_tot=None,
        volgende_poging_op=timezone.now() + wacht,
        laatste_fout=melding,
    )
    logger.warning("Uitgaande e-mail %s mislukt (poging %s): %s", mail.sleutel, mail.pogingen, melding)
    raise VerzendFout(wacht) from fout


def opnieuw_proberen(ids: Iterable[int]) -> int:
    """Beheer: give failed or waiting mail a fresh series of attempts, starting now."""
    with transaction.atomic():
        rijen = UitgaandeMail.objects.filter(pk__in=list(ids)).filter(
            Q(status__in=(MailStatus.WACHTEND, MailStatus.MISLUKT))
            | Q(status=MailStatus.BEZIG, geclaimd_tot__lt=timezone.now())
        )
        gekozen = list(rijen.values_list("pk", flat=True))
        UitgaandeMail.objects.filter(pk__in=gekozen).update(
            status=MailStatus.WACHTEND, pogingen=0, volgende_poging_op=timezone.now(), geclaimd_tot=None
        )
        _na_commit_versturen(gekozen)
    return len(gekozen)


def _na_commit_versturen(ids: list[int]) -> None:
    from .tasks import verstuur_uitgaande_mail

    for mail_id in ids:
        # robust: a broker that is down must not undo or fail the committed cause; the sweep sends it.
        transaction.on_commit(lambda mail_id=mail_id: verstuur_uitgaande_mail.delay(mail_id), robust=True)
