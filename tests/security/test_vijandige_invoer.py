"""Issue 8 item 8: hostile input on every page of the portal gives a Dutch answer, never a 5xx.

The sweep knows no page by name: it walks the URLconf, follows the links and forms it finds, and sends
hostile values to every form field and every list parameter. New pages and fields are covered without
touching this file. Run it on PostgreSQL too: a NUL byte only breaks there.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404

import pytest

from inburgering.constants import Wet
from inburgering.models import Gemeente, Persoon
from signalen.models import Signaal
from tests.factories import PersoonFactory, SignaalFactory
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db

VIJANDIG = {
    "lang": "x" * 10_000,
    "nul": "ab\x00cd",
    "stuurteken": "ab\x1b[31mcd",
    "rtl_emoji": "\u202egnp.exe \U0001f600",
    "html": '<script>alert("x")</script><b onmouseover=alert(1)>',
    "formule": "=cmd|' /C calc'!A0",
    "datum_31_02": "31-02-2021",
    "datum_nul": "00-00-0000",
    "datum_1899": "01-01-1899",
    "groot": "9" * 25,
    "negatief": "-1",
    "superscript": "²³",
}
# Each request costs time: text fields get everything, the others what can go wrong with them.
PER_SOORT = {
    "tekst": VIJANDIG,
    "datum": {
        s: VIJANDIG[s]
        for s in ("datum_31_02", "datum_nul", "datum_1899", "lang", "nul", "superscript", "formule")
    },
}
KORT = {soort: VIJANDIG[soort] for soort in ("lang", "nul", "groot", "superscript")}
# Values no field may accept; a page that shows no error for them has swallowed them.
ALTIJD_FOUT = ("nul", "stuurteken")
# Not a date: the shared date field refuses these with its one message.
GEEN_DATUM = ("lang", "rtl_emoji", "html", "formule", "datum_31_02", "datum_nul", "datum_1899", "groot",
              "negatief", "superscript")  # fmt: skip
DATUMFOUT = "Voer een geldige datum in."
# The Wi2021 screens use the manual's own wording (seed 001 §4.2): FS 999 "<veldnaam>: Datum is ongeldig",
# and for a real but too early date (01-01-1899) the PIP's FS 677.
DATUMFOUTEN = (DATUMFOUT, "Datum is ongeldig", "moet op of na startdatum inburgeringsplicht liggen")
STUURTEKENFOUT = "ongeldig teken"
LIJSTPARAMETERS = {
    "per_page": ["-1", "0", "100000", "abc", "2.5", "1e3", ""],
    "page": ["-1", "0", "abc", "2.5", "99999", ""],
    "sort": ["onbekend", "-", "--datum", "datum,bsn", "__class__", ""],
}
# Pages that log out or stream a file: their forms and links are no input pages.
OVERSLAAN = re.compile(r"logout|afbreken|download$|pdf$")
FOUTMARKERING = ("pib-error", "utrecht-alert", "errornote", "errorlist")


def tekst(response) -> str:
    """The page, or a download's content (the demo's documents stream their file; read once)."""
    if not response.streaming:
        return response.content.decode(errors="replace")
    if not hasattr(response, "pib_inhoud"):
        response.pib_inhoud = b"".join(response.streaming_content)
    return response.pib_inhoud.decode(errors="replace")


@dataclass
class Veld:
    naam: str
    soort: str  # tekst, datum, keuze, vinkje, verborgen, knop
    waarden: list[str] = field(default_factory=list)  # what a browser submits untouched


@dataclass
class Formulier:
    methode: str
    actie: str
    velden: list[Veld] = field(default_factory=list)
    knoppen: list[tuple[str, str]] = field(default_factory=list)  # (name, value); name "" = nameless

    def sleutel(self) -> tuple:
        return self.methode, urlsplit(self.actie).path, tuple(sorted({v.naam for v in self.velden}))

    def basis(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for veld in self.velden:
            if veld.waarden:
                data.setdefault(veld.naam, []).extend(veld.waarden)
        return data


class FormulierLezer(HTMLParser):
    """The forms of a page as a browser would submit them (checked boxes, selected options, buttons)."""

    def __init__(self, pagina_url: str):
        super().__init__(convert_charrefs=True)
        self.pagina_url = pagina_url
        self.formulieren: list[Formulier] = []
        self.links: list[str] = []
        self._form: Formulier | None = None
        self._select: Veld | None = None
        self._opties: list[tuple[str, bool]] = []
        self._textarea: Veld | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        naam = a.get("name", "")
        if tag == "a" and a.get("href", "").startswith(("/", "?")):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Formulier(a.get("method", "get").lower(), a.get("action") or self.pagina_url)
            self.formulieren.append(self._form)
        elif tag == "option" and self._select is not None:
            self._opties.append((a.get("value", ""), "selected" in a))
        elif self._form is None:
            return
        elif tag == "input":
            self._input(a.get("type", "text").lower(), naam, a)
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._form.knoppen.append((naam, a.get("value", "")))
        elif tag == "select" and naam:
            self._select, self._opties = Veld(naam, "keuze"), []
        elif tag == "textarea" and naam:
            self._textarea = Veld(naam, "tekst", [""])

    def _input(self, soort: str, naam: str, a: dict) -> None:
        if soort in ("submit", "image"):
            self._form.knoppen.append((naam, a.get("value", "")))
        elif not naam:
            return
        elif soort in ("checkbox", "radio"):
            veld = next((v for v in self._form.velden if v.naam == naam), None)
            if veld is None:
                veld = Veld(naam, "vinkje")
                self._form.velden.append(veld)
            if "checked" in a:
                veld.waarden.append(a.get("value", "on"))
        else:
            soort = (
                "datum"
                if "dd-mm-jjjj" in a.get("placeholder", "")
                else "verborgen"
                if soort == "hidden"
                else "tekst"
            )
            self._form.velden.append(Veld(naam, soort, [a.get("value", "")]))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.waarden[0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            gekozen = [w for w, s in self._opties if s] or [w for w, _ in self._opties[:1]]
            self._select.waarden = gekozen[:1]
            self._form.velden.append(self._select)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.velden.append(self._textarea)
            self._textarea = None


def _naam(pad: str) -> str | None:
    try:
        match = resolve(pad)
    except Resolver404:
        return None
    return match.view_name


def _slugs(pad: str) -> tuple:
    try:
        return tuple(sorted((k, v) for k, v in resolve(pad).kwargs.items() if not isinstance(v, int)))
    except Resolver404:
        return ()


def _patronen(resolver: URLResolver | None = None, prefix: str = "", ns: str = ""):
    """Every URL pattern of the portal as (route, view name); the admin has its own sweep below."""
    resolver = resolver or get_resolver()
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            if patroon.namespace == "admin" or patroon.app_name == "admin":
                continue
            sub_ns = f"{ns}{patroon.namespace}:" if patroon.namespace else ns
            yield from _patronen(patroon, prefix + str(patroon.pattern), sub_ns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield prefix + str(patroon.pattern), ns + patroon.name


@dataclass
class Bevinding:
    wat: str
    status: int
    detail: str = ""

    def __str__(self):
        return f"{self.status} {self.wat} {self.detail}"[:300]


@dataclass
class Sweep:
    client: Client
    personen: list[int]
    wetten: list[str]
    bevindingen: list[Bevinding] = field(default_factory=list)
    bezocht: set = field(default_factory=set)
    formulieren: set = field(default_factory=set)
    lijsten: set = field(default_factory=set)
    gedekt: set = field(default_factory=set)  # view names whose forms were attacked
    velden_gedekt: set = field(default_factory=set)
    links: set = field(default_factory=set)
    opmaak: set = field(default_factory=set)  # action paths of the layout's forms (gemeente, uitloggen)
    # The portal answers every hostile value with a message; the admin's search just finds nothing.
    eis_foutmelding: bool = True
    volgen: bool = True  # links and the pages the untouched forms lead to

    def _antwoord(self, methode: str, url: str, data=None):
        if methode == "post":
            response = self.client.post(url, data or {}, follow=True)
        else:
            pad = urlsplit(url).path if data is not None else url
            response = self.client.get(pad, data, follow=True)
        return response

    def _controleer(self, response, wat: str, *, verwacht: str | tuple | None = None, feedback: bool = False):
        if response.status_code >= 500:
            self.bevindingen.append(Bevinding(wat, response.status_code))
            return
        pagina = tekst(response)
        verwachte = (verwacht,) if isinstance(verwacht, str) else verwacht or ()
        if verwachte and not any(v in pagina for v in verwachte):
            self.bevindingen.append(Bevinding(wat, response.status_code, f"zonder '{verwachte[0]}'"))
        elif feedback and not any(m in pagina for m in FOUTMARKERING):
            self.bevindingen.append(Bevinding(wat, response.status_code, "zonder foutmelding"))

    # --- pages ----------------------------------------------------------------------------------
    def startpunten(self) -> list[list[str]]:
        """Per URL pattern the candidate URLs; the layout's forms are those of the start page."""
        start = self.client.get(reverse(settings.LOGIN_REDIRECT_URL), follow=True)
        self.opmaak = {f.sleutel()[1] for f in self._lees(start).formulieren}
        urls = []
        for route, naam in _patronen():
            if OVERSLAAN.search(naam):
                continue
            params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
            kandidaten = [{}]
            for _, param in params:
                waarden = {"wet": self.wetten, "persoon": self.personen}.get(param, ["1"])
                kandidaten = [{**k, param: w} for k in kandidaten for w in waarden]
            urls.append([reverse(naam, kwargs=k) for k in kandidaten])
        return urls

    def bezoek(self, kandidaten: list[str]) -> None:
        """The first candidate URL whose page has a form of its own (else the first one that answers)."""
        gekozen = None
        for url in kandidaten:
            response = self.client.get(url, follow=True)
            self._controleer(response, f"GET {url}")
            if response.status_code != 200:
                continue
            lezer = self._lees(response)
            eigen = [
                f
                for f in lezer.formulieren
                if not self._overgeslagen(f) and f.sleutel()[1] not in self.opmaak
            ]
            gekozen = gekozen or (url, response, lezer)
            if eigen:
                gekozen = (url, response, lezer)
                break
        if gekozen:
            self._pagina(*gekozen)

    def _lees(self, response) -> FormulierLezer:
        url = response.request["PATH_INFO"]
        if response.request.get("QUERY_STRING"):
            url += "?" + response.request["QUERY_STRING"]
        lezer = FormulierLezer(url)
        lezer.feed(tekst(response))
        return lezer

    def _overgeslagen(self, formulier: Formulier) -> bool:
        return bool(OVERSLAAN.search(_naam(urlsplit(formulier.actie).path) or ""))

    def _pagina(self, url: str, response, lezer: FormulierLezer) -> None:
        pad = urlsplit(url).path
        eigen = tuple(sorted(f.sleutel() for f in lezer.formulieren if not self._overgeslagen(f)))
        # The same view with other forms (a factuur that can be changed, or not) is another page here.
        sleutel = (_naam(pad), tuple(sorted(k for k, _ in parse_qsl(urlsplit(url).query))), eigen)
        if sleutel in self.bezocht:
            return
        self.bezocht.add(sleutel)
        if "pib-sort" in tekst(response):  # a sortable, paged table
            self.lijst(lezer.pagina_url)
        for formulier in lezer.formulieren:
            if not self._overgeslagen(formulier) and formulier.sleutel() not in self.formulieren:
                self.formulieren.add(formulier.sleutel())
                self.aanval(formulier)
        for link in lezer.links if self.volgen else []:
            doel = link if link.startswith("/") else pad + link
            naam = _naam(urlsplit(doel).path)
            # One link per view, slug and set of parameters: one sort link stands for all columns, one
            # person for all persons, but each law (a slug) has its own page.
            soort = (
                naam,
                _slugs(urlsplit(doel).path),
                tuple(sorted(k for k, _ in parse_qsl(urlsplit(doel).query))),
            )
            if (
                naam
                and not OVERSLAAN.search(naam)
                and not naam.startswith("admin:")
                and soort not in self.links
            ):
                self.links.add(soort)
                self.bezoek([doel])

    # --- forms ----------------------------------------------------------------------------------
    def aanval(self, formulier: Formulier) -> None:
        naam = _naam(urlsplit(formulier.actie).path)
        if not [v for v in formulier.velden if v.soort not in ("verborgen", "knop")]:
            return  # a confirmation (e.g. "Verwijderen"): nothing to type, submitting it only deletes data
        # The form's default action: an unnamed submit button (a named one such as "Toon" does something else).
        knop = (
            next((k for k in formulier.knoppen if not k[0]), formulier.knoppen[0])
            if formulier.knoppen
            else ("", "")
        )
        basis = formulier.basis()
        if knop[0]:
            basis.setdefault(knop[0], [knop[1]])
        doelwitten = [v for v in formulier.velden if v.naam != "csrfmiddlewaretoken"]
        doelwitten += [Veld(n, "knop") for n, _ in formulier.knoppen if n]
        for veld in doelwitten:
            if (naam, veld.naam) in self.velden_gedekt:
                continue  # the same field of the same view on another page (e.g. per law)
            self.velden_gedekt.add((naam, veld.naam))
            for soort, waarde in PER_SOORT.get(veld.soort, KORT).items():
                data = {**basis, veld.naam: [waarde]}
                wat = f"{formulier.methode.upper()} {formulier.actie} {veld.naam}={soort}"
                response = self._antwoord(formulier.methode, formulier.actie, data)
                verwacht = STUURTEKENFOUT if soort in ALTIJD_FOUT else None
                if verwacht is None and veld.soort == "datum" and soort in GEEN_DATUM:
                    verwacht = DATUMFOUTEN
                    blijft = response.status_code == 200 and not response.redirect_chain
                    if blijft and html.escape(waarde) not in response.content.decode():
                        self.bevindingen.append(Bevinding(wat, 200, "de ingevulde datum is weg"))
                # Hidden fields and buttons are no user input: they only must not break anything.
                gebruikersveld = self.eis_foutmelding and veld.soort not in ("verborgen", "knop")
                self._controleer(response, wat, verwacht=verwacht, feedback=gebruikersveld)
        self.gedekt.add(naam)
        if not self.volgen:
            return
        # What the untouched form leads to (a result list, the next form) is swept as well.
        for knopnaam, knopwaarde in formulier.knoppen or [("", "")]:
            data = {**formulier.basis(), **({knopnaam: [knopwaarde]} if knopnaam else {})}
            response = self._antwoord(formulier.methode, formulier.actie, data)
            self._controleer(response, f"{formulier.methode.upper()} {formulier.actie} (ongewijzigd)")
            if response.status_code == 200 and response.request["REQUEST_METHOD"] == "GET":
                self._pagina(self._lees(response).pagina_url, response, self._lees(response))

    # --- result lists ---------------------------------------------------------------------------
    def lijst(self, url: str) -> None:
        """per_page, page and sort; the filters are the fields of the search forms, attacked there."""
        delen = urlsplit(url)
        query = dict(parse_qsl(delen.query, keep_blank_values=True))
        if _naam(delen.path) in {_naam(pad) for pad in self.lijsten}:
            return
        self.lijsten.add(delen.path)
        parameters = {p: waarden + list(KORT.values()) for p, waarden in LIJSTPARAMETERS.items()}
        for parameter, waarden in parameters.items():
            for waarde in waarden:
                response = self.client.get(delen.path, {**query, parameter: waarde}, follow=True)
                wat = f"GET {delen.path} {parameter}={waarde[:30]!r}"
                self._controleer(response, wat, verwacht=STUURTEKENFOUT if "\x00" in waarde else None)
                rijen = tekst(response).count('<tr class="utrecht-table__row">') - 1
                if rijen > 100:
                    self.bevindingen.append(
                        Bevinding(wat, response.status_code, f"{rijen} rijen op één pagina")
                    )


