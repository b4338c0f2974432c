"""Issue 14: every page of the portal meets WCAG 2.1 AA with real data, and the portal works by keyboard.

The sweep (`test_item2_every_page_meets_wcag21_aa`) builds a data set like the demo (`seed_demo` with a
small size, plus Wi2021 persons with a PIP and history, a Wi2013 person with a factuur), logs in as the
demo caseworkers and runs axe-core with the WCAG 2.0/2.1 A and AA rules on every entry of `PAGINAS`;
any violation fails the test, whatever its impact. On every page it also checks what axe does not: each
table has a name, each field error is tied to its field, and invalid fields are listed in the error summary.

`test_item2_the_sweep_covers_every_get_url_name` compares the URL names in `PAGINAS` with the GET URL
names of the URLconf (minus `NIET_IN_DE_SWEEP`, each with its reason). A new page therefore fails that
test until it has an entry. **Adding a page is one line in `PAGINAS`:**

    Pagina("wi2021:aanbod_doorgeven", "stap 1, leeg", persoon="wi2021_zonder_pip", stap=1),

- the URL name, then what the caseworker sees (for the report);
- URL kwargs: `persoon="<key>"` names a person of `Demo.personen` (add one in `demo()` if none fits),
  other kwargs (`stap`, `wet`) are passed as they are; `query="tab=…"` adds a query string;
- `doe=<function(page, demo)>` for what the caseworker does there before axe runs (submit a form with
  errors, open a row, search); without kwargs the page is reached only through `doe`;
- `als="raadpleger"` for another demo user (None: not logged in), `tweefactor=True` for the
  second-factor pages.
The sweep checks that every entry really lands on its URL name, so an entry cannot cover a page it
does not show.
"""

import io
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from pprint import pformat
from urllib.parse import urlparse

from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone

import pytest

from inburgering.constants import Wet
from tests.browser.axe import RING, axe_violations, eigen_controles
from tests.browser.test_portal import WACHTWOORD
from tests.conftest import skip_or_fail
from tests.factories import PersoonFactory, SignaalFactory, UserFactory

pytestmark = pytest.mark.browser


# --- What the sweep leaves out, and why ----------------------------------------------------------------

# Namespaces that are not the caseworker's portal: the Django admin is for beheerders (Django's own pages).
# The Django admin (beheer), and the machine interface for cliëntvolgsystemen: JSON, no caseworker pages
# (its Swagger page is for suppliers and is checked under the CSP in tests/api/test_swagger_browser.py).
NAMESPACES_NIET_IN_DE_SWEEP = {"admin", "api"}
# URL names that answer a GET with no HTML page of their own.
NIET_IN_DE_SWEEP = {
    "logout": "POST only: logs out and redirects to the login page",
    "tweefactor_afbreken": "POST: logs out and redirects to the login page",
    "healthz": "plain-text liveness probe for the load balancer",
    "inburgering:gemeente_kiezen": "POST only (require_POST): switches the gemeente and redirects back",
    "signalen:download": "CSV file of the signals",
    "downloads:download": "zip file of a nightly extract",
    "downloads:document": "document file (PDF/zip)",
    "wi2007:persoon_pdf": "PDF of the person screen (WeasyPrint)",
    "wi2021:z_certificaat_download": "PDF of a Z-route certificate (WeasyPrint)",
}


def get_url_namen() -> set[str]:
    """Every named URL pattern of the URLconf, with its namespace, minus the exclusions above."""
    namen: set[str] = set()

    def loop(resolver: URLResolver, namespace: str | None) -> None:
        for patroon in resolver.url_patterns:
            if isinstance(patroon, URLResolver):
                if patroon.namespace in NAMESPACES_NIET_IN_DE_SWEEP:
                    continue
                ns = ":".join(filter(None, (namespace, patroon.namespace))) or None
                loop(patroon, ns)
            elif isinstance(patroon, URLPattern) and patroon.name:
                namen.add(f"{namespace}:{patroon.name}" if namespace else patroon.name)

    loop(get_resolver(), None)
    return namen - set(NIET_IN_DE_SWEEP)


# --- The data set --------------------------------------------------------------------------------------


@dataclass
class Demo:
    personen: dict = field(default_factory=dict)
    nieuw: object = None  # a user without an authenticator app (second-factor pages)
    aanbod: int | None = None  # the inburgeringsaanbod of `wi2021_voortgang`
    contactpersoon: int | None = None  # the contactpersoon with `wi2021_voortgang` in the caseload
    certificaat: int | None = None  # a Z-route certificate of Groningen (S-51, S-52)


