"""Issue 12 item 7, R-DL-1/R-DL-2, S-53, D-28, WI2021.md section 6.9: "Inburgeraars 2021 extract in csv
formaat" (every Wi2021 person living in or COA-coupled to the gemeente, one row per person with their current
plicht, columns A–AE verbatim, legenda in the zip) and the per-gemeente "SPUK bestand in CSV formaat"."""

import csv
import io
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from inburgering.constants import Rol
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.registry import document, extract, extracten_voor_wet
from inburgering.models import AuditActie, AuditEntry, Downloadbestand, Downloaddocument
from tests.factories import PersoonFactory, UserFactory
from tests.wi2021.aanbod_data import aanbod
from wi2021 import extracten
from wi2021.constants import Doelgroep, LbtStatus, Leerroute, Niveau, RedenEinde
from wi2021.models import (
    AanbodStatus,
    Contactpersoon,
    EindgesprekZRoute,
    Inburgeringsplicht,
    Koppeling,
    LbtOntheffing,
    Leerbaarheidstoets,
    Traject,
    Trajectresultaat,
)

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")
PEILDATUM = date(2026, 11, 28)
TITEL = "Inburgeraars 2021 extract in csv formaat"
SPUK_TITEL = "SPUK bestand in CSV formaat"
# WI2021.md section 6.9, columns A–AE, verbatim and in this order (D-28).
KOPPEN = [
    "Gemeentecode", "Gemeentenaam", "BSN", "Achternaam", "Voorvoegsels", "Voornamen", "Geboortedatum",
    "Relatie gemeente", "Doelgroep", "Datum start inburgeringsplicht", "Inburgeringsplichtig", "Reden einde",
    "Datum start inburgeringstermijn", "Datum einde inburgeringstermijn", "Einddatum 10 weken termijn PIP",
    "Datum dagtekening initiële PIP", "Datum dagtekening PIP", "Datum registratie PIP", "PIP definitief",
    "Leerroute", "Niveau", "Geschatte uren intensiteit", "Toestemming niet-vrijstellende opleiding",
    "Inburgeringsaanbod doorgegeven", "Datum eindgesprek MAP", "Datum ondertekening PVT", "Resultaat LBT",
    "Datum toetsafname LBT", "Datum eindgesprek Z-route", "Contactpersoon", "Overleden",
]  # fmt: skip
K = {naam: i for i, naam in enumerate(KOPPEN)}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def lees(bestand: Downloadbestand, media) -> tuple[list[str], list[list[str]], str, list[str]]:
    with zipfile.ZipFile(media / bestand.pad) as zf:
        namen = zf.namelist()
        ruw = zf.read(next(n for n in namen if n.endswith(".csv")))
        legenda = zf.read("legenda.txt").decode("utf-8-sig")
    assert ruw.startswith("\ufeff".encode())  # Dutch Excel needs the BOM
    kop, *rijen = csv.reader(io.StringIO(ruw.decode("utf-8-sig")), delimiter=";")
    return kop, rijen, legenda, namen


def per_bsn(rijen: list[list[str]]) -> dict[str, dict[str, str]]:
    return {rij[K["BSN"]]: dict(zip(KOPPEN, rij, strict=True)) for rij in rijen}


def test_r_dl_1_extract_registered_for_wi2021_with_the_columns_of_section_6_9():
    ex = extract("wi2021_inburgeraars")
    assert ex in extracten_voor_wet("WI2021")
    assert ex.titel == TITEL
    assert list(ex.kolommen) == KOPPEN
    assert ex.zipnaam(gemeentecode="0014", peildatum=PEILDATUM) == "isi_Wi2021_0014_20261128.zip"
    assert ex.inhoudnaam(gemeentecode="0014", peildatum=PEILDATUM) == "isi_Wi2021_0014_20261128.csv"


def test_r_dl_1_header_verbatim_and_legenda_in_the_zip(groningen, media):
    bestand = bouw_extract(extract=extract("wi2021_inburgeraars"), gemeente=groningen, peildatum=PEILDATUM)
    kop, rijen, legenda, namen = lees(bestand, media)
    assert kop == KOPPEN
    assert rijen == []
    assert sorted(namen) == ["isi_Wi2021_0014_20261128.csv", "legenda.txt"]
    assert "Legenda bij bestand 'Inburgeraars 2021 extract in csv formaat'" in legenda
    # Every column by letter and name, in order.
    posities = [legenda.index(f"{kolom.letter}. {kolom.naam}\r\n") for kolom in extracten.KOLOMMEN]
    assert posities == sorted(posities)
    assert "W = woonachtig in uw gemeente; C = door het COA in het kader van de taakstelling" in legenda
    assert "A = Asielstatushouder; G = Gezinsmigrant en overige migrant" in legenda
    for code, label in RedenEinde.choices:
        assert f"{code} = {label}" in legenda
    assert "die door het\r\nCOA in het kader van de taakstelling aan uw gemeente zijn gekoppeld" in legenda
    # The disclaimer of S-53, verbatim.
    assert "Het gebruik van\r\n  de gegevens voor andere doeleinden dan de uitvoering van de Wet inburgering is niet " \
           "toegestaan." in legenda  # fmt: skip


