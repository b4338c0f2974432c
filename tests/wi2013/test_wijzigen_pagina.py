"""13-3 "Wijzigen gegevens" (seed 000 §4.5): the form, the service's errors next to their fields with the
input kept, the success message, and no POST of the app for a read role (A-4)."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import URLPattern, get_resolver, reverse

import pytest
import time_machine

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import UserFactory
from wi2013 import meldingen
from wi2013.constants import RedenNietVoldaan as R
from wi2013.models import Factuur, PvtHistorie, Wi2013Persoon

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NA_TERMIJN = datetime(2019, 1, 10, 10, tzinfo=AMS)  # the fixture's PVT term ended 01-11-2018


def url(g, naam="wijzigen"):
    return reverse(f"wi2013:{naam}", kwargs={"persoon": g.persoon_id})


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def fout_bij(pagina: str, veld: str) -> str:
    gevonden = re.search(
        rf'<div class="utrecht-form-field-error-message pib-error" id="id_{veld}_error">(.*?)</div>', pagina
    )
    return gevonden.group(1) if gevonden else ""


def invoer(pagina: str, veld: str) -> str:
    return re.search(rf'<input type="text" name="{veld}" value="([^"]*)"', pagina).group(1)


def versie(g) -> str:
    """The version token the form of a caseworker who opens the page now carries."""
    return Wi2013Persoon.objects.get(pk=g.pk).versiekenmerk


def test_133_form_has_the_four_gemeente_fields_and_the_rest_read_only(login, medewerker, pvt_persoon):
    pagina = html(login(medewerker).get(url(pvt_persoon)))
    assert re.findall(r'<(?:input type="text"|select) name="(\w+)"', pagina.split('aria-label="Persoonsgegevens wijzigen"')[1]) == [
        "datum_start_deelname", "datum_einde_deelname", "datum_voldaan", "reden_niet_voldaan",
    ]  # fmt: skip
    opties = re.findall(
        r'<option value="(\d?)"[^>]*>(.*?)</option>', pagina.split('name="reden_niet_voldaan"')[1]
    )
    assert opties == [("", ""), *[(r.value, r.label) for r in R]]
    assert len(opties) == 9
    for alleen_lezen in ("Gemeente Eerste Vestiging", "Gemeente Einde PVT", "PVT-plichtig", "Datum start PVT-plicht",
                         "Datum einde PVT-plicht", "Recht op maatschappelijke begeleiding",
                         "Maatschappelijke begeleiding gemeld bij BZK"):  # fmt: skip
        assert f'<th scope="row" class="utrecht-table__header-cell">{alleen_lezen}</th>' in pagina
    assert "01-11-2017" in pagina and "01-11-2018" in pagina
    assert ">Versturen</button>" in pagina and ">Annuleren</a>" in pagina
    assert "dd-mm-jjjj" in pagina
    assert AuditEntry.objects.filter(actie=AuditActie.BEKIJKEN, bsn=pvt_persoon.persoon.bsn).exists()


def test_133_current_values_are_filled_in(login, medewerker, voldaan):
    pagina = html(login(medewerker).get(url(voldaan)))
    assert invoer(pagina, "datum_start_deelname") == "15-11-2017"
    assert invoer(pagina, "datum_voldaan") == "17-06-2018"


def test_133_success_redirects_with_the_two_week_message(login, medewerker, pvt_persoon):
    client = login(medewerker)
    with time_machine.travel(NA_TERMIJN):
        response = client.post(url(pvt_persoon), {"datum_start_deelname": "15-11-2017", "datum_einde_deelname": "15-12-2017",
                                                  "datum_voldaan": "17-12-2017", "reden_niet_voldaan": "",
                                                  "versie": versie(pvt_persoon)})  # fmt: skip
        assert response.status_code == 302 and response["Location"] == url(pvt_persoon, "persoon")
        pagina = html(client.get(response["Location"]))
    assert "De gegevens zijn gewijzigd." in pagina
    assert "twee weken na de registratie definitief" in pagina and "tot 24-01-2019" in pagina
    pvt_persoon.refresh_from_db()
    assert pvt_persoon.datum_voldaan == date(2017, 12, 17) and pvt_persoon.geregistreerd_op is not None
    assert "Voorlopig geregistreerd op 10-01-2019; kan tot 24-01-2019 worden gecorrigeerd" in pagina
    assert AuditEntry.objects.filter(actie=AuditActie.WIJZIGEN, bsn=pvt_persoon.persoon.bsn).exists()


def test_133_reason_registered_through_the_page(login, medewerker, pvt_persoon):
    with time_machine.travel(NA_TERMIJN):
        response = login(medewerker).post(
            url(pvt_persoon), {"reden_niet_voldaan": R.REAGEERT_NIET, "versie": versie(pvt_persoon)}
        )
    assert response.status_code == 302
    pvt_persoon.refresh_from_db()
    assert pvt_persoon.reden_niet_voldaan == R.REAGEERT_NIET
    assert PvtHistorie.objects.get().gebeurtenis == "geregistreerd"


def test_133_error_keeps_input(login, medewerker, pvt_persoon):
    data = {"datum_start_deelname": "15-11-2017", "datum_einde_deelname": "15-12-2017", "datum_voldaan": "",
            "reden_niet_voldaan": R.WEIGERT_DEELNAME, "versie": versie(pvt_persoon)}  # fmt: skip
    with time_machine.travel(NA_TERMIJN):
        pagina = html(login(medewerker).post(url(pvt_persoon), data))
    label = R.WEIGERT_DEELNAME.label
    assert fout_bij(pagina, "datum_start_deelname") == (
        f"&#x27;Datum start deelname PV-traject&#x27; moet leeg zijn bij de reden &#x27;{label}&#x27;."
    )
    assert "moet leeg zijn" in fout_bij(pagina, "datum_einde_deelname")
    assert fout_bij(pagina, "datum_voldaan") == ""
    assert (
        invoer(pagina, "datum_start_deelname") == "15-11-2017"
        and invoer(pagina, "datum_einde_deelname") == "15-12-2017"
    )
    assert f'<option value="{R.WEIGERT_DEELNAME.value}" selected>' in pagina
    assert 'aria-invalid="true"' in pagina
    assert "De gegevens zijn niet opgeslagen." in pagina
    pvt_persoon.refresh_from_db()
    assert pvt_persoon.datum_start_deelname is None and pvt_persoon.reden_niet_voldaan == ""


def test_133_timing_rule_shown_at_the_reason(login, medewerker, pvt_persoon):
    with time_machine.travel(datetime(2018, 10, 1, 10, tzinfo=AMS)):  # before the end of the term
        pagina = html(login(medewerker).post(
            url(pvt_persoon), {"reden_niet_voldaan": R.WEIGERT_DEELNAME, "versie": versie(pvt_persoon)}
        ))  # fmt: skip
    assert "kan pas worden geregistreerd nadat de PV-termijn is overschreden" in fout_bij(
        pagina, "reden_niet_voldaan"
    )


def test_133_invalid_date_is_kept_and_named(login, medewerker, pvt_persoon):
    pagina = html(login(medewerker).post(url(pvt_persoon), {"datum_voldaan": "31-02-2018"}))
    assert fout_bij(pagina, "datum_voldaan") and invoer(pagina, "datum_voldaan") == "31-02-2018"
    assert not PvtHistorie.objects.exists()


def test_133_single_message_on_top(login, medewerker, voldaan):
    Wi2013Persoon.objects.filter(pk=voldaan.pk).update(definitief=True)
    client = login(medewerker)
    pagina = html(client.post(url(voldaan), {"datum_voldaan": "18-06-2018"}))
    assert meldingen.DEFINITIEF.tekst in pagina and 'role="alert"' in pagina
    assert meldingen.DEFINITIEF.tekst in html(client.get(url(voldaan)))  # and the GET says so at once


def test_133_no_change_is_not_a_registration(login, medewerker, pvt_persoon):
    client = login(medewerker)
    response = client.post(url(pvt_persoon), {"reden_niet_voldaan": ""})
    assert response.status_code == 302
    assert "Er zijn geen gegevens gewijzigd." in html(client.get(response["Location"]))
    assert not PvtHistorie.objects.exists()


def test_133_read_role_gets_no_form(login, raadpleger, pvt_persoon):
    assert login(raadpleger).get(url(pvt_persoon)).status_code == 403


# The search form POSTs only to keep the BSN out of the URL (issue 8 item 9): a read, open to read roles.
ZOEKFORMULIER = "zoeken"


def _post_urls(g) -> list[str]:
    """Every URL of the Wi2013 app but the search form; all of them must refuse a POST of a read role."""
    resolver = get_resolver().namespace_dict["wi2013"][1]
    namen = [p.name for p in resolver.url_patterns if isinstance(p, URLPattern)]
    assert {
        "zoeken",
        "persoon",
        "wijzigen",
        "factuur_toevoegen",
        "factuur_wijzigen",
        "factuur_verwijderen",
    } <= set(namen)
    zonder_persoon = {"gevonden"}
    return [
        reverse(f"wi2013:{naam}")
        if naam in zonder_persoon
        else reverse(f"wi2013:{naam}", kwargs={"persoon": g.persoon_id})
        for naam in namen
        if naam != ZOEKFORMULIER
    ]


def test_133_read_role_refused_on_every_post(login, raadpleger, voldaan):
    f = Factuur.objects.create(gegevens=voldaan, gemeente=voldaan.persoon.woongemeente, factuurnummer="FACT11",
                               factuurdatum=date(2017, 7, 30), debiteurnummer="BX771080")  # fmt: skip
    client = login(raadpleger)
    data = {"datum_voldaan": "", "reden_niet_voldaan": R.GEEN_AANBOD, "factuurnummer": "NIEUW1",
            "factuurdatum": "01-07-2018", "debiteurnummer": "D1"}  # fmt: skip
    for pad in _post_urls(voldaan):
        assert client.post(pad, data).status_code == 403, pad
    voldaan.refresh_from_db()
    f.refresh_from_db()
    assert voldaan.datum_voldaan == date(2018, 6, 17) and voldaan.reden_niet_voldaan == ""
    assert f.factuurnummer == "FACT11" and Factuur.objects.count() == 1
    assert not AuditEntry.objects.filter(actie__in=[AuditActie.WIJZIGEN, AuditActie.VERWIJDEREN]).exists()


def test_133_mut_role_of_another_gemeente_is_refused(login, almere, voldaan):
    andere = login(UserFactory(rollen={almere: [Rol.WI2013MUT]}))
    assert andere.post(url(voldaan), {"datum_voldaan": ""}).status_code == 404  # not even found


def test_133_deceased_post_gets_fs602(login, medewerker, wi2013_persoon):
    g = wi2013_persoon(datum_overlijden=date(2025, 1, 1))
    pagina = html(login(medewerker).post(url(g), {"datum_start_deelname": "15-11-2017"}))
    assert "Persoon is volgens BRP overleden" in pagina
    g.refresh_from_db()
    assert g.datum_start_deelname is None


def test_133_other_law_person_not_found(login, medewerker, groningen):
    from tests.factories import PersoonFactory

    p = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    assert login(medewerker).get(reverse("wi2013:wijzigen", kwargs={"persoon": p.pk})).status_code == 404
