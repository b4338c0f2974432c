"""Issue 8 item 6, lost updates: two caseworkers open the same form; the second save is refused with a
Dutch message (200, input kept, current data and version shown) instead of overwriting the first."""

import re
import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

import pytest
import time_machine

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from inburgering.versie import VEROUDERD
from signalen.models import Signaal
from signalen.workflow import Status
from tests.factories import PersoonFactory, SignaalFactory, UserFactory
from wi2013 import meldingen, services
from wi2013.constants import RedenNietVoldaan as R
from wi2013.duo import factuur_status_bijwerken, wi2013_bijwerken
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NA_TERMIJN = datetime(2019, 1, 10, 10, tzinfo=AMS)  # the PVT term below ended 01-11-2018
FACTUUR = {"factuurnummer": "FACT11", "factuurdatum": "30-07-2017", "debiteurnummer": "BX771080"}


@pytest.fixture
def gemeente(groningen):
    groningen.iban = "NL91ABNA0417164300"
    groningen.save()
    return groningen


@pytest.fixture
def twee(gemeente):
    """Two caseworkers of the same gemeente with the mutation role, each in their own browser."""
    clients = []
    for naam in ("anna", "bram"):
        client = Client()
        client.force_login(
            UserFactory(
                username=naam, rollen={gemeente: [Rol.WI2013, Rol.WI2013MUT, Rol.WI2021, Rol.WI2021MUT]}
            )
        )
        clients.append(client)
    return clients


@pytest.fixture
def gegevens(gemeente):
    persoon = PersoonFactory(woongemeente=gemeente, wet=Wet.WI2013)
    return Wi2013Persoon.objects.create(
        persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=date(2017, 11, 1),
        datum_einde_pvt_plicht=date(2018, 11, 1), lening_duo=True, datum_start_deelname=date(2017, 11, 15),
        datum_voldaan=date(2018, 6, 17),
    )  # fmt: skip


@pytest.fixture
def factuur(gegevens, gemeente):
    return Factuur.objects.create(gegevens=gegevens, gemeente=gemeente, factuurnummer="FACT11",
                                  factuurdatum=date(2017, 7, 30), debiteurnummer="BX771080")  # fmt: skip


def url(g, naam):
    return reverse(f"wi2013:{naam}", kwargs={"persoon": g.persoon_id})


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def versie_in(pagina: str) -> str:
    return re.search(r'<input type="hidden" name="versie" value="([^"]*)"', pagina).group(1)


def invoer(pagina: str, veld: str) -> str:
    return re.search(rf'<input type="text" name="{veld}" value="([^"]*)"', pagina).group(1)


def test_item6_pvt_wijzigen_second_save_refused_with_input_kept(twee, gegevens):
    anna, bram = twee
    versie = versie_in(html(anna.get(url(gegevens, "wijzigen"))))
    assert versie_in(html(bram.get(url(gegevens, "wijzigen")))) == versie == f"{gegevens.pk}-1"
    with time_machine.travel(NA_TERMIJN):
        eerste = anna.post(url(gegevens, "wijzigen"), {"datum_start_deelname": "15-11-2017",
                           "datum_einde_deelname": "15-12-2017", "datum_voldaan": "17-12-2017", "versie": versie})  # fmt: skip
        assert eerste.status_code == 302
        tweede = bram.post(url(gegevens, "wijzigen"), {"datum_start_deelname": "",
                           "reden_niet_voldaan": R.GEEN_AANBOD, "versie": versie})  # fmt: skip
    pagina = html(tweede)
    assert escape(VEROUDERD) in pagina and 'role="alert"' in pagina
    assert invoer(pagina, "datum_start_deelname") == ""  # Bram's input, not the saved value
    assert f'<option value="{R.GEEN_AANBOD.value}" selected>' in pagina
    actueel = pagina.split("Actuele gegevens")[1].split("</section>")[0]
    assert "17-12-2017" in actueel and "15-12-2017" in actueel  # what Anna saved
    gegevens.refresh_from_db()
    assert gegevens.datum_voldaan == date(2017, 12, 17) and gegevens.reden_niet_voldaan == ""
    assert gegevens.versie == 2 and versie_in(pagina) == f"{gegevens.pk}-2"
    assert AuditEntry.objects.filter(actie=AuditActie.WIJZIGEN).count() == 1
    # With the new version in the page, a deliberate resubmit is possible.
    with time_machine.travel(NA_TERMIJN):
        opnieuw = bram.post(url(gegevens, "wijzigen"), {"datum_start_deelname": "15-11-2017",
                            "datum_einde_deelname": "15-12-2017", "datum_voldaan": "16-12-2017", "versie": versie_in(pagina)})  # fmt: skip
    assert opnieuw.status_code == 302
    gegevens.refresh_from_db()
    assert gegevens.datum_voldaan == date(2017, 12, 16) and gegevens.versie == 3


