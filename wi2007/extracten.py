"""The nightly Wi2007 extracts of "Downloaden bestanden" (seed 002 §3.8), via the downloads registry.

- ISI extract: every Wi2007 person of the gemeente (ISI Actief and ISI Definitief), one row each, with
  the fields of the person screen (§3.4) in the screen's order.
- ISI_VANAF2011 extract: the same columns, for persons whose inburgeringsplicht (or, without one, whose
  vestiging in Nederland) lies between 01-01-2011 and the peildatum.
- Termijnoverschrijdingen: persons this gemeente handhaaft whose (verlengde) handhavingstermijn has
  passed without diploma or gehele vrijstelling (the population of signal SS066).

The "Signaallijst in csv formaat" of the same page is registered for every law by signalen.extracten.

Each column is declared once (`Kolom`): the header, the field read in the single `values_list` query,
the legend line and the value list all come from that one declaration, so the legend shipped in the
zip cannot drift from the file. Coded values (TextChoices) are written as their Dutch labels, taken
from the model field; booleans become J/N in the writers, dates dd-mm-jjjj. The ISI extract is an Excel
workbook (seed 002: "ISI extract in excel formaat"), the other two Dutch-Excel CSV files.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce

from inburgering.constants import Wet
from inburgering.downloads.registry import Document, Extract, registreer_document, registreer_extract
from inburgering.models import Gemeente

from .constants import Herkomst
from .models import Boete, Wi2007Persoon

CHUNK = 2000
VANAF_2011 = date(2011, 1, 1)


@dataclass(frozen=True)
class Kolom:
    titel: str  # the CSV header, as the person screen labels the field
    veld: str  # path from Wi2007Persoon for values_list, or the name of an annotation
    betekenis: str  # one line for the legend
    waarden: str = ""  # the legend's value list; empty: derived from the model field


def _modelveld(pad: str) -> models.Field | None:
    """The model field at the end of a values_list path from Wi2007Persoon; None for an annotation."""
    model: Any = Wi2007Persoon
    veld = None
    for deel in pad.split("__"):
        if model is None:
            return None
        try:
            veld = model._meta.get_field(deel)
        except FieldDoesNotExist:  # an annotation
            return None
        model = veld.related_model
    return veld


def _labels(kolom: Kolom) -> dict[str, str] | None:
    veld = _modelveld(kolom.veld)
    return dict(veld.flatchoices) if veld is not None and veld.choices else None


def _waarden(kolom: Kolom) -> str:
    if kolom.waarden:
        return kolom.waarden
    veld = _modelveld(kolom.veld)
    if veld is None:
        return ""
    if veld.choices:
        labels = dict(veld.flatchoices)
        tekst = "; ".join(labels.values())  # the CSV holds the label, also for the code ""
        leeg = "" not in labels and (veld.blank or veld.null)
        return f"{tekst}; leeg = niet bekend" if leeg else tekst
    if isinstance(veld, models.BooleanField):
        return "J = ja, N = nee" + ("; leeg = niet bekend" if veld.null else "")
    if isinstance(veld, models.DateField):
        return "datum dd-mm-jjjj" + ("; leeg = geen datum bekend" if veld.null else "")
    return ""


def met_labels(kolommen: Sequence[Kolom], rijen: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """Replace the codes of the choice columns by their Dutch labels, one row at a time (lazy)."""
    omzetten = [(i, labels) for i, kolom in enumerate(kolommen) if (labels := _labels(kolom)) is not None]
    for rij in rijen:
        rij = list(rij)
        for i, labels in omzetten:
            code = rij[i]
            rij[i] = labels.get(code, code) if code is not None else ""
        yield rij


# --- ISI and ISI_VANAF2011 ------------------------------------------------------------------------

# Persoon block and the tabs Persoonsgegevens, Indicatie, Handhaving and Examens of the person screen,
# in the screen's order; "Postcode + Woonplaats" and "Straatnaam + Huisnummer" split in two columns
# so a spreadsheet can sort and filter on them. Datum overlijden comes from "Gevonden personen" (§3.3).
ISI_KOLOMMEN: tuple[Kolom, ...] = (
    Kolom("BSN", "persoon__bsn", "burgerservicenummer"),
    Kolom("A-nummer", "persoon__a_nummer", "administratienummer uit het BRP (indien bekend)"),
    Kolom("Voornamen", "persoon__voornamen", "voornamen"),
    Kolom("Voorvoegsels", "persoon__voorvoegsels", "voorvoegsels van de achternaam"),
    Kolom("Achternaam", "persoon__achternaam", "achternaam"),
    Kolom("Geboortedatum", "persoon__geboortedatum", "geboortedatum"),
    Kolom("Herkomst", "herkomst", "deel van ISI waarin de persoon staat (zie 'ISI Actief en ISI Definitief')"),
    Kolom("Geslacht", "persoon__geslacht", "geslacht volgens het BRP"),
    Kolom("Geboorteland", "persoon__geboorteland", "geboorteland"),
    Kolom("Geboorteplaats", "persoon__geboorteplaats", "geboorteplaats"),
    Kolom("Nationaliteit 1", "persoon__nationaliteit", "eerste nationaliteit volgens het BRP"),
    Kolom("Nationaliteit 2", "nationaliteit_2", "tweede nationaliteit volgens het BRP"),
    Kolom("Postcode", "persoon__postcode", "postcode van het woonadres"),
    Kolom("Woonplaats", "persoon__woonplaats", "woonplaats"),
    Kolom("Straatnaam", "persoon__straat", "straatnaam van het woonadres"),
    Kolom("Huisnummer", "persoon__huisnummer", "huisnummer"),
    Kolom("Huisnr.toevoeging + aanduiding", "huisnummer_toevoeging", "huisnummertoevoeging en -aanduiding"),
    Kolom("Locatieomschrijving", "locatieomschrijving", "omschrijving van een adres zonder huisnummer"),
    Kolom("Indicatie betrouwbaar adres", "betrouwbaar_adres", "het adres is volgens het BRP betrouwbaar"),
    Kolom("Datum vestiging in Nederland", "persoon__datum_vestiging",
          "laatste vestiging in Nederland volgens het BRP"),
    Kolom("Datum vertrek uit Nederland", "persoon__datum_vertrek",
          "laatste vestiging buiten Nederland volgens het BRP"),
    Kolom("Recht op lening en vergoeding", "recht_op_lening",
          "(mogelijk) inburgeringsplichtig en daarmee recht op lening of vergoeding bij DUO"),
    Kolom("Indicatie asielgerechtigd", "asielgerechtigd",
          "asielgerechtigd volgens het BRP (vervallen per 01-01-2010)"),
    Kolom("Indicatie verblijfsdoel", "verblijfsdoel", "verblijfsdoel volgens de IND; tijdelijk: niet inburgeringsplichtig"),
    Kolom("Indicatie rechtmatig verblijf", "rechtmatig_verblijf", "rechtmatig verblijf in Nederland volgens het BRP"),
    Kolom("Indicatie zgn. Pardonregeling", "pardonregeling", "de persoon valt onder de zgn. Pardonregeling"),
    Kolom("Indicatie Persoonsvolgend Budget", "pvb", "de persoon heeft een persoonsvolgend budget (PvB) bij DUO"),
    Kolom("Persoonsvolgend Budget gebruikt", "pvb_gebruikt", "de persoon heeft het PvB al gebruikt"),
    Kolom("In AZC gehuisvest", "in_azc", "persoon onder de zgn. Pardonregeling verblijft in de opvang"),
    Kolom("Datum beslissing verblijfsrecht", "datum_beslissing_verblijfsrecht",
          "datum waarop de beslissing over het verblijfsrecht is afgegeven"),
    Kolom("Indicatie Diploma behaald", "diploma_behaald", "het inburgeringsdiploma is behaald"),
    Kolom("Niveau inburgeringsdiploma", "niveau_diploma", "niveau van het behaalde inburgeringsdiploma"),
    Kolom("Indicatie Schuld aanwezig", "schuld",
          "openstaande schuld bij DUO voor een lening voor opleidings- en examenkosten"),
    Kolom("Indicatie Gehele vrijstelling door DUO", "gehele_vrijstelling_duo",
          "diploma bij DUO waardoor de persoon niet inburgeringsplichtig verklaard kan worden"),
    Kolom("Examen aanvraag aanwezig i.h.k.v.", "examenaanvraag",
          "examenaanvraag bij DUO in het kader van naturalisatie of de Wet inburgering"),
    Kolom("Code geheim", "code_geheim", "mogen de adresgegevens volgens het BRP vrij worden verstrekt"),
    Kolom("Inburgeringsplichtig", "inburgeringsplichtig", "de gemeente heeft de persoon inburgeringsplichtig verklaard"),
    Kolom("Datum inburgeringsplicht", "datum_inburgeringsplicht", "datum waarop de inburgeringsplicht ingaat"),
    Kolom("Reden niet inburgeringsplichtig", "reden_niet_inburgeringsplichtig",
          "reden waarom de persoon niet inburgeringsplichtig is"),
    Kolom("Vrijwillige inburgeraar", "vrijwillig", "de persoon burgert vrijwillig in"),
    Kolom("Oudkomer", "oudkomer", "de persoon is oudkomer (J) of nieuwkomer (N)"),
    Kolom("Handhaving", "gehandhaafd", "de persoon wordt gehandhaafd"),
    Kolom("Handhaving ingesteld door gemeente", "handhaving_gemeente__naam",
          "gemeente die de handhaving heeft ingesteld"),
    Kolom("Eerste handhaving door gemeente", "eerste_handhaving_gemeente__naam",
          "gemeente die de persoon als eerste handhaafde"),
    Kolom("Begin handhaving", "begin_handhaving",
          "oudkomer: ingang termijn volgens beschikking; nieuwkomer: datum inwilligende beschikking; "
          "Pardonregeling: datum beslissing verblijfsrecht"),
    Kolom("Einde (verlengde) handhavingstermijn", "einde_handhavingstermijn",
          "einde van de (eventueel verlengde) handhavingstermijn"),
    Kolom("Datum verlenging", "datum_verlenging", "datum waarop de handhavingstermijn is verlengd"),
    Kolom("Reden verlenging", "reden_verlenging", "grondslag voor de verlenging van de handhavingstermijn"),
    Kolom("Datum diploma behaald", "datum_diploma", "datum waarop het inburgeringsdiploma is behaald"),
    Kolom("Diploma gemeente", "diploma_gemeente__naam", "woongemeente bij het behalen van het diploma"),
    Kolom("Indicatie geslaagd", "indicatie_geslaagd", "hoe de persoon is geslaagd"),
    Kolom("Deelgenomen volledig examen", "deelgenomen_volledig_examen",
          "deelgenomen aan alle (nog benodigde) onderdelen van het inburgeringsexamen"),
    Kolom("Gemeente bij volledige deelname", "gemeente_volledige_deelname__naam",
          "woongemeente bij deelname aan alle onderdelen van het inburgeringsexamen"),
    Kolom("Volledige deelname NT2", "volledige_deelname_nt2", "deelname aan alle onderdelen van het Staatsexamen NT2"),
    Kolom("Datum volledige deelname NT2", "datum_volledige_deelname_nt2",
          "datum van deelname aan het laatste onderdeel van het NT2-examen"),
    Kolom("Gemeente volledige deelname NT2", "gemeente_volledige_deelname_nt2__naam",
          "woongemeente bij volledige deelname NT2"),
    Kolom("Datum overlijden", "persoon__datum_overlijden", "datum van overlijden volgens het BRP"),
)  # fmt: skip
ISI_VELDEN = tuple(k.veld for k in ISI_KOLOMMEN)
ISI_ORDE = ("persoon__achternaam", "persoon__voornamen", "persoon__bsn")


def wi2007_personen(gemeente: Gemeente) -> models.QuerySet[Wi2007Persoon]:
    """The Wi2007 persons living in `gemeente`, ISI Actief and ISI Definitief alike."""
    return Wi2007Persoon.objects.filter(persoon__woongemeente=gemeente, persoon__wet=Wet.WI2007)


def isi_rijen(gemeente: Gemeente, peildatum: date) -> Iterator[list[Any]]:
    # The current state of ISI: a person row has no date that selects it, so the peildatum selects nothing.
    qs = wi2007_personen(gemeente).order_by(*ISI_ORDE).values_list(*ISI_VELDEN).iterator(chunk_size=CHUNK)
    return met_labels(ISI_KOLOMMEN, qs)


def isi_vanaf2011_rijen(gemeente: Gemeente, peildatum: date) -> Iterator[list[Any]]:
    qs = (
        wi2007_personen(gemeente)
        .annotate(datum_plicht=Coalesce("datum_inburgeringsplicht", "persoon__datum_vestiging"))
        .filter(datum_plicht__gte=VANAF_2011, datum_plicht__lte=peildatum)
        .order_by(*ISI_ORDE)
        .values_list(*ISI_VELDEN)
        .iterator(chunk_size=CHUNK)
    )
    return met_labels(ISI_KOLOMMEN, qs)


# --- Termijnoverschrijdingen ----------------------------------------------------------------------

TERMIJN_KOLOMMEN: tuple[Kolom, ...] = (
    Kolom("BSN", "persoon__bsn", "burgerservicenummer"),
    Kolom("A-nummer", "persoon__a_nummer", "administratienummer uit het BRP (indien bekend)"),
    Kolom("Achternaam", "persoon__achternaam", "achternaam (zonder voorvoegsels)"),
    Kolom("Voornamen", "persoon__voornamen", "voornamen"),
    Kolom("Geboortedatum", "persoon__geboortedatum", "geboortedatum"),
    Kolom("Handhaving door gemeente", "handhaving_gemeente__naam", "gemeente die de handhaving heeft ingesteld"),
    Kolom("Begin handhaving", "begin_handhaving", "begin van de handhavingstermijn"),
    Kolom("Einde (verlengde) handhavingstermijn", "einde_handhavingstermijn",
          "einde van de (eventueel verlengde) handhavingstermijn"),
    Kolom("Reden verlenging", "reden_verlenging", "grondslag voor de verlenging van de handhavingstermijn"),
    Kolom("Dagen overschreden", "dagen_overschreden",
          "aantal dagen tussen het einde van de handhavingstermijn en de peildatum",
          "geheel getal; 0 = de termijn eindigde op de peildatum"),
    Kolom("Boete opgelegd", "boete_opgelegd", "er is tot en met de peildatum minstens één boete opgelegd",
          "J = ja, N = nee"),
)  # fmt: skip


def termijnoverschrijdingen(gemeente: Gemeente, peildatum: date) -> models.QuerySet[Wi2007Persoon]:
    """ISI Actief, gehandhaafd, termijn ended on or before the peildatum, no diploma, not wholly exempted."""
    boetes = Boete.objects.filter(persoon=OuterRef("pk"), datum_toekennen__lte=peildatum)
    return (
        wi2007_personen(gemeente)
        .filter(
            herkomst=Herkomst.ACTIEF,
            gehandhaafd=True,
            einde_handhavingstermijn__lte=peildatum,
            diploma_behaald=False,
            gehele_vrijstelling_duo=False,
        )
        .annotate(boete_opgelegd=Exists(boetes))
    )


def termijn_rijen(gemeente: Gemeente, peildatum: date) -> Iterator[list[Any]]:
    velden = [k.veld for k in TERMIJN_KOLOMMEN if k.veld != "dagen_overschreden"]
    positie = [k.veld for k in TERMIJN_KOLOMMEN].index("dagen_overschreden")
    einde = velden.index("einde_handhavingstermijn")
    qs = (
        termijnoverschrijdingen(gemeente, peildatum)
        .order_by("einde_handhavingstermijn", "persoon__bsn")
        .values_list(*velden)
        .iterator(chunk_size=CHUNK)
    )
    for rij in met_labels(TERMIJN_KOLOMMEN, qs):
        # The day count is plain date arithmetic: done here, so SQLite and PostgreSQL agree.
        rij.insert(positie, (peildatum - rij[einde]).days)
        yield rij


# --- Legends --------------------------------------------------------------------------------------

FORMAAT_CSV = """\
Formaat
Het bestand is een CSV-bestand zoals Nederlandse Excel het met dubbelklikken opent: scheidingsteken
puntkomma (;), tekenset UTF-8, datums als dd-mm-jjjj, J = ja en N = nee. Een lege cel betekent dat
het gegeven niet bekend of niet van toepassing is.
Tip: Excel laat voorloopnullen weg (BSN 004002313 wordt 4002313). Wilt u die behouden, open het bestand
dan via Gegevens > Uit tekst/CSV en geef de kolommen BSN en A-nummer het type Tekst."""

DISCLAIMER = """\
Let op
- De actuele datum van het bestand staat in de bestandsnaam (jjjjmmdd): de gegevens zijn bijgewerkt
  tot en met die peildatum. De ISI-bestanden worden dagelijks bijgewerkt op basis van onder andere
  mutaties van de BRP. Controleer bij gebruik altijd of u met de meest recente versie werkt.
