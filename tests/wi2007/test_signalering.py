"""Wi2007 signals from their causes (seed 002 §3.7): BRP changes, Wi2007 data changes, chain events."""

import json
from datetime import date, timedelta

from django.utils import timezone

import pytest

from inburgering import ketenberichten as kb
from inburgering.constants import Wet
from inburgering.ketenberichten import verwerk_regels
from inburgering.models import AuditEntry, VerwerktEvent
from inburgering.services import persoon_wijzigen
from signalen.models import Signaal
from tests.factories import GemeenteFactory, PersoonFactory
from wi2007 import ketenberichten, services
from wi2007.models import Examen, Vrijstelling, Wi2007Persoon
from wi2007.services import wi2007_bijwerken

pytestmark = pytest.mark.django_db


@pytest.fixture
def maak(groningen):
    """A living Wi2007 person of Groningen with Wi2007 data (made directly: no signals)."""

    def _maak(*, wet=Wet.WI2007, persoon=None, **gegevens):
        velden = {"woongemeente": groningen, "geboortedatum": date(1980, 1, 1), "nationaliteit": "Syrische"}
        p = PersoonFactory(wet=wet, **{**velden, **(persoon or {})})
        return Wi2007Persoon.objects.create(persoon=p, **gegevens)

    return _maak


def codes(**filters) -> list[str]:
    return sorted(Signaal.objects.filter(wet=Wet.WI2007, **filters).values_list("code", flat=True))


def signalen() -> list[tuple[str, str]]:
    return sorted(Signaal.objects.values_list("code", "gemeente__code"))


# --- BRP facts --------------------------------------------------------------------------------------


def test_ss009_geboortedatum_changed(maak):
    g = maak()
    persoon_wijzigen(actor="test", persoon=g.persoon, data={"geboortedatum": date(1981, 2, 3)})
    assert signalen() == [("SS009", "0014")]
    signaal = Signaal.objects.get()
    assert signaal.persoon == g.persoon and signaal.datum == timezone.localdate()


def test_ss012_nationaliteit_changed(maak):
    g = maak()
    persoon_wijzigen(actor="test", persoon=g.persoon, data={"nationaliteit": "Eritrese"})
    assert codes() == ["SS012"]


def test_ss052_persons_and_address_data_changed(maak):
    g = maak()
    persoon_wijzigen(actor="test", persoon=g.persoon, data={"straat": "Kempkensberg", "huisnummer": "6"})
    persoon_wijzigen(actor="test", persoon=g.persoon, data={"achternaam": "Yılmaz"})
    persoon_wijzigen(
        actor="test", persoon=g.persoon, data={"geboortedatum": date(1979, 1, 1), "voornamen": "A"}
    )
    assert codes() == ["SS009", "SS052", "SS052", "SS052"]


def test_ss052_not_for_moves_death_or_departure(maak, almere):
    g = maak()
    persoon_wijzigen(actor="test", persoon=g.persoon, data={
        "woongemeente": almere, "datum_vestiging": date(2026, 11, 1), "straat": "Stadhuisplein", "huisnummer": "1",
        "postcode": "1315HR", "woonplaats": "Almere",
    })  # fmt: skip
    persoon_wijzigen(actor="test", persoon=g.persoon, data={"datum_vertrek": date(2026, 11, 5)})
    persoon_wijzigen(actor="test", persoon=g.persoon, data={"datum_overlijden": date(2026, 11, 9)})
    assert signalen() == [("SS001", "0034"), ("SS008", "0034"), ("SS011", "0034")]


def test_ss010_back_in_nl_within_a_year(maak):
    g = maak(persoon={"datum_vertrek": timezone.localdate() - timedelta(days=200)})
    persoon_wijzigen(actor="test", persoon=g.persoon, data={"datum_vertrek": None})
    assert codes() == ["SS010"]


def test_ss010_not_after_more_than_a_year(maak):
    """Seed 002 §3.7: SS010 is for a person settled again "binnen een jaar na vertrek uit Nederland"."""
    vertrek = date(2024, 1, 1)
    g = maak(persoon={"datum_vertrek": vertrek})
    persoon_wijzigen(actor="test", persoon=g.persoon,
                     data={"datum_vertrek": None, "datum_vestiging": vertrek + timedelta(days=400)})  # fmt: skip
    assert codes() == []


def test_brp_signals_only_for_wi2007_persons_and_not_after_death(maak):
    wi2013 = maak(wet=Wet.WI2013)
    overleden = maak(persoon={"datum_overlijden": date(2025, 1, 1)})
    for g in (wi2013, overleden):
        persoon_wijzigen(actor="test", persoon=g.persoon, data={"geboortedatum": date(1970, 1, 1)})
    assert not Signaal.objects.exists()


