"""The Wi2021 files of "Downloaden bestanden" (S-53, R-DL, seed 001 §3.7, WI2021.md section 6.9, D-28),
via the downloads registry.

- "Inburgeraars 2021 extract in csv formaat" (R-DL-1): every Wi2021 person the gemeente sees — living
  there, or coupled to it by COA for the taakstelling — one row per person with their current
  inburgeringsplicht (M-01, the plicht every other Wi2021 page shows), in the columns A–AE of section 6.9 in
  that order, with a legenda in the zip (D-28). The manual gives no columns (M-41); section 6.9 is the
  binding proposal.
- "SPUK bestand in CSV formaat" (R-DL-2): a one-off file DUO made per gemeente; beheer uploads it per
  gemeente (a `Document` per gemeente) and only a gemeente that has one sees it, first in the table as in
  the manual (D-28).

Each column is declared once (`Kolom`): its header, the fields read in the single `values_list` query, the
conversion to the legenda's values and the legenda entry, so the legenda in the zip cannot drift from the
file. The rows stream from a server-side cursor (`iterator`), whatever the size of the gemeente.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Case, CharField, Exists, OuterRef, QuerySet, Subquery, Value, When
from django.utils import timezone

from inburgering.constants import Wet
from inburgering.downloads.kolommen import kolomcellen
from inburgering.downloads.registry import Document, Extract, registreer_document, registreer_extract
from inburgering.models import Gemeente

from . import regels
from .constants import Doelgroep, Leerroute, RedenEinde
from .models import Inburgeringsplicht, LbtOntheffing, Leerbaarheidstoets, Traject, Trajectresultaat
from .selectors import huidige_plichten
from .selectors_aanbod import geldig_aanbod
from .selectors_contactpersonen import contactpersoon_naam

CHUNK = 2000
NVT = "NVT"
WOONACHTIG, COA_GEKOPPELD = "W", "C"
DOELGROEP_CODES = {Doelgroep.ASIELSTATUSHOUDER: "A", Doelgroep.GEZINSMIGRANT: "G"}


def _j_n(waarde: bool | None) -> str:
    return "J" if waarde else "N"


def _j_leeg(waarde: bool | None) -> str:
    return "J" if waarde else ""


def _doelgroep(code: str) -> str:
    return DOELGROEP_CODES.get(code, "")


def _alleen_met_pip(pip_id: int | None, waarde: Any) -> Any:
    """A PIP column: empty while the plicht has no PIP."""
    return waarde if pip_id is not None else ""


def _pip_j_n(pip_id: int | None, waarde: bool | None) -> str:
    return _j_n(waarde) if pip_id is not None else ""


def _pip_j_leeg(pip_id: int | None, waarde: bool | None) -> str:
    return _j_leeg(waarde) if pip_id is not None else ""


def _registratie(pip_id: int | None, moment: datetime | None) -> date | str:
    # A moment is stored; the file shows the day in Dutch time, as S-18 does.
    return timezone.localdate(moment) if pip_id is not None and moment is not None else ""


def _venster_einde(pip_id: int | None, start: date | None) -> date | str:
    """O: the end of the gemeente's 10-week window for the PIP (M-05, D-06), only while there is no PIP."""
    return start + regels.PIP_VENSTER if pip_id is None and start is not None else ""


def _aanbod(doelgroep: str, doorgegeven: bool) -> str:
    """X: an actueel or niet-actueel aanbod (D-44's "doorgegeven"); NVT for a gezinsmigrant (R-AB-1)."""
    if doelgroep != Doelgroep.ASIELSTATUSHOUDER:
        return NVT
    return _j_n(doorgegeven)


def _map(leerroute: str | None, datum: date | None) -> date | str:
    """Y: the MAP is NVT on the Onderwijsroute (R-MP-1)."""
    if leerroute == Leerroute.O:
        return NVT
    return datum or ""


def _lbt(ontheven: bool, resultaat: str | None) -> str:
    """AA: ONTHEVEN when the gemeente exempted the person from the LBT, else the last result (R-LBT-2)."""
    return "ONTHEVEN" if ontheven else resultaat or ""


def _overleden(datum: date | None) -> str:
    return _j_n(datum is not None)


@dataclass(frozen=True)
class Kolom:
    letter: str
    naam: str  # the CSV header, verbatim from section 6.9
    uitleg: str  # the legenda's explanation and values
    velden: tuple[str, ...]  # values_list paths (or annotations) read for this column
    cel: Callable[..., Any] | None = None  # the values of `velden` → the cell; None: the one value as is