def test_r_dl_1_one_row_per_person_residents_and_coa_coupled_other_gemeenten_excluded(
    groningen, almere, media, plicht, pip
):
    # A resident with everything filled: PIP definitief, aanbod, MAP and PVT, a contactpersoon.
    vol = plicht(persoon={"bsn": "111222333", "achternaam": "Jansen", "voorvoegsels": "van",
                          "voornamen": "Anna Maria", "geboortedatum": date(1990, 5, 4)},
                 termijn_start=date(2024, 4, 2), termijn_einde=date(2027, 4, 1))  # fmt: skip
    pip(vol, dagtekening_initieel=date(2024, 4, 1), dagtekening=date(2024, 9, 1), definitief=True,
        geregistreerd=datetime(2024, 9, 2, 23, 30, tzinfo=AMS), toestemming_nvo=True)  # fmt: skip
    aanbod(vol, groningen)
    for traject, datum in ((Traject.MAP, date(2025, 3, 3)), (Traject.PVT, date(2025, 6, 6))):
        Trajectresultaat.objects.create(plicht=vol, traject=traject, datum=datum, gemeente=groningen,
                                        geregistreerd_op=timezone.now())  # fmt: skip
    cp = Contactpersoon.objects.create(gemeente=groningen, naam="Petra de Boer", email="p@groningen.nl")
    Koppeling.objects.create(
        persoon=vol.persoon, gemeente=groningen, contactpersoon=cp, gekoppeld_op=timezone.now()
    )

    # COA coupled to Groningen, still in an AZC elsewhere; no PIP yet: the 10-week window shows.
    plicht(persoon={"bsn": "222333444", "achternaam": "Ahmadi", "woongemeente": almere,
                          "toekomstige_gemeente": groningen},
                 pip_venster_start=date(2026, 10, 1), pip_venster_gemeente=groningen)  # fmt: skip
    # A gezinsmigrant on the Onderwijsroute: aanbod and MAP are NVT; only an ingetrokken aanbod.
    gezin = plicht(persoon={"bsn": "333444555", "achternaam": "Bakker"}, doelgroep=Doelgroep.GEZINSMIGRANT)
    pip(gezin, leerroute=Leerroute.O, niveau=Niveau.NVT)
    # An asielstatushouder whose only aanbod was withdrawn: "N".
    ingetrokken = plicht(persoon={"bsn": "444555666", "achternaam": "Cohen"})
    pip(ingetrokken)
    aanbod(ingetrokken, groningen, status=AanbodStatus.INGETROKKEN, ingetrokken_op=date(2024, 5, 1))
    # Deceased: the plicht ended. The older plicht of the same person gives no second row (M-01).
    overleden = plicht(persoon={"bsn": "555666777", "achternaam": "Dekker", "datum_overlijden": date(2026, 1, 5)},
                       datum_start=date(2025, 1, 1), reden_einde=RedenEinde.OVERLEDEN,
                       datum_einde=date(2026, 1, 5))  # fmt: skip
    Inburgeringsplicht.objects.create(persoon=overleden.persoon, datum_start=date(2022, 1, 1),
                                      doelgroep=Doelgroep.ASIELSTATUSHOUDER, reden_einde=RedenEinde.INGETROKKEN)  # fmt: skip
    # Not Groningen's: an Almere resident, an Almere-coupled AZC resident, a Wi2013 person in Groningen.
    plicht(persoon={"bsn": "666777888", "achternaam": "Elders", "woongemeente": almere})
    plicht(persoon={"bsn": "777888999", "achternaam": "Fransen", "woongemeente": None,
                    "toekomstige_gemeente": almere})  # fmt: skip
    PersoonFactory(bsn="888999000", woongemeente=groningen, wet="WI2013")

    bestand = bouw_extract(extract=extract("wi2021_inburgeraars"), gemeente=groningen, peildatum=PEILDATUM)
    _, rijen, _, _ = lees(bestand, media)
    assert bestand.rijen == 5 and len(rijen) == 5
    assert [r[K["Achternaam"]] for r in rijen] == ["Ahmadi", "Bakker", "Cohen", "Dekker", "Jansen"]
    rij = per_bsn(rijen)
    assert set(rij) == {"111222333", "222333444", "333444555", "444555666", "555666777"}

    assert rij["111222333"] == {
        "Gemeentecode": "0014", "Gemeentenaam": "Groningen", "BSN": "111222333", "Achternaam": "Jansen",
        "Voorvoegsels": "van", "Voornamen": "Anna Maria", "Geboortedatum": "04-05-1990",
        "Relatie gemeente": "W", "Doelgroep": "A", "Datum start inburgeringsplicht": "01-03-2024",
        "Inburgeringsplichtig": "J", "Reden einde": "", "Datum start inburgeringstermijn": "02-04-2024",
        "Datum einde inburgeringstermijn": "01-04-2027", "Einddatum 10 weken termijn PIP": "",
        "Datum dagtekening initiële PIP": "01-04-2024", "Datum dagtekening PIP": "01-09-2024",
        "Datum registratie PIP": "02-09-2024", "PIP definitief": "J", "Leerroute": "B1", "Niveau": "B1",
        "Geschatte uren intensiteit": "600", "Toestemming niet-vrijstellende opleiding": "J",
        "Inburgeringsaanbod doorgegeven": "J", "Datum eindgesprek MAP": "03-03-2025",
        "Datum ondertekening PVT": "06-06-2025", "Resultaat LBT": "", "Datum toetsafname LBT": "",
        "Datum eindgesprek Z-route": "", "Contactpersoon": "Petra de Boer", "Overleden": "N",
    }  # fmt: skip
    # COA-coupled: C; without a PIP every PIP column is empty and the window's last day (start + 70 days) shows.
    c = rij["222333444"]
    assert (c["Relatie gemeente"], c["Gemeentecode"]) == ("C", "0014")
    assert c["Einddatum 10 weken termijn PIP"] == (date(2026, 10, 1) + timedelta(days=70)).strftime(
        "%d-%m-%Y"
    )
    assert all(c[k] == "" for k in ("Datum dagtekening PIP", "Datum registratie PIP", "PIP definitief",
                                    "Leerroute", "Niveau", "Toestemming niet-vrijstellende opleiding",
                                    "Datum eindgesprek MAP", "Datum ondertekening PVT", "Contactpersoon"))  # fmt: skip
    assert c["Inburgeringsaanbod doorgegeven"] == "N"
    g = rij["333444555"]
    assert (g["Doelgroep"], g["Inburgeringsaanbod doorgegeven"], g["Datum eindgesprek MAP"]) == (
        "G",
        "NVT",
        "NVT",
    )
    assert (g["Leerroute"], g["Niveau"], g["PIP definitief"], g["Geschatte uren intensiteit"]) == (
        "O",
        "NVT",
        "N",
        "",
    )
    assert rij["444555666"]["Inburgeringsaanbod doorgegeven"] == "N"  # ingetrokken does not count (D-32)
    d = rij["555666777"]
    assert (d["Inburgeringsplichtig"], d["Reden einde"], d["Overleden"]) == ("N", "overleden", "J")
    assert d["Datum start inburgeringsplicht"] == "01-01-2025"  # the current plicht, not the 2022 one