def test_brp_change_under_two_event_ids_signals_once(maak, tmp_path):
    g = maak()
    bericht = {"type": "persoon_verhuisd", "bsn": g.persoon.bsn,
               "gegevens": {"naar_gemeente": "0014", "datum": "2026-01-01", "straat": "Nieuwe straat"}}  # fmt: skip
    verwerk_regels([json.dumps({"id": "a", **bericht}), json.dumps({"id": "b", **bericht})])
    assert codes() == ["SS052"]  # an address change inside the same gemeente


def test_herkomst_follows_brp_data(maak):
    g = maak(inburgeringsplichtig=True)
    persoon_wijzigen(actor="brp", persoon=g.persoon, data={"nationaliteit": "Nederlandse"})
    g.refresh_from_db()
    assert g.herkomst == "D"
    entry = AuditEntry.objects.get(gebruiker=services.ISI)
    assert entry.wijzigingen == {"herkomst": ["ISI Actief", "ISI Definitief"]}


# --- Changes of the Wi2007 data -------------------------------------------------------------------


def bijwerken(g, **data):
    return wi2007_bijwerken(actor="test", persoon=g.persoon, data=data)


def test_ss002_verblijfsdoel_becomes_tijdelijk(maak):
    g = maak(verblijfsdoel="P")
    bijwerken(g, verblijfsdoel="T")
    bijwerken(g, verblijfsdoel="P")
    assert codes() == ["SS002"]


def test_ss003_verblijfsrecht_changed(maak):
    g = maak(rechtmatig_verblijf=None, oudkomer=True)
    bijwerken(g, rechtmatig_verblijf=True)  # first known value: no change of verblijfsrecht
    bijwerken(g, rechtmatig_verblijf=False)
    assert codes() == ["SS003"]


def test_ss060_nieuwkomer_by_rechtmatig_verblijf(maak):
    g = maak(rechtmatig_verblijf=False, oudkomer=False)
    bijwerken(g, rechtmatig_verblijf=True)
    assert codes() == ["SS003", "SS060"]


def test_ss006_gehele_vrijstelling_by_diploma(maak):
    g = maak(inburgeringsplichtig=True)
    bijwerken(g, gehele_vrijstelling_duo=True)
    assert codes() == ["SS006"]
    g.refresh_from_db()
    assert g.herkomst == "D"


def test_ss031_vrijwillig_with_a_vrijstellend_diploma(maak):
    g = maak(vrijwillig=True)
    bijwerken(g, gehele_vrijstelling_duo=True)
    assert codes() == ["SS031"]


def test_ss015_asielgerechtigd_changed(maak):
    g = maak(asielgerechtigd=None)
    bijwerken(g, asielgerechtigd=False)  # unknown → no: no change of the indication
    bijwerken(g, asielgerechtigd=True)
    assert codes() == ["SS015"]


def test_ss016_diploma_behaald(maak):
    g = maak()
    bijwerken(g, diploma_behaald=True, datum_diploma=date(2026, 10, 1), niveau_diploma="A2")
    assert codes() == ["SS016"]


def test_ss050_inburgeringsplichtig_geworden(maak):
    g = maak(inburgeringsplichtig=False)
    bijwerken(g, inburgeringsplichtig=True, datum_inburgeringsplicht=date(2026, 11, 1))
    bijwerken(g, inburgeringsplichtig=False)
    assert codes() == ["SS050"]


def test_ss012_and_ss052_from_gba_fields_in_the_wi2007_data(maak):
    g = maak()
    bijwerken(g, nationaliteit_2="Turkse")
    bijwerken(g, huisnummer_toevoeging="bis")
    assert codes() == ["SS012", "SS052"]


def test_ss064_taken_up_in_isi_as_nieuwkomer(groningen):
    nieuwkomer = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007)
    oudkomer = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007)
    wi2007_bijwerken(actor="test", persoon=nieuwkomer, data={"oudkomer": False, "rechtmatig_verblijf": True})
    wi2007_bijwerken(actor="test", persoon=oudkomer, data={"oudkomer": True, "rechtmatig_verblijf": True})
    assert list(Signaal.objects.values_list("code", "persoon")) == [("SS064", nieuwkomer.pk)]


def test_same_wi2007_change_twice_signals_once(maak):
    g = maak(verblijfsdoel="P")
    bijwerken(g, verblijfsdoel="T")
    bijwerken(g, verblijfsdoel="T")
    assert codes() == ["SS002"] and AuditEntry.objects.count() == 1


def test_no_wi2007_signals_for_deceased_or_other_law(maak):
    overleden = maak(verblijfsdoel="P", persoon={"datum_overlijden": date(2025, 1, 1)})
    wi2021 = maak(wet=Wet.WI2021, verblijfsdoel="P")
    for g in (overleden, wi2021):
        bijwerken(g, verblijfsdoel="T")
    assert not Signaal.objects.exists()


