"""DUO side of the Wi2013 (SPEC §6): the admin and the chain-event feed write DUO-owned data through here.

The gemeente's four PVT fields and its factuur go through `wi2013.services`; DUO owns the PVT-plicht,
its dates, the MB indications, the loan, and the verdict and status of a factuur. Every write is audited
field by field (old → new) and emits its signals (`wi2013.signalering`) in the same transaction, so a
change and its signals commit together or not at all.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from inburgering.audit import audit, snapshot, verschillen
from inburgering.models import AuditActie, Persoon

from . import meldingen as m
from . import services, signalering
from .constants import FactuurStatus
from .models import Factuur, Wi2013Persoon

DUO_VELDEN = (
    "indicatie_inburgeringsplicht",
    "gemeente_eerste_vestiging",
    "gemeente_einde_pvt",
    "pvt_plichtig",
    "datum_start_pvt_plicht",
    "datum_einde_pvt_plicht",
    "recht_op_mb",
    "mb_gemeld_bzk",
    "mb_gemeld_jaar",
    "lening_duo",
)


def _fouten(gegevens: Wi2013Persoon) -> dict[str, list[str]]:
    """The consistency rules of the DUO data (seed 000 §5.2): MB gemeld only with recht, year with Ja."""
    fouten: dict[str, list[str]] = {}
    start, einde = gegevens.datum_start_pvt_plicht, gegevens.datum_einde_pvt_plicht
    if start and einde and einde < start:
        fouten["datum_einde_pvt_plicht"] = [m.EINDE_PVT_VOOR_START.tekst]
    if gegevens.mb_gemeld_bzk is not None and gegevens.recht_op_mb is not True:
        fouten["mb_gemeld_bzk"] = [m.MB_ZONDER_RECHT.tekst]
    if gegevens.mb_gemeld_bzk is True and not gegevens.mb_gemeld_jaar:
        fouten["mb_gemeld_jaar"] = [m.MB_JAAR_ONTBREEKT.tekst]
    elif gegevens.mb_gemeld_bzk is not True and gegevens.mb_gemeld_jaar:
        fouten["mb_gemeld_jaar"] = [m.MB_JAAR_ZONDER_MELDING.tekst]
    return fouten


@transaction.atomic
def wi2013_bijwerken(*, actor, persoon: Persoon, data: dict[str, Any]) -> Wi2013Persoon:
    """Create or change the DUO-owned Wi2013 data of a person, audited field by field (old → new), with
    its signals: SS601 (PVT-plichtig becomes Ja), SS607 (PVT-plicht changed otherwise), SS608 (datum
    start), SS609 (datum einde), SS606 (inburgeringsplicht), SS610 (recht op MB).

    Only the fields in `data` change; gemeente-owned fields are refused (they go through
    `services.pvt_wijzigen`, with its rules). Applying the same data again changes and signals nothing.
    """
    onbekend = sorted(set(data) - set(DUO_VELDEN))
    if onbekend:
        raise ValidationError(m.GEEN_DUO_VELDEN.weergave("", ", ".join(onbekend)), code="geen_duo_velden")
    gegevens, nieuw_record = Wi2013Persoon.objects.select_for_update().get_or_create(persoon=persoon)
    velden = list(data)
    oude_waarden = {veld: getattr(gegevens, veld) for veld in DUO_VELDEN}
    oud = snapshot(gegevens, velden)
    for veld in velden:
        setattr(gegevens, veld, data[veld])
    fouten = _fouten(gegevens)
    if fouten:
        raise ValidationError(fouten)  # rolls back the get_or_create too
    gegevens.full_clean(exclude=["persoon"])
    wijzigingen = verschillen(oud, snapshot(gegevens, velden))
    if not wijzigingen and not nieuw_record:
        return gegevens
    gegevens.save()
    audit(actor=actor, actie=AuditActie.AANMAKEN if nieuw_record else AuditActie.WIJZIGEN,
          gemeente=persoon.woongemeente, persoon=persoon, obj=gegevens,
          omschrijving="Wi2013-gegevens gewijzigd door DUO", wijzigingen=wijzigingen)  # fmt: skip
    if not nieuw_record and "datum_einde_pvt_plicht" in wijzigingen:
        services.nieuwe_termijn(gegevens, actor=actor, oud_einde=oude_waarden["datum_einde_pvt_plicht"])
    nieuwe_waarden = {veld: getattr(gegevens, veld) for veld in DUO_VELDEN}
    signalering.bij_duo_wijziging(persoon, oude_waarden, nieuwe_waarden)
    return gegevens


def _factuur_van(persoon: Persoon) -> Factuur:
    factuur = (
        Factuur.objects.select_for_update(of=("self",))
        .select_related("gegevens__persoon__woongemeente")
        .filter(gegevens__persoon=persoon)
        .first()
    )
    if factuur is None:
        raise ValidationError(m.GEEN_FACTUUR.tekst, code="geen_factuur")
    return factuur


@transaction.atomic
def factuur_beoordeeld(*, actor, persoon: Persoon, geaccepteerd: bool) -> Factuur:
    """13-4: the inburgeraar accepted (SS612) or refused (SS611) the factuur in Mijn Inburgering.

    An accepted factuur stays accepted (DUO pays it; it can no longer be changed). A refused factuur the
    gemeente corrected may be judged again: the verdict on the corrected factuur is a new signal."""
    factuur = _factuur_van(persoon)
    if factuur.geaccepteerd and not geaccepteerd:
        raise ValidationError(m.AL_GEACCEPTEERD.tekst, code="geaccepteerd")
    oud = factuur.geaccepteerd
    if oud != geaccepteerd:
        factuur.geaccepteerd = geaccepteerd
        factuur.save(update_fields=["geaccepteerd"])
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=persoon.woongemeente, persoon=persoon,
              obj=factuur, omschrijving="Factuur geaccepteerd" if geaccepteerd else "Factuur geweigerd",
              wijzigingen={"geaccepteerd": [oud, geaccepteerd]})  # fmt: skip
    signalering.bij_factuur_beoordeeld(factuur, geaccepteerd=geaccepteerd)
    return factuur


@transaction.atomic
def factuur_status_bijwerken(*, actor, persoon: Persoon, status: str | int) -> Factuur:
    """13-4: DUO's "Indicatie status factuur" 1–5 (afgewezen, opgenomen, aanvraag lening in behandeling,
    vrijgegeven, betaald). No signal: the manual defines none for it."""
    code = str(status)
    if code not in FactuurStatus.values:
        raise ValidationError(m.ONGELDIGE_STATUS.weergave("", repr(status)), code="status")
    factuur = _factuur_van(persoon)
    if factuur.status != code:
        oud = factuur.get_status_display() or None
        factuur.status = code
        factuur.save(update_fields=["status"])
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=persoon.woongemeente, persoon=persoon,
              obj=factuur, omschrijving="Indicatie status factuur gewijzigd",
              wijzigingen={"status": [oud, factuur.get_status_display()]})  # fmt: skip
    return factuur
