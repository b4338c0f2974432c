"""Downloads (seed 001 §3.7, seed 002 §3.8): registry, Dutch-Excel CSV, zip per gemeente, rotation,
nightly job, the 'Downloaden bestanden' page and the access-checked, audited download."""

import io
import tracemalloc
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import time_machine

from inburgering.constants import Rol, Wet
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.csv import schrijf_csv
from inburgering.downloads.registry import (
    Extract,
    alle_extracten,
    extract,
    extracten_voor_wet,
    registreer_extract,
    verwijder_extract,
)
from inburgering.downloads.tasks import bouw_nachtelijke_extracten
from inburgering.models import AuditActie, AuditEntry, Downloadbestand, Gemeente, Persoon
from tests.factories import GemeenteFactory, PersoonFactory, UserFactory

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
FORMULE = "=cmd|' /C calc'!A0"
PEILDATUM = date(2025, 3, 14)


def personen_rijen(gemeente, peildatum):
    """A law app's row function: lazy, server-side cursor, only this gemeente's persons."""
    return (
        Persoon.objects.zichtbaar_voor(gemeente)
        .order_by("id")
        .values_list("bsn", "achternaam", "geboortedatum", "uitgeschreven_uit_brp")
        .iterator(chunk_size=500)
    )


def maak_extract(sleutel="test_personen_wi2021", *, wet=Wet.WI2021, bewaren=7, rijen=personen_rijen, **kw):
    return Extract(
        sleutel=sleutel,
        titel=kw.pop("titel", f"Testpersonen {wet} in csv formaat"),
        wet=wet,
        bestandsnaam=kw.pop("bestandsnaam", sleutel + "_{gemeentecode}_{datum}.zip"),
        kolommen=("BSN", "Achternaam", "Geboortedatum", "Uitgeschreven"),
        rijen=rijen,
        bewaren=bewaren,
        **kw,
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def registreer():
    """Register extracts for one test and always unregister them, so no other test sees them."""
    sleutels = []

    def _registreer(ex: Extract) -> Extract:
        registreer_extract(ex)
        sleutels.append(ex.sleutel)
        return ex

    yield _registreer
    for sleutel in sleutels:
        verwijder_extract(sleutel)


@pytest.fixture
def wi2021_extract(registreer):
    return registreer(maak_extract(legenda="Kolom A: BSN\nKolom B: achternaam"))


@pytest.fixture
def wi2007_extract(registreer):
    return registreer(maak_extract("test_personen_wi2007", wet=Wet.WI2007))


def lees_zip(media, bestand: Downloadbestand) -> tuple[list[str], bytes]:
    with zipfile.ZipFile(media / bestand.pad) as zf:
        namen = zf.namelist()
        return namen, zf.read(namen[0])


# --- registry ---------------------------------------------------------------------------------------


def test_registry_lookup_by_key_and_law(registreer):
    ex = registreer(maak_extract())
    assert extract(ex.sleutel) is ex
    assert ex in alle_extracten() and ex in extracten_voor_wet(Wet.WI2021)
    assert ex not in extracten_voor_wet(Wet.WI2013)
    registreer_extract(ex)  # the same record again is harmless
    with pytest.raises(ValueError, match="al geregistreerd"):
        registreer_extract(maak_extract(titel="Iets anders"))
    verwijder_extract(ex.sleutel)
    with pytest.raises(KeyError):
        extract(ex.sleutel)


@pytest.mark.parametrize(
    "bestandsnaam",
    ["personen_{datum}.zip", "personen_{gemeentecode}.zip", "personen_{gemeentecode}_{datum}.csv",
     "../{gemeentecode}_{datum}.zip", "p_{gemeentecode}_{datum}_{onbekend}.zip"],
)  # fmt: skip
def test_registry_refuses_a_file_name_without_gemeentecode_and_datum(bestandsnaam):
    with pytest.raises(ValueError):
        maak_extract(bestandsnaam=bestandsnaam)


def test_item4_title_is_rendered_per_file_with_the_year_of_its_peildatum():
    ex = maak_extract(titel="Personen {jaar} in csv formaat")
    assert ex.titel_voor(date(2020, 6, 4)) == "Personen 2020 in csv formaat"
    with time_machine.travel(date(2026, 3, 1)):
        assert ex.titel_voor(None) == "Personen 2026 in csv formaat"  # no file yet: this year
    assert maak_extract().titel_voor(date(2020, 6, 4)) == "Testpersonen WI2021 in csv formaat"
    with pytest.raises(ValueError, match="jaar"):
        maak_extract(titel="Personen {maand} in csv formaat")


def test_registry_refuses_an_unknown_law():
    with pytest.raises(ValueError, match="onbekende wet"):
        maak_extract(wet="WI1999")


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_is_dutch_excel():
    buffer = io.BytesIO()
    aantal = schrijf_csv(
        buffer,
        ("Naam", "Datum", "Tijdstip", "Voldaan", "Leeg", "Bedrag", "Aantal"),
        iter(
            [
                ("Çelik; Jan", date(2022, 2, 5), datetime(2025, 3, 14, 23, 30, tzinfo=UTC), True, None,
                 Decimal("12.50"), -3),
                (FORMULE, date(2021, 12, 31), None, False, "", None, 0),
            ]
        ),
    )  # fmt: skip
    inhoud = buffer.getvalue()
    assert aantal == 2
    assert inhoud.startswith(BOM)
    regels = inhoud[len(BOM) :].decode("utf-8").split("\r\n")
    assert regels[0] == "Naam;Datum;Tijdstip;Voldaan;Leeg;Bedrag;Aantal"
    # The ';' inside a value is quoted; UTC 23:30 is 00:30 the next day in Amsterdam; bool as J/N.
    assert regels[1] == '"Çelik; Jan";05-02-2022;15-03-2025 00:30;J;;12,50;-3'
    assert not regels[2].startswith("=")
    assert regels[2].startswith("'=cmd")
    assert regels[2].endswith(";31-12-2021;;N;;;0")
    assert regels[3] == ""  # every line, the last included, ends with CRLF


def test_csv_leaves_the_callers_stream_open():
    buffer = io.BytesIO()
    schrijf_csv(buffer, ("A",), iter([]))
    assert not buffer.closed and buffer.getvalue() == BOM + b"A\r\n"


# --- builder --------------------------------------------------------------------------------------


def test_zip_holds_streamed_csv_of_that_gemeente_only(media, groningen, almere, wi2021_extract):
    eigen = PersoonFactory(woongemeente=groningen, achternaam=FORMULE, geboortedatum=date(1990, 2, 5))
    toekomstig = PersoonFactory(woongemeente=None, toekomstige_gemeente=groningen)  # COA-koppeling
    ander = PersoonFactory(woongemeente=almere)

    bestand = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)

    assert bestand.bestandsnaam == "test_personen_wi2021_0014_20250314.zip"
    assert "0014" in bestand.bestandsnaam and bestand.pad == "downloads/0014/" + bestand.bestandsnaam
    assert (bestand.gemeente, bestand.wet, bestand.peildatum, bestand.rijen) == (
        groningen, Wet.WI2021, PEILDATUM, 2,
    )  # fmt: skip
    assert bestand.grootte == (media / bestand.pad).stat().st_size > 0
    namen, csv_bytes = lees_zip(media, bestand)
    assert namen == ["test_personen_wi2021_0014_20250314.csv", "legenda.txt"]
    assert csv_bytes.startswith(BOM)
    tekst = csv_bytes.decode("utf-8-sig")
    assert tekst.startswith("BSN;Achternaam;Geboortedatum;Uitgeschreven\r\n")
    assert f"{eigen.bsn};'=cmd\\|' /C calc'!A0;05-02-1990;N\r\n" in tekst
    assert "\n=" not in tekst and ";=" not in tekst  # no cell starts with a formula
    assert toekomstig.bsn in tekst and ander.bsn not in tekst
    with zipfile.ZipFile(media / bestand.pad) as zf:
        assert zf.getinfo(namen[0]).compress_type == zipfile.ZIP_DEFLATED
        assert zf.read("legenda.txt").decode("utf-8-sig") == "Kolom A: BSN\r\nKolom B: achternaam"


