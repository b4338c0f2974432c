"""Write of a waardepapieren order (seed 001 §3.9, R-WP, D-38): the MUT role again (A-4), the rules' answer
raised (the "more than 4 sets" attention needs the confirmation, D-07), the order stored for DUO beheer and the
confirmation e-mail queued in the same transaction (the outbox sends it exactly once), the audit trail."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente
from inburgering.outbox.services import mail_in_wachtrij

from . import regels_waardepapieren as r
from .models import WaardepapierBestelling

VELDEN = tuple(r.LABELS)
MAIL = "mail/wi2021_waardepapieren"


def opgeschoond(data: dict[str, Any]) -> dict[str, str]:
    return {veld: str(data.get(veld) or "").strip() for veld in VELDEN}


@transaction.atomic
def bestellen(*, actor, gemeente: Gemeente, data: dict[str, Any], bevestigd=()) -> WaardepapierBestelling:
    """S-54 "Bestel"."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    data = opgeschoond(data)
    codes = r.bestelling(data).vereis(bevestigd=bevestigd)
    bestelling = WaardepapierBestelling.objects.create(
        gemeente=gemeente, naam=data["naam"], email=data["email"], telefoon=data["telefoon"], soort=data["soort"],
        aantal_sets=r.aantal_sets(data["aantal_sets"]), postcode=r.postcode_normaal(data["postcode"]),
        huisnummer=data["huisnummer"], toevoeging=data["toevoeging"], straat=data["straat"], plaats=data["plaats"],
        besteld_op=timezone.now(), besteld_door=actor.get_username(),
    )  # fmt: skip
    mail_in_wachtrij(
        sleutel=f"wi2021-waardepapieren-{bestelling.pk}",
        aan=[bestelling.email],
        onderwerp_template=f"{MAIL}/onderwerp.txt",
        tekst_template=f"{MAIL}/tekst.txt",
        html_template=f"{MAIL}/bericht.html",
        context={
            "bestelling": bestelling,
            "gemeente": gemeente,
            "portaal": settings.PIB_PORTAAL_URL.rstrip("/"),
        },
    )
    omschrijving = f"Waardepapieren besteld: {bestelling.aantal_sets} sets {bestelling.get_soort_display()}"
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, obj=bestelling,
          omschrijving=f"{omschrijving} (bevestigd: {', '.join(codes)})" if codes else omschrijving,
          wijzigingen={"aantal_sets": [None, bestelling.aantal_sets], "soort": [None, bestelling.soort]})  # fmt: skip
    return bestelling
