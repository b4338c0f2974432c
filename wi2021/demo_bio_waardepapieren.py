"""Demo data of the BIO advice and the waardepapieren (issue 12 items 4 and 6), after the Wi2021 stories of
`wi2021.demo` (their `bio_advies_gevraagd` events made the open requests and SS140): one request answered by
the demo caseworker through the service (B-14 shows the date), the others left open ("Geef door aan DUO"),
and one waardepapieren order of Groningen (in the beheer list, its confirmation e-mail in the outbox).
Idempotent: a re-run finds the answered request and the order and adds nothing."""

from datetime import date

from django.contrib.auth import get_user_model

from inburgering.models import Gemeente
from inburgering.registry import DemoAanvulling, registreer_demo

from . import regels, services_bio, services_contactpersonen, services_waardepapieren
from . import regels_bio as rb
from .models import BioAdviesVerzoek, Contactpersoon, WaardepapierBestelling

MEDEWERKER, HELPDESK = "medewerker", "helpdesk"
ANTWOORDEN = {
    "aanvullende_informatie": "Uit de brede intake en twee voortgangsgesprekken blijkt dat de inburgeraar "
    "de volledige zorg heeft voor een gezinslid. Lessen op vaste tijden zijn daardoor nauwelijks mogelijk.",
    "omstandigheden": "Ja. De zorgtaak is blijvend en er is geen vervangende zorg beschikbaar; de gemeente "
    "heeft alternatieven onderzocht.",
    "schrijnend": "Ja. Vasthouden aan de plicht zou leiden tot een boete die het gezin niet kan dragen.",
}


def _behandelaar(gemeente: Gemeente):
    gebruikers = {u.username: u for u in get_user_model().objects.filter(username__in=(MEDEWERKER, HELPDESK))}
    medewerker = gebruikers.get(MEDEWERKER)
    if medewerker is not None and medewerker.autorisaties.filter(gemeente=gemeente).exists():
        return medewerker
    return gebruikers.get(HELPDESK)


def _contactpersoon(actor, gemeente: Gemeente) -> Contactpersoon:
    bestaand = Contactpersoon.objects.filter(gemeente=gemeente).order_by("pk").first()
    if bestaand is not None:
        return bestaand
    data = {"naam": "Demo Contactpersoon BIO", "telefoon": "050-3671234", "algemeen": False,
            "email": f"bio.advies@{gemeente.code}.demo.example"}  # fmt: skip
    return services_contactpersonen.contactpersoon_toevoegen(
        actor=actor, gemeente=gemeente, data=data
    ).contactpersoon


def advies_geven() -> None:
    """Answer one open request (preferably Groningen's, the demo medewerker's own), only when another stays
    open, so the demo shows both states of B-14."""
    if BioAdviesVerzoek.objects.filter(advies_gegeven_op__isnull=False).exists():
        return
    te_geven = []
    for verzoek in (
        BioAdviesVerzoek.objects.filter(advies_gegeven_op__isnull=True)
        .select_related("plicht__persoon__woongemeente")
        .order_by("pk")
    ):
        persoon = verzoek.plicht.persoon
        if persoon.woongemeente is None:
            continue
        s = regels.situatie(persoon, persoon.woongemeente)
        if rb.laatste_verzoek(s) == verzoek and rb.advies_geven(s, verzoek).toegestaan:
            te_geven.append((persoon.woongemeente.code != "0014", verzoek.pk, persoon))
    if len(te_geven) < 2:
        return
    _, _, persoon = min(te_geven, key=lambda t: t[:2])
    actor = _behandelaar(persoon.woongemeente)
    if actor is None:
        return
    cp = _contactpersoon(actor, persoon.woongemeente)
    services_bio.advies_geven(actor=actor, gemeente=persoon.woongemeente, persoon=persoon, data={
        "contact": "ja", "advies": "positief", "contactpersoon": str(cp.pk), **ANTWOORDEN})  # fmt: skip


def waardepapieren_bestellen() -> None:
    gemeente = Gemeente.objects.filter(code="0014").first()
    if gemeente is None or WaardepapierBestelling.objects.filter(gemeente=gemeente).exists():
        return
    actor = _behandelaar(gemeente)
    if actor is None:
        return
    services_waardepapieren.bestellen(actor=actor, gemeente=gemeente, data={
        "naam": "Demo Medewerker", "email": "medewerker@groningen.demo.example", "telefoon": "050-3670000",
        "soort": "PVT", "aantal_sets": "2", "postcode": "9712 CP", "huisnummer": "1", "toevoeging": "",
        "straat": "Grote Markt", "plaats": "Groningen"})  # fmt: skip


def afronden(seed: int, vandaag: date) -> None:
    advies_geven()
    waardepapieren_bestellen()


def samenvatting() -> str:
    open_ = BioAdviesVerzoek.objects.filter(advies_gegeven_op__isnull=True).count()
    gegeven = BioAdviesVerzoek.objects.filter(advies_gegeven_op__isnull=False).count()
    return (f"{open_} open en {gegeven} beantwoorde verzoeken om advies BIO, "
            f"{WaardepapierBestelling.objects.count()} bestelling(en) waardepapieren")  # fmt: skip


def registreer() -> None:
    registreer_demo(
        DemoAanvulling("wi2021_bio_waardepapieren", lambda *args: None, samenvatting, afronden=afronden)
    )