@pytest.fixture
def demo(django_db_blocker):
    """The demo set (persons of each law in Groningen with signals), plus the wi2013 states that show
    the change forms: a factuur that can be added and one that can be changed."""
    call_command("seed_demo", persons=120, seed=3, stdout=open("/dev/null", "w"))  # noqa: SIM115
    groningen = Gemeente.objects.get(code="0014")
    eigen = []
    for factuur in (False, True):
        persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
        gegevens = Wi2013Persoon.objects.create(
            persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=date(2017, 11, 1),
            datum_einde_pvt_plicht=date(2018, 11, 1), datum_voldaan=date(2018, 6, 17), lening_duo=True,
            gemeente_eerste_vestiging=groningen, gemeente_einde_pvt=groningen,
        )  # fmt: skip
        if factuur:
            Factuur.objects.create(gegevens=gegevens, gemeente=groningen, factuurnummer="F1",
                                   factuurdatum=date(2018, 7, 1), debiteurnummer="D1")  # fmt: skip
        eigen.append(persoon.pk)
    SignaalFactory.create_batch(25, persoon__woongemeente=groningen)  # more than one page
    demo_personen = Persoon.objects.filter(woongemeente=groningen).exclude(pk__in=eigen)
    per_wet = [demo_personen.filter(wet=wet).values_list("pk", flat=True).first() for wet in Wet.values]
    return [*eigen, *[pk for pk in per_wet if pk]]


