"""Write of the advice on an aanvraag ontheffing BIO (seed 001 §3.6.14, R-BIO): the MUT role again (A-4), the
request locked so the advice is given exactly once (R-BIO-4) even by two caseworkers at the same moment, the
rules' answer raised, the audit trail written. What happens next is DUO's: it decides with the advice and
sends `besluit_ontheffing` (R-BIO-6); the SS140 signal keeps the status the gemeente gives it (§5 names no
automatic change, and the gemeente handles its signals itself, R-SIG-1)."""

import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon

from . import regels_bio as r
from .models import BioAdviesVerzoek, Contactpersoon
from .services import _situatie

ID = re.compile(r"[0-9]{1,18}\Z")  # ASCII digits only ("²".isdigit() is True)


def contactpersoon_van(gemeente: Gemeente, waarde: Any) -> Contactpersoon | None:
    """The gemeente's contactpersoon with this id; anything else (another gemeente's, unknown, not a number)
    is None, which the rules answer with FS 650 (D-20)."""
    tekst = str(waarde or "")
    if not ID.match(tekst):
        return None
    return Contactpersoon.objects.filter(pk=int(tekst), gemeente=gemeente).first()


def opgeschoond(data: dict[str, Any]) -> dict[str, Any]:
    """Line breaks as the user typed them (one character each), surrounding white space dropped."""
    schoon = dict(data)
    for veld in r.VRAAGVELDEN:
        schoon[veld] = (data.get(veld) or "").replace("\r\n", "\n").strip()
    return schoon


@transaction.atomic
def advies_geven(*, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any]) -> BioAdviesVerzoek:
    """S-48 "Geef door aan DUO": the advice on the open request of the person's plicht."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    verzoek = r.laatste_verzoek(s)
    if verzoek is not None:
        verzoek = BioAdviesVerzoek.objects.select_for_update().get(pk=verzoek.pk)
    r.advies_geven(s, verzoek).vereis()
    data = opgeschoond(data)
    contactpersoon = contactpersoon_van(gemeente, data.get("contactpersoon"))
    r.advies_gegevens(data, contactpersoon).vereis()
    verzoek.gemeente = gemeente
    verzoek.contact_gehad = data["contact"] == "ja"
    verzoek.advies = data["advies"]
    verzoek.contactpersoon = contactpersoon
    verzoek.contactpersoon_naam = contactpersoon.naam
    verzoek.aanvullende_informatie = data["aanvullende_informatie"]
    verzoek.omstandigheden = data["omstandigheden"]
    verzoek.schrijnend = data["schrijnend"]
    verzoek.gegeven_door = actor.get_username()
    verzoek.advies_gegeven_op = timezone.now()
    verzoek.save()
    # The answers themselves stay out of the audit trail: they may touch personal circumstances; the audit
    # says who gave which advice when, and on which request.
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=s.persoon, obj=verzoek,
          omschrijving=f"Advies BIO doorgegeven aan DUO (aanvraag {verzoek.aanvraag_id})",
          wijzigingen={"advies": [None, verzoek.advies], "contact_gehad": [None, verzoek.contact_gehad],
                       "contactpersoon": [None, contactpersoon.naam]})  # fmt: skip
    return verzoek
