"""Issue 8 item 1 (stored XSS): every text a person's record holds comes out escaped, on every person page
and in the Wi2007 PDF.

The text fields are found by introspection, so a field added later is covered without touching this test;
a model added later makes `test_item1_every_person_model_is_covered` fail until it gets a row here.
Choice fields are left out: they hold a code from their list and the pages show its label.
"""

import io
import re
from datetime import date

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.html import escape

import pytest
from pypdf import PdfReader

from inburgering.constants import Wet
from inburgering.models import Persoon
from tests.factories import PersoonFactory, SignaalFactory
from tests.zoeken import resultaat_url
from wi2007 import pdf
from wi2007.models import Boete, Examen, Voorziening, Vrijstelling, Wi2007Persoon
from wi2013.models import Factuur, PvtHistorie, Wi2013Persoon

pytestmark = pytest.mark.django_db

# Longest first; each field gets the first that fits its max_length, numbered so each field is traceable.
AANVALLEN = ('"><img src=x onerror=alert({n})>', "<b onclick=f({n})>", "<i{n}>")
WI2007_TABS = (
    "persoonsgegevens",
    "indicatie",
    "handhaving",
    "voorziening",
    "vrijstelling",
    "boete",
    "examens",
)
# Text the pages do not show: the PVT history records who registered, the screen does not; the Wi2013
# screens show a person's name and BSN only (seed 000 §4.4).
NIET_GETOOND = {"wi2013:PvtHistorie.gebruiker"} | {
    f"wi2013:Persoon.{veld}"
    for veld in ("a_nummer", "nationaliteit", "geboorteland", "geboorteplaats", "straat", "huisnummer", "postcode",
                 "woonplaats")
}  # fmt: skip


def tekstvelden(model) -> list[models.Field]:
    return [
        veld
        for veld in model._meta.concrete_fields
        if isinstance(veld, (models.CharField, models.TextField))
        and not veld.choices
        and not veld.primary_key
    ]


class Aanvaller:
    """Hands out a hostile value per field and remembers which field got which ("wi2007:Persoon.straat")."""

    def __init__(self):
        self.waarden: dict[str, str] = {}

    def vul(self, wet: str, obj: models.Model) -> models.Model:
        for veld in tekstvelden(type(obj)):
            n = len(self.waarden) + 1
            waarde = next(
                a.format(n=n)
                for a in AANVALLEN
                if veld.max_length is None or len(a.format(n=n)) <= veld.max_length
            )
            setattr(obj, veld.attname, waarde)
            self.waarden[f"{wet}:{type(obj).__name__}.{veld.name}"] = waarde
        obj.save()
        return obj


def ontsnapt(pagina: str, waarden: dict[str, str]) -> set[str]:
    """Asserts no hostile value stands raw in the page; returns the fields whose escaped value it shows.
    Compared case-insensitively: the screen writes the woonplaats in capitals."""
    klein = pagina.lower()
    for naam, waarde in waarden.items():
        assert waarde.lower() not in klein, f"{naam} unescaped: {waarde}"
    return {naam for naam, waarde in waarden.items() if escape(waarde).lower() in klein}


@pytest.fixture
def aanvaller():
    return Aanvaller()


@pytest.fixture
def wi2007_kwaadaardig(groningen, aanvaller):
    """A Wi2007 person with every text field hostile and a row in every tab; plus a harmless second person,
    so a search lists both."""
    persoon = aanvaller.vul("wi2007", PersoonFactory.build(woongemeente=groningen, wet=Wet.WI2007))
    g = aanvaller.vul("wi2007", Wi2007Persoon(persoon=persoon, begin_handhaving=date(2010, 1, 1)))
    aanvaller.vul("wi2007", Voorziening(persoon=g, doelgroep="W", soort="D", datum_start=date(2009, 2, 1)))
    aanvaller.vul(
        "wi2007", Vrijstelling(persoon=g, soort="G", verleend_door="D", datum_start=date(2010, 1, 1))
    )
    aanvaller.vul("wi2007", Boete(persoon=g, datum_toekennen=date(2013, 3, 1), bedrag="250.00"))
    aanvaller.vul("wi2007", Examen(persoon=g, uitslag="N", datum_deelname=date(2012, 3, 3)))
    SignaalFactory(persoon=persoon, wet=Wet.WI2007, code="SS001")
    Wi2007Persoon.objects.create(persoon=PersoonFactory(woongemeente=groningen, wet=Wet.WI2007))
    return g