def test_r_dl_1_lbt_result_ontheven_and_eindgesprek_z_route(groningen, media, plicht, pip):
    """AA/AB: the last LBT taken (an earlier one and one still aangemeld do not count), ONTHEVEN for an
    exemption; AC: the eindgesprek Z-route."""
    getoetst = plicht(persoon={"bsn": "111222333"})
    for nummer, (datum, resultaat) in enumerate(
        ((date(2024, 5, 1), "N"), (date(2025, 2, 3), "J"), (None, ""))
    ):
        Leerbaarheidstoets.objects.create(
            plicht=getoetst, gemeente=groningen, examennummer=f"LBT{nummer}", datum_aanmelding=date(2024, 4, 1),
            einde_aanmeldtermijn=date(2025, 4, 1), status=LbtStatus.AFGENOMEN if datum else LbtStatus.AANGEMELD,
            datum_toetsafname=datum, resultaat=resultaat,
        )  # fmt: skip
    ontheven = plicht(persoon={"bsn": "222333444"})
    LbtOntheffing.objects.create(
        plicht=ontheven, gemeente=groningen, ontheven_op=timezone.now(), gebruiker="m"
    )
    z_route = plicht(persoon={"bsn": "333444555"})
    pip(z_route, leerroute=Leerroute.Z, niveau=Niveau.NVT)
    moment = timezone.now()
    EindgesprekZRoute.objects.create(plicht=z_route, datum=date(2026, 10, 5), gemeente=groningen,
                                     geregistreerd_op=moment, gewijzigd_op=moment)  # fmt: skip

    rij = per_bsn(lees(bouw_extract(extract=extract("wi2021_inburgeraars"), gemeente=groningen,
                                    peildatum=PEILDATUM), media)[1])  # fmt: skip
    velden = ("Resultaat LBT", "Datum toetsafname LBT", "Datum eindgesprek Z-route")
    assert [rij["111222333"][v] for v in velden] == ["J", "03-02-2025", ""]
    assert [rij["222333444"][v] for v in velden] == ["ONTHEVEN", "", ""]
    assert [rij["333444555"][v] for v in velden] == ["", "", "05-10-2026"]


