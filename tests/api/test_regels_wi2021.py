"""Issue 13 item 5 for Wi2021 aanbod, MAP, PVT and uren: a sample of the screens' rule tests through the API.
Same services and rules, so the same FS codes and verbatim texts (as `fouten.melding` renders them, the code
in `code` and not repeated in `melding`), the same version checks (409 instead of a lost update), the same
attention confirmation (D-07) and audit entries with the key's name as actor."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from inburgering.models import AuditEntry
from tests.api.conftest import LEESROLLEN
from tests.wi2021.aanbod_data import aanbod as maak_aanbod
from tests.wi2021.aanbod_data import instelling as maak_instelling
from wi2021 import meldingen as m
from wi2021.constants import Alfabetisering, Doelgroep, Leerroute, Niveau, SoortInstelling
from wi2021.models import AanbodStatus, Inburgeringsaanbod, Pip, PipHistorie, Trajectresultaat, Urenstand

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
vandaag = time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)  # plicht from 01-03-2024


def tekst(melding, veldnaam: str = "", *waarden: str) -> str:
    """The API's `melding`: the screen's text without the code in front (the code is in `code`)."""
    return melding.weergave(veldnaam, *waarden).removeprefix(f"{melding.code} ")


def eerste(body: dict, veld: str) -> tuple[str, str]:
    return body["velden"][veld][0]["code"], body["velden"][veld][0]["melding"]


@pytest.fixture
def persoon_met_pip(plicht, groningen):
    """A Groningen asielstatushouder (plicht from 01-03-2024) with Groningen's PIP of 01-04-2024."""

    def maak(leerroute=Leerroute.B1, gemeente=None, **plicht_velden):
        p = plicht(**plicht_velden)
        moment = datetime(2024, 4, 2, 10, 0, tzinfo=AMS)
        pip = Pip.objects.create(
            plicht=p, gemeente=gemeente or groningen, dagtekening=date(2024, 4, 1), geregistreerd_op=moment,
            dagtekening_initieel=date(2024, 4, 1), initieel_geregistreerd_op=moment, leerroute=leerroute,
            niveau=Niveau.NVT if leerroute == Leerroute.Z else Niveau.B1, alfabetisering=Alfabetisering.NVT,
            geschatte_uren=600 if leerroute == Leerroute.B1 else None,
        )  # fmt: skip
        PipHistorie.objects.create(
            pip=pip, laatste_wijziging=moment, gebruiker="test", gemeente=pip.gemeente, gebeurtenis="doorgegeven",
            dagtekening=pip.dagtekening, leerroute=pip.leerroute, niveau=pip.niveau, alfabetisering=pip.alfabetisering,
        )  # fmt: skip
        return p.persoon

    return maak


def _url(persoon, deel: str = "") -> str:
    return f"/api/v1/wi2021/personen/{persoon.pk}/{deel}"


# --- Inburgeringsaanbod (§4.2 d and e) ------------------------------------------------------------------

AANBOD = {"datum_inschrijving": "2024-04-15", "datum_start": "2024-05-01", "alfabetisering": "NVT"}


@vandaag
def test_issue13_aanbod_d7_fs646_unknown_instelling_code(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    response = cvs().post(_url(persoon, "aanbod/"), {**AANBOD, "instelling": "ONBEKEND"}, format="json")
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["melding"]) == ("FS 646", tekst(m.FS646, "Instelling"))
    assert eerste(body, "instelling") == ("FS 646", "Instelling: Geen geldige instelling opgegeven.")
    assert not Inburgeringsaanbod.objects.exists()


