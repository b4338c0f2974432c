"""13-4 the factuur pages (seed 000 §4.4): add, change, delete with confirmation; the manual's help texts,
the fixed amount, the IBAN message, errors per field with the input kept, and nothing after acceptance."""

import re
from datetime import date
from decimal import Decimal

from django.urls import reverse
from django.utils.html import escape

import pytest

from inburgering.models import AuditActie, AuditEntry
from wi2013 import meldingen
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db
GELDIG = {"factuurnummer": "ABCDEF1234567890", "factuurdatum": "05-01-2019", "debiteurnummer": "BX771080"}


def url(g, naam):
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


def versie() -> str:
    """The version token the form of a caseworker who opens the page now carries."""
    return Factuur.objects.get().versiekenmerk


def maak_factuur(g, **kwargs):
    return Factuur.objects.create(gegevens=g, gemeente=g.persoon.woongemeente, factuurnummer="FACT11",
                                  factuurdatum=date(2017, 7, 30), debiteurnummer="BX771080", **kwargs)  # fmt: skip


def test_134_form_with_the_manuals_help_texts(login, medewerker, voldaan):
    pagina = html(login(medewerker).get(url(voldaan, "factuur_toevoegen")))
    for tekst in (
        "Het factuurnummer mag maximaal 16 posities en moet alfanumeriek zijn. Bijvoorbeeld ABCDEF1234567890.",
        "Het debiteurnummer mag maximaal 10 posities en moet alfanumeriek zijn.",
        "Het factuurbedrag is altijd € 150,- U kunt dit bedrag niet wijzigen.",
        ">Factuurnummer</label>",
        ">Factuurdatum</label>",
        ">Debiteurnummer</label>",
        ">Versturen</button>",
        ">Annuleren</a>",
    ):
        assert tekst in pagina
    assert re.findall(r'<input type="text" name="(\w+)"', pagina) == [
        "factuurnummer",
        "factuurdatum",
        "debiteurnummer",
    ]
    assert 'aria-current="page">Factuur</a>' in pagina


def test_134_amount_not_editable(login, medewerker, voldaan):
    client = login(medewerker)
    pagina = html(client.get(url(voldaan, "factuur_toevoegen")))
    assert "<strong>€ 150,-</strong>" in pagina and 'name="bedrag"' not in pagina
    response = client.post(url(voldaan, "factuur_toevoegen"), {**GELDIG, "bedrag": "999"})
    assert response.status_code == 302 and response["Location"].endswith("?tab=factuur")
    assert Factuur.objects.get().bedrag == Decimal("150.00")
    tab = html(client.get(response["Location"]))
    assert "De factuur is toegevoegd." in tab and "€ 150,-" in tab and "ABCDEF1234567890" in tab
    assert AuditEntry.objects.filter(actie=AuditActie.AANMAKEN, bsn=voldaan.persoon.bsn).exists()


def test_134_errors_per_field_keep_input(login, medewerker, voldaan):
    data = {"factuurnummer": "ABC-123", "factuurdatum": "05-01-2019", "debiteurnummer": "12345678901"}
    pagina = html(login(medewerker).post(url(voldaan, "factuur_toevoegen"), data))
    assert fout_bij(pagina, "factuurnummer") == meldingen.FACTUURNUMMER.tekst
    assert fout_bij(pagina, "debiteurnummer") == meldingen.DEBITEURNUMMER.tekst
    assert fout_bij(pagina, "factuurdatum") == ""
    # the manual's help text is the message itself: said once at the field (and listed in the error summary)
    samenvatting = re.search(r'<div[^>]*id="foutenoverzicht".*?</ul>', pagina, re.S).group(0)
    assert meldingen.FACTUURNUMMER.tekst in samenvatting
    assert pagina.replace(samenvatting, "").count(meldingen.FACTUURNUMMER.tekst) == 1
    assert 'aria-describedby="id_factuurnummer_error"' in pagina
    assert invoer(pagina, "factuurnummer") == "ABC-123" and invoer(pagina, "debiteurnummer") == "12345678901"
    assert invoer(pagina, "factuurdatum") == "05-01-2019"
    assert not Factuur.objects.exists()


def test_134_date_required_and_not_in_the_future(login, medewerker, voldaan):
    client = login(medewerker)
    pagina = html(client.post(url(voldaan, "factuur_toevoegen"), {**GELDIG, "factuurdatum": ""}))
    assert fout_bij(pagina, "factuurdatum") == "Het veld &#x27;Factuurdatum&#x27; is verplicht"
    pagina = html(client.post(url(voldaan, "factuur_toevoegen"), {**GELDIG, "factuurdatum": "01-01-2999"}))
    assert fout_bij(pagina, "factuurdatum") == "De factuurdatum mag niet in de toekomst liggen."


def test_134_iban_message(login, medewerker, voldaan, groningen):
    groningen.iban = ""
    groningen.save()
    client = login(medewerker)
    tab = html(client.get(url(voldaan, "persoon") + "?tab=factuur"))
    assert meldingen.GEEN_IBAN.tekst in tab and "factuur/toevoegen" not in tab
    pagina = html(client.get(url(voldaan, "factuur_toevoegen")))
    assert meldingen.GEEN_IBAN.tekst in pagina and 'name="factuurnummer"' not in pagina
    pagina = html(client.post(url(voldaan, "factuur_toevoegen"), GELDIG))
    assert meldingen.GEEN_IBAN.tekst in pagina and 'name="factuurnummer"' not in pagina
    assert not Factuur.objects.exists()


