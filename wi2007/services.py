"""DUO side of the Wi2007: the portal only reads; the admin and the chain-event feed write through here."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from inburgering.audit import audit, snapshot, verschillen
from inburgering.models import AuditActie, Persoon

from .isi import herkomst
from .models import Wi2007Persoon

VELDEN = tuple(f.name for f in Wi2007Persoon._meta.concrete_fields if f.name not in ("persoon", "herkomst"))


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
    """Create or change the Wi2007 data of a person, audited field by field (old → new)."""
    gegevens, _ = Wi2007Persoon.objects.select_for_update().get_or_create(persoon=persoon)
    velden = [veld for veld in data if veld in VELDEN]
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
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=persoon.woongemeente, persoon=persoon,
              obj=gegevens, omschrijving="Wi2007-gegevens gewijzigd", wijzigingen=wijzigingen)  # fmt: skip
    return gegevens
