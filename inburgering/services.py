"""Writes of the shared core. Views, admin, importer and jobs all go through these (DESIGN rule 1)."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .access import Toegang
from .audit import als_tekst, audit, snapshot, verschillen
from .gebeurtenissen import Overlijden, PersoonsgegevensGewijzigd, Verhuizing, VertrekUitNederland, publiceer
from .models import AuditActie, ContactBericht, Gemeente, Persoon
from .models import Verhuizing as VerhuizingRecord
from .outbox.services import mail_in_wachtrij

# The DUO-owned person fields a beheerder or the chain-event importer may change.
PERSOON_VELDEN = (
    "bsn", "a_nummer", "voornamen", "voorvoegsels", "achternaam", "geboortedatum", "geslacht",
    "nationaliteit", "geboorteland", "geboorteplaats", "straat", "huisnummer", "postcode", "woonplaats",
    "woongemeente", "toekomstige_gemeente", "datum_vestiging", "datum_vertrek", "datum_overlijden",
    "uitgeschreven_uit_brp", "wet",
)  # fmt: skip


def gemeente_kiezen(*, actor, toegang: Toegang, gemeente: Gemeente) -> Gemeente:
    """Switch the active gemeente; only to one the user is authorised for, and recorded (A-8)."""
    if not gemeente.actief or not toegang.mag_kiezen(gemeente.id):
        raise PermissionDenied("U bent niet geautoriseerd voor deze gemeente.")
    audit(
        actor=actor,
        actie=AuditActie.GEMEENTE_GEKOZEN,
        gemeente=gemeente,
        omschrijving=f"Van {toegang.gemeente.code if toegang.gemeente else '-'} naar {gemeente.code}",
    )
    return gemeente


@transaction.atomic
def persoon_inschrijven(*, actor, data: dict[str, Any]) -> Persoon:
    """DUO side: a person appears in the BRP. Validates the model (BSN elfproef) and audits."""
    persoon = Persoon(**{k: v for k, v in data.items() if k in PERSOON_VELDEN})
    persoon.full_clean()
    persoon.save()
    audit(
        actor=actor,
        actie=AuditActie.AANMAKEN,
        gemeente=persoon.woongemeente,
        persoon=persoon,
        obj=persoon,
        omschrijving="Persoon ingeschreven",
        wijzigingen={veld: [None, waarde] for veld, waarde in snapshot(persoon, PERSOON_VELDEN).items()},
    )
    return persoon


@transaction.atomic
def persoon_wijzigen(*, actor, persoon: Persoon, data: dict[str, Any]) -> Persoon:
    """DUO side: change DUO-owned person data, audited field by field (old → new)."""
    persoon = (
        Persoon.objects.select_for_update(of=("self",)).select_related("woongemeente").get(pk=persoon.pk)
    )
    velden = [veld for veld in data if veld in PERSOON_VELDEN]
    oud = {veld: getattr(persoon, veld) for veld in velden}
    oude_gemeente, was_overleden, was_vertrokken = (
        persoon.woongemeente,
        persoon.datum_overlijden,
        persoon.datum_vertrek,
    )
    gekoppelde_gemeente_id = persoon.toekomstige_gemeente_id
    for veld in velden:
        setattr(persoon, veld, data[veld])
    persoon.full_clean()
    # Typed values (dates, Gemeente objects): subscribers compute with them; audit() formats them.
    wijzigingen = verschillen(oud, {veld: getattr(persoon, veld) for veld in velden})
    if not wijzigingen:
        return persoon
    persoon.save(update_fields=velden)
    audit(
        actor=actor,
        actie=AuditActie.WIJZIGEN,
        gemeente=persoon.woongemeente,
        persoon=persoon,
        obj=persoon,
        omschrijving="Persoonsgegevens gewijzigd",
        wijzigingen=wijzigingen,
    )
    _publiceer_brp_feiten(persoon, oude_gemeente, was_overleden, was_vertrokken, gekoppelde_gemeente_id)
    # The fact is the new values themselves: the same change applied twice is one fact.
    sleutel = ",".join(f"{veld}={als_tekst(nieuw)}" for veld, (_, nieuw) in sorted(wijzigingen.items()))
    feit = f"gewijzigd:{persoon.bsn}:{hashlib.sha256(sleutel.encode()).hexdigest()[:16]}"
    publiceer(PersoonsgegevensGewijzigd(persoon=persoon, wijzigingen=wijzigingen, feit=feit))
    return persoon


def _publiceer_brp_feiten(
    persoon: Persoon, oude_gemeente, was_overleden, was_vertrokken, gekoppelde_gemeente_id=None
) -> None:
    """Turn a changed BRP fact into a domain event. The fact's key is built from the data itself,
    so replaying the same change (from the feed or the admin) never signals twice."""
    if persoon.woongemeente_id and persoon.woongemeente_id != getattr(oude_gemeente, "id", None):
        datum = persoon.datum_vestiging or timezone.localdate()
        VerhuizingRecord.objects.get_or_create(
            persoon=persoon, van_gemeente=oude_gemeente, naar_gemeente=persoon.woongemeente, datum=datum,
            # Settling from the AZC into the gemeente COA coupled the person to: the AZC gemeente never
            # had the person as its inburgeraar (Wi2021 D-30), so it gets no old-gemeente rights.
            defaults={"uit_azc": persoon.woongemeente_id == gekoppelde_gemeente_id},
        )  # fmt: skip
        oud = oude_gemeente.code if oude_gemeente else "-"
        publiceer(Verhuizing(
            persoon=persoon, oude_gemeente=oude_gemeente, nieuwe_gemeente=persoon.woongemeente, datum=datum,
            feit=f"verhuisd:{persoon.bsn}:{oud}>{persoon.woongemeente.code}:{datum:%Y%m%d}",
        ))  # fmt: skip
    if persoon.datum_overlijden and not was_overleden:
        publiceer(Overlijden(persoon=persoon, datum=persoon.datum_overlijden,
                             feit=f"overleden:{persoon.bsn}:{persoon.datum_overlijden:%Y%m%d}"))  # fmt: skip
    if persoon.datum_vertrek and not was_vertrokken:
        publiceer(VertrekUitNederland(persoon=persoon, datum=persoon.datum_vertrek,
                                      feit=f"vertrokken:{persoon.bsn}:{persoon.datum_vertrek:%Y%m%d}"))  # fmt: skip


def contactbericht_versturen(*, actor, gemeente: Gemeente | None, data: dict[str, Any]) -> ContactBericht:
    """Store the message and its e-mail to the SCI mailbox in one transaction (the outbox sends it)."""
    with transaction.atomic():
        bericht = ContactBericht.objects.create(gebruiker=actor.get_username(), gemeente=gemeente, **data)
        mail_in_wachtrij(
            sleutel=f"contactbericht-{bericht.pk}",
            aan=[settings.SCI_EMAIL],
            antwoord_aan=[bericht.email],
            onderwerp_template="mail/contactbericht/onderwerp.txt",
            tekst_template="mail/contactbericht/tekst.txt",
            html_template="mail/contactbericht/bericht.html",
            context={"bericht": bericht},
        )
    return bericht
