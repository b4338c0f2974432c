"""Issue 8 item 9: pages, PDFs and CSVs with personal data are never kept by a browser or proxy cache."""

from datetime import date

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

import pytest

from inburgering.constants import Wet
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.registry import extracten_voor_wet
from inburgering.middleware import GeenCacheMiddleware
from tests.factories import PersoonFactory, SignaalFactory
from tests.zoeken import resultaat_url
from wi2007.models import Wi2007Persoon
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db

WI2007_TABS = (
    "persoonsgegevens",
    "indicatie",
    "handhaving",
    "voorziening",
    "vrijstelling",
    "boete",
    "examens",
)


def assert_no_store(response, pad: str) -> None:
    assert response.status_code == 200, (pad, response.status_code)
    assert "no-store" in response.get("Cache-Control", ""), pad


@pytest.fixture
def personen(groningen):
    groningen.iban = "NL91ABNA0417164300"
    groningen.save()
    p7 = [Wi2007Persoon.objects.create(persoon=PersoonFactory(woongemeente=groningen, wet=Wet.WI2007))
          for _ in range(2)]  # fmt: skip
    p13 = [
        Wi2013Persoon.objects.create(persoon=PersoonFactory(woongemeente=groningen, wet=Wet.WI2013),
                                     pvt_plichtig=True, lening_duo=True, datum_voldaan=date(2018, 6, 17))
        for _ in range(2)
    ]  # fmt: skip
    Factuur.objects.create(gegevens=p13[0], gemeente=groningen, factuurnummer="FACT11",
                           factuurdatum=date(2018, 7, 1), debiteurnummer="D1")  # fmt: skip
    for g, wet in ((p7[0], Wet.WI2007), (p13[0], Wet.WI2013)):
        SignaalFactory(persoon=g.persoon, wet=wet, code="SS001" if wet == Wet.WI2007 else "SS601")
    return p7[0].persoon, p13[0].persoon


def test_item9_every_person_page_pdf_and_csv_is_no_store(
    login, medewerker, groningen, personen, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = login(medewerker)
    p7, p13 = personen
    paden = [reverse("wi2007:persoon", args=[p7.pk]) + f"?tab={tab}" for tab in WI2007_TABS]
    paden.append(reverse("wi2007:persoon_pdf", args=[p7.pk]))
    paden += [
        reverse("wi2013:persoon", args=[p13.pk]) + f"?tab={tab}" for tab in ("persoonsgegevens", "factuur")
    ]
    paden += [reverse(f"wi2013:{naam}", args=[p13.pk])
              for naam in ("wijzigen", "factuur_toevoegen", "factuur_wijzigen", "factuur_verwijderen")]  # fmt: skip
    for wet in ("wi2007", "wi2013", "wi2021"):
        paden += [
            reverse("signalen:zoeken", args=[wet]),
            reverse("signalen:selecteren", args=[wet]) + "?alle=1",
            reverse("signalen:download", args=[wet]),  # "Download alle signalen" (CSV)
        ]
    paden += [
        resultaat_url(
            client, reverse("wi2007:zoeken"), {"tab": "overig", "geslacht": "V", "verblijf": "woonachtig"}
        ),
        resultaat_url(client, reverse("wi2013:zoeken"), {"verblijf": "woonachtig"}),
        resultaat_url(client, reverse("signalen:zoeken", args=["wi2013"]), {"bsn": p13.bsn}),
        resultaat_url(client, reverse("inburgering:wet_zoeken"), {"bsn": p13.bsn}),
        reverse("wi2007:zoeken"),
        reverse("wi2013:zoeken"),
        reverse("downloads:lijst"),
        reverse("inburgering:start"),
    ]
    bestand = bouw_extract(
        extract=extracten_voor_wet(Wet.WI2007)[0], gemeente=groningen, peildatum=date(2025, 3, 14)
    )
    paden.append(reverse("downloads:download", args=[bestand.pk]))
    for pad in paden:
        assert_no_store(client.get(pad), pad)


def test_item9_a_search_answer_and_a_one_hit_redirect_are_no_store(login, raadpleger, personen):
    client = login(raadpleger)
    response = client.post(reverse("wi2013:zoeken"), {"bsn": personen[1].bsn})
    assert response.status_code == 303 and "no-store" in response["Cache-Control"]
    response = client.get(response["Location"])
    assert response.status_code == 302 and "no-store" in response["Cache-Control"]


def test_item9_static_files_stay_cacheable(raadpleger):
    """Static files hold no personal data; the rule is for what a logged-in user gets from the views."""

    def view(request):
        return HttpResponse("body { }", content_type="text/css")

    request = RequestFactory().get("/static/css/pib.css")
    request.user = raadpleger
    assert "Cache-Control" not in GeenCacheMiddleware(view)(request)
    request = RequestFactory().get(reverse("inburgering:start"))
    request.user = raadpleger
    assert "no-store" in GeenCacheMiddleware(view)(request)["Cache-Control"]
