"""Demo contactpersonen (issue 12 item 8), after the Wi2021 stories: in every gemeente a demo user works for,
three contactpersonen (one of them the algemeen contactpersoon) and a caseload for each — most Wi2021
persons of that gemeente coupled through the koppelen service, a quarter left without a contactpersoon so
B-3 shows both states, and one person re-coupled so a caseload history shows a revoked link. The weekly
signal e-mail then has contactpersonen to write to. Idempotent: a re-run finds the contactpersonen and the
links and adds nothing.

Every other gemeente has them too, in bulk (`landelijk`), as the state at the start of the demo (like the
bulk PIPs and plichten): at national scale every gemeente keeps caseloads, and a koppeling table of a few
hundred rows made PostgreSQL scan it whole for every signal of a list sorted on Contactpersoon (issue 15:
100 ms for Amsterdam's 7 467 signals; 32 ms with the 338 000 links of a national caseload).
"""

import zlib
from datetime import date
from itertools import islice

from django.contrib.auth import get_user_model
from django.utils import timezone

from inburgering.bulk import bulk_invoegen
from inburgering.constants import Wet
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


def _email(lokaal: str, gemeente: Gemeente) -> str:
    return f"{lokaal}@{gemeente.code}.demo.example"


def _keuze(bsn: str) -> int:
    """0–2: a behandelaar's caseload (behandelaars[keuze % 2]); 3: no contactpersoon yet (a quarter)."""
    return zlib.crc32(bsn.encode()) % 4


def _contactpersonen(actor, gemeente: Gemeente) -> list[Contactpersoon]:
    gevonden = []
    for naam, telefoon, lokaal, algemeen in CONTACTPERSONEN:
        cp = Contactpersoon.objects.filter(gemeente=gemeente, naam=naam).first()
        if cp is None:
            data = {
                "naam": naam,
                "telefoon": telefoon,
                "email": _email(lokaal, gemeente),
                "algemeen": algemeen,
            }
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
        keuze = _keuze(persoon.bsn)
        if keuze == 3:
            continue  # no contactpersoon yet: B-3's "Koppel" with its notice
        if not _koppelen(actor, gemeente, persoon, behandelaars[keuze % len(behandelaars)]):
            continue
        nieuw += 1
        if keuze == 1 and not herkoppeld:  # one re-coupled person: a revoked link in the caseload history
            herkoppeld = _koppelen(actor, gemeente, persoon, behandelaars[0])
    return nieuw


def landelijk(uitgezonderd: set[int]) -> int:
    """The other gemeenten's contactpersonen and caseloads, in bulk: each living Wi2021 resident with a plicht
    (R-ACC-3: not deceased; only the current gemeente couples, D-37) in one of the two caseloads, a quarter
    without a contactpersoon, as in the demo users' gemeente. Persons in an AZC, departed or struck off the
    BRP are left out. Only persons without any link yet: a re-run adds nothing."""
    plichten = (
        Inburgeringsplicht.objects.filter(
            persoon__wet=Wet.WI2021,
            persoon__datum_overlijden__isnull=True,
            persoon__datum_vertrek__isnull=True,
            persoon__uitgeschreven_uit_brp=False,
            persoon__toekomstige_gemeente__isnull=True,
        )
        .exclude(persoon__woongemeente__in=uitgezonderd)
        .exclude(persoon__wi2021_koppelingen__isnull=False)
        .values_list("persoon_id", "persoon__bsn", "persoon__woongemeente_id")
        .order_by("persoon_id")
        .distinct()
    )
    per_gemeente: dict[int, list[tuple[int, int]]] = {}
    for persoon_id, bsn, gemeente_id in plichten.iterator(chunk_size=10_000):
        if (keuze := _keuze(bsn)) != 3:
            per_gemeente.setdefault(gemeente_id, []).append((persoon_id, keuze))
    if not per_gemeente:
        return 0
    bestaand = {
        (cp.gemeente_id, cp.naam): cp for cp in Contactpersoon.objects.filter(gemeente__in=per_gemeente)
    }
    nieuw = [
        Contactpersoon(
            gemeente=gemeente, naam=naam, telefoon=telefoon, email=_email(lokaal, gemeente), algemeen=algemeen
        )
        for gemeente in Gemeente.objects.filter(pk__in=per_gemeente).order_by("code")
        for naam, telefoon, lokaal, algemeen in CONTACTPERSONEN
        if (gemeente.pk, naam) not in bestaand
    ]
    for cp in bulk_invoegen(Contactpersoon, nieuw):
        bestaand[(cp.gemeente_id, cp.naam)] = cp
    behandelaars = [naam for naam, *_ in CONTACTPERSONEN[1:]]
    nu = timezone.now()
    koppelingen = (
        Koppeling(persoon_id=persoon_id, gemeente_id=gemeente_id, gekoppeld_op=nu,
                  contactpersoon=bestaand[(gemeente_id, behandelaars[keuze % len(behandelaars)])])
        for gemeente_id, personen in per_gemeente.items()
        for persoon_id, keuze in personen
    )  # fmt: skip
    aantal = 0
    while deel := list(islice(koppelingen, 50_000)):  # the model objects of a national caseload cost ~300 MB
        aantal += len(bulk_invoegen(Koppeling, deel))
    return aantal


def afronden(seed: int, vandaag: date) -> None:
    actor = get_user_model().objects.filter(username=DEMO_GEBRUIKER).first()
    if actor is None:
        return
    eigen = Gemeente.objects.filter(pk__in=actor.autorisaties.exclude(gemeente=None).values("gemeente"))
    for gemeente in eigen.order_by("code"):
        caseloads(actor, gemeente)
    landelijk(set(eigen.values_list("pk", flat=True)))


def samenvatting() -> str:
    return (f"{Contactpersoon.objects.count()} contactpersonen, "
            f"{Koppeling.objects.actueel().count()} personen aan een contactpersoon gekoppeld")  # fmt: skip


def registreer() -> None:
    registreer_demo(
        DemoAanvulling("wi2021_contactpersonen", lambda *args: None, samenvatting, afronden=afronden)
    )
