"""Issue 11 item 5: after `seed_demo` the Wi2021 demo holds inburgeringsaanbod in each state (actueel, niet
actueel, ingetrokken), MAP and PVT voldaan and pending, uren of every one of the six kinds (D-18), and
a moved person inside and one past the old gemeente's window (D-03, D-31) — all made through the services."""

from django.core.management import call_command
from django.utils import timezone

import pytest

from inburgering.models import Verhuizing
from wi2021.constants import Leerroute
from wi2021.models import (
    AanbodStatus,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    Traject,
    Trajectresultaat,
    Urenregistratie,
    Urensoort,
    Urenstand,
)
from wi2021.regels import OUD, OUDE_GEMEENTE_VENSTER, situatie

pytestmark = pytest.mark.django_db


def test_issue11_item5_aanbod_map_pvt_and_uren_in_every_state_after_the_demo():
    call_command("seed_demo", persons=700, seed=11)
    vandaag = timezone.localdate()

    # B-8: each state of D-32 / R-ACC-8.
    for status in AanbodStatus.values:
        assert Inburgeringsaanbod.objects.filter(status=status).exists(), status
    assert not Inburgeringsaanbod.objects.filter(status=AanbodStatus.INGETROKKEN, ingetrokken_op__isnull=True)

    # B-9: voldaan and pending (a final PIP, no result yet; MAP not on the Onderwijsroute).
    lopend = Inburgeringsplicht.objects.filter(reden_einde="", pip__definitief=True, persoon__wet="WI2021")
    for traject in Traject.values:
        assert Trajectresultaat.objects.filter(traject=traject).exists(), traject
        zonder = lopend.exclude(trajectresultaten__traject=traject)
        if traject == Traject.MAP:
            zonder = zonder.exclude(pip__leerroute=Leerroute.O)
        assert zonder.exists(), traject
    for resultaat in Trajectresultaat.objects.select_related("plicht"):
        assert resultaat.plicht.datum_start <= resultaat.datum <= vandaag
        assert timezone.localdate(resultaat.geregistreerd_op) <= vandaag

    # B-10: every kind of D-18, each registered by the gemeente's demo caseworker through the service.
    for soort in Urensoort.values:
        assert Urenstand.objects.filter(soort=soort).exists(), soort
    assert set(Urenregistratie.objects.values_list("gebruiker", flat=True)) <= {"medewerker", "helpdesk"}
    assert (
        Urenregistratie.objects.count() > Urenstand.objects.count()
    )  # a later total replaced an earlier one
    assert not Urenstand.objects.filter(datum_tot__gt=vandaag).exists()

    # A person of Groningen (the demo medewerker's gemeente) with B-8, B-9 and B-10 all filled.
    vol = Inburgeringsplicht.objects.filter(
        persoon__woongemeente__code="0014",
        aanbiedingen__status=AanbodStatus.ACTUEEL,
        trajectresultaten__traject=Traject.PVT,
        urenstanden__soort=Urensoort.TAALLES_KNM,
    )
    assert vol.exists()

    # D-03 / D-31: the old gemeente's aanbod turned niet actueel on the day of the new gemeente's PIP.
    for aanbod in Inburgeringsaanbod.objects.filter(status=AanbodStatus.NIET_ACTUEEL).select_related(
        "plicht__persoon", "plicht__pip", "gemeente"
    ):
        assert Verhuizing.objects.filter(persoon=aanbod.plicht.persoon, van_gemeente=aanbod.gemeente).exists()
        assert aanbod.geldig_tot == timezone.localdate(aanbod.plicht.pip.geregistreerd_op)
        rol = situatie(aanbod.plicht.persoon, aanbod.gemeente).rol
        assert rol == (OUD if vandaag <= aanbod.geldig_tot + OUDE_GEMEENTE_VENSTER else None)
    # Movers whose old gemeente registered uren before the move: one inside that gemeente's four weeks
    # (it may still bring them up to date), one past them; B-10 then has rows of both gemeenten.
    rollen, beide = set(), 0
    for verhuizing in Verhuizing.objects.filter(persoon__wet="WI2021", uit_azc=False).select_related(
        "persoon", "van_gemeente"
    ):
        oude_uren = Urenstand.objects.filter(
            plicht__persoon=verhuizing.persoon, gemeente=verhuizing.van_gemeente
        )
        if not oude_uren.exists():
            continue
        rollen.add(situatie(verhuizing.persoon, verhuizing.van_gemeente).rol)
        nieuwe_uren = Urenstand.objects.filter(
            plicht__persoon=verhuizing.persoon, gemeente=verhuizing.naar_gemeente
        )
        beide += nieuwe_uren.exists()
    assert rollen == {OUD, None}, rollen
    assert beide

    # Idempotent: a second run adds nothing.
    aantallen = (
        Inburgeringsaanbod.objects.count(),
        Trajectresultaat.objects.count(),
        Urenregistratie.objects.count(),
    )
    call_command("seed_demo", persons=700, seed=11)
    assert aantallen == (
        Inburgeringsaanbod.objects.count(),
        Trajectresultaat.objects.count(),
        Urenregistratie.objects.count(),
    )
