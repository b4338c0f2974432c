"""Issue 10 (Wi2021 1/3) deliverable 7: after a small `seed_demo` the Wi2021 demo holds a person in every
state, each made through the chain events and the PIP services (so every signal follows from data; see
tests/inburgering/test_demo_waarheid.py for the per-code checks)."""

from datetime import timedelta

from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

import pytest
from dateutil.relativedelta import relativedelta

from inburgering.models import AuditEntry, Persoon, Verhuizing
from signalen.models import Signaal
from wi2021.constants import Doelgroep, Leerroute, RedenEinde, SoortVerzoek, StatusVerzoek
from wi2021.models import (
    AanbodStatus,
    DoelgroepHistorie,
    DuoMelding,
    Examenpoging,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    Opleidingscontract,
    Pip,
    PipHistorie,
    Traject,
    Trajectresultaat,
    Urenregistratie,
    Urensoort,
    Urenstand,
    Verzoek,
)
from wi2021.regels import OUD, OUDE_GEMEENTE_VENSTER, PIP_VENSTER, situatie

pytestmark = pytest.mark.django_db
GEDEELDE_DEMO = (700, 11)  # persons, seed: one seed for the module (conftest.gedeelde_demo)


def test_issue10_item7_every_wi2021_state_exists_after_a_small_demo(gedeelde_demo):
    # One run for all checks (a run costs a minute): ~300 Wi2021 stories, the share of WI2021_VERHALEN_MAX.
    vandaag = timezone.localdate()
    toestanden_bestaan(vandaag)
    verhuizers_binnen_en_buiten_het_venster()
    pips_via_de_service(vandaag)