- Doe al het mogelijke om oneigenlijk gebruik van de gegevens te voorkomen en vernietig de gegevens
  plus eventuele kopieën na afloop van de analyse. Het gebruik van de gegevens voor andere doeleinden
  dan de uitvoering van de Wet inburgering is niet toegestaan."""

ISI_DEELEN = """\
ISI Actief en ISI Definitief
In ISI Actief staan personen die inburgeringsplichtig, tijdelijk niet inburgeringsplichtig of
vrijwillige inburgeraar zijn onder de Wi2007, die dat in de toekomst mogelijk worden, of die het
inburgeringsexamen of diploma NT2 hebben gehaald met een voorziening die ná het diploma begon.
In ISI Definitief staan personen die het examen of diploma NT2 hebben gehaald zonder voorziening of met
een voorziening die vóór het diploma begon, die niet (meer) onder de Wi2007 vallen (AOW-gerechtigde
leeftijd, Nederlandse nationaliteit), die langer dan een jaar in het buitenland wonen, die geheel zijn
vrijgesteld of die zijn overleden."""


FORMAAT_XLSX = """\
Formaat
Het bestand is een Excel-werkmap (.xlsx) met twee werkbladen: de gegevens, één regel per persoon onder
een kopregel, en deze legenda. Datums zijn echte Excel-datums, weergegeven als dd-mm-jjjj, zodat u erop
kunt sorteren en filteren; J = ja en N = nee. BSN en A-nummer zijn tekst: voorloopnullen blijven staan.
Een lege cel betekent dat het gegeven niet bekend of niet van toepassing is."""


def legenda(
    titel: str, selectie: str, kolommen: Sequence[Kolom], *extra: str, formaat: str = FORMAAT_CSV
) -> str:
    breedte = max(len(k.titel) for k in kolommen)
    regels = []
    for kolom in kolommen:
        regels.append(f"{kolom.titel:<{breedte}}  {kolom.betekenis}")
        if waarden := _waarden(kolom):
            regels.append(f"{'':<{breedte}}  waarden: {waarden}")
    delen = [titel, f"Selectie\n{selectie}", *extra, formaat, "Kolommen\n" + "\n".join(regels), DISCLAIMER]
    return "\n\n".join(delen) + "\n"


ISI_SELECTIE = """\
Alle personen onder de Wet inburgering 2007 die volgens het BRP in uw gemeente wonen, zowel in ISI
Actief als in ISI Definitief, één regel per persoon, gesorteerd op achternaam. De gegevens zijn de
stand van ISI bij het aanmaken van het bestand, met de mutaties tot en met de peildatum verwerkt."""

ISI_VANAF2011_SELECTIE = """\
Dezelfde personen en kolommen als het ISI extract, beperkt tot personen van wie de datum
inburgeringsplicht (of, als die leeg is, de datum vestiging in Nederland) op of na 01-01-2011 en op of
vóór de peildatum ligt. Personen zonder beide datums staan niet in dit bestand."""

TERMIJN_SELECTIE = """\
Personen onder de Wet inburgering 2007 die in uw gemeente wonen, in ISI Actief staan en worden
gehandhaafd, van wie het einde van de (verlengde) handhavingstermijn op of vóór de peildatum ligt en
die geen inburgeringsdiploma en geen gehele vrijstelling door DUO hebben (zie ook signaal SS066).
Gesorteerd op einde handhavingstermijn, de langst verstreken termijn eerst."""

ISI = Extract(
    sleutel="wi2007_isi",
    titel="ISI extract in excel formaat",
    wet=Wet.WI2007,
    bestandsnaam="isi_{gemeentecode}_{datum}.zip",
    kolommen=tuple(k.titel for k in ISI_KOLOMMEN),
    rijen=isi_rijen,
    legenda=legenda(
        "ISI extract in excel formaat", ISI_SELECTIE, ISI_KOLOMMEN, ISI_DEELEN, formaat=FORMAAT_XLSX
    ),
    formaat="xlsx",
)
ISI_VANAF2011 = Extract(
    sleutel="wi2007_isi_vanaf2011",
    titel="ISI_VANAF2011 extract in csv formaat",
    wet=Wet.WI2007,
    bestandsnaam="isi_vanaf2011_{gemeentecode}_{datum}.zip",
    kolommen=tuple(k.titel for k in ISI_KOLOMMEN),
    rijen=isi_vanaf2011_rijen,
    legenda=legenda("ISI_VANAF2011 extract in csv formaat", ISI_VANAF2011_SELECTIE, ISI_KOLOMMEN, ISI_DEELEN),
)
TERMIJNOVERSCHRIJDINGEN = Extract(
    sleutel="wi2007_termijnoverschrijdingen",
    titel="Termijnoverschrijdingen in csv formaat",
    wet=Wet.WI2007,
    bestandsnaam="termijnoverschrijdingen_{gemeentecode}_{datum}.zip",
    kolommen=tuple(k.titel for k in TERMIJN_KOLOMMEN),
    rijen=termijn_rijen,
    legenda=legenda("Termijnoverschrijdingen in csv formaat", TERMIJN_SELECTIE, TERMIJN_KOLOMMEN),
)
EXTRACTEN = (ISI, ISI_VANAF2011, TERMIJNOVERSCHRIJDINGEN)

# Seed 002 §3.8: the same PDF for every gemeente; beheer uploads it in the admin (Downloaddocument).
DIPLOMAMODELLENBOEK = Document(
    sleutel="wi2007_diplomamodellenboek",
    titel="Diplomamodellenboek in PDF formaat",
    wet=Wet.WI2007,
    bestandsnaam="Diplomamodellenboek.pdf",
)


def registreer() -> None:
    """Register the Wi2007 extracts and the Diplomamodellenboek, in the order of the manual's page
    (call from ready())."""
    for extract in EXTRACTEN:
        registreer_extract(extract)
    registreer_document(DIPLOMAMODELLENBOEK)