@pytest.fixture
def demo(transactional_db, monkeypatch) -> Demo:
    """The demo set at a small size, plus the states the demo does not (yet) hold."""
    from inburgering.models import Gemeente
    from wi2007.models import Wi2007Persoon
    from wi2013.models import Factuur, PvtHistorie, Wi2013Persoon
    from wi2021 import constants as c
    from wi2021.models import (
        DoelgroepHistorie,
        DuoMelding,
        Examenpoging,
        Inburgeringsplicht,
        Pip,
        PipHistorie,
        TermijnHistorie,
        Verzoek,
    )

    monkeypatch.setenv("DEMO_PASSWORD", WACHTWOORD)
    call_command("seed_demo", persons=200, seed=2021, stdout=io.StringIO())
    groningen = Gemeente.objects.get(code="0014")
    vandaag = timezone.localdate()
    nu = timezone.now()
    d = Demo(nieuw=UserFactory(username="nieuw", rollen={groningen: ["WI2021"]}))

    d.personen["wi2007"] = (
        Wi2007Persoon.objects.filter(persoon__woongemeente=groningen, persoon__datum_overlijden__isnull=True)
        .order_by("persoon_id")
        .first()
        .persoon
    )
    # Wi2013: PVT registrations in the history table, a factuur possible but not there, and one with a factuur.
    wi2013 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013, achternaam="Bakker")
    gegevens = Wi2013Persoon.objects.create(
        persoon=wi2013, pvt_plichtig=True, datum_start_pvt_plicht=vandaag - timedelta(days=400),
        datum_einde_pvt_plicht=vandaag + timedelta(days=300), lening_duo=True,
        datum_start_deelname=vandaag - timedelta(days=200), datum_voldaan=vandaag - timedelta(days=30),
        gemeente_eerste_vestiging=groningen,
    )  # fmt: skip
    for gebeurtenis in ("geregistreerd", "gecorrigeerd"):
        PvtHistorie.objects.create(gegevens=gegevens, gebruiker="medewerker", gemeente=groningen,
                                   datum_start_deelname=gegevens.datum_start_deelname,
                                   datum_voldaan=gegevens.datum_voldaan, gebeurtenis=gebeurtenis)  # fmt: skip
    d.personen["wi2013"] = wi2013
    met_factuur = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013, achternaam="De Vries")
    gegevens = Wi2013Persoon.objects.create(
        persoon=met_factuur, pvt_plichtig=True, datum_start_pvt_plicht=vandaag - timedelta(days=500),
        lening_duo=True, datum_voldaan=vandaag - timedelta(days=60),
    )  # fmt: skip
    Factuur.objects.create(gegevens=gegevens, gemeente=groningen, factuurnummer="F2024001",
                           factuurdatum=vandaag - timedelta(days=20), debiteurnummer="D123")  # fmt: skip
    d.personen["wi2013_factuur"] = met_factuur

    # Wi2021: one person with a PIP inside its correction window and every kind of history, one without.
    def plicht(achternaam, doelgroep=c.Doelgroep.ASIELSTATUSHOUDER, **velden):
        persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021, achternaam=achternaam,
                                 geboortedatum=date(1990, 5, 17))  # fmt: skip
        return Inburgeringsplicht.objects.create(persoon=persoon, datum_start=vandaag - timedelta(days=60),
                                                 doelgroep=doelgroep, **velden)  # fmt: skip

    met_pip = plicht("Haddad", pip_venster_start=vandaag - timedelta(days=40), pip_venster_gemeente=groningen)
    pip = Pip.objects.create(
        plicht=met_pip, gemeente=groningen, geregistreerd_op=nu - timedelta(days=1),
        initieel_geregistreerd_op=nu - timedelta(days=3), dagtekening=vandaag - timedelta(days=4),
        dagtekening_initieel=vandaag - timedelta(days=5), leerroute=c.Leerroute.B1, niveau=c.Niveau.B1,
        alfabetisering=c.Alfabetisering.NVT, geschatte_uren=600,
    )  # fmt: skip
    for dagen, gebeurtenis in ((3, "doorgegeven"), (1, "gewijzigd")):
        PipHistorie.objects.create(pip=pip, laatste_wijziging=nu - timedelta(days=dagen), gebruiker="medewerker",
                                   gemeente=groningen, gebeurtenis=gebeurtenis, dagtekening=pip.dagtekening,
                                   leerroute=pip.leerroute, niveau=pip.niveau, alfabetisering=pip.alfabetisering,
                                   geschatte_uren=600)  # fmt: skip
    for dagen, tekst in (
        (50, "Verblijfsdoel vastgesteld"),
        (10, "Van asielstatushouder naar gezinsmigrant."),
    ):
        DoelgroepHistorie.objects.create(plicht=met_pip, laatste_wijziging=vandaag - timedelta(days=dagen),
                                         doelgroep=c.Doelgroep.ASIELSTATUSHOUDER, verblijfsdoel_gewijzigd=tekst)  # fmt: skip
        TermijnHistorie.objects.create(plicht=met_pip, laatste_wijziging=vandaag - timedelta(days=dagen),
                                       termijn_start=vandaag - timedelta(days=60),
                                       termijn_einde=vandaag + timedelta(days=1000),
                                       reden_wijziging=c.RedenWijzigingTermijn.HERBEPALING)  # fmt: skip
    DuoMelding.objects.create(persoon=met_pip.persoon, titel="Inburgeringsplicht vastgesteld",
                              toelichting="DUO heeft de inburgeringsplicht vastgesteld.",
                              startdatum=vandaag - timedelta(days=5), einddatum=vandaag + timedelta(days=30),
                              sleutel="a11y")  # fmt: skip
    Verzoek.objects.create(plicht=met_pip, extern_id="a11y-1", soort=c.SoortVerzoek.VERLENGING,
                           toelichting="Verlenging wegens ziekte", datum_ontvangst=vandaag - timedelta(days=7))  # fmt: skip
    for nr, onderdeel in enumerate((c.Examenonderdeel.LEZEN, c.Examenonderdeel.KNM), start=1):
        Examenpoging.objects.create(plicht=met_pip, onderdeel=onderdeel, niveau=c.Examenniveau.B1,
                                    datum=vandaag - timedelta(days=nr), status=c.Examenstatus.GESLAAGD, poging=1,
                                    sleutel=f"a11y-{nr}")  # fmt: skip
    for _ in range(3):
        SignaalFactory(persoon=met_pip.persoon, wet=Wet.WI2021)
    d.personen["wi2021_pip"] = met_pip.persoon
    zonder = plicht("Tesfay", pip_venster_start=vandaag - timedelta(days=10), pip_venster_gemeente=groningen)
    d.personen["wi2021_zonder_pip"] = zonder.persoon
    leerbaarheidstoetsen(met_pip, zonder, vandaag)
    d.personen["wi2021_gezin"] = plicht("Rossi", doelgroep=c.Doelgroep.GEZINSMIGRANT).persoon
    d.personen["wi2021_voortgang"] = voortgang(plicht, groningen, vandaag, d)
    d.personen["wi2021_bio"] = bio_gevraagd(plicht, vandaag)
    from tests.wi2021.z_route_data import z_route_certificaat, z_route_klaar

    d.personen["wi2021_z_route"] = z_route_klaar(plicht("Battuta"), groningen, vandaag)
    d.certificaat = z_route_certificaat(plicht("Ibrahimi"), groningen, vandaag).pk
    return d