def _rapport(bevindingen: list[Bevinding]) -> str:
    return f"{len(bevindingen)} bevindingen:\n" + "\n".join(str(b) for b in bevindingen[:40])


def test_item8_sweep_of_every_page_form_and_list_gives_no_5xx_and_a_dutch_error(client, demo):
    client.force_login(get_user_model().objects.get(username="medewerker"))
    client.raise_request_exception = False
    sweep = Sweep(client, personen=demo, wetten=["wi2007", "wi2013", "wi2021"])
    for kandidaten in sweep.startpunten():
        sweep.bezoek(kandidaten)
    assert not sweep.bevindingen, _rapport(sweep.bevindingen)
    # The sweep must have reached the pages that take input, else it proves nothing.
    for naam in ("inburgering:wet_zoeken", "inburgering:contact", "inburgering:gemeente_kiezen",
                 "signalen:selecteren", "wi2007:zoeken", "wi2013:zoeken", "wi2013:wijzigen",
                 "wi2013:factuur_toevoegen", "wi2013:factuur_wijzigen"):  # fmt: skip
        assert naam in sweep.gedekt, sorted(n for n in sweep.gedekt if n)
    assert ("signalen:selecteren", "signaal") in sweep.velden_gedekt  # the bulk status POST
    assert any(pad.startswith("/signalen/") for pad in sweep.lijsten), sweep.lijsten
    assert Signaal.objects.exists()