def test_building_twice_for_one_peildatum_replaces_file_and_row(media, groningen, wi2021_extract):
    PersoonFactory(woongemeente=groningen)
    eerste = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)
    PersoonFactory(woongemeente=groningen)
    tweede = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)

    assert Downloadbestand.objects.filter(extract=wi2021_extract.sleutel).count() == 1
    assert tweede.pk == eerste.pk and tweede.rijen == 2
    assert tweede.aangemaakt_op >= eerste.aangemaakt_op
    assert lees_zip(media, tweede)[1].count(b"\r\n") == 3  # header + the two persons of now
    # Nothing left behind but the one zip (the temp file was renamed into place).
    assert [p.name for p in (media / "downloads" / "0014").iterdir()] == [tweede.bestandsnaam]


def test_rotation_keeps_the_newest_and_deletes_older_files(
    media, groningen, registreer, django_capture_on_commit_callbacks
):
    ex = registreer(maak_extract("test_rotatie", bewaren=2))
    with django_capture_on_commit_callbacks(execute=True):
        bestanden = [
            bouw_extract(extract=ex, gemeente=groningen, peildatum=PEILDATUM + timedelta(days=d))
            for d in range(4)
        ]
    over = Downloadbestand.objects.filter(extract="test_rotatie").order_by("peildatum")
    assert [b.peildatum for b in over] == [PEILDATUM + timedelta(days=2), PEILDATUM + timedelta(days=3)]
    for oud in bestanden[:2]:
        assert not (media / oud.pad).exists()
    for nieuw in bestanden[2:]:
        assert (media / nieuw.pad).exists()