def leerbaarheidstoetsen(met_pip, zonder, vandaag):
    """B-6/S-21…S-23 through DUO's chain-event services: `wi2021_pip` took the LBT twice (result N, then a new
    aanmelding after a request), `wi2021_zonder_pip` is aangemeld (Onthef possible)."""
    from wi2021 import duo

    for plicht, nr in ((met_pip, "a11y-lbt-1"), (zonder, "a11y-lbt-3")):
        duo.lbt_aanmelden(actor="DUO", persoon=plicht.persoon, examennummer=nr,
                          datum_aanmelding=vandaag - timedelta(days=50))  # fmt: skip
    duo.lbt_uitslag(actor="DUO", persoon=met_pip.persoon, examennummer="a11y-lbt-1",
                    datum_toetsafname=vandaag - timedelta(days=20), resultaat="N", maximum_score=40,
                    behaalde_score=12, benodigde_score=31)  # fmt: skip


def voortgang(plicht, groningen, vandaag, d: Demo):
    """A Wi2021 asielstatushouder further on (B-3, B-8…B-10), written through the services as a caseworker
    would: an aanbod at an instelling (changed once, for the history), a MAP and a PVT result, uren of a
    gemeente kind and at the instelling, and a contactpersoon with this person in the caseload (plus a
    second one to hand the caseload to)."""
    from django.contrib.auth import get_user_model

    from tests.wi2021.aanbod_data import instelling
    from wi2021 import constants as c
    from wi2021 import services_aanbod, services_contactpersonen, services_map_pvt, services_uren
    from wi2021.models import INSTELLING_UREN, Pip, Traject, Urensoort, urenkenmerk

    medewerker = get_user_model().objects.get(username="medewerker")
    wie = {"actor": medewerker, "gemeente": groningen}
    p = plicht("Nguyen", pip_venster_start=vandaag - timedelta(days=40), pip_venster_gemeente=groningen)
    Pip.objects.create(
        plicht=p, gemeente=groningen, geregistreerd_op=timezone.now() - timedelta(days=3),
        initieel_geregistreerd_op=timezone.now() - timedelta(days=3), dagtekening=vandaag - timedelta(days=5),
        dagtekening_initieel=vandaag - timedelta(days=5), leerroute=c.Leerroute.B1, niveau=c.Niveau.B1,
        alfabetisering=c.Alfabetisering.NVT, geschatte_uren=600,
    )  # fmt: skip
    persoon = p.persoon
    school = instelling("Taalcentrum Noord")
    gegevens = {"instelling": school, "datum_inschrijving": vandaag - timedelta(days=4),
                "datum_start": vandaag - timedelta(days=3), "alfabetisering": c.Alfabetisering.NVT}  # fmt: skip
    aanbod = services_aanbod.aanbod_toevoegen(**wie, persoon=persoon, data=gegevens)
    services_aanbod.aanbod_wijzigen(**wie, persoon=persoon, aanbod=aanbod.pk, versie=aanbod.versiekenmerk,
                                    data={**gegevens, "datum_start": vandaag - timedelta(days=2)})  # fmt: skip
    d.aanbod = aanbod.pk
    for traject in (Traject.MAP, Traject.PVT):
        services_map_pvt.traject_doorgeven(
            **wie, persoon=persoon, traject=traject, datum=vandaag - timedelta(days=1)
        )
    services_uren.uren_doorgeven(**wie, persoon=persoon, soort=Urensoort.PARTICIPATIE, aantal=12,
                                 datum_tot=vandaag - timedelta(days=1), versie=urenkenmerk([None]))  # fmt: skip
    services_uren.uren_instelling_doorgeven(
        **wie, persoon=persoon, instelling_id=school.pk, totalen=dict(zip(INSTELLING_UREN, (40, 2, 5), strict=True)),
        datum_tot=vandaag - timedelta(days=1), versie=urenkenmerk([None] * len(INSTELLING_UREN)),
    )  # fmt: skip
    contact = {"telefoon": "050-1234567", "algemeen": False}
    cp = services_contactpersonen.contactpersoon_toevoegen(
        **wie, data={**contact, "naam": "Sanne Visser", "email": "s.visser@groningen.example"}
    ).contactpersoon
    services_contactpersonen.contactpersoon_toevoegen(
        **wie,
        data={**contact, "naam": "Ahmed Bouali", "email": "a.bouali@groningen.example", "algemeen": True},
    )
    services_contactpersonen.koppelen(**wie, persoon=persoon, contactpersoon_id=cp.pk)
    d.contactpersoon = cp.pk
    return persoon


def bio_gevraagd(plicht, vandaag):
    """A Wi2021 person DUO asked the advice on an aanvraag ontheffing BIO about (SS140, B-14, S-46…S-48)."""
    from wi2021 import duo

    persoon = plicht("Karimi").persoon
    duo.bio_advies_vragen(
        actor="duo", persoon=persoon, aanvraag_id="a11y-bio", datum=vandaag - timedelta(days=3)
    )
    return persoon


# --- What the caseworker does on a page before axe runs ------------------------------------------------


def invullen(page, waarden: dict[str, str], knop: str) -> None:
    for label, waarde in waarden.items():
        veld = page.get_by_label(label)
        if veld.evaluate("e => e.tagName") == "SELECT":
            veld.select_option(label=waarde)
        else:
            veld.fill(waarde)
    page.get_by_role("button", name=knop, exact=True).click()
    page.wait_for_load_state()


def inloggen_fout(page, demo):
    invullen(page, {"Gebruikersnaam": "medewerker", "Wachtwoord": "fout"}, "Inloggen")


def inloggen_geblokkeerd(page, demo):
    for _ in range(5):  # AXES_FAILURE_LIMIT: the fifth wrong password shows the lockout page
        page.goto(page.url)
        invullen(page, {"Gebruikersnaam": "geblokkeerd", "Wachtwoord": "fout"}, "Inloggen")


def activatiecode_fout(page, demo):
    invullen(page, {"Activatiecode": "ABCD-EFGH-JKMN"}, "Verder")


def reservecode_fout(page, demo):
    invullen(page, {"Reservecode": "1234"}, "Inloggen")


