"""Wi2021 chain events (WI2021.md section 7, docs/ketenberichten.md section Wi2021): every type applied
twice — the same id, and the same fact under a new id — gives one effect and one signal; bad data is
reported in Dutch."""

import json
from datetime import date, datetime

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.ketenberichten import OngeldigBericht, berichttypen, verwerk_bericht, verwerk_regels
from inburgering.models import AuditEntry, Persoon
from signalen.models import Signaal
from wi2021 import ketenberichten
from wi2021.constants import Doelgroep, Examenstatus, RedenEinde, RedenWijzigingTermijn, StatusVerzoek
from wi2021.models import (
    BioAdviesVerzoek,
    DoelgroepHistorie,
    DuoMelding,
    Examenpoging,
    Inburgeringsplicht,
    Instelling,
    Opleidingscontract,
    TermijnHistorie,
    Verzoek,
)

from .conftest import AMS

pytestmark = pytest.mark.django_db
NU = datetime(2026, 6, 15, 10, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def klok():
    ketenberichten.registreer()
    with time_machine.travel(NU, tick=False):
        yield


def signalen():
    return sorted(Signaal.objects.filter(wet=Wet.WI2021).values_list("code", "gemeente__code"))


def termijn(plicht):
    plicht.termijn_start, plicht.termijn_einde = date(2024, 4, 2), date(2027, 4, 1)
    plicht.save()
    return plicht


def tijdelijk(plicht):
    plicht.reden_einde, plicht.datum_einde = RedenEinde.TIJDELIJK, date(2026, 1, 1)
    plicht.save()
    return plicht


def gewijzigd_verblijfsdoel(plicht):
    plicht.datum_wijziging_verblijfsdoel = date(2026, 5, 1)
    plicht.verblijfsdoel_gewijzigd = "Van asielstatushouder naar gezinsmigrant en overige migrant. Met behoud van rechten asielstatushouder."
    plicht.save()
    return termijn(plicht)


def _plicht(p):
    return Inburgeringsplicht.objects.get(pk=p.pk)


# (type, gegevens, prepare the plicht, expected signals, the effect)
GEVALLEN = [
    ("doelgroep_gewijzigd", {"van": "asiel", "naar": "gezin", "datum": "2026-06-01"}, None, [("SS124", "0014")],
     lambda p: DoelgroepHistorie.objects.filter(plicht=p).count() == 1 and _plicht(p).datum_wijziging_verblijfsdoel == date(2026, 6, 1)),
    ("rechten_op_verzoek_gewijzigd", {"rechten": "gezin", "datum": "2026-06-10"}, gewijzigd_verblijfsdoel, [],
     lambda p: _plicht(p).doelgroep == Doelgroep.GEZINSMIGRANT and DoelgroepHistorie.objects.filter(plicht=p).count() == 1),
    ("termijn_verlengd", {"einde": "2027-10-01", "reden": "ambtshalve", "datum": "2026-06-01"}, termijn,
     [("SS103", "0014")], lambda p: TermijnHistorie.objects.filter(plicht=p).count() == 1
     and _plicht(p).reden_wijziging_termijn == RedenWijzigingTermijn.AMBTSHALVE),
    ("verzoek_verlenging_ingediend", {"verzoek_id": "v1", "datum_ontvangst": "2026-06-01"}, termijn,
     [("SS112", "0014")], lambda p: Verzoek.objects.get(plicht=p).status == ""),
    ("besluit_verlenging", {"verzoek_id": "v1", "uitkomst": "toegekend", "datum_ontvangst": "2026-05-01",
                            "datum_besluit": "2026-06-01", "nieuwe_einde": "2027-12-01"}, termijn,
     [("SS104", "0014")], lambda p: _plicht(p).termijn_einde == date(2027, 12, 1)
     and TermijnHistorie.objects.filter(plicht=p).count() == 1),
    ("besluit_verlenging", {"verzoek_id": "v1", "uitkomst": "afgewezen", "datum_ontvangst": "2026-05-01",
                            "datum_besluit": "2026-06-01"}, termijn, [("SS113", "0014")],
     lambda p: Verzoek.objects.get(plicht=p).status == StatusVerzoek.AFGEWEZEN),
    ("besluit_vrijstelling", {"verzoek_id": "v2", "soort": "geheel", "uitkomst": "toegekend",
                              "datum_ontvangst": "2026-05-01", "datum_besluit": "2026-06-01"}, None,
     [("SS107", "0014")], lambda p: _plicht(p).reden_einde == RedenEinde.VRIJSTELLING),
    ("besluit_vrijstelling", {"verzoek_id": "v2", "soort": "tijdelijk", "uitkomst": "toegekend",
                              "datum_ontvangst": "2026-05-01", "datum_besluit": "2026-06-01"}, None,
     [("SS109", "0014")], lambda p: _plicht(p).reden_einde == RedenEinde.TIJDELIJK),
    ("besluit_vrijstelling", {"verzoek_id": "v2", "soort": "gedeeltelijk", "uitkomst": "toegekend",
                              "datum_ontvangst": "2026-05-01", "datum_besluit": "2026-06-01",
                              "onderdeel": "SPREKEN", "niveau": "B1"}, None, [("SS117", "0014")],
     lambda p: Verzoek.objects.get(plicht=p).toelichting == "Gedeeltelijk – Spreken B1"),
    ("tijdelijke_vrijstelling_ingetrokken", {"datum": "2026-06-01"}, tijdelijk, [("SS129", "0014")],
     lambda p: _plicht(p).reden_einde == ""),
    ("besluit_ontheffing", {"verzoek_id": "v3", "soort": "geheel", "grond": "bio", "uitkomst": "toegekend",
                            "datum_ontvangst": "2026-05-01", "datum_besluit": "2026-06-01"}, None,
     [("SS108", "0014")], lambda p: _plicht(p).reden_einde == RedenEinde.ONTHEFFING
     and Verzoek.objects.get(plicht=p).toelichting == "Geheel BIO"),
    ("bio_advies_gevraagd", {"aanvraag_id": "a1", "datum": "2026-06-01"}, None, [("SS140", "0014")],
     lambda p: BioAdviesVerzoek.objects.filter(plicht=p, advies_gegeven_op=None).count() == 1),
    ("inburgeringsplicht_ingetrokken", {"datum": "2026-06-01", "reden": "Vertrek uit Nederland"}, None,
     [("SS110", "0014")], lambda p: _plicht(p).reden_einde == RedenEinde.INGETROKKEN
     and _plicht(p).datum_einde == date(2026, 6, 1)),
    ("diploma_behaald", {"datum": "2026-06-01"}, None, [("SS106", "0014")],
     lambda p: _plicht(p).reden_einde == RedenEinde.DIPLOMA and TermijnHistorie.objects.filter(plicht=p).count() == 1),
    ("examen_aanmelding", {"onderdeel": "LEZEN", "niveau": "B1", "datum": "2026-07-01", "poging": 1}, None, [],
     lambda p: Examenpoging.objects.get(plicht=p).status == Examenstatus.GEPLAND),
    ("examen_uitslag", {"onderdeel": "LEZEN", "niveau": "B1", "datum": "2026-07-01", "poging": 1,
                        "status": "geslaagd"}, None, [],
     lambda p: Examenpoging.objects.get(plicht=p).status == Examenstatus.GESLAAGD),
    ("opleidingscontract_geregistreerd", {"contract_id": "c1", "instelling": "BOW1", "soort": "regulier",
                                          "taalniveau": "B1", "datum": "2026-06-01"}, None, [("SS132", "0014")],
     lambda p: Opleidingscontract.objects.filter(plicht=p).count() == 1),
    ("niet_vrijstellende_opleiding_uitgeschreven", {"datum": "2026-06-01"}, None, [("SS142", "0014")],
     lambda p: True),
    ("wetcorrectie", {"naar_wet": "WI2013"}, None, [("SS190", "0014")],
     lambda p: Persoon.objects.get(pk=p.persoon_id).wet == Wet.WI2013),
    ("wetcorrectie", {"naar_wet": "WI2007"}, None, [("SS191", "0014")],
     lambda p: Persoon.objects.get(pk=p.persoon_id).wet == Wet.WI2007),
    ("opt_out_keuze_wi2013", None, None, [("SS192", "0014")],
     lambda p: Persoon.objects.get(pk=p.persoon_id).wet == Wet.WI2021),
    ("melding_geplaatst", {"titel": "Let op", "toelichting": "Uitleg", "startdatum": "2026-06-01",
                           "einddatum": "2026-07-01"}, None, [], lambda p: DuoMelding.objects.count() == 1),
]  # fmt: skip


@pytest.mark.parametrize(("soort", "gegevens", "voorbereiden", "verwacht", "effect"), GEVALLEN,
                         ids=[f"{g[0]}-{i}" for i, g in enumerate(GEVALLEN)])  # fmt: skip
def test_every_chain_event_twice_gives_one_effect_and_one_signal(plicht, soort, gegevens, voorbereiden, verwacht,
                                                                  effect):  # fmt: skip
    Instelling.objects.create(code="BOW1", naam="Taalschool", plaats="Groningen", soort="bow")
    p = plicht()
    if voorbereiden:
        voorbereiden(p)
    bericht = {"id": "e1", "type": soort, "bsn": p.persoon.bsn}
    if gegevens is not None:
        bericht["gegevens"] = gegevens
    assert verwerk_bericht(bericht) is True
    na_eerste = (signalen(), AuditEntry.objects.count())
    assert verwerk_bericht(bericht) is False  # the same id: skipped by the importer
    verwerk_bericht({**bericht, "id": "e2"})  # the same fact under another id: changes nothing
    assert (signalen(), AuditEntry.objects.count()) == na_eerste
    assert signalen() == verwacht
    assert effect(p)
    assert AuditEntry.objects.filter(bsn=p.persoon.bsn).exists()


def test_plicht_vastgesteld_and_gevestigd_via_feed(groningen, almere):
    from tests.factories import PersoonFactory

    persoon = PersoonFactory(woongemeente=almere, wet=Wet.WI2021, geboortedatum=date(1990, 1, 1))
    regels = [
        json.dumps({"id": "i1", "type": "inburgeringsplicht_vastgesteld", "bsn": persoon.bsn,
                    "gegevens": {"datum_start": "2026-06-01", "doelgroep": "asiel", "koppelingsgemeente": "0014"}}),
        json.dumps({"id": "i2", "type": "persoon_gevestigd", "bsn": persoon.bsn,
                    "gegevens": {"gemeente": "0014", "datum": "2026-06-10"}}),
    ]  # fmt: skip
    for _ in range(2):
        verslag = verwerk_regels(regels)
        assert verslag.fouten == []
    assert signalen() == [("SS101", "0014"), ("SS139", "0014")]
    plicht = Inburgeringsplicht.objects.get(persoon=persoon)
    assert (plicht.pip_venster_start, plicht.pip_venster_gemeente) == (date(2026, 6, 10), groningen)


def test_all_section7_types_are_registered_including_lbt():
    typen = set(berichttypen())
    assert set(ketenberichten.BERICHTTYPEN) <= typen
    assert {"lbt_aanmelding", "lbt_uitslag", "lbt_verlopen"} <= typen
    assert ketenberichten.NOG_NIET_ONDERSTEUND == ()


@pytest.mark.parametrize(
    ("soort", "gegevens", "fout"),
    [
        ("diploma_behaald", {"datum": "01-06-2026"}, "'datum' is geen datum (jjjj-mm-dd): '01-06-2026'"),
        ("diploma_behaald", {}, "'gegevens' ontbreekt of is leeg"),
        ("diploma_behaald", {"datum": "2026-06-01", "kleur": "rood"}, "onbekende velden: kleur"),
        ("doelgroep_gewijzigd", {"van": "asiel", "naar": "vluchteling", "datum": "2026-06-01"},
         "'naar' moet een van asiel, gezin zijn: 'vluchteling'"),
        ("termijn_verlengd", {"einde": "2027-10-01", "reden": "op_verzoek", "datum": "2026-06-01"},
         "'reden' moet een van herbepaling, corona, ambtshalve zijn"),
        ("bio_advies_gevraagd", {"datum": "2026-06-01"}, "'aanvraag_id' is verplicht"),
        ("examen_aanmelding", {"onderdeel": "LEZEN", "niveau": "B1", "datum": "2026-07-01", "poging": "1"},
         "'poging' moet een geheel getal"),
        ("opleidingscontract_geregistreerd", {"contract_id": "c", "instelling": "ONBEKEND", "soort": "regulier",
                                              "datum": "2026-06-01"}, "onbekende instellingscode 'ONBEKEND'"),
    ],
)  # fmt: skip
def test_bad_gegevens_are_refused_with_a_dutch_message(plicht, soort, gegevens, fout):
    p = plicht()
    with pytest.raises(OngeldigBericht, match=fout.replace("(", r"\(").replace(")", r"\)")):
        verwerk_bericht({"id": "x", "type": soort, "bsn": p.persoon.bsn, "gegevens": gegevens})
    assert not Signaal.objects.exists()


def test_person_under_another_law_is_refused(groningen):
    from tests.factories import PersoonFactory

    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    with pytest.raises(OngeldigBericht, match="valt niet onder de Wi2021"):
        verwerk_bericht(
            {"id": "x", "type": "diploma_behaald", "bsn": persoon.bsn, "gegevens": {"datum": "2026-06-01"}}
        )


def test_a_refused_decision_is_reported_with_its_line_and_changes_nothing(plicht):
    p = gewijzigd_verblijfsdoel(plicht())

    def regel(event_id, rechten, datum):
        return json.dumps({"id": event_id, "type": "rechten_op_verzoek_gewijzigd", "bsn": p.persoon.bsn,
                           "gegevens": {"rechten": rechten, "datum": datum}})  # fmt: skip

    verslag = verwerk_regels([regel("r1", "gezin", "2026-06-10"), regel("r2", "asiel", "2026-06-12")])
    assert verslag.verwerkt == 1
    assert verslag.fouten == [
        "regel 2: De rechten van het verblijfsdoel zijn al eens op verzoek gewijzigd; dat kan maar één keer."
    ]
    assert _plicht(p).doelgroep == Doelgroep.GEZINSMIGRANT