def test_rotation_is_per_gemeente(media, groningen, almere, registreer, django_capture_on_commit_callbacks):
    ex = registreer(maak_extract("test_rotatie", bewaren=1))
    with django_capture_on_commit_callbacks(execute=True):
        almere_bestand = bouw_extract(extract=ex, gemeente=almere, peildatum=PEILDATUM)
        bouw_extract(extract=ex, gemeente=groningen, peildatum=PEILDATUM)
        bouw_extract(extract=ex, gemeente=groningen, peildatum=PEILDATUM + timedelta(days=1))
    assert Downloadbestand.objects.filter(extract="test_rotatie").count() == 2
    assert (media / almere_bestand.pad).exists()


def test_a_failing_row_source_leaves_no_file_and_no_row(media, groningen, registreer):
    def kapot(gemeente, peildatum):
        yield ("1", "a", None, False)
        raise RuntimeError("database weg")

    ex = registreer(maak_extract("test_kapot", rijen=kapot))
    with pytest.raises(RuntimeError):
        bouw_extract(extract=ex, gemeente=groningen, peildatum=PEILDATUM)
    assert not Downloadbestand.objects.filter(extract="test_kapot").exists()
    assert list((media / "downloads" / "0014").iterdir()) == []


def test_streaming_keeps_memory_bounded(media, groningen, registreer):
    """100 000 rows flow from a generator into the zip without ever being held together.

    As a list, these rows alone would take well over 30 MB of Python memory; streaming
    peaks at a small constant (buffers of the text wrapper, zlib and one row).
    """
    n = 100_000

    def veel_rijen(gemeente, peildatum):
        for i in range(n):
            yield (
                f"{i:09d}",
                f"Achternaam-{i} van der Testpersoon",
                date(1990, 1, 1) + timedelta(days=i % 9000),
                i % 2 == 0,
            )

    ex = registreer(maak_extract("test_groot", rijen=veel_rijen))
    tracemalloc.start()
    try:
        bestand = bouw_extract(extract=ex, gemeente=groningen, peildatum=PEILDATUM)
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert bestand.rijen == n
    with zipfile.ZipFile(media / bestand.pad) as zf:
        info = zf.infolist()[0]
        assert info.file_size > 5 * 1024 * 1024  # the CSV itself is bigger than the whole peak
    assert piek < 5 * 1024 * 1024, f"piekgeheugen {piek / 1024 / 1024:.1f} MB"