def activeren(page, demo):
    from inburgering.activatie import activatiecode_uitgeven

    beheerder = UserFactory(username="a11y-beheerder", is_staff=True, is_superuser=True)
    invullen(page, {"Activatiecode": activatiecode_uitgeven(actor=beheerder, user=demo.nieuw)}, "Verder")


def koppelen(page, demo):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    sleutel = TOTPDevice.objects.get(user=demo.nieuw, confirmed=False).bin_key
    invullen(page, {"Code": f"{totp(sleutel):06d}"}, "Koppelen")  # then the backup codes, shown once


def bsn_fout(page, demo):
    invullen(page, {"Burgerservicenummer": "123456789"}, "Zoek")


def bsn_zoeken(sleutel: str, knop: str = "Zoek"):
    def doe(page, demo):
        invullen(page, {"Burgerservicenummer": demo.personen[sleutel].bsn}, knop)

    return doe


def bsn_elders(page, demo):
    from inburgering.models import Persoon

    elders = Persoon.objects.exclude(woongemeente__code="0014").filter(wet=Wet.WI2013).first()
    invullen(page, {"Burgerservicenummer": elders.bsn}, "Zoek")


def contact_fout(page, demo):
    page.get_by_label("Naam").fill("Eva de Boer")
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Verstuur").click()


def signalen_fout(page, demo):
    invullen(page, {"Datum t/m": "31-02-2024"}, "Zoek")


def signalen_niets_gevonden(page, demo):
    invullen(page, {"Datum t/m": "01-01-1990"}, "Zoek")


def wi2007_overig(page, demo):
    invullen(page, {"Geslacht": "Vrouw"}, "Zoek")


def wi2007_fout(page, demo):
    invullen(page, {"A-nummer": "12"}, "Zoek")


def wi2007_niets_gevonden(page, demo):
    invullen(page, {"Burgerservicenummer": "111222333"}, "Zoek")


def wi2007_meer(page, demo):
    page.get_by_text("Meer ▾").click()


def wi2013_fout(page, demo):
    page.get_by_label("vanaf").first.fill("31-02-2024")
    page.get_by_role("button", name="Zoeken").click()


def wi2013_lijst(page, demo):
    page.locator("input[name=pvt_plichtig][value=J]").check()
    page.get_by_role("button", name="Zoeken").click()


def wi2013_niets_gevonden(page, demo):
    invullen(page, {"Burgerservicenummer": "111222333"}, "Zoeken")


def wi2013_wijzigen_fout(page, demo):
    invullen(page, {"Datum start deelname PV-traject": "31-02-2024"}, "Versturen")


def factuur_fout(page, demo):
    invullen(page, {"Factuurnummer": "F-1 ongeldig"}, "Versturen")


def wi2021_overig(page, demo):
    invullen(page, {"Doelgroep": "Asielstatushouder"}, "Zoek")


def wi2021_overig_leeg(page, demo):
    page.get_by_role("button", name="Zoek", exact=True).click()


def wi2021_niets_gevonden(page, demo):
    invullen(page, {"Achternaam": "Bestaatniet"}, "Zoek")


def wi2021_printen(page, demo):
    wi2021_overig(page, demo)
    page.goto(page.url + "&printen=1")


def historie_open(page, demo):
    page.locator("summary").first.click()


def verder(page) -> None:
    """'Verder' on a wizard step, confirming a LET OP box (D-07) when the step asks for it."""
    page.get_by_role("button", name="Verder").click()
    bevestiging = page.locator("input[name=bevestiging]")
    if bevestiging.count():
        bevestiging.check()
        page.get_by_role("button", name="Verder").click()


def pip_stap1_fouten(page, demo):
    page.get_by_role("button", name="Verder").click()


def pip_stap1_invullen(page, demo) -> None:
    page.get_by_label("Datum dagtekening PIP").fill(f"{timezone.localdate() - timedelta(days=2):%d-%m-%Y}")
    page.get_by_label("Leerroute").select_option(label="B1-route")
    page.get_by_label("Niet van toepassing").check()
    verder(page)


def pip_stap2_fouten(page, demo):
    pip_stap1_invullen(page, demo)
    page.get_by_label("Geschatte uren intensiteit in de opleiding").fill("abc")
    verder(page)


def pip_stap3(page, demo):
    pip_stap1_invullen(page, demo)
    page.get_by_label("Geschatte uren intensiteit in de opleiding").fill("600")
    verder(page)


def pip_wijzigen_stap3(page, demo):
    verder(page)
    verder(page)


def bewaar_leeg(page, demo):
    page.get_by_role("button", name="Bewaar").click()
    page.wait_for_load_state()


def bevestig_leeg(page, demo):
    page.get_by_role("button", name="Bevestig").click()
    page.wait_for_load_state()


def aanbod_fout(page, demo):
    invullen(
        page, {"Datum inschrijving instelling": "31-02-2024", "Datum start opleiding": "morgen"}, "Bewaar"
    )


def uren_fout(page, demo):
    invullen(page, {"Nieuw totaal aantal uren": "twaalf", "Datum totaal aantal uren": "31-02-2024"}, "Bewaar")


def contactpersoon_fout(page, demo):
    invullen(page, {"E-mailadres": "geen-adres"}, "Bewaar")


def bio_verder_leeg(page, demo):
    page.get_by_role("button", name="Verder").click()
    page.wait_for_load_state()


def bio_verstuur_fout(page, demo):
    page.get_by_role("button", name="Verstuur").click()
    page.wait_for_load_state()


def waardepapieren_fout(page, demo):
    invullen(page, {"Naam besteller": "Jan Jansen", "postcode": "12345"}, "Bestel")


def waardepapieren_letop(page, demo):
    page.get_by_label("Soort waardepapier").select_option(label="PVT")
    invullen(page, {"Naam besteller": "Jan Jansen", "E-mailadres besteller": "jan@groningen.example",
                    "Aantal sets waardepapieren (PVT set 25 stuks, Z-route set 50 stuks)": "6",
                    "postcode": "9712 CP", "huisnummer": "1", "Straat": "Grote Markt", "Plaats": "Groningen"},
            "Bestel")  # fmt: skip