def test_item6_post_without_version_is_refused(twee, gegevens):
    pagina = html(twee[0].post(url(gegevens, "wijzigen"), {"datum_voldaan": "18-06-2018"}))
    assert escape(VEROUDERD) in pagina and versie_in(pagina) == f"{gegevens.pk}-1"
    gegevens.refresh_from_db()
    assert gegevens.datum_voldaan == date(2018, 6, 17)


def test_item6_factuur_change_second_save_refused_with_input_kept(twee, factuur):
    anna, bram = twee
    g = factuur.gegevens
    versie = versie_in(html(anna.get(url(g, "factuur_wijzigen"))))
    assert versie_in(html(bram.get(url(g, "factuur_wijzigen")))) == versie
    assert (
        anna.post(
            url(g, "factuur_wijzigen"), {**FACTUUR, "factuurnummer": "ANNA1", "versie": versie}
        ).status_code
        == 302
    )
    pagina = html(
        bram.post(url(g, "factuur_wijzigen"), {**FACTUUR, "debiteurnummer": "BRAM1", "versie": versie})
    )
    assert escape(VEROUDERD) in pagina
    assert invoer(pagina, "factuurnummer") == "FACT11" and invoer(pagina, "debiteurnummer") == "BRAM1"
    assert "ANNA1" in pagina.split("Actuele gegevens van de factuur")[1]
    factuur.refresh_from_db()
    assert (factuur.factuurnummer, factuur.debiteurnummer, factuur.versie) == ("ANNA1", "BX771080", 2)
    assert versie_in(pagina) == factuur.versiekenmerk
    assert bram.post(url(g, "factuur_wijzigen"), {**FACTUUR, "factuurnummer": "ANNA1", "debiteurnummer": "BRAM1",
                                                  "versie": versie_in(pagina)}).status_code == 302  # fmt: skip
    factuur.refresh_from_db()
    assert (factuur.factuurnummer, factuur.debiteurnummer, factuur.versie) == ("ANNA1", "BRAM1", 3)


def test_item6_factuur_delete_after_a_change_is_refused(twee, factuur):
    anna, bram = twee
    g = factuur.gegevens
    versie = versie_in(html(anna.get(url(g, "factuur_wijzigen"))))
    bevestiging = html(bram.get(url(g, "factuur_verwijderen")))
    assert versie_in(bevestiging) == versie
    assert (
        anna.post(
            url(g, "factuur_wijzigen"), {**FACTUUR, "factuurnummer": "ANNA1", "versie": versie}
        ).status_code
        == 302
    )
    pagina = html(bram.post(url(g, "factuur_verwijderen"), {"versie": versie}))
    assert escape(VEROUDERD) in pagina and "ANNA1" in pagina  # the factuur as it is now
    assert ">Verwijderen</button>" in pagina
    factuur.refresh_from_db()
    assert factuur.factuurnummer == "ANNA1"
    assert not AuditEntry.objects.filter(actie=AuditActie.VERWIJDEREN).exists()
    # Confirming again, on the factuur as shown now, deletes it.
    assert bram.post(url(g, "factuur_verwijderen"), {"versie": versie_in(pagina)}).status_code == 302
    assert not Factuur.objects.exists()