def test_r_dl_1_rows_in_a_constant_number_of_queries(groningen, plicht, pip):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            rijen = list(extracten.rijen(groningen, PEILDATUM))
        return len(ctx.captured_queries), len(rijen)

    eerste = plicht(persoon={"bsn": "111222333"})
    pip(eerste)
    een = queries()
    for nummer in range(6):
        p = plicht()
        if nummer % 2:
            pip(p)
            aanbod(p, groningen)
    zeven = queries()
    assert een[1] == 1 and zeven[1] == 7
    assert een[0] == zeven[0] == 1


def test_r_dl_1_the_nightly_build_makes_it_and_the_page_lists_it(client, groningen, media, plicht):
    plicht(persoon={"bsn": "111222333"})
    from inburgering.downloads.tasks import bouw_extracten_gemeente

    bouw_extracten_gemeente(groningen.id, PEILDATUM.isoformat())
    bestand = Downloadbestand.objects.get(extract="wi2021_inburgeraars", gemeente=groningen)
    assert (bestand.wet, bestand.bestandsnaam, bestand.rijen) == ("WI2021", "isi_Wi2021_0014_20261128.zip", 1)

    # R-DL-3: both roles may download.
    for rollen in ([Rol.WI2021], [Rol.WI2021MUT]):
        gebruiker = UserFactory(rollen={groningen: rollen})
        client.force_login(gebruiker)
        html = client.get(reverse("downloads:lijst")).content.decode()
        sectie = html.split('id="downloads-wi2021"')[1].split("</section>")[0]
        assert "Downloads WI2021" in html
        link = reverse("downloads:download", args=[bestand.pk])
        assert f'href="{link}" download>isi_Wi2021_0014_20261128.zip</a>' in sectie
        assert TITEL in sectie and "Bijgewerkt tot en met 28-11-2026" in sectie
        response = client.get(link)
        assert response.status_code == 200
        assert zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
        entry = AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN).latest("id")
        assert entry.gebruiker == gebruiker.username

    # A user of another gemeente or without a Wi2021 role never gets it.
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2013]}))
    assert TITEL not in client.get(reverse("downloads:lijst")).content.decode()
    assert client.get(reverse("downloads:download", args=[bestand.pk])).status_code == 404


# --- R-DL-2: "SPUK bestand in CSV formaat", per gemeente (D-28) ---------------------------------------


def spuk_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(zipfile.ZipInfo("SPUK_bestand.csv", date_time=(2023, 5, 30, 0, 0, 0)), "BSN;Bedrag\r\n")
    return buffer.getvalue()


def test_r_dl_2_spuk_is_a_document_per_gemeente_for_wi2021():
    spuk = document("wi2021_spuk")
    assert spuk.titel == SPUK_TITEL and spuk.wet == "WI2021" and spuk.per_gemeente and spuk.vooraan
    assert spuk.formaten == ("zip", "csv")
    assert spuk.downloadnaam(gemeentecode="0014", formaat="zip") == "SPUK_bestand_0014.zip"


def test_r_dl_2_spuk_listed_first_only_for_the_gemeente_that_has_one(client, groningen, almere, media):
    beheerder = UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:inburgering_downloaddocument_add"),
        {"document": "wi2021_spuk", "gemeente": groningen.pk, "datum": "30-05-2023",
         "bestand": SimpleUploadedFile("SPUK_bestand.zip", spuk_zip())},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Downloaddocument.objects.get(document="wi2021_spuk").gemeente == groningen

    client.force_login(UserFactory(rollen={groningen: [Rol.WI2021]}))
    sectie = client.get(reverse("downloads:lijst")).content.decode().split('id="downloads-wi2021"')[1]
    sectie = sectie.split("</section>")[0]
    link = reverse("downloads:document", args=["wi2021_spuk"])
    assert f'href="{link}" download>SPUK_bestand_0014.zip</a>' in sectie
    assert "30-05-2023" in sectie
    assert sectie.index(SPUK_TITEL) < sectie.index(TITEL)  # the manual's order (seed 001 §3.7)
    response = client.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content) == spuk_zip()

    client.force_login(UserFactory(rollen={almere: [Rol.WI2021MUT]}))
    html = client.get(reverse("downloads:lijst")).content.decode()
    assert TITEL in html and SPUK_TITEL not in html
    assert client.get(link).status_code == 404