class Pagina:
    """One page in one state; see the module docstring. URL kwargs: `persoon` names a key of Demo.personen."""

    def __init__(self, naam: str | None, toestand: str, *, query: str = "", doe: Callable | None = None,
                 als: str | None = "medewerker", tweefactor: bool = False, pad: str = "", **kwargs):  # fmt: skip
        self.naam = naam  # the URL name the visit must land on; None: a page without one (404)
        self.toestand, self.query, self.doe, self.als, self.tweefactor = toestand, query, doe, als, tweefactor
        self.pad = pad  # a literal start path instead of the URL name (a search tab, an unknown URL)
        self.kwargs = kwargs

    def url(self, demo: Demo) -> str:
        if self.pad:
            return self.pad
        # `aanbod=...`, `contactpersoon=...`: the demo's one (Demo.aanbod, Demo.contactpersoon).
        kwargs = {k: demo.personen[v].pk if k == "persoon" else getattr(demo, k) if v is ... else v
                  for k, v in self.kwargs.items()}  # fmt: skip
        return reverse(self.naam, kwargs=kwargs) + (f"?{self.query}" if self.query else "")


P = Pagina
PIP = "wi2021_pip"
ZONDER = "wi2021_zonder_pip"
VOORTGANG = "wi2021_voortgang"
BIO = "wi2021_bio"
PAGINAS = [
    # Not logged in: login, its error, the lockout page, the accessibility statement.
    P("login", "leeg", als=None),
    P("login", "onjuist wachtwoord", als=None, doe=inloggen_fout),
    P("login", "geblokkeerd na vijf pogingen (axes)", als=None, doe=inloggen_geblokkeerd),
    P("inburgering:toegankelijkheid", "niet ingelogd", als=None),
    P(None, "404-pagina", als=None, pad="/bestaat-niet/"),
    # Start, Onder welke wet, contact, downloads, statement.
    P("inburgering:start", "alle rollen, open signalen in de navigatie"),
    P("inburgering:start", "alleen leesrollen", als="raadpleger"),
    P("inburgering:start", "geen rol voor de gekozen gemeente", als="zonder-rol"),
    P("inburgering:wet_zoeken", "leeg"),
    P("inburgering:wet_zoeken", "ongeldig BSN", doe=bsn_fout),
    P("inburgering:wet_zoeken", "persoon in eigen gemeente", doe=bsn_zoeken("wi2013")),
    P("inburgering:wet_zoeken", "persoon in andere gemeente", doe=bsn_elders),
    P("inburgering:contact", "leeg"),
    P("inburgering:contact", "formulier met fouten", doe=contact_fout),
    P("inburgering:toegankelijkheid", "ingelogd"),
    P("downloads:lijst", "bestanden van de demo-gemeente"),
    P("wi2013:wijzigen", "403-pagina voor de leesrol", persoon="wi2013", als="raadpleger"),
    # Signals of each law.
    P("signalen:zoeken", "Wi2007", wet="wi2007"),
    P("signalen:zoeken", "Wi2013 met een fout", wet="wi2013", doe=signalen_fout),
    P("signalen:zoeken", "Wi2021", wet="wi2021"),
    P("signalen:selecteren", "open signalen Wi2013, selecteerbaar", wet="wi2013", query="open=1"),
    P("signalen:selecteren", "alle signalen Wi2007", wet="wi2007", query="alle=1"),
    P("signalen:selecteren", "printpagina", wet="wi2013", query="open=1&printen=1"),
    P("signalen:selecteren", "alleen lezen", wet="wi2021", query="open=1", als="raadpleger"),
    P("signalen:selecteren", "geen resultaten", pad="/signalen/wi2013/zoeken/", doe=signalen_niets_gevonden),
    # Wi2007.
    P("wi2007:zoeken", "tab nummers"),
    P("wi2007:zoeken", "tab overige velden", query="tab=overig"),
    P("wi2007:zoeken", "ongeldig A-nummer", doe=wi2007_fout),
    P("wi2007:gevonden", "geen resultaten", pad="/wi2007/zoeken/", doe=wi2007_niets_gevonden),
    P("wi2007:gevonden", "vrouwen in Groningen", pad="/wi2007/zoeken/?tab=overig", doe=wi2007_overig),
    *[
        P("wi2007:persoon", f"tab {tab}", persoon="wi2007", query=f"tab={tab}")
        for tab in (
            "persoonsgegevens",
            "indicatie",
            "handhaving",
            "voorziening",
            "vrijstelling",
            "boete",
            "examens",
        )
    ],  # fmt: skip
    P("wi2007:persoon", "menu 'Meer' open", persoon="wi2007", doe=wi2007_meer),
    # Wi2013.
    P("wi2013:zoeken", "leeg"),
    P("wi2013:zoeken", "ongeldige datum", doe=wi2013_fout),
    P("wi2013:gevonden", "geen resultaten", pad="/wi2013/zoeken/", doe=wi2013_niets_gevonden),
    P("wi2013:gevonden", "PVT-plichtigen", doe=wi2013_lijst, pad="/wi2013/zoeken/"),
    P("wi2013:persoon", "tab persoonsgegevens met historie", persoon="wi2013"),
    P("wi2013:persoon", "tab factuur, geen factuur", persoon="wi2013", query="tab=factuur"),
    P("wi2013:persoon", "tab factuur met factuur", persoon="wi2013_factuur", query="tab=factuur"),
    P("wi2013:persoon", "leesrol", persoon="wi2013", als="raadpleger"),
    P("wi2013:wijzigen", "formulier", persoon="wi2013"),
    P("wi2013:wijzigen", "formulier met fouten", persoon="wi2013", doe=wi2013_wijzigen_fout),
    P("wi2013:factuur_toevoegen", "formulier met fouten", persoon="wi2013", doe=factuur_fout),
    P("wi2013:factuur_toevoegen", "al een factuur (blokkade)", persoon="wi2013_factuur"),
    P("wi2013:factuur_wijzigen", "formulier", persoon="wi2013_factuur"),
    P("wi2013:factuur_verwijderen", "bevestiging", persoon="wi2013_factuur"),
    # Wi2021.
    P("wi2021:zoeken", "tab BSN"),
    P("wi2021:zoeken", "tab overige velden", query="tab=overig"),
    P("wi2021:zoeken", "ongeldig BSN", doe=bsn_fout),
    P("wi2021:zoeken", "overige velden leeg: fout", query="tab=overig", doe=wi2021_overig_leeg),
    P("wi2021:gevonden", "geen resultaten", pad="/wi2021/zoeken/?tab=overig", doe=wi2021_niets_gevonden),
    P("wi2021:gevonden", "op achternaam", pad="/wi2021/zoeken/?tab=overig", doe=wi2021_overig),
    P("wi2021:gevonden", "printpagina", pad="/wi2021/zoeken/?tab=overig", doe=wi2021_printen),
    P("wi2021:overzicht", "met PIP in de correctietermijn, meldingen, examens, verzoeken", persoon=PIP),
    P("wi2021:overzicht", "zonder PIP (LET OP, Geef door)", persoon=ZONDER),
    P("wi2021:overzicht", "gezinsmigrant, leesrol", persoon="wi2021_gezin", als="raadpleger"),
    P("wi2021:doelgroep_historie", "twee wijzigingen", persoon=PIP),
    P("wi2021:plicht_historie", "rij opengeklapt", persoon=PIP, doe=historie_open),
    P("wi2021:pip_historie", "rij opengeklapt", persoon=PIP, doe=historie_open),
    P("wi2021:pip_historie", "geen historie", persoon=ZONDER),
    P("wi2021:pip_doorgeven", "stap 1 leeg", persoon=ZONDER, stap=1),
    P("wi2021:pip_doorgeven", "stap 1 met fouten", persoon=ZONDER, stap=1, doe=pip_stap1_fouten),
    P("wi2021:pip_doorgeven", "stap 2 met fouten", persoon=ZONDER, stap=1, doe=pip_stap2_fouten),
    P("wi2021:pip_doorgeven", "stap 3 controleren", persoon=ZONDER, stap=1, doe=pip_stap3),
    P("wi2021:pip_doorgeven", "al een PIP (blokkade)", persoon=PIP, stap=1),
    P("wi2021:pip_wijzigen", "stap 1", persoon=PIP, stap=1),
    P("wi2021:pip_wijzigen", "stap 3", persoon=PIP, stap=1, doe=pip_wijzigen_stap3),
    P("wi2021:pip_verwijderen", "bevestiging", persoon=PIP),
    # Wi2021 progress: inburgeringsaanbod (S-32…S-36), MAP/PVT (S-37…S-42), uren (S-43, S-44).
    P("wi2021:overzicht", "met aanbod, MAP, PVT, uren en contactpersoon", persoon=VOORTGANG),
    P("wi2021:aanbod", "één aanbod, muteerbaar", persoon=VOORTGANG),
    P("wi2021:aanbod", "geen aanbod", persoon=PIP),
    P("wi2021:aanbod_historie", "een wijziging", persoon=VOORTGANG),
    P("wi2021:aanbod_toevoegen", "formulier", persoon=PIP),
    P("wi2021:aanbod_toevoegen", "formulier met fouten", persoon=PIP, doe=aanbod_fout),
    P("wi2021:aanbod_wijzigen", "formulier", persoon=VOORTGANG, aanbod=...),
    P("wi2021:aanbod_wijzigen", "formulier met fouten", persoon=VOORTGANG, aanbod=..., doe=aanbod_fout),
    P("wi2021:aanbod_intrekken", "bevestiging met uren (variant B)", persoon=VOORTGANG, aanbod=...),
    P("wi2021:map_doorgeven", "formulier", persoon=PIP),
    P("wi2021:map_doorgeven", "formulier met fouten", persoon=PIP, doe=bewaar_leeg),
    P("wi2021:map_doorgeven", "al doorgegeven (blokkade)", persoon=VOORTGANG),
    P("wi2021:map_wijzigen", "formulier", persoon=VOORTGANG),
    P("wi2021:map_verwijderen", "bevestiging", persoon=VOORTGANG),
    P("wi2021:pvt_doorgeven", "formulier met fouten", persoon=PIP, doe=bewaar_leeg),
    P("wi2021:pvt_wijzigen", "formulier", persoon=VOORTGANG),
    P("wi2021:pvt_verwijderen", "bevestiging", persoon=VOORTGANG),
    P("wi2021:uren_doorgeven", "geen uren tot nu toe", persoon=PIP, soort="brede-intake"),
    P(
        "wi2021:uren_doorgeven",
        "formulier met fouten",
        persoon=VOORTGANG,
        soort="participatie",
        doe=uren_fout,
    ),
    P("wi2021:uren_instelling", "met tot nu toe doorgegeven", persoon=VOORTGANG),
    P("wi2021:uren_instelling", "formulier met fouten", persoon=VOORTGANG, doe=bewaar_leeg),
    # Leerbaarheidstoets (B-6, S-21…S-23).
    P("wi2021:lbt_onthef", "bevestiging", persoon=ZONDER),
    P("wi2021:lbt_opnieuw", "formulier", persoon=PIP),
    P("wi2021:lbt_opnieuw", "formulier met fouten", persoon=PIP, doe=bevestig_leeg),
    P("wi2021:lbt_historie", "één poging met uitslag", persoon=PIP),
    # Contactpersonen 2021 (S-04…S-13).
    P("wi2021:contactpersonen", "twee contactpersonen"),
    P("wi2021:contactpersoon_toevoegen", "formulier"),
    P("wi2021:contactpersoon_toevoegen", "formulier met fouten", doe=contactpersoon_fout),
    P("wi2021:contactpersoon_wijzigen", "formulier", contactpersoon=...),
    P("wi2021:contactpersoon_verwijderen", "met caseload (variant B)", contactpersoon=...),
    P("wi2021:caseload", "één persoon", contactpersoon=...),
    P("wi2021:caseload_historie", "één koppeling", contactpersoon=...),
    P("wi2021:caseload_overdragen", "keuze", contactpersoon=..., query="verwijderen=1"),
    P("wi2021:contactpersoon_koppelen", "nog geen contactpersoon", persoon=PIP),
    P("wi2021:contactpersoon_koppelen", "wijzigen", persoon=VOORTGANG),
    P("wi2021:contactpersoon_ontkoppelen", "bevestiging", persoon=VOORTGANG),
    # Advies ontheffing BIO (S-46…S-48) and waardepapieren (S-54).
    P("wi2021:overzicht", "B-14 met open verzoek om advies BIO", persoon=BIO),
    P("wi2021:bio_advies", "uitleg en contactvraag", persoon=BIO),
    P("wi2021:bio_advies", "zonder antwoord: fout", persoon=BIO, doe=bio_verder_leeg),
    P("wi2021:bio_geen_contact", "pop-up Nee", persoon=BIO),
    P("wi2021:bio_toelichting", "formulier", persoon=BIO, query="contact=ja"),
    P(
        "wi2021:bio_toelichting",
        "formulier met fouten",
        persoon=BIO,
        query="contact=ja",
        doe=bio_verstuur_fout,
    ),
    P("wi2021:bio_advies", "geen verzoek (blokkade)", persoon=PIP),
    P("wi2021:waardepapieren", "formulier"),
    P("wi2021:waardepapieren", "formulier met fouten", doe=waardepapieren_fout),
    P("wi2021:waardepapieren", "LET OP meer dan 4 sets", doe=waardepapieren_letop),
    # Z-route: eindgesprek (S-49, S-50) and certificaten (S-51, S-52).
    P("wi2021:eindgesprek_uitleg", "uitleg", persoon="wi2021_z_route"),
    P("wi2021:eindgesprek_datum", "formulier", persoon="wi2021_z_route"),
    P("wi2021:eindgesprek_datum", "formulier met fouten", persoon="wi2021_z_route", doe=bewaar_leeg),
    P("wi2021:z_certificaten", "één certificaat"),
    P("wi2021:z_certificaat_afhandelen", "bevestiging", certificaat=...),
    # The second factor, switched on for these pages only.
    P("tweefactor", "activatiecode", als="nieuw", tweefactor=True),
    P("tweefactor", "onjuiste activatiecode", als="nieuw", tweefactor=True, doe=activatiecode_fout),
    P("tweefactor_reservecode", "onjuiste reservecode", als="nieuw", tweefactor=True, doe=reservecode_fout),
    P("tweefactor", "app koppelen (QR-code)", als="nieuw", tweefactor=True, doe=activeren),
    P("tweefactor", "reservecodes", pad="/inloggen/code/", als="nieuw", tweefactor=True, doe=koppelen),
    P("tweefactor", "code uit de app", als="raadpleger", tweefactor=True),
]