def test_item6_factuur_deleted_and_added_again_is_not_the_version_in_the_form(twee, factuur, gemeente):
    """A factuur is reached by its person; a new one starts at version 1 again, so the token has its pk."""
    anna, bram = twee
    g = factuur.gegevens
    versie = versie_in(html(anna.get(url(g, "factuur_wijzigen"))))
    assert bram.post(url(g, "factuur_verwijderen"), {"versie": versie}).status_code == 302
    assert bram.post(url(g, "factuur_toevoegen"), {**FACTUUR, "factuurnummer": "BRAM2"}).status_code == 302
    assert Factuur.objects.get().versie == 1
    pagina = html(
        anna.post(url(g, "factuur_wijzigen"), {**FACTUUR, "factuurnummer": "ANNA1", "versie": versie})
    )
    assert escape(VEROUDERD) in pagina and invoer(pagina, "factuurnummer") == "ANNA1"
    assert Factuur.objects.get().factuurnummer == "BRAM2"


def test_item6_second_add_finds_the_first_factuur(twee, gegevens):
    """Adding needs no version: there is no record yet, and the second add meets the first one."""
    anna, bram = twee
    html(anna.get(url(gegevens, "factuur_toevoegen")))
    html(bram.get(url(gegevens, "factuur_toevoegen")))
    assert (
        anna.post(url(gegevens, "factuur_toevoegen"), {**FACTUUR, "factuurnummer": "ANNA1"}).status_code
        == 302
    )
    pagina = html(bram.post(url(gegevens, "factuur_toevoegen"), {**FACTUUR, "factuurnummer": "BRAM1"}))
    assert meldingen.AL_EEN_FACTUUR.tekst in pagina
    assert Factuur.objects.get().factuurnummer == "ANNA1"


def test_item6_service_refuses_a_stale_version(gegevens, factuur, gemeente):
    medewerker = UserFactory(rollen={gemeente: [Rol.WI2013MUT]})
    oud = gegevens.versiekenmerk
    services.pvt_wijzigen(actor=medewerker, gemeente=gemeente, persoon=gegevens.persoon,
                          data={"datum_start_deelname": date(2017, 11, 16), "datum_voldaan": date(2018, 6, 17)},
                          versie=oud)  # fmt: skip
    with pytest.raises(ValidationError) as fout:
        services.pvt_wijzigen(actor=medewerker, gemeente=gemeente, persoon=gegevens.persoon,
                              data={"datum_start_deelname": date(2017, 11, 17), "datum_voldaan": date(2018, 6, 17)},
                              versie=oud)  # fmt: skip
    assert fout.value.code == "verouderd" and fout.value.messages == [VEROUDERD]
    gegevens.refresh_from_db()
    assert gegevens.datum_start_deelname == date(2017, 11, 16)
    for wijzig in (
        lambda: services.factuur_wijzigen(actor=medewerker, gemeente=gemeente, persoon=gegevens.persoon,
                                          data={**FACTUUR, "factuurdatum": date(2017, 7, 30)}, versie=f"{factuur.pk}-0"),
        lambda: services.factuur_verwijderen(actor=medewerker, gemeente=gemeente, persoon=gegevens.persoon, versie=None),
    ):  # fmt: skip
        with pytest.raises(ValidationError, match="intussen door een ander gewijzigd"):
            wijzig()
    assert Factuur.objects.filter(pk=factuur.pk, versie=1).exists()


def test_item6_every_save_raises_the_version(gegevens, factuur, gemeente):
    """Caseworker, DUO chain event and nightly job alike: a form opened before any of them is stale."""
    medewerker = UserFactory(rollen={gemeente: [Rol.WI2013MUT]})
    assert (gegevens.versie, factuur.versie) == (1, 1)
    services.factuur_wijzigen(actor=medewerker, gemeente=gemeente, persoon=gegevens.persoon,
                              data={**FACTUUR, "factuurdatum": date(2017, 7, 31)}, versie=factuur.versiekenmerk)  # fmt: skip
    factuur_status_bijwerken(actor="DUO", persoon=gegevens.persoon, status=2)
    factuur.refresh_from_db()
    assert factuur.versie == 3
    g = Wi2013Persoon.objects.create(persoon=PersoonFactory(woongemeente=gemeente, wet=Wet.WI2013),
                                     datum_einde_pvt_plicht=date(2018, 11, 1))  # fmt: skip
    wi2013_bijwerken(actor="DUO", persoon=g.persoon, data={"recht_op_mb": True})
    g.refresh_from_db()
    assert g.versie == 2
    with time_machine.travel(NA_TERMIJN):
        services.pvt_wijzigen(actor=medewerker, gemeente=gemeente, persoon=g.persoon,
                              data={"reden_niet_voldaan": R.GEEN_AANBOD}, versie=g.versiekenmerk)  # fmt: skip
    g.refresh_from_db()
    assert g.versie == 3
    with time_machine.travel(datetime(2019, 2, 1, 3, tzinfo=AMS)):
        assert services.registraties_definitief_maken() == 1  # final after two weeks
    g.refresh_from_db()
    assert g.versie == 4 and g.definitief