def toestanden_bestaan(vandaag):
    plichten = Inburgeringsplicht.objects.filter(persoon__wet="WI2021")
    lopend = plichten.filter(reden_einde="", aow_binnen_zes_maanden=False, pip__isnull=True)
    toestanden = {
        "vastgesteld, 10-weken-venster loopt": lopend.filter(pip_venster_start__gte=vandaag - PIP_VENSTER),
        "venster voorbij zonder PIP (SS126)": lopend.filter(
            pip_venster_start__lt=vandaag - PIP_VENSTER, persoon__signalen__code="SS126"
        ),
        "PIP voorlopig (correctietermijn)": plichten.filter(pip__definitief=False),
        "PIP definitief met termijn": plichten.filter(pip__definitief=True, termijn_einde__isnull=False),
        "termijn verlengd ambtshalve/corona": plichten.filter(
            reden_wijziging_termijn__in=("ambtshalve", "corona")
        ),
        "termijn verlengd op verzoek": plichten.filter(reden_wijziging_termijn="op_verzoek"),
        "tijdelijke vrijstelling": plichten.filter(reden_einde=RedenEinde.TIJDELIJK, pip__actief=False),
        "tijdelijke vrijstelling ingetrokken": plichten.filter(
            reden_einde="", persoon__signalen__code__in=("SS129", "SS130")
        ),
        "einde: diploma": plichten.filter(reden_einde=RedenEinde.DIPLOMA),
        "einde: gehele vrijstelling": plichten.filter(reden_einde=RedenEinde.VRIJSTELLING),
        "einde: gehele ontheffing": plichten.filter(reden_einde=RedenEinde.ONTHEFFING),
        "ingetrokken, binnen de maand": plichten.filter(
            reden_einde=RedenEinde.INGETROKKEN, datum_einde__gte=vandaag - relativedelta(months=1)
        ),
        "ingetrokken, na de maand": plichten.filter(
            reden_einde=RedenEinde.INGETROKKEN, datum_einde__lt=vandaag - relativedelta(months=1)
        ),
        "overleden": plichten.filter(
            reden_einde=RedenEinde.OVERLEDEN, persoon__datum_overlijden__isnull=False
        ),
        "AOW binnen 6 maanden (SS128)": plichten.filter(
            aow_binnen_zes_maanden=True, persoon__signalen__code="SS128"
        ),
        "asielstatushouder": plichten.filter(doelgroep=Doelgroep.ASIELSTATUSHOUDER),
        "gezinsmigrant": plichten.filter(doelgroep=Doelgroep.GEZINSMIGRANT),
        "in het AZC, gekoppeld": plichten.filter(persoon__toekomstige_gemeente__isnull=False),
        "uit het AZC gevestigd (SS139)": plichten.filter(
            persoon__verhuizingen__uit_azc=True, persoon__signalen__code="SS139"
        ),
        "doelgroep gewijzigd": plichten.filter(persoon__signalen__code__in=("SS124", "SS125")),
        "rechten op verzoek gewijzigd": plichten.filter(rechten_op_verzoek_gewijzigd__isnull=False),
        "melding van DUO": Persoon.objects.filter(wi2021_meldingen__isnull=False),
    }
    ontbreekt = [naam for naam, qs in toestanden.items() if not qs.exists()]
    assert not ontbreekt, ontbreekt

    # Exams with more than one attempt, requests of every kind (decided and open), a BIO advice request,
    # contracts, doelgroep history.
    assert Examenpoging.objects.filter(poging=2).exists()
    assert Examenpoging.objects.filter(status="geslaagd").exists()
    assert Examenpoging.objects.filter(status__in=("niet_geslaagd", "verwijtbaar")).exists()
    for soort in SoortVerzoek.values:
        for status in StatusVerzoek.values:
            assert Verzoek.objects.filter(soort=soort, status=status).exists(), (soort, status)
    assert Verzoek.objects.filter(soort=SoortVerzoek.VERLENGING, status="").exists()  # D-34: still open
    assert Opleidingscontract.objects.exists()
    assert DoelgroepHistorie.objects.exclude(verblijfsdoel_gewijzigd="Verblijfsdoel vastgesteld").exists()
    assert DuoMelding.objects.exists()

    # The move signals, the signals of each end and of DUO's decisions.
    codes = set(Signaal.objects.filter(wet="WI2021").values_list("code", flat=True))
    verwacht = {f"SS{n}" for n in (101, 102, 103, 104, 106, 107, 108, 109, 110, 111, 112, 113, 117, 120, 121, 122,
                                   124, 125, 126, 128, 139, 140)}  # fmt: skip
    assert verwacht <= codes, sorted(verwacht - codes)
    assert codes & {"SS132", "SS133", "SS135", "SS136"}
    assert codes & {"SS114", "SS115", "SS116", "SS118", "SS119"}


def verhuizers_binnen_en_buiten_het_venster():
    """D-03: the gemeente a person left sees them until 28 days after the new gemeente registered its PIP."""
    rollen = []
    for verhuizing in Verhuizing.objects.filter(persoon__wet="WI2021", uit_azc=False, persoon__wi2021_plichten__isnull=False
                                                ).select_related("persoon", "van_gemeente"):  # fmt: skip
        rollen.append(situatie(verhuizing.persoon, verhuizing.van_gemeente).rol)
    assert OUD in rollen and None in rollen, rollen
    # A re-established PIP is the new gemeente's, changed after the move.
    herbevestigd = PipHistorie.objects.filter(gebeurtenis="gewijzigd").select_related("pip__plicht__persoon")
    assert herbevestigd.exists()
    for rij in herbevestigd:
        verhuisd = Verhuizing.objects.filter(
            persoon=rij.pip.plicht.persoon, naar_gemeente=rij.gemeente
        ).first()
        assert verhuisd is not None and rij.laatste_wijziging.date() >= verhuisd.datum