# --- The tests -----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _chromium():
    if not shutil.which("chromium"):
        skip_or_fail("Chromium is not installed (apt-get install chromium)")


def test_item2_the_sweep_covers_every_get_url_name():
    """A page added to the URLconf without an entry in PAGINAS (or an entry for a page that is gone) fails."""
    gecontroleerd = {p.naam for p in PAGINAS if p.naam}
    assert sorted(get_url_namen() - gecontroleerd) == [], "pagina's zonder regel in PAGINAS"
    assert sorted(gecontroleerd - get_url_namen()) == [], "regels in PAGINAS voor onbekende URL-namen"


def url_naam(url: str) -> str | None:
    try:
        return resolve(urlparse(url).path).view_name
    except Resolver404:
        return None


def test_item2_every_page_meets_wcag21_aa(browser, live_server, demo, settings):
    UserFactory(username="zonder-rol")
    sessies: dict[str | None, object] = {}

    def pagina_voor(gebruiker: str | None):
        if gebruiker not in sessies:
            context = browser.new_context(base_url=live_server.url)
            context.set_default_timeout(5000)  # a missing label fails in seconds, not after Playwright's 30
            page = context.new_page()
            if gebruiker:
                page.goto("/inloggen/")
                page.get_by_label("Gebruikersnaam").fill(gebruiker)
                page.get_by_label("Wachtwoord").fill(WACHTWOORD)
                page.get_by_role("button", name="Inloggen").click()
                page.wait_for_url(lambda url: "/inloggen/" not in url)
            sessies[gebruiker] = page
        return sessies[gebruiker]

    overtredingen: dict[str, list[str]] = {}
    niet_bereikt: dict[str, str] = {}  # collected, not raised: one run tells every page that needs work
    bezocht: set[str | None] = set()
    for p in PAGINAS:
        wat = f"{p.naam} — {p.toestand}"
        settings.PIB_TWEE_FACTOR = False
        page = pagina_voor(p.als)
        settings.PIB_TWEE_FACTOR = p.tweefactor
        try:
            page.goto(p.url(demo))
            if p.doe:
                p.doe(page, demo)
            page.wait_for_load_state()
        except Exception as fout:  # noqa: BLE001 (reported with the page it happened on)
            niet_bereikt[wat] = f"{type(fout).__name__}: {str(fout)[:300]}"
            continue
        if (landde_op := url_naam(page.url)) != p.naam:
            niet_bereikt[wat] = f"landde op {landde_op} ({page.url})"
            continue
        bezocht.add(p.naam)
        if gevonden := axe_violations(page) + eigen_controles(page):
            overtredingen[wat] = gevonden
    for page in sessies.values():
        page.context.close()
    if rapport := os.environ.get("PIB_AXE_RAPPORT"):  # a JSON report of the sweep, e.g. for an audit
        gecontroleerd = [f"{p.naam} — {p.toestand}" for p in PAGINAS]
        Path(rapport).write_text(json.dumps({"gecontroleerd": gecontroleerd, "overtredingen": overtredingen,
                                             "niet_bereikt": niet_bereikt}, indent=2, ensure_ascii=False))  # fmt: skip
    assert not niet_bereikt, pformat(niet_bereikt, width=120)
    assert not overtredingen, pformat(overtredingen, width=120)
    assert bezocht - {None} == get_url_namen()


