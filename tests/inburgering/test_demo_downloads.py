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
from inburgering.downloads.registry import alle_extracten, extracten_voor_wet
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
                assert any(naam.endswith(".csv") for naam in zf.namelist())
                assert code in response["Content-Disposition"]
    # Built once a day: a second run leaves the files of today alone.
    aantal = Downloadbestand.objects.count()
    call_command("seed_demo", persons=300, seed=2)
    assert "gebouwd voor 0 demo-gemeente(n)" in capsys.readouterr().out
    assert Downloadbestand.objects.count() == aantal == 2 * len(alle_extracten())
