"""DUO side of the Wi2007: the portal only reads; the admin and the chain-event feed write through here.

Every write is audited field by field and emits its signals (wi2007.signalering) in the same
transaction, so a change and its signals commit together or not at all.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inburgering.audit import audit, snapshot, verschillen
from inburgering.gebeurtenissen import PersoonsgegevensGewijzigd, abonneer
from inburgering.models import AuditActie, Persoon

from . import signalering
from .constants import Uitslag
from .isi import herkomst
from .models import Examen, Vrijstelling, Wi2007Persoon

VELDEN = tuple(f.name for f in Wi2007Persoon._meta.concrete_fields if f.name not in ("persoon", "herkomst"))
EXAMEN_VELDEN = ("examen", "niveau", "uitslag", "profiel", "variant", "datum_deelname", "gemeente_behaald",
                 "vrijgesteld")  # fmt: skip
VRIJSTELLING_VELDEN = ("soort", "verleend_door", "datum_start", "datum_einde", "examenonderdeel", "niveau")

# The person's BRP data on which ISI Actief/Definitief depends (wi2007.isi.herkomst).
HERKOMST_BRP_VELDEN = frozenset({"datum_overlijden", "datum_vertrek", "nationaliteit", "geboortedatum"})
# Who is named in the audit trail when ISI itself recomputes a derived value after a BRP change.
ISI = "isi-wi2007"


def herbereken_herkomst(gegevens: Wi2007Persoon) -> bool:
    """Store ISI Actief/Definitief again; True when it changed."""
    starts = list(gegevens.voorzieningen.values_list("datum_start", flat=True)) if gegevens.pk else []
    nieuw = herkomst(gegevens, vandaag=timezone.localdate(), voorziening_starts=starts)
    if nieuw == gegevens.herkomst:
        return False
    gegevens.herkomst = nieuw
    Wi2007Persoon.objects.filter(pk=gegevens.pk).update(herkomst=nieuw)
    return True


@transaction.atomic
def wi2007_bijwerken(*, actor, persoon: Persoon, data: dict[str, Any]) -> Wi2007Persoon:
    """Create or change the Wi2007 data of a person, audited field by field (old → new), with its signals
    (SS002, SS003, SS006, SS012, SS015, SS016, SS017, SS031, SS050, SS052, SS060, SS064)."""
    gegevens, nieuw_record = Wi2007Persoon.objects.select_for_update().get_or_create(persoon=persoon)
    velden = [veld for veld in data if veld in VELDEN]
    oude_waarden = {veld: getattr(gegevens, veld) for veld in velden}
    oud = snapshot(gegevens, velden)
    for veld in velden:
        setattr(gegevens, veld, data[veld])
    gegevens.full_clean()
    gegevens.save()
    wijzigingen = verschillen(oud, snapshot(gegevens, velden))
    oude_herkomst = gegevens.get_herkomst_display()
    if herbereken_herkomst(gegevens):
        wijzigingen["herkomst"] = [oude_herkomst, gegevens.get_herkomst_display()]
    if wijzigingen:
        entry = audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=persoon.woongemeente, persoon=persoon,
                      obj=gegevens, omschrijving="Wi2007-gegevens gewijzigd", wijzigingen=wijzigingen)  # fmt: skip
        # One fact per real change: replaying the same data changes nothing, so it signals nothing.
        signalering.bij_wi2007_wijziging(
            gegevens, oude_waarden, nieuw_record=nieuw_record, feit=f"wi2007:{persoon.bsn}:{entry.pk}"
        )
    return gegevens


def _gegevens_van(persoon: Persoon) -> Wi2007Persoon:
    gegevens = Wi2007Persoon.objects.select_for_update().filter(persoon=persoon).first()
    if gegevens is None:
        raise ValidationError("Van deze persoon zijn geen Wi2007-gegevens bekend.", code="geen_wi2007")
    return gegevens


@transaction.atomic
def examen_registreren(*, actor, persoon: Persoon, data: dict[str, Any]) -> Examen:
    """Record an exam result (one row per examen, niveau and datum deelname; a correction updates it).

    SS065 for the participation; a passed korte vrijstellingstoets also gives the gehele vrijstelling
    (and so SS017) through `wi2007_bijwerken`.
    """
    gegevens = _gegevens_van(persoon)
    sleutel = {"examen": data.get("examen", ""), "niveau": data.get("niveau", ""),
               "datum_deelname": data.get("datum_deelname")}  # fmt: skip
    examen = Examen.objects.filter(persoon=gegevens, **sleutel).first()
    nieuw = examen is None
    if nieuw:
        examen = Examen(persoon=gegevens, **sleutel)
    velden = [veld for veld in EXAMEN_VELDEN if veld in data]
    oud = {} if nieuw else snapshot(examen, velden)
    for veld in velden:
        setattr(examen, veld, data[veld])
    examen.full_clean()
    examen.save()
    wijzigingen = verschillen(oud, snapshot(examen, EXAMEN_VELDEN if nieuw else velden))
    if wijzigingen:
        audit(actor=actor, actie=AuditActie.AANMAKEN if nieuw else AuditActie.WIJZIGEN,
              gemeente=persoon.woongemeente, persoon=persoon, obj=examen,
              omschrijving="Wi2007-examenuitslag geregistreerd", wijzigingen=wijzigingen)  # fmt: skip
        signalering.bij_examenuitslag(examen, feit=f"wi2007-examen:{examen.pk}:{examen.uitslag}")
    toets = signalering.KORTE_VRIJSTELLINGSTOETS in examen.examen.lower()
    if toets and examen.uitslag == Uitslag.GESLAAGD and not gegevens.gehele_vrijstelling_duo:
        wi2007_bijwerken(actor=actor, persoon=persoon, data={"gehele_vrijstelling_duo": True})
    return examen


@transaction.atomic
def vrijstelling_registreren(*, actor, persoon: Persoon, data: dict[str, Any]) -> Vrijstelling:
    """Record or end a vrijstelling (one row per soort, start and examenonderdeel).

    SS005 when a tijdelijke vrijstelling ends without diploma; SS065 when DUO grants a gedeeltelijke.
    """
    gegevens = _gegevens_van(persoon)
    sleutel = {"soort": data.get("soort", ""), "datum_start": data.get("datum_start"),
               "examenonderdeel": data.get("examenonderdeel", "")}  # fmt: skip
    vrijstelling = Vrijstelling.objects.filter(persoon=gegevens, **sleutel).first()
    nieuw = vrijstelling is None
    if nieuw:
        vrijstelling = Vrijstelling(persoon=gegevens, **sleutel)
    velden = [veld for veld in VRIJSTELLING_VELDEN if veld in data]
    oud = {} if nieuw else snapshot(vrijstelling, velden)
    oud_einde = None if nieuw else vrijstelling.datum_einde
    for veld in velden:
        setattr(vrijstelling, veld, data[veld])
    vrijstelling.full_clean()
    vrijstelling.save()
    wijzigingen = verschillen(oud, snapshot(vrijstelling, VRIJSTELLING_VELDEN if nieuw else velden))
    if wijzigingen:
        audit(actor=actor, actie=AuditActie.AANMAKEN if nieuw else AuditActie.WIJZIGEN,
              gemeente=persoon.woongemeente, persoon=persoon, obj=vrijstelling,
              omschrijving="Wi2007-vrijstelling geregistreerd", wijzigingen=wijzigingen)  # fmt: skip
        signalering.bij_vrijstelling(
            vrijstelling, nieuw=nieuw, einde_gewijzigd=vrijstelling.datum_einde != oud_einde
        )
    return vrijstelling


def bij_persoonsgegevens_gewijzigd(gebeurtenis: PersoonsgegevensGewijzigd) -> None:
    """ISI Actief/Definitief depends on BRP data too (death, departure, nationality, age): store it
    again when one of those changed, in the publishing transaction, audited as done by ISI."""
    if not HERKOMST_BRP_VELDEN & gebeurtenis.wijzigingen.keys():
        return
    persoon = gebeurtenis.persoon
    gegevens = Wi2007Persoon.objects.filter(persoon=persoon).first()
    if gegevens is None:
        return
    gegevens.persoon = persoon
    oud = gegevens.get_herkomst_display()
    if herbereken_herkomst(gegevens):
        _herkomst_auditen(gegevens, oud, "Herkomst ISI herberekend na BRP-wijziging")


def _herkomst_auditen(gegevens: Wi2007Persoon, oud: str, omschrijving: str) -> None:
    """One audit entry per recomputed herkomst, whether a BRP change or the clock caused it."""
    persoon = gegevens.persoon
    audit(actor=ISI, actie=AuditActie.WIJZIGEN, gemeente=persoon.woongemeente, persoon=persoon, obj=gegevens,
          omschrijving=omschrijving, wijzigingen={"herkomst": [oud, gegevens.get_herkomst_display()]})  # fmt: skip


def registreer() -> None:
    """Subscribe to the core events (call from ready(); idempotent)."""
    abonneer(PersoonsgegevensGewijzigd, bij_persoonsgegevens_gewijzigd)


def herkomst_herberekenen_alle(*, vandaag=None, batch: int = 2000) -> int:
    """Nightly: ISI Actief/Definitief also depends on time (AOW age, more than a year abroad), so it is
    recomputed for everyone, in batches with one query for the batch's voorzieningen; returns how many
    changed. Running it twice changes nothing the second time."""
    from collections import defaultdict

    from .isi import herkomst
    from .models import Voorziening

    vandaag = vandaag or timezone.localdate()
    gewijzigd = 0
    laatste = None
    while True:
        qs = Wi2007Persoon.objects.select_related("persoon__woongemeente").order_by("pk")
        if laatste is not None:
            qs = qs.filter(pk__gt=laatste)
        rijen = list(qs[:batch])
        if not rijen:
            return gewijzigd
        laatste = rijen[-1].pk
        starts = defaultdict(list)
        for persoon_id, start in Voorziening.objects.filter(persoon_id__in=[r.pk for r in rijen]).values_list(
            "persoon_id", "datum_start"
        ):
            starts[persoon_id].append(start)
        anders = []
        for gegevens in rijen:
            nieuw = herkomst(gegevens, vandaag=vandaag, voorziening_starts=starts[gegevens.pk])
            if nieuw != gegevens.herkomst:
                oud = gegevens.get_herkomst_display()
                gegevens.herkomst = nieuw
                anders.append((gegevens, oud))
        with transaction.atomic():
            Wi2007Persoon.objects.bulk_update([g for g, _ in anders], ["herkomst"])
            for gegevens, oud in anders:
                _herkomst_auditen(
                    gegevens, oud, "Herkomst ISI herberekend (AOW-leeftijd of verblijf buiten Nederland)"
                )
        gewijzigd += len(anders)