# --- Keyboard (item 3) -----------------------------------------------------------------------------------

# The element with the focus: its accessible text, and whether the focus shows (axe.RING).
FOCUS = (
    """() => {
  const e = document.activeElement;
  const tekst = (e.labels && e.labels[0] ? e.labels[0].innerText : '') || e.innerText || e.value || e.getAttribute('aria-label') || '';
  return {tekst: tekst.trim().replace(/\\s+/g, ' '), tag: e.tagName, zichtbaar: ("""
    + RING
    + """)(getComputedStyle(e)), in_main: !!e.closest('main')};
}"""
)


class Toetsenbord:
    """Tab, Enter and Space only; remembers every focused element whose focus did not show."""

    def __init__(self, page):
        self.page = page
        self.onzichtbaar: list[str] = []

    def focus(self) -> dict:
        return self.page.evaluate(FOCUS)

    def tab(self) -> dict:
        self.page.keyboard.press("Tab")
        focus = self.focus()
        if not focus["zichtbaar"] and focus["tag"] != "BODY":  # BODY: Tab went past the last element
            self.onzichtbaar.append(f"{self.page.url}: <{focus['tag']}> {focus['tekst'][:60]}")
        return focus

    def tab_naar(self, tekst: str, max_stappen: int = 120) -> dict:
        for _ in range(max_stappen):
            focus = self.tab()
            if focus["tekst"].startswith(tekst):
                return focus
        raise AssertionError(f"'{tekst}' is met Tab niet te bereiken op {self.page.url}")

    def druk(self, toets: str, *, nieuwe_pagina: bool = True) -> None:
        if not nieuwe_pagina:
            return self.page.keyboard.press(toets)
        with self.page.expect_navigation():
            self.page.keyboard.press(toets)