@pytest.fixture
def wi2013_kwaadaardig(groningen, aanvaller):
    groningen.iban = "NL91ABNA0417164300"
    groningen.save()
    persoon = aanvaller.vul("wi2013", PersoonFactory.build(woongemeente=groningen, wet=Wet.WI2013))
    g = aanvaller.vul(
        "wi2013",
        Wi2013Persoon(persoon=persoon, pvt_plichtig=True, lening_duo=True, datum_voldaan=date(2018, 6, 17)),
    )
    aanvaller.vul("wi2013", PvtHistorie(gegevens=g, gemeente=groningen))
    aanvaller.vul("wi2013", Factuur(gegevens=g, gemeente=groningen, factuurdatum=date(2018, 7, 1)))
    SignaalFactory(persoon=persoon, wet=Wet.WI2013, code="SS601")
    Wi2013Persoon.objects.create(persoon=PersoonFactory(woongemeente=groningen, wet=Wet.WI2013))
    return g


def test_item1_every_person_model_is_covered(aanvaller, wi2007_kwaadaardig, wi2013_kwaadaardig):
    gevuld = {naam.split(":")[1].split(".")[0] for naam in aanvaller.waarden}
    for app in ("wi2007", "wi2013"):
        for model in apps.get_app_config(app).get_models():
            assert not tekstvelden(model) or model.__name__ in gevuld, (
                f"{model.__name__}: add it to this test"
            )
    assert Persoon.__name__ in gevuld


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_item1_xss_escaped_on_every_person_page(
    login, medewerker, aanvaller, wi2007_kwaadaardig, wi2013_kwaadaardig
):
    client = login(medewerker)
    p7, p13 = wi2007_kwaadaardig.persoon_id, wi2013_kwaadaardig.persoon_id
    paginas = [reverse("wi2007:persoon", args=[p7]) + f"?tab={tab}" for tab in WI2007_TABS]
    paginas += [
        reverse("wi2013:persoon", args=[p13]) + f"?tab={tab}" for tab in ("persoonsgegevens", "factuur")
    ]
    paginas += [reverse(f"wi2013:{naam}", args=[p13])
                for naam in ("wijzigen", "factuur_toevoegen", "factuur_wijzigen", "factuur_verwijderen")]  # fmt: skip
    paginas += [reverse("signalen:selecteren", args=[wet]) + "?alle=1" for wet in ("wi2007", "wi2013")]
    # "Gevonden personen" of both laws (both persons match, so the list is shown)
    paginas.append(resultaat_url(client, reverse("wi2007:zoeken"), {"tab": "overig", "geslacht": "V",
                                                                      "verblijf": "woonachtig"}))  # fmt: skip
    paginas.append(resultaat_url(client, reverse("wi2013:zoeken"), {"verblijf": "woonachtig"}))
    getoond: set[str] = set()
    for pad in paginas:
        getoond |= ontsnapt(_html(client.get(pad)), aanvaller.waarden)
    # Every hostile value was really on a page (escaped), so the check above was not vacuous.
    assert set(aanvaller.waarden) - getoond == NIET_GETOOND


def _pdf_tekst(inhoud: bytes) -> str:
    tekst = "".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(inhoud)).pages)
    return re.sub(r"\s", "", tekst).lower()


def test_item1_xss_in_the_wi2007_pdf_is_literal_text(
    login, medewerker, aanvaller, wi2007_kwaadaardig, monkeypatch
):
    html_voor_weasyprint: list[str] = []
    echte_html = pdf.HTML

    def opnemen(*args, **kwargs):  # records what WeasyPrint gets, then lets the real WeasyPrint render it
        html_voor_weasyprint.append(kwargs["string"])
        return echte_html(*args, **kwargs)

    monkeypatch.setattr(pdf, "HTML", opnemen)
    response = login(medewerker).get(reverse("wi2007:persoon_pdf", args=[wi2007_kwaadaardig.persoon_id]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    wi2007_waarden = {n: w for n, w in aanvaller.waarden.items() if n.startswith("wi2007:")}
    getoond = ontsnapt(html_voor_weasyprint[0], wi2007_waarden)
    assert getoond == set(wi2007_waarden)  # every tab is in the PDF, so every hostile value is
    tekst = _pdf_tekst(response.content)
    for naam in getoond:
        # the tag is printed as the characters the person's record holds, never interpreted
        assert re.sub(r"\s", "", wi2007_waarden[naam]).lower() in tekst, naam