def test_item8_sweep_of_the_login_page(demo):
    client = Client(raise_request_exception=False)
    sweep = Sweep(client, personen=demo, wetten=["wi2021"])
    sweep.bezoek([reverse("login")])
    assert not sweep.bevindingen, _rapport(sweep.bevindingen)
    assert "login" in sweep.gedekt


def test_item8_admin_changelists_search_filters_and_paging(demo):
    client = Client(raise_request_exception=False)
    client.force_login(get_user_model().objects.get(username="beheerder"))
    sweep = Sweep(client, personen=demo, wetten=[], eis_foutmelding=False, volgen=False)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        sweep._controleer(response, f"GET {url}")
        # Only the changelist's GET forms (search `q`, the free-text filters): the rest is Django's own.
        for formulier in sweep._lees(response).formulieren:
            if formulier.methode == "get":
                sweep.aanval(formulier)
        for parameter in ("p", "o"):
            for waarde in ("-1", "99999", VIJANDIG["superscript"]):
                r = client.get(url, {parameter: waarde}, follow=True)
                sweep._controleer(r, f"GET {url} {parameter}={waarde[:30]!r}")
    assert not sweep.bevindingen, _rapport(sweep.bevindingen)


def test_item8_nul_byte_in_the_gemeente_switch_and_any_parameter_is_a_dutch_400(client, medewerker):
    """PostgreSQL raises on a NUL in a string: the gemeente switch looked the code up and gave a 500."""
    client.force_login(medewerker)
    response = client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "00\x0014", "next": "/"})
    assert response.status_code == 400
    assert "Uw invoer bevat een ongeldig teken" in response.content.decode()
    for pad, data in (("inburgering:start", {"x\x00": "1"}), ("inburgering:start", {"q": "a\x1bb"})):
        response = client.get(reverse(pad), data)
        assert response.status_code == 400 and "ongeldig teken" in response.content.decode()
    assert client.get(reverse("inburgering:start"), {"q": "tab\tregel\r\n€ ²³ \u202e"}).status_code == 200


