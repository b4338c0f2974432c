"""Issue 9-9: after `seed_demo` a newcomer sees every nightly file of the demo gemeenten, and each downloads."""

import io
import re
import zipfile

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

import pytest

from inburgering.access import SESSION_KEY
from inburgering.constants import Wet
from inburgering.downloads.models import Downloaddocument
from inburgering.downloads.registry import alle_documenten, alle_extracten, extracten_voor_wet
from inburgering.models import Downloadbestand, Gemeente

pytestmark = pytest.mark.django_db


def test_item9_downloads_of_the_demo_gemeenten_are_built_and_download(client, settings, tmp_path, capsys):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", persons=300, seed=2)
    assert "gebouwd voor 2 demo-gemeente(n)" in capsys.readouterr().out
    # The medewerker in Groningen, the helpdesk switched to Almere: every law, every file.
    for username, code in (("medewerker", "0014"), ("helpdesk", "0034")):
        client.force_login(get_user_model().objects.get(username=username))
        sessie = client.session
        sessie[SESSION_KEY] = Gemeente.objects.get(code=code).id
        sessie.save()
        pagina = client.get(reverse("downloads:lijst")).content.decode()
        for wet in Wet.values:
            assert f"Downloads {wet}" in pagina, (code, wet)
        assert "Nog niet beschikbaar" not in pagina, code
        links = re.findall(r'href="(/downloads/\d+/)"', pagina)
        assert len(links) == len(alle_extracten()) == sum(len(extracten_voor_wet(w)) for w in Wet.values)
        for link in links:
            response = client.get(link)
            assert response.status_code == 200, (code, link)
            inhoud = b"".join(response.streaming_content)
            with zipfile.ZipFile(io.BytesIO(inhoud)) as zf:
                assert any(naam.endswith((".csv", ".xlsx")) for naam in zf.namelist())
                assert code in response["Content-Disposition"]
        # The fixed documents too (issue 9-9): every one is listed with its link and downloads.
        documenten = re.findall(r'href="(/downloads/documenten/[a-z0-9_]+/)"', pagina)
        assert len(documenten) == len(alle_documenten()), documenten
        for link in documenten:
            response = client.get(link)
            assert response.status_code == 200, (code, link)
    # Built once a day: a second run leaves the files of today alone, and uploads no document again.
    aantal = Downloadbestand.objects.count()
    call_command("seed_demo", persons=300, seed=2)
    uit = capsys.readouterr().out
    assert "gebouwd voor 0 demo-gemeente(n)" in uit and "0 demonstratiedocument(en)" in uit
    assert Downloadbestand.objects.count() == aantal == 2 * len(alle_extracten())
    # The Diplomamodellenboek, a COA file and a SPUK file (D-28) for each demo gemeente.
    assert Downloaddocument.objects.count() == 5


def test_item9_the_demo_documents_say_they_are_demonstration_files(client, settings, tmp_path):
    """The Diplomamodellenboek a newcomer downloads is a WeasyPrint PDF that says plainly it is a demonstration
    file beheer replaces; the COA declaraties of a demo gemeente are a CSV that says it is fictional."""
    from pypdf import PdfReader

    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", persons=0, seed=2)
    client.force_login(get_user_model().objects.get(username="medewerker"))
    sessie = client.session
    sessie[SESSION_KEY] = Gemeente.objects.get(code="0014").id
    sessie.save()
    response = client.get(reverse("downloads:document", args=["wi2007_diplomamodellenboek"]))
    assert response["Content-Disposition"].endswith('filename="Diplomamodellenboek.pdf"')
    tekst = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    assert "Diplomamodellenboek — demonstratiebestand" in " ".join(tekst.split())
    assert "beheer" in tekst and "DUO" in tekst
    response = client.get(reverse("downloads:document", args=["wi2013_coa_declaraties"]))
    assert response["Content-Disposition"].endswith('filename="COA_declaraties_0014.csv"')
    csv = b"".join(response.streaming_content).decode()
    assert (
        csv.startswith("Gemeentecode;Gemeentenaam;BSN;")
        and "demonstratiebestand" in csv
        and "verzonnen" in csv
    )
    # Other gemeenten get no COA file: a per-gemeente document is listed only where it is.
    assert (
        not Downloaddocument.objects.filter(document="wi2013_coa_declaraties")
        .exclude(gemeente__code__in=("0014", "0034"))
        .exists()
    )