def test_item6_stale_signal_list_does_not_undo_a_newer_status_change(twee, gemeente):
    """Bulk status (S-5) has no form per signal: the list carries the moment it was read, and a signal
    whose status changed after that is left alone (here: Bram's stale list would reopen Anna's close)."""
    anna, bram = twee
    gesloten, open_ = SignaalFactory.create_batch(2, persoon__woongemeente=gemeente)
    lijst = reverse("signalen:selecteren", kwargs={"wet": "wi2021"}) + "?alle=1"
    html(anna.get(lijst))
    getoond_op = re.search(r'name="getoond_op" value="([^"]+)"', html(bram.get(lijst))).group(1)
    anna.post(lijst, {"signaal": [gesloten.id], "status": Status.AFGEHANDELD})
    antwoord = bram.post(lijst, {"signaal": [gesloten.id, open_.id], "status": Status.IN_BEHANDELING,
                                 "getoond_op": getoond_op}, follow=True)  # fmt: skip
    assert (
        "1 signaal is intussen door een ander gewijzigd; controleer de actuele status in de lijst."
        in html(antwoord)
    )
    assert Signaal.objects.get(pk=gesloten.pk).status == Status.AFGEHANDELD
    assert Signaal.objects.get(pk=open_.pk).status == Status.IN_BEHANDELING
    # From the list as it is now, Bram may reopen it deliberately.
    getoond_op = re.search(r'name="getoond_op" value="([^"]+)"', html(antwoord)).group(1)
    bram.post(lijst, {"signaal": [gesloten.id], "status": Status.IN_BEHANDELING, "getoond_op": getoond_op})
    assert Signaal.objects.get(pk=gesloten.pk).status == Status.IN_BEHANDELING


@pytest.mark.django_db(transaction=True)
def test_item6_version_is_checked_under_the_row_lock(gemeente):
    """PostgreSQL: Bram's save starts while Anna's transaction holds the row; it waits for her commit and
    then sees her version, instead of reading the old one first and overwriting her change."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    persoon = PersoonFactory(woongemeente=gemeente, wet=Wet.WI2013)
    g = Wi2013Persoon.objects.create(persoon=persoon, datum_start_pvt_plicht=date(2017, 11, 1))
    medewerker = UserFactory(rollen={gemeente: [Rol.WI2013MUT]})
    versie, uitkomst = g.versiekenmerk, {}

    def bram():
        try:
            services.pvt_wijzigen(actor=medewerker, gemeente=gemeente, persoon=persoon,
                                  data={"datum_start_deelname": date(2018, 1, 2)}, versie=versie)  # fmt: skip
        except ValidationError as fout:
            uitkomst["fout"] = fout.code
        finally:
            close_old_connections()
            connection.close()

    with transaction.atomic():
        services.pvt_wijzigen(actor=medewerker, gemeente=gemeente, persoon=persoon,
                              data={"datum_start_deelname": date(2018, 1, 1)}, versie=versie)  # fmt: skip
        draad = threading.Thread(target=bram)
        draad.start()
        with connection.cursor() as cursor:  # wait until Bram is blocked on Anna's row lock
            for _ in range(1000):
                cursor.execute(
                    "SELECT pg_stat_clear_snapshot()"
                )  # the view is otherwise frozen per transaction
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    break
                draad.join(0.01)
            else:
                pytest.fail("the second save never waited for the row lock")
    draad.join(10)
    assert uitkomst == {"fout": "verouderd"}
    g.refresh_from_db()
    assert g.datum_start_deelname == date(2018, 1, 1) and g.versie == 2