@pytest.fixture
def wi2013_persoon(transactional_db):
    from tests.factories import GemeenteFactory
    from wi2013.models import Wi2013Persoon

    groningen = GemeenteFactory(code="0014", naam="Groningen", iban="NL91ABNA0417164300")
    UserFactory(username="medewerker", rollen={groningen: ["WI2013", "WI2013MUT"]})
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013, achternaam="Bakker")
    Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=date(2024, 1, 1),
                                 datum_einde_pvt_plicht=date(2025, 1, 1))  # fmt: skip
    SignaalFactory(persoon=persoon, wet=Wet.WI2013)
    return persoon


def test_item3_search_person_change_with_an_error_by_keyboard_only(page, live_server, wi2013_persoon):
    """Wi2013: log in, skip link, the part on the start screen, search by BSN, the person, Wijzigen, an error
    announced in the summary and at the field, fix it through the summary's link, save — no mouse."""
    t = Toetsenbord(page)
    page.goto(f"{live_server.url}/inloggen/")
    t.tab_naar("Direct naar de inhoud")
    t.tab_naar("Gebruikersnaam")
    page.keyboard.type("medewerker")
    t.tab_naar("Wachtwoord")
    page.keyboard.type(WACHTWOORD)
    t.druk("Enter")
    page.wait_for_url(f"{live_server.url}/")

    # The skip link is the first Tab stop, shows when focused, and puts the next Tab inside <main>.
    focus = t.tab()
    assert focus["tekst"] == "Direct naar de inhoud"
    assert page.locator(".pib-skiplink").bounding_box()["x"] >= 0  # on screen, not parked at -9999px
    t.druk("Enter", nieuwe_pagina=False)
    assert page.url.endswith("#inhoud")
    assert t.tab()["in_main"]

    t.tab_naar("Raadplegen en muteren persoon 2013")
    t.druk("Enter")
    t.tab_naar("Burgerservicenummer")
    page.keyboard.type(wi2013_persoon.bsn)
    t.druk("Enter")
    page.get_by_role("heading", name="Persoonsgegevens").wait_for()

    t.tab_naar("Wijzigen")
    t.druk("Enter")
    t.tab_naar("Datum start deelname PV-traject")
    page.keyboard.type("15-11-2024")
    t.tab_naar("Reden niet voldaan aan PVT-plicht")
    page.keyboard.type("Persoon weigert")  # type-ahead in the closed select
    t.tab_naar("Versturen")
    t.druk("Space")

    # The error: the summary has the focus (read first by a screen reader) and links to the field.
    samenvatting = page.locator("#foutenoverzicht")
    assert "moet leeg zijn bij de reden" in samenvatting.inner_text()
    assert page.evaluate("document.activeElement.id") == "foutenoverzicht"
    veld = page.get_by_label("Datum start deelname PV-traject")
    assert veld.get_attribute("aria-invalid") == "true"
    beschrijving = veld.get_attribute("aria-describedby").split()
    assert any("moet leeg zijn" in page.locator(f"#{i}").inner_text() for i in beschrijving)
    t.tab_naar(page.locator("#foutenoverzicht a").first.inner_text())
    t.druk("Enter", nieuwe_pagina=False)
    assert page.evaluate("document.activeElement.id") == "id_datum_start_deelname"
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    t.tab_naar("Versturen")
    t.druk("Enter")
    page.get_by_text("Voorlopig geregistreerd").wait_for()
    assert t.onzichtbaar == [], "focus niet zichtbaar"


# The WCAG 2.x contrast ratio of the counter's text on its own background, as the browser paints it.
CONTRAST = """(e) => {
  const rgb = (kleur) => kleur.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (k) => { const [r, g, b] = rgb(k).map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const s = getComputedStyle(e);
  const [a, b] = [lum(s.color), lum(s.backgroundColor)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_item1_open_signal_counter_text_has_at_least_4_5_to_1(page, live_server, wi2013_persoon):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("medewerker")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    for pad in ("/", "/signalen/wi2013/zoeken/"):  # on the blue bar, and in the active (white) item
        page.goto(live_server.url + pad)
        teller = page.locator(".pib-teller").first
        assert teller.inner_text() == "1"
        assert teller.evaluate(CONTRAST) >= 4.5
    link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name=re.compile(r" 1 open signalen$")
    )
    assert link.count() == 1  # a screen reader hears what the number counts