# WI2021.md section 6.9, columns A–AE, in this order (D-28).
KOLOMMEN: tuple[Kolom, ...] = (
    Kolom("A", "Gemeentecode", "Code van uw gemeente (4 cijfers).", ("gemeentecode",)),
    Kolom("B", "Gemeentenaam", "Naam van uw gemeente.", ("gemeentenaam",)),
    Kolom("C", "BSN", "Burgerservicenummer van de persoon (9 cijfers).", ("persoon__bsn",)),
    Kolom("D", "Achternaam", "Achternaam van de persoon zonder voorvoegsels (conform opgave BRP).",
          ("persoon__achternaam",)),
    Kolom("E", "Voorvoegsels", "Voorvoegsels van de achternaam (conform opgave BRP).",
          ("persoon__voorvoegsels",)),
    Kolom("F", "Voornamen", "Voornamen van de persoon (conform opgave BRP).", ("persoon__voornamen",)),
    Kolom("G", "Geboortedatum", "Geboortedatum van de persoon (dd-mm-jjjj).", ("persoon__geboortedatum",)),
    Kolom("H", "Relatie gemeente", "W = woonachtig in uw gemeente; C = door het COA in het kader van de "
          "taakstelling aan uw gemeente gekoppeld (woont nog in een AZC).", ("relatie",)),
    Kolom("I", "Doelgroep", "De doelgroep waarvan de persoon de rechten heeft: A = Asielstatushouder; "
          "G = Gezinsmigrant en overige migrant.", ("doelgroep",), _doelgroep),
    Kolom("J", "Datum start inburgeringsplicht", "Datum waarop de inburgeringsplicht start (dd-mm-jjjj).",
          ("datum_start",)),
    Kolom("K", "Inburgeringsplichtig", "J = de inburgeringsplicht loopt; N = de inburgeringsplicht is "
          "geëindigd (zie kolom L).", ("reden_einde",), lambda reden: _j_n(not reden)),
    Kolom("L", "Reden einde", "Waarom de inburgeringsplicht is geëindigd; leeg zolang de plicht loopt. "
          "Zie de tabel 'Reden einde' hieronder.", ("reden_einde",)),
    Kolom("M", "Datum start inburgeringstermijn", "Start van de inburgeringstermijn (dd-mm-jjjj); leeg "
          "zolang de initiële PIP niet definitief is.", ("termijn_start",)),
    Kolom("N", "Datum einde inburgeringstermijn", "Einde van de inburgeringstermijn (dd-mm-jjjj); leeg "
          "zolang de initiële PIP niet definitief is.", ("termijn_einde",)),
    Kolom("O", "Einddatum 10 weken termijn PIP", "Laatste dag van de termijn van 10 weken waarin de gemeente "
          "het PIP doorgeeft (dd-mm-jjjj); alleen gevuld zolang er geen PIP is.",
          ("pip__id", "pip_venster_start"), _venster_einde),
    Kolom("P", "Datum dagtekening initiële PIP", "Dagtekening van het eerste PIP (dd-mm-jjjj).",
          ("pip__id", "pip__dagtekening_initieel"), _alleen_met_pip),
    Kolom("Q", "Datum dagtekening PIP", "Dagtekening van het huidige PIP (dd-mm-jjjj).",
          ("pip__id", "pip__dagtekening"), _alleen_met_pip),
    Kolom("R", "Datum registratie PIP", "Datum waarop het huidige PIP in de PIB is geregistreerd "
          "(dd-mm-jjjj).", ("pip__id", "pip__geregistreerd_op"), _registratie),
    Kolom("S", "PIP definitief", "J = het PIP is definitief bij DUO geregistreerd; N = nog niet; leeg = "
          "geen PIP.", ("pip__id", "pip__definitief"), _pip_j_n),
    Kolom("T", "Leerroute", "Leerroute in het PIP: B1 = B1-route; Z = Zelfredzaamheidsroute; "
          "O = Onderwijsroute; leeg = geen PIP.", ("pip__id", "pip__leerroute"), _alleen_met_pip),
    Kolom("U", "Niveau", "Niveau in het PIP: B1, A2 of NVT (niet van toepassing); leeg = geen PIP.",
          ("pip__id", "pip__niveau"), _alleen_met_pip),
    Kolom("V", "Geschatte uren intensiteit", "Geschatte uren intensiteit in de opleiding (geheel getal); "
          "alleen bij een asielstatushouder in de B1-route.", ("pip__geschatte_uren",)),
    Kolom("W", "Toestemming niet-vrijstellende opleiding", "J = toestemming gegeven; leeg = niet.",
          ("pip__id", "pip__toestemming_nvo"), _pip_j_leeg),
    Kolom("X", "Inburgeringsaanbod doorgegeven", "J = er is een actueel of niet actueel "
          "inburgeringsaanbod doorgegeven; N = nog niet; NVT = gezinsmigrant en overige migrant (geen "
          "inburgeringsaanbod).", ("doelgroep", "aanbod_doorgegeven"), _aanbod),
    Kolom("Y", "Datum eindgesprek MAP", "Datum eindgesprek van de Module Arbeidsmarkt en Participatie "
          "(dd-mm-jjjj); leeg = nog niet doorgegeven; NVT = Onderwijsroute.",
          ("pip__leerroute", "map_datum"), _map),
    Kolom("Z", "Datum ondertekening PVT", "Datum ondertekening van de participatieverklaring (dd-mm-jjjj); "
          "leeg = nog niet doorgegeven.", ("pvt_datum",)),
    Kolom("AA", "Resultaat LBT", "Resultaat van de laatst afgenomen leerbaarheidstoets: J = in staat het B1 of "
          "A2 niveau te halen binnen 3 jaar; N = niet in staat; O = onbekend; ONTHEVEN = ontheven van de "
          "leerbaarheidstoets; leeg = nog geen resultaat.", ("lbt_ontheven", "lbt_resultaat"), _lbt),
    Kolom("AB", "Datum toetsafname LBT", "Datum waarop die leerbaarheidstoets is afgenomen (dd-mm-jjjj).",
          ("lbt_datum",)),
    Kolom("AC", "Datum eindgesprek Z-route", "Datum van het eindgesprek van de Zelfredzaamheidsroute "
          "(dd-mm-jjjj).", ("eindgesprek_z_route__datum",)),
    Kolom("AD", "Contactpersoon", "Naam van de contactpersoon van uw gemeente aan wie de persoon is "
          "gekoppeld; leeg = geen.", ("contactpersoon",)),
    Kolom("AE", "Overleden", "J = de persoon is overleden; N = niet.", ("persoon__datum_overlijden",),
          _overleden),
)  # fmt: skip
VELDEN = tuple(veld for kolom in KOLOMMEN for veld in kolom.velden)
ORDE = ("persoon__achternaam", "persoon__voornamen", "persoon__bsn", "pk")