def test_134_only_with_a_duo_loan_and_datum_voldaan(login, medewerker, voldaan):
    Wi2013Persoon.objects.filter(pk=voldaan.pk).update(lening_duo=False)
    client = login(medewerker)
    assert "factuur/toevoegen" not in html(client.get(url(voldaan, "persoon") + "?tab=factuur"))
    assert escape(meldingen.GEEN_LENING_OF_VOLDAAN.tekst) in html(
        client.get(url(voldaan, "factuur_toevoegen"))
    )
    assert escape(meldingen.GEEN_LENING_OF_VOLDAAN.tekst) in html(
        client.post(url(voldaan, "factuur_toevoegen"), GELDIG)
    )
    assert not Factuur.objects.exists()


def test_134_one_factuur_per_person(login, medewerker, voldaan):
    maak_factuur(voldaan)
    client = login(medewerker)
    assert meldingen.AL_EEN_FACTUUR.tekst in html(client.get(url(voldaan, "factuur_toevoegen")))
    assert meldingen.AL_EEN_FACTUUR.tekst in html(client.post(url(voldaan, "factuur_toevoegen"), GELDIG))
    assert Factuur.objects.count() == 1


def test_134_change(login, medewerker, voldaan):
    maak_factuur(voldaan)
    client = login(medewerker)
    pagina = html(client.get(url(voldaan, "factuur_wijzigen")))
    assert invoer(pagina, "factuurnummer") == "FACT11" and invoer(pagina, "factuurdatum") == "30-07-2017"
    assert "<strong>€ 150,-</strong>" in pagina and 'name="bedrag"' not in pagina
    fout = html(
        client.post(
            url(voldaan, "factuur_wijzigen"), {**GELDIG, "factuurnummer": "X" * 17, "versie": versie()}
        )
    )
    assert (
        fout_bij(fout, "factuurnummer") == meldingen.FACTUURNUMMER.tekst
        and invoer(fout, "factuurnummer") == "X" * 17
    )
    response = client.post(
        url(voldaan, "factuur_wijzigen"), {**GELDIG, "factuurnummer": "FACT12", "versie": versie()}
    )
    assert response.status_code == 302
    assert "De factuur is gewijzigd." in html(client.get(response["Location"]))
    assert Factuur.objects.get().factuurnummer == "FACT12"
    assert AuditEntry.objects.filter(actie=AuditActie.WIJZIGEN, bsn=voldaan.persoon.bsn).exists()


def test_134_delete_with_confirmation(login, medewerker, voldaan):
    maak_factuur(voldaan)
    client = login(medewerker)
    bevestiging = html(client.get(url(voldaan, "factuur_verwijderen")))
    assert "Weet u zeker dat u deze factuur wilt verwijderen?" in bevestiging and "FACT11" in bevestiging
    assert ">Verwijderen</button>" in bevestiging and ">Annuleren</a>" in bevestiging
    assert Factuur.objects.exists()  # a GET deletes nothing
    response = client.post(url(voldaan, "factuur_verwijderen"), {"versie": versie()})
    assert response.status_code == 302 and response["Location"].endswith("?tab=factuur")
    tab = html(client.get(response["Location"]))
    assert "De factuur is verwijderd." in tab and "Geen factuur gevonden." in tab
    assert not Factuur.objects.exists()
    assert AuditEntry.objects.filter(actie=AuditActie.VERWIJDEREN, bsn=voldaan.persoon.bsn).exists()


def test_134_no_change_after_acceptance(login, medewerker, voldaan):
    maak_factuur(voldaan, geaccepteerd=True)
    client = login(medewerker)
    tab = html(client.get(url(voldaan, "persoon") + "?tab=factuur"))
    assert "factuur/wijzigen" not in tab and "factuur/verwijderen" not in tab
    wijzigen = html(client.get(url(voldaan, "factuur_wijzigen")))
    assert meldingen.GEACCEPTEERD.tekst in wijzigen and 'name="factuurnummer"' not in wijzigen
    verwijderen = html(client.get(url(voldaan, "factuur_verwijderen")))
    assert meldingen.GEACCEPTEERD.tekst in verwijderen and ">Verwijderen</button>" not in verwijderen
    assert meldingen.GEACCEPTEERD.tekst in html(
        client.post(url(voldaan, "factuur_wijzigen"), {**GELDIG, "factuurnummer": "NIEUW"})
    )
    response = client.post(url(voldaan, "factuur_verwijderen"))
    assert meldingen.GEACCEPTEERD.tekst in html(client.get(response["Location"]))
    f = Factuur.objects.get()
    assert f.factuurnummer == "FACT11"


def test_134_change_or_delete_without_factuur(login, medewerker, voldaan):
    client = login(medewerker)
    assert "Geen factuur gevonden." in html(client.get(url(voldaan, "factuur_wijzigen")))
    assert "Geen factuur gevonden." in html(client.get(url(voldaan, "factuur_verwijderen")))


def test_134_read_role_gets_no_form(login, raadpleger, voldaan):
    maak_factuur(voldaan)
    client = login(raadpleger)
    for naam in ("factuur_toevoegen", "factuur_wijzigen", "factuur_verwijderen"):
        assert client.get(url(voldaan, naam)).status_code == 403