def test_rows_stream_from_a_server_side_cursor_on_postgresql(media, groningen, registreer):
    """On PostgreSQL `.iterator()` reads via a named (server-side) cursor, open while the zip is written."""
    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are a PostgreSQL feature; SQLite steps through its result itself")
    PersoonFactory.create_batch(3, woongemeente=groningen)
    open_tijdens_schrijven = []

    def rijen(gemeente, peildatum):
        for rij in personen_rijen(gemeente, peildatum):
            with connection.cursor() as cursor:
                cursor.execute("SELECT name FROM pg_cursors")
                open_tijdens_schrijven.append(
                    [naam for (naam,) in cursor.fetchall() if naam.startswith("_django_curs")]
                )
            yield rij

    ex = registreer(maak_extract("test_cursor", rijen=rijen))
    assert bouw_extract(extract=ex, gemeente=groningen, peildatum=PEILDATUM).rijen == 3
    assert len(open_tijdens_schrijven) == 3 and all(len(namen) == 1 for namen in open_tijdens_schrijven)


# --- nightly job ----------------------------------------------------------------------------------


@time_machine.travel(datetime(2025, 3, 15, 4, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False)
def test_nightly_job_builds_for_every_active_gemeente_up_to_yesterday(groningen, almere, wi2021_extract):
    opgeheven = GemeenteFactory(code="0017", naam="Haren", actief=False)
    PersoonFactory(woongemeente=groningen)

    aantal = bouw_nachtelijke_extracten.delay().get()  # eager in tests: the fan-out runs inline

    bestanden = Downloadbestand.objects.filter(extract=wi2021_extract.sleutel)
    gemeenten = {b.gemeente.code for b in bestanden}
    assert gemeenten == set(Gemeente.objects.filter(actief=True).values_list("code", flat=True))
    assert {"0014", "0034"} <= gemeenten and opgeheven.code not in gemeenten
    assert aantal == len(gemeenten)
    assert {b.peildatum for b in bestanden} == {date(2025, 3, 14)}  # "tot en met de dag ervoor"

    bouw_nachtelijke_extracten.delay().get()  # a second beat / retry: still one file per gemeente
    assert Downloadbestand.objects.filter(extract=wi2021_extract.sleutel).count() == len(gemeenten)


def test_nightly_job_without_extracts_enqueues_nothing(groningen, monkeypatch):
    monkeypatch.setattr("inburgering.downloads.registry._extracten", {})
    assert bouw_nachtelijke_extracten.delay().get() == 0


# --- page -----------------------------------------------------------------------------------------


def test_page_lists_files_of_the_active_gemeente_per_law(login, medewerker, groningen, almere,
                                                         wi2021_extract, wi2007_extract):  # fmt: skip
    eigen = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)
    bouw_extract(extract=wi2021_extract, gemeente=almere, peildatum=PEILDATUM + timedelta(days=1))

    response = login(medewerker).get(reverse("downloads:lijst"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Downloaden bestanden" in html
    assert "Downloads WI2007" in html and "Downloads WI2013" in html and "Downloads WI2021" in html
    assert html.index("Downloads WI2007") < html.index("Downloads WI2013") < html.index("Downloads WI2021")
    assert wi2021_extract.titel in html and "Bijgewerkt tot en met 14-03-2025" in html
    assert reverse("downloads:download", args=[eigen.pk]) in html and eigen.bestandsnaam in html
    assert "_0034_" not in html and "15-03-2025" not in html  # Almere's file stays invisible
    assert "Nog niet beschikbaar" in html  # the WI2007 extract was not built yet


def test_page_shows_only_laws_the_user_may_read(client, groningen, wi2021_extract, wi2007_extract):
    bouw_extract(extract=wi2007_extract, gemeente=groningen, peildatum=PEILDATUM)
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2021]}))
    html = client.get(reverse("downloads:lijst")).content.decode()
    assert "Downloads WI2021" in html and wi2021_extract.titel in html
    assert "Downloads WI2007" not in html and "Downloads WI2013" not in html
    assert wi2007_extract.titel not in html and "test_personen_wi2007_" not in html


def test_page_follows_the_gemeente_switch(login, helpdesk, groningen, almere, wi2021_extract):
    groningen_bestand = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)
    almere_bestand = bouw_extract(extract=wi2021_extract, gemeente=almere, peildatum=PEILDATUM)
    client = login(helpdesk)
    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0034"})
    html = client.get(reverse("downloads:lijst")).content.decode()
    assert almere_bestand.bestandsnaam in html and groningen_bestand.bestandsnaam not in html
    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0014"})
    html = client.get(reverse("downloads:lijst")).content.decode()
    assert groningen_bestand.bestandsnaam in html and almere_bestand.bestandsnaam not in html