def _trajectdatum(traject: str) -> Subquery:
    return Subquery(
        Trajectresultaat.objects.filter(plicht=OuterRef("pk"), traject=traject).values("datum")[:1]
    )


def _lbt_afgenomen(veld: str) -> Subquery:
    """A field of the plicht's last LBT that was taken (the one with the latest Datum toetsafname)."""
    return Subquery(
        Leerbaarheidstoets.objects.filter(plicht=OuterRef("pk"), datum_toetsafname__isnull=False)
        .order_by("-datum_toetsafname", "-pk")
        .values(veld)[:1]
    )


def personen(gemeente: Gemeente) -> QuerySet[Inburgeringsplicht]:
    """R-DL-1's population with every column's annotation: one query, whatever the number of persons."""
    return huidige_plichten(gemeente).annotate(
        gemeentecode=Value(gemeente.code, output_field=CharField()),
        gemeentenaam=Value(gemeente.naam, output_field=CharField()),
        # A resident is W even if COA once coupled them here: they live here now.
        relatie=Case(
            When(persoon__woongemeente=gemeente, then=Value(WOONACHTIG)),
            default=Value(COA_GEKOPPELD),
            output_field=CharField(),
        ),
        aanbod_doorgegeven=geldig_aanbod(OuterRef("pk")),
        map_datum=_trajectdatum(Traject.MAP),
        pvt_datum=_trajectdatum(Traject.PVT),
        contactpersoon=contactpersoon_naam("persoon", gemeente=gemeente),
        lbt_resultaat=_lbt_afgenomen("resultaat"),
        lbt_datum=_lbt_afgenomen("datum_toetsafname"),
        lbt_ontheven=Exists(LbtOntheffing.objects.filter(plicht=OuterRef("pk"))),
    )