def test_signal_goes_to_the_woongemeente(maak, groningen):
    elders = GemeenteFactory(code="0363", naam="Amsterdam")
    g = maak(diploma_behaald=False, handhaving_gemeente=groningen, persoon={"woongemeente": elders})
    bijwerken(g, diploma_behaald=True)
    assert signalen() == [("SS016", "0363")]


# --- Chain events ---------------------------------------------------------------------------------


def importeer(*berichten) -> kb.Verslag:
    return verwerk_regels(json.dumps(b) for b in berichten)


def test_import_gegevens_gewijzigd(maak, almere):
    g = maak(verblijfsdoel="P", gehandhaafd=False)
    bericht = {"id": "w1", "type": "wi2007_gegevens_gewijzigd", "bsn": g.persoon.bsn, "gegevens": {
        "verblijfsdoel": "T", "gehandhaafd": True, "handhaving_gemeente": "34", "begin_handhaving": "2026-01-01",
        "einde_handhavingstermijn": "2029-07-01", "reden_verlenging": None, "asielgerechtigd": None, "niveau_diploma": "",
    }}  # fmt: skip
    assert importeer(bericht).verwerkt == 1
    g.refresh_from_db()
    assert (g.verblijfsdoel, g.gehandhaafd, g.handhaving_gemeente, g.einde_handhavingstermijn) == (
        "T", True, almere, date(2029, 7, 1))  # fmt: skip
    assert codes() == ["SS002"]
    assert AuditEntry.objects.get().gebruiker == "ketenberichten-import"
    assert importeer(bericht).overgeslagen == 1 and codes() == ["SS002"]
    assert importeer({**bericht, "id": "w2"}).verwerkt == 1  # same data under a new id: nothing changes
    assert codes() == ["SS002"] and AuditEntry.objects.count() == 1


def test_import_gegevens_gewijzigd_takes_a_person_up_in_isi(groningen):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007)
    importeer({"id": "n1", "type": "wi2007_gegevens_gewijzigd", "bsn": persoon.bsn,
               "gegevens": {"oudkomer": False, "inburgeringsplichtig": True,
                            "datum_inburgeringsplicht": "2026-11-01"}})  # fmt: skip
    assert Wi2007Persoon.objects.get().datum_inburgeringsplicht == date(2026, 11, 1)
    assert codes() == ["SS064"]


def test_import_examenuitslag_gives_ss065(maak):
    g = maak()
    bericht = {"id": "x1", "type": "wi2007_examenuitslag", "bsn": g.persoon.bsn, "gegevens": {
        "examen": "Spreekvaardigheid", "niveau": "A2", "uitslag": "N", "profiel": "Werk", "variant": "",
        "datum_deelname": "2026-10-01", "vrijgesteld": False}}  # fmt: skip
    importeer(bericht)
    examen = Examen.objects.get()
    assert (examen.persoon, examen.uitslag, examen.datum_deelname, examen.gemeente_behaald) == (
        g, "N", date(2026, 10, 1), None)  # fmt: skip
    assert codes() == ["SS065"]
    # A corrected result updates the row and is new information for the gemeente.
    importeer({**bericht, "id": "x2", "gegevens": {**bericht["gegevens"], "uitslag": "G"}})
    examen = Examen.objects.get()
    assert examen.uitslag == "G" and examen.gemeente_behaald == g.persoon.woongemeente
    assert codes() == ["SS065", "SS065"]
    importeer({**bericht, "id": "x3", "gegevens": {**bericht["gegevens"], "uitslag": "G"}})
    assert codes() == ["SS065", "SS065"] and Examen.objects.count() == 1


def test_import_korte_vrijstellingstoets_gives_ss017(maak):
    g = maak(inburgeringsplichtig=True)
    importeer({"id": "k1", "type": "wi2007_examenuitslag", "bsn": g.persoon.bsn, "gegevens": {
        "examen": "Korte vrijstellingstoets", "uitslag": "G", "datum_deelname": "2026-10-01"}})  # fmt: skip
    g.refresh_from_db()
    assert g.gehele_vrijstelling_duo and g.herkomst == "D"
    assert codes() == ["SS017", "SS065"]


def test_import_diploma_behaald_gives_ss016(maak):
    g = maak(inburgeringsplichtig=True)
    importeer({"id": "d1", "type": "wi2007_diploma_behaald", "bsn": g.persoon.bsn,
               "gegevens": {"datum": "2026-10-15", "niveau": "A2", "indicatie_geslaagd": "4"}})  # fmt: skip
    g.refresh_from_db()
    assert (g.diploma_behaald, g.datum_diploma, g.niveau_diploma, g.diploma_gemeente, g.herkomst) == (
        True, date(2026, 10, 15), "A2", g.persoon.woongemeente, "D")  # fmt: skip
    assert codes() == ["SS016"]