def test_page_without_any_role_is_403(client, groningen):
    client.force_login(UserFactory(username="zonder_rol"))
    assert client.get(reverse("downloads:lijst")).status_code == 403


def test_page_needs_login(client):
    response = client.get(reverse("downloads:lijst"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_page_uses_a_constant_number_of_queries(
    login, medewerker, groningen, registreer, django_assert_max_num_queries
):
    client = login(medewerker)
    registreer(maak_extract("test_q", wet=Wet.WI2021))
    client.get(reverse("downloads:lijst"))  # warm the session
    with CaptureQueriesContext(connection) as basis:
        client.get(reverse("downloads:lijst"))
    extracten = [registreer(maak_extract(f"test_q{i}", wet=w)) for i, w in enumerate(Wet.values * 3)]
    for ex in extracten:
        for d in range(3):
            bouw_extract(extract=ex, gemeente=groningen, peildatum=PEILDATUM + timedelta(days=d))
    # Nine extracts and 27 files later: not one query more (the page itself reads the files in one).
    with django_assert_max_num_queries(len(basis)):
        response = client.get(reverse("downloads:lijst"))
    assert response.content.decode().count("Bijgewerkt tot en met 16-03-2025") == len(extracten)
    assert sum("inburgering_downloadbestand" in q["sql"] for q in basis.captured_queries) == 1


# --- download -------------------------------------------------------------------------------------


def test_download_returns_the_zip_and_is_audited(media, login, medewerker, groningen, wi2021_extract):
    bestand = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)

    response = login(medewerker).get(reverse("downloads:download", args=[bestand.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{bestand.bestandsnaam}"'
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == (media / bestand.pad).read_bytes()
    entry = AuditEntry.objects.get(actie=AuditActie.DOWNLOADEN)
    assert (entry.gebruiker, entry.gemeente_code) == ("medewerker", "0014")
    assert bestand.bestandsnaam in entry.omschrijving
    assert (entry.object_type, entry.object_id) == ("inburgering.Downloadbestand", str(bestand.pk))


def test_download_of_another_gemeentes_file_is_404(login, medewerker, almere, wi2021_extract):
    vreemd = bouw_extract(extract=wi2021_extract, gemeente=almere, peildatum=PEILDATUM)
    assert login(medewerker).get(reverse("downloads:download", args=[vreemd.pk])).status_code == 404
    assert not AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN).exists()


def test_download_follows_the_active_gemeente(login, helpdesk, groningen, almere, wi2021_extract):
    bestand = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)
    client = login(helpdesk)
    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0034"})
    assert client.get(reverse("downloads:download", args=[bestand.pk])).status_code == 404
    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0014"})
    assert client.get(reverse("downloads:download", args=[bestand.pk])).status_code == 200


def test_download_without_a_role_for_that_law_is_404(client, groningen, wi2007_extract):
    bestand = bouw_extract(extract=wi2007_extract, gemeente=groningen, peildatum=PEILDATUM)
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2021, Rol.WI2013]}))
    assert client.get(reverse("downloads:download", args=[bestand.pk])).status_code == 404
    assert not AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN).exists()


def test_download_of_a_missing_file_is_404(media, login, medewerker, groningen, wi2021_extract):
    bestand = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)
    Path(media / bestand.pad).unlink()
    assert login(medewerker).get(reverse("downloads:download", args=[bestand.pk])).status_code == 404


def test_download_refuses_a_path_outside_the_download_folder(media, login, medewerker, groningen):
    (media / "geheim.zip").write_bytes(b"PK")
    bestand = Downloadbestand.objects.create(
        gemeente=groningen, extract="x", wet=Wet.WI2021, bestandsnaam="geheim.zip",
        pad="downloads/../geheim.zip", peildatum=PEILDATUM,
    )  # fmt: skip
    assert login(medewerker).get(reverse("downloads:download", args=[bestand.pk])).status_code == 404


def test_download_is_get_only(login, medewerker, groningen, wi2021_extract):
    bestand = bouw_extract(extract=wi2021_extract, gemeente=groningen, peildatum=PEILDATUM)
    assert login(medewerker).post(reverse("downloads:download", args=[bestand.pk])).status_code == 405