@vandaag
def test_issue13_aanbod_d8_fs648_and_d9_fs649_per_field(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    instelling = maak_instelling()
    response = cvs().post(_url(persoon, "aanbod/"), {**AANBOD, "instelling": instelling.code,
                          "datum_inschrijving": "2024-03-31", "datum_start": "2024-03-30"}, format="json")  # fmt: skip
    assert response.status_code == 422
    body = response.json()
    assert eerste(body, "datum_inschrijving") == (
        "FS 648",
        "Datum inschrijving instelling: Datum inschrijving instelling ligt voor datum dagtekening initiële PIP",
    )
    assert eerste(body, "datum_start") == ("FS 649", tekst(m.FS649, "Datum start opleiding"))
    # The boundary: on the dagtekening of the initial PIP itself it is allowed.
    goed = cvs().post(_url(persoon, "aanbod/"), {**AANBOD, "instelling": instelling.code,
                      "datum_inschrijving": "2024-04-01", "datum_start": "2024-04-01"}, format="json")  # fmt: skip
    assert goed.status_code == 201, goed.json()


@vandaag
def test_issue13_aanbod_d11_fs672_einde_before_start(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    data = {**AANBOD, "instelling": maak_instelling().code, "datum_einde": "2024-04-30"}
    body = cvs().post(_url(persoon, "aanbod/"), data, format="json").json()
    assert (body["code"], body["melding"]) == ("FS 672", m.FS672.tekst)
    assert eerste(body, "datum_einde") == (
        "FS 672",
        "Einddat. opleiding moet op of na startdat. opleiding liggen",
    )


@vandaag
def test_issue13_aanbod_c6_fs643_no_aanbod_before_a_pip(cvs, plicht):
    persoon = plicht().persoon
    response = cvs().post(
        _url(persoon, "aanbod/"), {**AANBOD, "instelling": maak_instelling().code}, format="json"
    )
    assert response.status_code == 422
    assert response.json() == {"code": "FS 643", "melding": "Geen PIP voor zakenpartner",
                               "velden": {"__all__": [{"code": "FS 643", "melding": "Geen PIP voor zakenpartner"}]}}  # fmt: skip


@vandaag
def test_issue13_aanbod_r_ab_8_six_months_attention_needs_explicit_confirmation(cvs, persoon_met_pip):
    persoon = persoon_met_pip(leerroute=Leerroute.O)
    instelling = maak_instelling(soort=SoortInstelling.TAALSCHAKEL)
    client = cvs()
    data = {
        **AANBOD,
        "instelling": instelling.code,
        "soort_instelling": "taalschakel",
        "datum_start": "2024-10-16",
    }
    vraag = client.post(_url(persoon, "aanbod/"), data, format="json")
    assert vraag.status_code == 422
    assert vraag.json()["code"] == "bevestiging_nodig"
    assert vraag.json()["attenties"] == [{"code": "", "melding": m.AANBOD_ONDERWIJSROUTE_START.tekst,
                                          "veld": "datum_start", "bevestigingssleutel": "6-maanden"}]  # fmt: skip
    assert not Inburgeringsaanbod.objects.exists()
    bevestigd = client.post(_url(persoon, "aanbod/"), {**data, "bevestigd": ["6-maanden"]}, format="json")
    assert bevestigd.status_code == 201, bevestigd.json()
    assert bevestigd.json()["soort_instelling"] == "taalschakel"
    entry = AuditEntry.objects.get(object_type="wi2021.Inburgeringsaanbod")
    assert (entry.gebruiker, entry.omschrijving) == (
        client.sleutel.name,
        "Inburgeringsaanbod doorgegeven (bevestigd: 6-maanden)",
    )


@vandaag
def test_issue13_aanbod_date_at_the_end_of_the_calendar_is_a_message_not_a_500(cvs, persoon_met_pip):
    """R-AB-8 adds six months to the datum inschrijving; 31-12-9999 + 6 months is past the calendar."""
    persoon = persoon_met_pip(leerroute=Leerroute.O)
    data = {**AANBOD, "instelling": maak_instelling().code, "datum_inschrijving": "9999-12-31",
            "datum_start": "9999-12-31"}  # fmt: skip
    response = cvs().post(_url(persoon, "aanbod/"), data, format="json")
    assert response.status_code == 422
    assert eerste(response.json(), "datum_start")[0] == "FS 673"


@vandaag
def test_issue13_aanbod_change_with_version_stale_is_409_then_withdraw(cvs, persoon_met_pip, groningen):
    persoon = persoon_met_pip()
    client = cvs(naam="CVS Groningen (Leverancier X)")
    nieuw = client.post(
        _url(persoon, "aanbod/"), {**AANBOD, "instelling": maak_instelling().code}, format="json"
    )
    assert nieuw.status_code == 201, nieuw.json()
    aanbod = nieuw.json()
    url = _url(persoon, f"aanbod/{aanbod['id']}/")
    gewijzigd = client.put(
        url, {**AANBOD, "datum_einde": "2024-05-31", "versie": aanbod["versie"]}, format="json"
    )
    assert gewijzigd.status_code == 200, gewijzigd.json()
    oud = client.put(url, {**AANBOD, "datum_einde": "2024-05-30", "versie": aanbod["versie"]}, format="json")
    assert (oud.status_code, oud.json()["code"]) == (409, "verouderd")
    assert Inburgeringsaanbod.objects.get().datum_einde == date(2024, 5, 31)  # not lost
    scherm = client.get(_url(persoon)).json()
    rij = scherm["aanbiedingen"][0]
    assert rij["acties"] == {"wijzigen": True, "verwijderen": True}
    assert [v["datum_einde"] for v in rij["historie"]] == [None]  # S-36: the replaced version
    assert rij["historie"][0]["gebruiker"] == "CVS Groningen (Leverancier X)"
    assert client.delete(f"{url}?versie={aanbod['versie']}").status_code == 409
    assert client.delete(f"{url}?versie={gewijzigd.json()['versie']}").status_code == 204
    assert Inburgeringsaanbod.objects.get().status == AanbodStatus.INGETROKKEN  # D-32: withdrawn, not deleted
    assert list(AuditEntry.objects.filter(object_type="wi2021.Inburgeringsaanbod").order_by("id")
                .values_list("gebruiker", "actie")) == [("CVS Groningen (Leverancier X)", a)
                                                        for a in ("aanmaken", "wijzigen", "verwijderen")]  # fmt: skip


@vandaag
def test_issue13_aanbod_r_acc_7_another_gemeentes_aanbod_cannot_be_changed(cvs, persoon_met_pip, almere):
    persoon = persoon_met_pip()
    plicht = persoon.wi2021_plichten.get()
    vreemd = maak_aanbod(plicht, almere)
    response = cvs().put(_url(persoon, f"aanbod/{vreemd.pk}/"), {**AANBOD, "versie": vreemd.versiekenmerk},
                         format="json")  # fmt: skip
    assert response.status_code == 422
    assert response.json()["melding"] == m.AANBOD_ANDERE_GEMEENTE.tekst


# --- MAP and PVT (§4.2 f and g) -------------------------------------------------------------------------


@vandaag
@pytest.mark.parametrize("traject", ["map", "pvt"])
def test_issue13_f7_g9_fs657_no_pip_of_the_registering_gemeente(cvs, plicht, traject):
    persoon = plicht().persoon
    response = cvs().post(_url(persoon, f"{traject}/"), {"datum": "2024-05-01"}, format="json")
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["melding"]) == ("FS 657", "Er is geen actuele PIP")
    assert not Trajectresultaat.objects.exists()


@vandaag
@pytest.mark.parametrize(("traject", "code", "tekst_"), [
    ("MAP", "FS 667", "Uw gemeente mag de MAP gegevens niet wijzigen."),
    ("PVT", "FS 627", "Uw gemeente mag de PVT gegevens niet wijzigen."),
])  # fmt: skip
def test_issue13_f8_fs667_g4_fs627_result_of_another_gemeente(
    cvs, persoon_met_pip, almere, traject, code, tekst_
):
    persoon = persoon_met_pip()
    resultaat = Trajectresultaat.objects.create(plicht=persoon.wi2021_plichten.get(), traject=traject, datum=date(2024, 5, 1),
                                                gemeente=almere, geregistreerd_op=datetime(2024, 5, 2, tzinfo=AMS))  # fmt: skip
    client = cvs()
    url = _url(persoon, f"{traject.lower()}/")
    wijzig = client.put(url, {"datum": "2024-05-02", "versie": resultaat.versiekenmerk}, format="json")
    assert (wijzig.status_code, wijzig.json()["code"], wijzig.json()["melding"]) == (422, code, tekst_)
    verwijder = client.delete(f"{url}?versie={resultaat.versiekenmerk}")
    assert (verwijder.status_code, verwijder.json()["code"]) == (422, code)
    assert Trajectresultaat.objects.get().datum == date(2024, 5, 1)


@vandaag
def test_issue13_g13_pvt_date_in_the_future_at_its_boundary_and_fs640_same_date(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    client = cvs()
    url = _url(persoon, "pvt/")
    morgen = client.post(url, {"datum": "2024-06-02"}, format="json")
    assert morgen.status_code == 422
    assert eerste(morgen.json(), "datum") == ("FS 999", "Datum ondertekening Datum ligt in toekomst")
    pvt = client.post(url, {"datum": "2024-06-01"}, format="json")  # today is allowed
    assert pvt.status_code == 201, pvt.json()
    zelfde = client.put(url, {"datum": "2024-06-01", "versie": pvt.json()["versie"]}, format="json")
    assert (zelfde.status_code, zelfde.json()["code"]) == (422, "FS 640")
    assert zelfde.json()["melding"] == "Alle velden hebben dezelfde waarde als de actuele waarden"


@vandaag
def test_issue13_f13_map_date_before_the_plicht_started(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    response = cvs().post(_url(persoon, "map/"), {"datum": "2024-02-29"}, format="json")
    assert eerste(response.json(), "datum") == ("FS 999", tekst(m.MAP_DATUM_VOOR_START, "Datum eindgesprek"))
    assert cvs().post(_url(persoon, "map/"), {"datum": "2024-03-01"}, format="json").status_code == 201


@vandaag
def test_issue13_r_mp_1_map_is_nvt_for_the_onderwijsroute(cvs, persoon_met_pip):
    persoon = persoon_met_pip(leerroute=Leerroute.O)
    client = cvs()
    response = client.post(_url(persoon, "map/"), {"datum": "2024-05-01"}, format="json")
    assert (response.status_code, response.json()["melding"]) == (422, m.MAP_NVT.tekst)
    assert client.get(_url(persoon)).json()["trajecten"][0] == {
        "traject": "MAP",
        "nvt": True,
        "resultaat": None,
    }


@vandaag
def test_issue13_map_stale_version_is_409_and_delete_audits_the_key(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    client = cvs()
    url = _url(persoon, "map/")
    eerst = client.post(url, {"datum": "2024-05-01"}, format="json").json()
    # A second registration meanwhile: the result exists, so this is the outdated-form refusal.
    dubbel = client.post(url, {"datum": "2024-05-02"}, format="json")
    assert (dubbel.status_code, dubbel.json()["code"]) == (409, "verouderd")
    nu = client.put(url, {"datum": "2024-05-03", "versie": eerst["versie"]}, format="json")
    assert nu.status_code == 200
    oud = client.put(url, {"datum": "2024-05-04", "versie": eerst["versie"]}, format="json")
    assert (oud.status_code, oud.json()["code"]) == (409, "verouderd")
    assert oud.json()["melding"].startswith("Deze gegevens zijn intussen door een ander gewijzigd.")
    assert Trajectresultaat.objects.get().datum == date(2024, 5, 3)
    scherm = client.get(_url(persoon)).json()
    assert scherm["trajecten"][0]["resultaat"]["datum"] == "2024-05-03"
    assert scherm["acties"]["map_wijzigen"] and not scherm["acties"]["map_doorgeven"]
    assert client.delete(f"{url}?versie={nu.json()['versie']}").status_code == 204
    assert list(AuditEntry.objects.filter(object_type="wi2021.Trajectresultaat").order_by("id")
                .values_list("gebruiker", "omschrijving")) == [(client.sleutel.name, f"MAP {a}")
                                                               for a in ("doorgegeven", "gewijzigd", "verwijderd")]  # fmt: skip


# --- Deelgenomen uren (§4.2 h) --------------------------------------------------------------------------


def _tot_nu_toe(client, persoon) -> dict:
    response = client.get(_url(persoon, "uren/"))
    assert response.status_code == 200, response.json()
    return response.json()


@vandaag
def test_issue13_uren_f7_fs657_without_own_pip(cvs, plicht):
    persoon = plicht().persoon
    data = {"soort": "2", "aantal": 10, "datum_tot": "2024-05-01", "versie": "geen"}
    response = cvs().post(_url(persoon, "uren/"), data, format="json")
    assert (response.status_code, response.json()["code"]) == (422, "FS 657")


@vandaag
def test_issue13_uren_h9_fs660_instelling_with_a_gemeente_kind(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    data = {"soort": "2", "aantal": 10, "datum_tot": "2024-05-01", "versie": "geen", "instelling": "X"}
    response = cvs().post(_url(persoon, "uren/"), data, format="json")
    assert response.status_code == 422
    assert (response.json()["code"], response.json()["melding"]) == (
        "FS 660",
        "Cursusinstelling mag niet gevuld zijn",
    )
    assert not Urenstand.objects.exists()


@vandaag
def test_issue13_uren_h10_fs666_date_before_the_previous_total_and_version(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    client = cvs()
    versie = _tot_nu_toe(client, persoon)["gemeente"][0]["versie"]
    assert versie == "geen"
    eerste_ = client.post(_url(persoon, "uren/"), {"soort": "2", "aantal": 10, "datum_tot": "2024-05-01",
                          "versie": versie}, format="json")  # fmt: skip
    assert eerste_.status_code == 201, eerste_.json()
    nieuwe_versie = eerste_.json()["versie"]
    assert _tot_nu_toe(client, persoon)["gemeente"][0]["versie"] == nieuwe_versie
    # The same "geen" again: someone registered meanwhile → 409, the total stays.
    dubbel = client.post(_url(persoon, "uren/"), {"soort": "2", "aantal": 99, "datum_tot": "2024-05-02",
                         "versie": "geen"}, format="json")  # fmt: skip
    assert (dubbel.status_code, dubbel.json()["code"]) == (409, "verouderd")
    eerder = client.post(_url(persoon, "uren/"), {"soort": "2", "aantal": 20, "datum_tot": "2024-04-30",
                         "versie": nieuwe_versie}, format="json")  # fmt: skip
    assert eerder.status_code == 422
    assert eerste(eerder.json(), "datum_tot") == ("FS 666", m.FS666.tekst)
    gelijk = client.post(_url(persoon, "uren/"), {"soort": "2", "aantal": 20, "datum_tot": "2024-05-01",
                         "versie": nieuwe_versie}, format="json")  # fmt: skip
    assert gelijk.status_code == 201  # the same date is allowed (R-UR-4)
    assert Urenstand.objects.get().aantal == 20
    assert (
        AuditEntry.objects.filter(object_type="wi2021.Urenstand", gebruiker=client.sleutel.name).count() == 2
    )


@vandaag
def test_issue13_uren_h16_date_before_the_plicht_started(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    data = {"soort": "4", "aantal": 5, "datum_tot": "2024-02-29", "versie": "geen"}
    response = cvs().post(_url(persoon, "uren/"), data, format="json")
    assert eerste(response.json(), "datum_tot") == ("FS 999", m.UREN_VOOR_START.tekst)


@vandaag
def test_issue13_uren_h6_fs646_and_h8_fs659_instelling(cvs, persoon_met_pip):
    persoon = persoon_met_pip()
    zonder_aanbod = maak_instelling(naam="Zonder aanbod")
    client = cvs()
    data = {"uren_taalles_knm": 40, "datum_tot": "2024-05-01", "versie": "geen/geen/geen"}
    onbekend = client.post(
        _url(persoon, "uren/instelling/"), {**data, "instelling": "ONBEKEND"}, format="json"
    )
    assert eerste(onbekend.json(), "instelling") == ("FS 646", "Geen geldige instelling opgegeven")
    geen = client.post(
        _url(persoon, "uren/instelling/"), {**data, "instelling": zonder_aanbod.code}, format="json"
    )
    assert (geen.status_code, geen.json()["code"]) == (422, "FS 659")
    assert geen.json()["melding"] == "Er is geen actueel of niet actueel aanbod voor de cursusinstelling"
    assert not Urenstand.objects.exists()


@vandaag
def test_issue13_uren_at_an_instelling_registered_and_read_back(cvs, persoon_met_pip, groningen):
    persoon = persoon_met_pip()
    aanbod = maak_aanbod(persoon.wi2021_plichten.get(), groningen)
    client = cvs()
    getoond = _tot_nu_toe(client, persoon)["instellingen"]
    assert [(i["instelling"]["code"], i["versie"], i["standen"]) for i in getoond] == [
        (aanbod.instelling.code, "geen/geen/geen", [])
    ]
    data = {"instelling": aanbod.instelling.code, "uren_taalles_knm": 40, "geoorloofd_verzuim": 4,
            "datum_tot": "2024-05-01", "versie": "geen/geen/geen"}  # fmt: skip
    response = client.post(_url(persoon, "uren/instelling/"), data, format="json")
    assert response.status_code == 201, response.json()
    assert [(s["soort"], s["aantal"]) for s in response.json()["standen"]] == [("6", 40), ("8", 4)]
    assert response.json()["versie"].endswith("/geen")
    uren = client.get(_url(persoon)).json()["uren"]
    assert sorted((u["soort"], u["aantal"], u["instelling"]["code"]) for u in uren) == [
        ("6", 40, aanbod.instelling.code), ("8", 4, aanbod.instelling.code)
    ]  # fmt: skip
    oud = client.post(_url(persoon, "uren/instelling/"), data, format="json")
    assert (oud.status_code, oud.json()["code"]) == (409, "verouderd")


@vandaag
def test_issue13_uren_r_ur_1_no_instelling_uren_for_a_gezinsmigrant(cvs, persoon_met_pip):
    persoon = persoon_met_pip(leerroute=Leerroute.Z, doelgroep=Doelgroep.GEZINSMIGRANT)
    response = cvs().post(_url(persoon, "uren/instelling/"), {"versie": "geen/geen/geen"}, format="json")
    assert (response.status_code, response.json()["melding"]) == (422, m.UREN_GEZINSMIGRANT.tekst)


@vandaag
def test_issue13_read_key_sees_the_blocks_but_no_action(cvs, persoon_met_pip, groningen):
    """A3: the read role sees B-8, B-9 and B-10 as the screens show them, without a single button."""
    persoon = persoon_met_pip()
    maak_aanbod(persoon.wi2021_plichten.get(), groningen)
    scherm = cvs(rollen=LEESROLLEN).get(_url(persoon)).json()
    assert not any(scherm["acties"].values())
    assert scherm["aanbiedingen"][0]["acties"] == {"wijzigen": False, "verwijderen": False}
    assert [t["traject"] for t in scherm["trajecten"]] == ["MAP", "PVT"]
    mut = cvs().get(_url(persoon)).json()
    assert mut["acties"]["aanbod_toevoegen"] and mut["aanbiedingen"][0]["acties"]["wijzigen"]