def test_import_vrijstelling_ss005_and_ss065(maak):
    g = maak()
    tijdelijk = {"type": "wi2007_vrijstelling", "bsn": g.persoon.bsn,
                 "gegevens": {"soort": "T", "verleend_door": "D", "datum_start": "2025-08-01"}}  # fmt: skip
    importeer({"id": "v1", **tijdelijk})
    assert codes() == []
    einde = {**tijdelijk["gegevens"], "datum_einde": "2026-10-01"}
    importeer({"id": "v2", **tijdelijk, "gegevens": einde}, {"id": "v3", **tijdelijk, "gegevens": einde})
    assert Vrijstelling.objects.get().datum_einde == date(2026, 10, 1)
    assert codes() == ["SS005"]
    importeer({"id": "v4", "type": "wi2007_vrijstelling", "bsn": g.persoon.bsn, "gegevens": {
        "soort": "G", "verleend_door": "D", "datum_start": "2026-01-01", "examenonderdeel": "TAAL", "niveau": "A2"}})  # fmt: skip
    assert codes() == ["SS005", "SS065"]


def test_ss005_not_when_the_diploma_was_obtained(maak):
    g = maak(diploma_behaald=True)
    Vrijstelling.objects.create(persoon=g, soort="T", verleend_door="D", datum_start=date(2025, 8, 1))
    importeer({"id": "v1", "type": "wi2007_vrijstelling", "bsn": g.persoon.bsn, "gegevens": {
        "soort": "T", "verleend_door": "D", "datum_start": "2025-08-01", "datum_einde": "2026-10-01"}})  # fmt: skip
    assert codes() == []


def test_import_bad_wi2007_data_is_reported(maak, groningen):
    g = maak()
    wi2013 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    zonder = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007)
    bsn = g.persoon.bsn
    verslag = importeer(
        {"id": "f1", "type": "wi2007_gegevens_gewijzigd", "bsn": bsn, "gegevens": {"kleur": "rood"}},
        {"id": "f2", "type": "wi2007_gegevens_gewijzigd", "bsn": bsn, "gegevens": {"begin_handhaving": "01-01-2026"}},
        {"id": "f3", "type": "wi2007_gegevens_gewijzigd", "bsn": bsn, "gegevens": {"handhaving_gemeente": "9999"}},
        {"id": "f4", "type": "wi2007_gegevens_gewijzigd", "bsn": bsn, "gegevens": {"verblijfsdoel": "X"}},
        {"id": "f5", "type": "wi2007_gegevens_gewijzigd", "bsn": bsn, "gegevens": {"gehandhaafd": "ja"}},
        {"id": "f6", "type": "wi2007_gegevens_gewijzigd", "bsn": wi2013.bsn, "gegevens": {"oudkomer": True}},
        {"id": "f7", "type": "wi2007_examenuitslag", "bsn": zonder.bsn,
         "gegevens": {"examen": "KNM", "uitslag": "G", "datum_deelname": "2026-01-01"}},
        {"id": "f8", "type": "wi2007_examenuitslag", "bsn": bsn, "gegevens": {"examen": "KNM", "uitslag": "G"}},
        {"id": "f9", "type": "wi2007_diploma_behaald", "bsn": bsn, "gegevens": {}},
        {"id": "f10", "type": "wi2007_gegevens_gewijzigd", "bsn": bsn, "gegevens": {"herkomst": "D"}},
    )  # fmt: skip
    assert verslag.verwerkt == 0
    assert verslag.fouten == [
        "regel 1: onbekende velden: kleur",
        "regel 2: 'begin_handhaving' is geen datum (jjjj-mm-dd): '01-01-2026'",
        "regel 3: 'handhaving_gemeente': onbekende gemeentecode '9999'",
        "regel 4: 'verblijfsdoel': ongeldige code 'X' (geldig: P, T)",
        "regel 5: 'gehandhaafd' moet true of false zijn: 'ja'",
        f"regel 6: BSN {wi2013.bsn} valt niet onder de Wi2007",
        f"regel 7: van BSN {zonder.bsn} zijn geen Wi2007-gegevens bekend",
        "regel 8: verplicht: datum_deelname",
        "regel 9: 'gegevens' ontbreekt of is leeg",
        "regel 10: onbekende velden: herkomst",
    ]
    assert not VerwerktEvent.objects.exists() and not Signaal.objects.exists()
    assert not AuditEntry.objects.exists() and Wi2007Persoon.objects.count() == 1


def test_documented_types_are_registered():
    for soort in ketenberichten.BERICHTTYPEN:
        assert soort in kb.berichttypen()
