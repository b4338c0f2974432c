"""The nightly Wi2013 extracts of "Downloaden bestanden" (seed 000 §3.7, §4.9, §5.3), via the downloads
registry.

- "PVT extract in csv formaat": one row per Wi2013 person living in the gemeente (not struck off the
  BRP), with the columns A–V of the legend in seed 000 §5.4, in its order, under its names, with its
  code values. The legend itself, with both code tables, is the legenda.txt in the zip.
- "Maatschappelijke begeleiding in csv formaat": the persons for whom the gemeente's MB was reported to
  BZK in the meicirculaire of the peildatum's year (seed 000 §5.3): Gemeentecode, Gemeentenaam, BSN,
  Achternaam, Voornaam, titled "Maatschappelijke begeleiding <jaartal> in csv formaat" with the year of
  the file's peildatum (seed 000 §3.7: "Maatschappelijke begeleiding 2020 in csv formaat"). The file name
  knows only {gemeentecode} and {datum}, so there the year is the first four digits of the date
  (jjjjmmdd), and the legend says so.
- "Niet betaalde declaraties bij COA voor 1-10-2017 in csv formaat" (13-7): a historical file per
  gemeente that beheer uploads (a `Document` per gemeente); listed only for a gemeente that has one.

Each column is declared once (`Kolom`): the header, the fields read in the single `values_list` query,
the conversion to the legend's code values and the legend entry all come from that one declaration,
so the legend shipped in the zip cannot drift from the file. Booleans become J/N (empty: onbepaald) in
the CSV writer, dates dd-mm-jjjj.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.db.models import ExpressionWrapper, Q

from inburgering.constants import Geslacht, Wet
from inburgering.downloads.kolommen import kolomcellen
from inburgering.downloads.registry import Document, Extract, registreer_document, registreer_extract
from inburgering.models import Gemeente

from . import regels
from .constants import STATUS_TEKSTEN, factuurstatus
from .constants import RedenNietVoldaan as R
from .models import Wi2013Persoon

CHUNK = 2000

# E. Geslacht: "0 = Onbekend 1 = Mannelijk 2 = Vrouwelijk".
GESLACHT_CODES = {Geslacht.ONBEKEND: "0", Geslacht.MAN: "1", Geslacht.VROUW: "2"}
# O. Reden niet voldaan, as the legend's table writes it (shorter than the edit screen's labels of §4.5).
REDEN_TEKSTEN = {
    R.WEIGERT_DEELNAME: "Persoon weigert deel te nemen aan het PV traject",
    R.WEIGERT_ONDERTEKENING: "Persoon heeft wel deelgenomen maar weigert de verklaring te ondertekenen",
    R.REAGEERT_NIET: "Persoon reageert niet op uitnodiging van de gemeente voor deelname aan PVT",
    R.NIET_OPGEKOMEN: "Persoon is zonder reden niet op komen dagen",
    R.GEEN_AANBOD: "Gemeente kon binnen de PVT-termijn geen PV traject aanbieden",
    R.ZIEKTE: "Bijzondere omstandigheden - Ziekte",
    R.DETENTIE: "Bijzondere omstandigheden - Detentie",
    R.OVERMACHT: "Bijzondere omstandigheden - Overmacht",
}
# R. Factuur aanwezig: "N.v.t. = Persoon kan geen factuur krijgen J = Ja N = Nee".
NVT = "N.v.t."


def _geslacht(code: str) -> str:
    return GESLACHT_CODES.get(code, "0")


def _reden(code: str) -> str:
    return REDEN_TEKSTEN.get(code, "")


def _factuur_aanwezig(factuur_id: int | None, factuur_mogelijk: bool) -> str:
    """J: there is a factuur; N: none yet but one is possible (`regels.factuur_mogelijk`, 13-4);
    N.v.t.: the person cannot get a factuur."""
    if factuur_id is not None:
        return "J"
    return "N" if factuur_mogelijk else NVT


@dataclass(frozen=True)
class Kolom:
    letter: str
    naam: str  # the CSV header: the legend's name
    definitie: str  # the legend's "Definitie", verbatim
    waarden: str  # the legend's "Mogelijke waarden"
    herkomst: str  # DUO or Gemeente
    velden: tuple[str, ...]  # values_list paths from Wi2013Persoon read for this column
    cel: Callable[..., Any] | None = None  # the values of `velden` → the cell; None: the one value as is


CONFORM_BRP = "Conform opgave BRP"
J_N_LEEG = "Leeg = Onbepaald; J = Ja; N = Nee"
# seed 000 §5.4, columns A–V.
PVT_KOLOMMEN: tuple[Kolom, ...] = (
    Kolom("A", "BSN", "Een door de gemeente aan een persoon toegekend identificerend nummer.", CONFORM_BRP, "DUO",
          ("persoon__bsn",)),
    Kolom("B", "Voornamen", "De verzameling van één of meer naamgegevens, ter onderscheiding van personen met "
          "dezelfde achternaam.", CONFORM_BRP, "DUO", ("persoon__voornamen",)),
    Kolom("C", "Voorvoegsels", "De verzameling van één of meer voorzetsels en/of lidwoorden die in het kader "
          "van deze norm aan het significante deel van de achternaam vooraf gaat en daarmee gezamenlijk de "
          "achternaam vormt.", CONFORM_BRP, "DUO", ("persoon__voorvoegsels",)),
    Kolom("D", "Achternaam", "De naamgegevens van een persoon, met uitzondering van de voornamen en "
          "voorvoegsel.", CONFORM_BRP, "DUO", ("persoon__achternaam",)),
    Kolom("E", "Geslacht", "Geslacht van een persoon.", f"{CONFORM_BRP}; 0 = Onbekend; 1 = Mannelijk; "
          "2 = Vrouwelijk", "DUO", ("persoon__geslacht",), _geslacht),
    Kolom("F", "Geboortedatum", "De datum van geboorte van een persoon volgens een geboorteakte dan wel een "
          "ander brondocument.", f"{CONFORM_BRP} (dd-mm-jjjj)", "DUO", ("persoon__geboortedatum",)),
    Kolom("G", "Gemeente eerste vestiging", "Eerste gemeente in Nederland waar een uit het buitenland "
          "afkomstig persoon wordt ingeschreven in het BRP.", "naam van de gemeente", "DUO",
          ("gemeente_eerste_vestiging__naam",)),
    Kolom("H", "Gemeente einde PVT", "Gemeente in Nederland waar een inburgeraar is ingeschreven in het BRP op "
          "het moment dat het participatieverklaringstraject eindigt.", "naam van de gemeente", "DUO",
          ("gemeente_einde_pvt__naam",)),
    Kolom("I", "PVT-plichtig", "Indicatie die aangeeft of iemand volgens DUO PVT-plichtig is of niet.",
          J_N_LEEG, "DUO", ("pvt_plichtig",)),
    Kolom("J", "Datum Start PVT-plicht", "De door DUO vastgestelde datum waarop de PVT-plicht start.",
          "dd-mm-jjjj", "DUO", ("datum_start_pvt_plicht",)),
    Kolom("K", "Datum Einde PVT-plicht", "De door DUO vastgestelde datum waarop de PVT-plicht eindigt.",
          "dd-mm-jjjj", "DUO", ("datum_einde_pvt_plicht",)),
    Kolom("L", "Datum Start Deelname PV-traject", "De door de gemeente vastgestelde datum waarop de deelname "
          "PV-traject start.", "dd-mm-jjjj", "Gemeente", ("datum_start_deelname",)),
    Kolom("M", "Datum Einde Deelname PV-traject", "De door de gemeente vastgestelde datum waarop de deelname "
          "PV-traject eindigt.", "dd-mm-jjjj", "Gemeente", ("datum_einde_deelname",)),
    Kolom("N", "Datum voldaan PVT-plicht", "Datum waarop een persoon voldaan heeft aan de PVT-plicht.",
          "dd-mm-jjjj", "Gemeente", ("datum_voldaan",)),
    Kolom("O", "Reden niet voldaan aan PVT-plicht", "Reden waarom een persoon de participatieverklaring niet "
          "heeft ondertekend.", "*Zie tabel hieronder", "Gemeente", ("reden_niet_voldaan",), _reden),
    Kolom("P", "Recht op Maatschappelijke Begeleiding", "Indicatie die aangeeft of iemand volgens de gemeente "
          "recht heeft op maatschappelijke begeleiding of niet.", J_N_LEEG, "DUO", ("recht_op_mb",)),
    Kolom("Q", "Maatschappelijke begeleiding gemeld bij BZK", "Indicatie die aangeeft of de maatschappelijke "
          "begeleiding gemeld is bij het ministerie van Binnenlandse zaken.", J_N_LEEG, "DUO",
          ("mb_gemeld_bzk",)),
    Kolom("R", "Factuur aanwezig", "Indicatie die aangeeft of iemand een factuur kan krijgen, een factuur heeft "
          "of geen factuur heeft.", f"{NVT} = Persoon kan geen factuur krijgen; J = Ja; N = Nee", "DUO",
          ("factuur__id", "factuur_mogelijk"), _factuur_aanwezig),
    Kolom("S", "Factuurnummer", "Door gemeente opgegeven indentificerend nummer voor een factuur.", "",
          "Gemeente", ("factuur__factuurnummer",)),
    Kolom("T", "Factuurdatum", "Door de gemeente opgegeven datum waarop factuur is uitgegaan.", "dd-mm-jjjj",
          "Gemeente", ("factuur__factuurdatum",)),
    Kolom("U", "Debiteurnummer", "Door gemeente opgegeven indentificerend nummer voor een debiteur.", "",
          "Gemeente", ("factuur__debiteurnummer",)),
    Kolom("V", "Indicatie status factuur", "Indicatie waarmee de status van een factuur wordt aangegeven.",
          "**Zie tabel hieronder", "DUO", ("factuur__status", "factuur__geaccepteerd"), factuurstatus),
)  # fmt: skip
PVT_VELDEN = tuple(veld for kolom in PVT_KOLOMMEN for veld in kolom.velden)
PVT_ORDE = ("persoon__achternaam", "persoon__voornamen", "persoon__bsn")


def pvt_personen(gemeente: Gemeente) -> models.QuerySet[Wi2013Persoon]:
    """The Wi2013 persons living in `gemeente` and not struck off the BRP (as "Gevonden personen", §3.3)."""
    return Wi2013Persoon.objects.filter(
        persoon__woongemeente=gemeente, persoon__wet=Wet.WI2013, persoon__uitgeschreven_uit_brp=False
    ).annotate(
        # Column R asks the same question as "Zoeken personen" with "Factuur aanwezig: Nee": the rule's query form.
        factuur_mogelijk=ExpressionWrapper(regels.factuur_mogelijk_q(), output_field=models.BooleanField())
    )


def pvt_rijen(gemeente: Gemeente, peildatum: date) -> Iterator[list[Any]]:
    # The current state of ISI: a person row has no date that selects it, so the peildatum selects nothing.
    qs = pvt_personen(gemeente).order_by(*PVT_ORDE).values_list(*PVT_VELDEN).iterator(chunk_size=CHUNK)
    return kolomcellen(PVT_KOLOMMEN, qs)


# --- Maatschappelijke begeleiding ------------------------------------------------------------------

MB_KOLOMMEN = ("Gemeentecode", "Gemeentenaam", "BSN", "Achternaam", "Voornaam")


def mb_personen(gemeente: Gemeente, jaar: int) -> models.QuerySet[Wi2013Persoon]:
    """Persons reported to BZK in the meicirculaire of `jaar` for whom `gemeente` receives the MB money:
    the first gemeente of vestiging (seed 000 §5.1: "De eerste gemeente van vestiging op een niet-AZC adres
    is bepalend voor de toewijzing van de vergoeding"), or the woongemeente when DUO holds none."""
    # COALESCE(eerste vestiging, woongemeente) = gemeente, written out so each branch can use its index: the
    # COALESCE form made PostgreSQL scan every Wi2013 person for each of the 342 gemeenten (82 ms each at a
    # million persons; 2-28 ms like this).
    return Wi2013Persoon.objects.filter(
        Q(gemeente_eerste_vestiging=gemeente)
        | Q(gemeente_eerste_vestiging__isnull=True, persoon__woongemeente=gemeente),
        persoon__wet=Wet.WI2013,
        mb_gemeld_bzk=True,
        mb_gemeld_jaar=jaar,
    )


def mb_rijen(gemeente: Gemeente, peildatum: date) -> Iterator[tuple[Any, ...]]:
    qs = (
        mb_personen(gemeente, peildatum.year)
        .order_by(*PVT_ORDE)
        .values_list("persoon__bsn", "persoon__achternaam", "persoon__voornamen")
        .iterator(chunk_size=CHUNK)
    )
    for bsn, achternaam, voornamen in qs:
        yield (gemeente.code, gemeente.naam, bsn, achternaam, voornamen)


# --- Legends --------------------------------------------------------------------------------------

FORMAAT = """\
Formaat
Het bestand is een CSV-bestand zoals Nederlandse Excel het met dubbelklikken opent: scheidingsteken
puntkomma (;), tekenset UTF-8, datums als dd-mm-jjjj. Een lege cel betekent dat het gegeven niet bekend
of niet van toepassing is.
Tip: Excel laat voorloopnullen weg (BSN 004002313 wordt 4002313). Wilt u die behouden, open het bestand
dan via Gegevens > Uit tekst/CSV en geef de kolom BSN het type Tekst."""

DISCLAIMER = """\
Let op
- De actuele datum van het bestand staat in de bestandsnaam (jjjjmmdd). Het bestand bevat de actuele
  situatie zoals die bij DUO bekend is. Controleer bij gebruik van het bestand altijd of u met de meest
  recente versie werkt.
- Doe al het mogelijke om oneigenlijk gebruik van de gegevens te voorkomen en vernietig de gegevens
  plus eventuele kopieën na afloop van de analyse. Het gebruik van de gegevens voor andere doeleinden
  dan de uitvoering van de Wet inburgering is niet toegestaan."""

PVT_SELECTIE = """\
Alle personen onder de Wet inburgering 2013 die volgens het BRP in uw gemeente wonen, één regel per
persoon, gesorteerd op achternaam. Personen die zijn uitgeschreven bij de BRP staan er niet in. Het
bestand bevat alle informatie die u ook in de Portal Inburgering kunt zien: persoonsgegevens,
PVT-gegevens (o.a. data start/einde PVT, voldaan/niet voldaan aan de PVT, factuurinformatie) en de
gegevens van maatschappelijke begeleiding (kolom P en Q).
Kolom P 'Recht op MB' (J/N) wijzigt gedurende het jaar, omdat er binnen het lopende jaar inburgeraars
bij komen met recht op maatschappelijke begeleiding. Dit is niet hetzelfde als een uitbetaling: de
persoon is pas meegenomen voor uitbetaling als deze gemeld is bij Binnenlandse Zaken (kolom Q). Als in
kolom Q J staat, dan heeft BZK de melding ontvangen voor uitbetaling in de meicirculaire."""

TOELICHTING = """\
Toelichting
- R. Factuur aanwezig: J = er is een factuur; N = er is nog geen factuur, maar er kan wel een worden
  ingediend (de inburgeraar heeft een lening bij DUO en 'Datum voldaan PVT-plicht' is gevuld);
  N.v.t. = de persoon kan geen factuur krijgen.
- V. Indicatie status factuur: 6 staat er als de inburgeraar de factuur in Mijn Inburgering heeft
  geweigerd; anders de status die DUO aan de factuur gaf (1 tot en met 5), of leeg.
- G. en H. bevatten de naam van de gemeente."""


def pvt_legenda() -> str:
    regels = ["Legenda bij bestand 'PVT extract in csv formaat'", "", PVT_SELECTIE, "", FORMAAT, "",
              "Kolommen (Naam / Definitie / Mogelijke waarden / Herkomst)"]  # fmt: skip
    for kolom in PVT_KOLOMMEN:
        regels.append(f"{kolom.letter}. {kolom.naam}")
        regels.append(f"   Definitie: {kolom.definitie}")
        if kolom.waarden:
            regels.append(f"   Mogelijke waarden: {kolom.waarden}")
        regels.append(f"   Herkomst: {kolom.herkomst}")
    regels += ["", '*Mogelijke waarden "Reden niet voldaan aan PVT-plicht"', *REDEN_TEKSTEN.values()]
    regels += ["", '**Mogelijke waarden "Indicatie status factuur"', "Leeg"]
    regels += [f"{code} = '{tekst}'" for code, tekst in sorted(STATUS_TEKSTEN.items())]
    regels += ["", TOELICHTING, "", DISCLAIMER]
    return "\n".join(regels) + "\n"


MB_LEGENDA = f"""\
Maatschappelijke begeleiding <jaartal> in csv formaat

Selectie
Alle personen met recht op maatschappelijke begeleiding die in de meicirculaire van het jaartal zijn
meegenomen (gemeld bij het ministerie van Binnenlandse Zaken), waarvoor uw gemeente de vergoeding
ontvangt: de eerste gemeente van vestiging op een niet-AZC adres is bepalend voor de toewijzing van de
vergoeding. Het jaartal is het jaar van de datum in de bestandsnaam: maatschappelijke_begeleiding_
<gemeentecode>_jjjjmmdd.zip bevat de meicirculaire van jaar jjjj.

{FORMAAT}

Kolommen
Gemeentecode  code van de gemeente die de vergoeding ontvangt (vier cijfers)
Gemeentenaam  naam van die gemeente
BSN           burgerservicenummer van de persoon
Achternaam    achternaam van de persoon, zonder voorvoegsels (conform opgave BRP)
Voornaam      voornamen van de persoon (conform opgave BRP)

{DISCLAIMER}
"""

PVT = Extract(
    sleutel="wi2013_pvt",
    titel="PVT extract in csv formaat",
    wet=Wet.WI2013,
    bestandsnaam="isi_pvt_{gemeentecode}_{datum}.zip",
    kolommen=tuple(k.naam for k in PVT_KOLOMMEN),
    rijen=pvt_rijen,
    legenda=pvt_legenda(),
)
MB = Extract(
    sleutel="wi2013_mb",
    titel="Maatschappelijke begeleiding {jaar} in csv formaat",
    wet=Wet.WI2013,
    bestandsnaam="maatschappelijke_begeleiding_{gemeentecode}_{datum}.zip",
    kolommen=MB_KOLOMMEN,
    rijen=mb_rijen,
    legenda=MB_LEGENDA,
)
EXTRACTEN = (PVT, MB)

# SPEC 13-7, seed 000 §3.7 ("COA_declaraties.zip", dated 04-06-2019): DUO's one-off file per gemeente of
# the MB declarations COA did not pay before 1-10-2017. Beheer uploads it per gemeente (zip or CSV);
# only a gemeente that has one sees it, first in the table as in the manual.
COA_DECLARATIES = Document(
    sleutel="wi2013_coa_declaraties",
    titel="Niet betaalde declaraties bij COA voor 1-10-2017 in csv formaat",
    wet=Wet.WI2013,
    bestandsnaam="COA_declaraties_{gemeentecode}.zip",
    formaten=("zip", "csv"),
    per_gemeente=True,
    vooraan=True,
)


def registreer() -> None:
    """Register the Wi2013 extracts and the COA declaraties, in the order of the manual's page (call from
    ready())."""
    for extract in EXTRACTEN:
        registreer_extract(extract)
    registreer_document(COA_DECLARATIES)