def rijen(gemeente: Gemeente, peildatum: date) -> Iterator[list[Any]]:
    # The current state at the nightly build: a plicht has no date that selects it for a peildatum.
    qs = personen(gemeente).order_by(*ORDE).values_list(*VELDEN).iterator(chunk_size=CHUNK)
    return kolomcellen(KOLOMMEN, qs)


# --- Legenda -------------------------------------------------------------------------------------------

SELECTIE = """\
In dit bestand staan alle inburgeringsplichtigen onder de Wi2021 die in uw gemeente wonen of die door het
COA in het kader van de taakstelling aan uw gemeente zijn gekoppeld (kolom H). Eén regel per persoon, met
zijn huidige (meest recente) inburgeringsplicht, gesorteerd op achternaam. Ook personen van wie de
inburgeringsplicht is geëindigd staan erin (kolom K = N, de reden in kolom L). U kunt bijvoorbeeld
filteren op personen die het PVT nog moeten doen (kolom Z leeg). Het bestand wordt elke dag gegenereerd;
de gegevens zijn bijgewerkt tot en met de dag ervoor. Meer details over een persoon kunt u opzoeken in de
PIB door de persoon te raadplegen."""

FORMAAT = """\
Formaat
Het bestand is een CSV-bestand zoals Nederlandse Excel het met dubbelklikken opent: scheidingsteken
puntkomma (;), tekenset UTF-8, datums als dd-mm-jjjj. Een lege cel betekent dat het gegeven niet bekend
of niet van toepassing is.
Tip: Excel laat voorloopnullen weg (BSN 004002313 wordt 4002313). Wilt u die behouden, open het bestand
dan via Gegevens > Uit tekst/CSV en geef de kolom BSN het type Tekst."""

# S-53's intro, verbatim (seed 001 §3.7).
DISCLAIMER = """\
Disclaimer
- De actuele datum van de bestanden staat vermeld achter de bestandsnaam. De ISI bestanden worden
  dagelijks bijgewerkt op basis van onder andere mutaties van de GBA. Controleer bij gebruik van de
  bestanden altijd of u met de meest recente versie werkt.
- We verzoeken u al het mogelijke te doen om oneigenlijk gebruik van de gegevens uit deze bestanden te
  voorkomen en de gegevens plus eventuele kopieën na afloop van de analyse te vernietigen. Het gebruik van
  de gegevens voor andere doeleinden dan de uitvoering van de Wet inburgering is niet toegestaan."""


def legenda() -> str:
    regels_ = ["Legenda bij bestand 'Inburgeraars 2021 extract in csv formaat'", "", SELECTIE, "", FORMAAT, "",
               "Kolommen"]  # fmt: skip
    for kolom in KOLOMMEN:
        regels_.append(f"{kolom.letter}. {kolom.naam}")
        regels_.append(f"   {kolom.uitleg}")
    regels_ += ["", "Tabel 'Reden einde' (kolom L)"]
    regels_ += [f"{code} = {label}" for code, label in RedenEinde.choices]
    regels_ += ["", DISCLAIMER]
    return "\n".join(regels_) + "\n"


INBURGERAARS = Extract(
    sleutel="wi2021_inburgeraars",
    titel="Inburgeraars 2021 extract in csv formaat",
    wet=Wet.WI2021,
    # D-28: isi_Wi2021_<gemeentecode>; the registry adds the peildatum so each day's file stays apart.
    bestandsnaam="isi_Wi2021_{gemeentecode}_{datum}.zip",
    kolommen=tuple(k.naam for k in KOLOMMEN),
    rijen=rijen,
    legenda=legenda(),
)

# R-DL-2, D-28: "SPUK bestand in CSV formaat" (SPUK_bestand.zip, dated 2023-05-30 in the manual), a static
# file per gemeente that beheer uploads; listed first, as in the manual, and only where it is present.
SPUK = Document(
    sleutel="wi2021_spuk",
    titel="SPUK bestand in CSV formaat",
    wet=Wet.WI2021,
    bestandsnaam="SPUK_bestand_{gemeentecode}.zip",
    formaten=("zip", "csv"),
    per_gemeente=True,
    vooraan=True,
)


def registreer() -> None:
    """Register the Wi2021 extract and the SPUK file (call from ready())."""
    registreer_document(SPUK)
    registreer_extract(INBURGERAARS)