def test_item8_nul_byte_in_the_admin_search_is_a_dutch_400(admin_client):
    response = admin_client.get(reverse("admin:inburgering_persoon_changelist"), {"q": "12\x00"})
    assert response.status_code == 400 and "ongeldig teken" in response.content.decode()


def test_item8_shared_date_field_refuses_dates_before_1900():
    from inburgering.forms import EERSTE_DATUM, DatumVeld
    from wi2007.forms import ZoekMetOverigeVeldenForm
    from wi2013.forms import FactuurForm

    veld = DatumVeld(required=False)
    assert veld.clean("01-01-1900") == EERSTE_DATUM == date(1900, 1, 1)
    for waarde in ("31-12-1899", "01-01-0001", "31-02-2021", "00-00-0000"):
        with pytest.raises(ValidationError, match=DATUMFOUT):
            veld.clean(waarde)
    form = FactuurForm({"factuurdatum": "01-01-1899"})
    assert not form.is_valid() and form.errors["factuurdatum"] == [DATUMFOUT]
    form = ZoekMetOverigeVeldenForm({"geboortedatum_vanaf": "01-01-1899", "verblijf": "woonachtig"})
    assert not form.is_valid() and form.errors["geboortedatum_vanaf"] == [DATUMFOUT]


def test_item8_too_many_fields_is_a_dutch_400_not_djangos_english_page(client, medewerker):
    client.force_login(medewerker)
    response = client.post(reverse("inburgering:contact"), {f"veld{i}": "x" for i in range(1001)})
    assert response.status_code == 400 and "Uw verzoek kon niet worden verwerkt" in response.content.decode()