def pips_via_de_service(vandaag):
    """Every PIP comes from the service, by the gemeente's demo caseworker."""
    # The persons beyond the story share have bulk rows (by "demo"); the stories' PIPs come from the service.
    pips = Pip.objects.select_related("plicht", "gemeente").exclude(historie__gebruiker="demo")
    assert pips.exists()
    for pip in pips:
        doorgegeven = pip.historie.filter(gebeurtenis="doorgegeven").get()
        # The medewerker in its own gemeente (Groningen), the helpdesk elsewhere.
        assert doorgegeven.gebruiker == ("medewerker" if doorgegeven.gemeente.code == "0014" else "helpdesk")
        geregistreerd = timezone.localdate(pip.initieel_geregistreerd_op)
        assert pip.plicht.datum_start <= pip.dagtekening_initieel <= geregistreerd <= vandaag
        # Final exactly when its two weeks have passed; final PIPs carry their termijn (R-PIP-10, D-33).
        assert pip.definitief == (geregistreerd + timedelta(days=14) <= vandaag), pip.pk
        if pip.definitief:
            assert pip.plicht.termijn_start == pip.dagtekening_initieel + timedelta(days=1)
    # Each registration is in the audit trail (the service wrote it).
    assert AuditEntry.objects.filter(omschrijving__startswith="PIP doorgegeven").count() == pips.count()
    # SS102 carries the day the PIP became final.
    for signaal in Signaal.objects.filter(code="SS102").select_related("persoon")[:50]:
        pip = Pip.objects.get(plicht__persoon=signaal.persoon)
        assert signaal.datum == timezone.localdate(pip.initieel_geregistreerd_op) + timedelta(days=14)


def test_issue10_item7_the_wi2021_demo_is_idempotent_and_bounded(gedeelde_demo, capsys):
    tellingen = (Inburgeringsplicht.objects.count(), Pip.objects.count(), Signaal.objects.count(),
                 Examenpoging.objects.count(), Verzoek.objects.count(), PipHistorie.objects.count(),
                 Inburgeringsaanbod.objects.count(), Trajectresultaat.objects.count(),
                 Urenregistratie.objects.count())  # fmt: skip
    capsys.readouterr()
    call_command("seed_demo", persons=700, seed=11)
    assert "0 toegepast" in capsys.readouterr().out
    assert tellingen == (Inburgeringsplicht.objects.count(), Pip.objects.count(), Signaal.objects.count(),
                         Examenpoging.objects.count(), Verzoek.objects.count(), PipHistorie.objects.count(),
                         Inburgeringsaanbod.objects.count(), Trajectresultaat.objects.count(),
                         Urenregistratie.objects.count())  # fmt: skip
    # Every Wi2021 person has a plicht: a story or, beyond the story share, bulk rows without signals.
    assert not Persoon.objects.filter(wet="WI2021", wi2021_plichten__isnull=True).exists()
    assert not Signaal.objects.filter(wet="WI2021").filter(~Q(persoon__wet="WI2021")).exists()


def test_issue11_item5_aanbod_map_pvt_and_uren_in_every_state_after_the_demo(gedeelde_demo):
    """Issue 11 item 5: inburgeringsaanbod in each state (actueel, niet actueel, ingetrokken), MAP and PVT
    voldaan and pending, uren of every one of the six kinds (D-18), and a moved person inside and one past
    the old gemeente's window (D-03, D-31) — all made through the services. (Idempotence: the test above.)"""
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


def test_every_demo_diploma_has_its_passed_exams(gedeelde_demo):
    """B-2 and B-11 agree: a plicht ended with "Diploma behaald" shows every onderdeel passed on or before
    the end date. Also for the persons without a story, whose rows `seed_demo` writes in bulk."""
    from wi2021.constants import Examenonderdeel, Examenstatus

    diploma = Inburgeringsplicht.objects.filter(reden_einde=RedenEinde.DIPLOMA)
    assert diploma.filter(examenpogingen__sleutel__startswith="demo:").exists()  # a bulk one among them
    for plicht in diploma:
        geslaagd = {
            p.onderdeel
            for p in plicht.examenpogingen.all()
            if p.status == Examenstatus.GESLAAGD and p.datum <= plicht.datum_einde
        }
        assert geslaagd == set(Examenonderdeel.values), (plicht.pk, geslaagd)
