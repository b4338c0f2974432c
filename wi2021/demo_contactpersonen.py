"""Demo contactpersonen (issue 12 item 8), after the Wi2021 stories: in every gemeente a demo user works for,
three contactpersonen (one of them the algemeen contactpersoon) and a caseload for each — most Wi2021
persons of that gemeente coupled through the koppelen service, a quarter left without a contactpersoon so
B-3 shows both states, and one person re-coupled so a caseload history shows a revoked link. The weekly
signal e-mail then has contactpersonen to write to. Idempotent: a re-run finds the contactpersonen and the
links and adds nothing."""

import zlib
from datetime import date

from django.contrib.auth import get_user_model

from inburgering.models import Gemeente
from inburgering.regels import Geweigerd
from inburgering.registry import DemoAanvulling, registreer_demo

from . import services_contactpersonen
from .models import Contactpersoon, Inburgeringsplicht, Koppeling

DEMO_GEBRUIKER = "medewerker"  # the caseworker who registers them (a MUT role in their gemeenten)
PER_GEMEENTE = 300  # bound, so the national data set does not couple every person one by one
CONTACTPERSONEN = (
    # naam, telefoon, e-mail lokaal deel, algemeen
    ("Fatima el Amrani", "14050", "inburgering", True),
    ("Jeroen de Vries", "06-12345678", "j.devries", False),
    ("Sanne Bakker", "06-87654321", "s.bakker", False),
)


def _contactpersonen(actor, gemeente: Gemeente) -> list[Contactpersoon]:
    gevonden = []
    for naam, telefoon, lokaal, algemeen in CONTACTPERSONEN:
        cp = Contactpersoon.objects.filter(gemeente=gemeente, naam=naam).first()
        if cp is None:
            data = {"naam": naam, "telefoon": telefoon, "email": f"{lokaal}@{gemeente.code}.demo.example",
                    "algemeen": algemeen}  # fmt: skip
            cp = services_contactpersonen.contactpersoon_toevoegen(actor=actor, gemeente=gemeente, data=data)
            cp = cp.contactpersoon
        gevonden.append(cp)
    return gevonden


def _koppelen(actor, gemeente: Gemeente, persoon, contactpersoon: Contactpersoon) -> bool:
    try:
        services_contactpersonen.koppelen(actor=actor, gemeente=gemeente, persoon=persoon,
                                          contactpersoon_id=contactpersoon.pk)  # fmt: skip
    except Geweigerd:  # deceased, moved away, plicht ended: the rules refuse, as on the screen
        return False
    return True


def caseloads(actor, gemeente: Gemeente) -> int:
    cps = _contactpersonen(actor, gemeente)
    behandelaars = cps[1:]  # the algemeen contactpersoon answers questions; the others hold the caseloads
    gekoppeld = set(Koppeling.objects.filter(gemeente=gemeente).values_list("persoon_id", flat=True))
    plichten = (
        Inburgeringsplicht.objects.filter(
            persoon__woongemeente=gemeente, persoon__datum_overlijden__isnull=True
        )
        .select_related("persoon")
        .order_by("persoon__bsn")[:PER_GEMEENTE]
    )
    nieuw = 0
    herkoppeld = Koppeling.objects.filter(gemeente=gemeente, ingetrokken_op__isnull=False).exists()
    for plicht in plichten:
        persoon = plicht.persoon
        if persoon.pk in gekoppeld:
            continue
        gekoppeld.add(persoon.pk)
        keuze = zlib.crc32(persoon.bsn.encode()) % 4
        if keuze == 3:
            continue  # no contactpersoon yet: B-3's "Koppel" with its notice
        if not _koppelen(actor, gemeente, persoon, behandelaars[keuze % len(behandelaars)]):
            continue
        nieuw += 1
        if keuze == 1 and not herkoppeld:  # one re-coupled person: a revoked link in the caseload history
            herkoppeld = _koppelen(actor, gemeente, persoon, behandelaars[0])
    return nieuw


def afronden(seed: int, vandaag: date) -> None:
    actor = get_user_model().objects.filter(username=DEMO_GEBRUIKER).first()
    if actor is None:
        return
    for gemeente in Gemeente.objects.filter(
        pk__in=actor.autorisaties.exclude(gemeente=None).values("gemeente")
    ).order_by("code"):
        caseloads(actor, gemeente)


def samenvatting() -> str:
    return (f"{Contactpersoon.objects.count()} contactpersonen, "
            f"{Koppeling.objects.actueel().count()} personen aan een contactpersoon gekoppeld")  # fmt: skip


def registreer() -> None:
    registreer_demo(
        DemoAanvulling("wi2021_contactpersonen", lambda *args: None, samenvatting, afronden=afronden)
    )
