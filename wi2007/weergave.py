"""What each tab of the Wi2007 person screen shows (seed 002 §3.4), as label/value rows.

One place for labels, order and the manual's display rules, used by the screen and by its PDF.
"""

from dataclasses import dataclass, field
from datetime import date

from inburgering.models import Persoon

from .constants import VolledigeDeelnameNT2
from .models import Wi2007Persoon


def ja_nee(waarde: bool | None) -> str:
    return "" if waarde is None else ("Ja" if waarde else "Nee")


def datum(waarde: date | None) -> str:
    return waarde.strftime("%d-%m-%Y") if waarde else ""


def gemeente(waarde) -> str:
    return waarde.naam if waarde else ""


@dataclass
class Tabel:
    koppen: list[str]
    rijen: list[list[str]]
    leeg: str


@dataclass
class Tab:
    sleutel: str
    titel: str
    rijen: list[tuple[str, str]] = field(default_factory=list)
    blokken: list[list[tuple[str, str]]] = field(default_factory=list)  # one block per voorziening etc.
    tabel: Tabel | None = None
    leeg: str = ""


def tabs(persoon: Persoon, g: Wi2007Persoon) -> list[Tab]:
    adres = " ".join(x for x in (persoon.straat, persoon.huisnummer) if x)
    woonplaats = " ".join(x for x in (persoon.postcode, persoon.woonplaats.upper()) if x)
    persoonsgegevens = Tab("persoonsgegevens", "Persoonsgegevens", rijen=[
        ("Geboortedatum", datum(persoon.geboortedatum)),
        ("Geslacht", persoon.get_geslacht_display()),
        ("Geboorteland", persoon.geboorteland),
        ("Geboorteplaats", persoon.geboorteplaats),
        ("Nationaliteit 1", persoon.nationaliteit),
        ("Nationaliteit 2", g.nationaliteit_2),
        ("Postcode + Woonplaats", woonplaats),
        ("Straatnaam + Huisnummer", adres),
        ("Huisnr.toevoeging + aanduiding", g.huisnummer_toevoeging),
        ("Locatieomschrijving", g.locatieomschrijving),
        ("Indicatie betrouwbaar adres", ja_nee(g.betrouwbaar_adres)),
        ("Datum vestiging in Nederland", datum(persoon.datum_vestiging)),
        ("Datum vertrek uit Nederland", datum(persoon.datum_vertrek)),
        ("Recht op lening en vergoeding", ja_nee(g.recht_op_lening)),
        ("Indicatie asielgerechtigd", ja_nee(g.asielgerechtigd)),
        ("Indicatie verblijfsdoel", g.get_verblijfsdoel_display()),
        ("Indicatie rechtmatig verblijf", ja_nee(g.rechtmatig_verblijf)),
        ("Indicatie zgn. Pardonregeling", ja_nee(g.pardonregeling)),
        ("Indicatie Persoonsvolgend Budget", ja_nee(g.pvb)),
        ("Persoonsvolgend Budget gebruikt", ja_nee(g.pvb_gebruikt)),
        ("In AZC gehuisvest", ja_nee(g.in_azc)),
        ("Datum beslissing verblijfsrecht", datum(g.datum_beslissing_verblijfsrecht)),
        ("Indicatie Diploma behaald", ja_nee(g.diploma_behaald)),
        ("Niveau inburgeringsdiploma", g.niveau_diploma),
        ("Indicatie Schuld aanwezig", ja_nee(g.schuld)),
        ("Indicatie Gehele vrijstelling door DUO", ja_nee(g.gehele_vrijstelling_duo)),
        ("Examen aanvraag aanwezig i.h.k.v.", g.get_examenaanvraag_display()),
        ("Code geheim", g.get_code_geheim_display()),
    ])  # fmt: skip
    indicatie = Tab("indicatie", "Indicatie", rijen=[
        ("Inburgeringsplichtig", ja_nee(g.inburgeringsplichtig)),
        ("Datum inburgeringsplicht", datum(g.datum_inburgeringsplicht)),
        ("Reden niet inburgeringsplichtig", g.reden_niet_inburgeringsplichtig),
        ("Vrijwillige inburgeraar", ja_nee(g.vrijwillig)),
        ("Oudkomer", ja_nee(g.oudkomer)),
        ("Indicatie zgn. Pardonregeling", ja_nee(g.pardonregeling)),
        ("Indicatie asielgerechtigd", ja_nee(g.asielgerechtigd)),
    ])  # fmt: skip
    handhaving = Tab("handhaving", "Handhaving", rijen=[
        ("Handhaving", ja_nee(g.gehandhaafd)),
        ("Handhaving ingesteld door gemeente", gemeente(g.handhaving_gemeente)),
        ("Eerste handhaving door gemeente", gemeente(g.eerste_handhaving_gemeente)),
        ("Begin handhaving", datum(g.begin_handhaving)),
        ("Einde (verlengde) handhavingstermijn", datum(g.einde_handhavingstermijn)),
        ("Datum verlenging", datum(g.datum_verlenging)),
        # "Dit gegeven wordt alleen getoond als de handhavingsgegevens al zijn ingevuld."
        *([("Reden verlenging", g.reden_verlenging)] if g.begin_handhaving else []),
    ])  # fmt: skip
    voorzieningen = Tab("voorziening", "Inburgeringsvoorziening", leeg="Er zijn geen voorzieningen.", blokken=[
        [
            ("Aanbod door gemeente", gemeente(v.aanbod_gemeente)),
            ("Doelgroep voorziening", v.get_doelgroep_display()),
            ("Soort voorziening", v.get_soort_display()),
            ("Indicatie pib", ja_nee(v.indicatie_pib)),
            # "wordt alleen getoond indien de inburgeraar een duaal traject volgt"
            *([("Vorm duaal traject", v.get_vorm_duaal_display())] if v.vorm_duaal else []),
            ("Datum start voorziening", datum(v.datum_start)),
            ("Datum einde voorziening", datum(v.datum_einde)),
            ("Reden einde", v.reden_einde),
        ]
        for v in g.voorzieningen.all()
    ])  # fmt: skip
    vrijstellingen = Tab("vrijstelling", "Vrijstelling", leeg="Er zijn geen vrijstellingen.", blokken=[
        [
            ("Soort vrijstelling", v.get_soort_display()),
            ("Verleend door", v.get_verleend_door_display()),
            ("Start vrijstelling", datum(v.datum_start)),
            ("Einde vrijstelling", datum(v.datum_einde)),
            ("Examenonderdeel", v.get_examenonderdeel_display()),
            ("Niveau gedeeltelijke vrijstelling", v.niveau),
        ]
        for v in g.vrijstellingen.all()
    ])  # fmt: skip
    boetes = Tab("boete", "Boete", tabel=Tabel(
        ["Datum toekennen", "Reden boete", "Bedrag boete", "Soort boete"],
        [[datum(b.datum_toekennen), b.reden, f"€ {b.bedrag:,.2f}".replace(",", "X").replace(".", ",").replace("X", "."),
          b.soort] for b in g.boetes.all()],
        "Er zijn geen boetes.",
    ))  # fmt: skip
    nt2 = g.volledige_deelname_nt2
    examens = Tab("examens", "Examens", rijen=[
        ("Inburgeringsdiploma behaald", ja_nee(g.diploma_behaald)),
        ("Datum diploma behaald", datum(g.datum_diploma)),
        ("Diploma gemeente", gemeente(g.diploma_gemeente)),
        # Only when datum diploma behaald is filled and the indication has a value.
        *([("Indicatie geslaagd", g.get_indicatie_geslaagd_display())] if g.datum_diploma and g.indicatie_geslaagd else []),
        ("Deelgenomen volledig examen", ja_nee(g.deelgenomen_volledig_examen)),
        ("Gemeente bij volledige deelname", gemeente(g.gemeente_volledige_deelname)),
        ("Volledige deelname NT2", VolledigeDeelnameNT2(nt2).label),
        *([("Datum volledige deelname NT2", datum(g.datum_volledige_deelname_nt2))] if g.datum_volledige_deelname_nt2 else []),
        *([("Gemeente volledige deelname NT2", gemeente(g.gemeente_volledige_deelname_nt2))] if nt2 else []),
        ("Examenaanvraag", g.get_examenaanvraag_display()),
    ], tabel=Tabel(
        ["Examen", "Niveau", "Uitslag", "Profiel", "Variant", "Datum deelname", "Gemeente examenonderdeel behaald",
         "Indicatie vrijgesteld"],
        [[e.examen, e.niveau, e.get_uitslag_display(), e.profiel, e.variant, datum(e.datum_deelname),
          gemeente(e.gemeente_behaald), ja_nee(e.vrijgesteld)] for e in g.examens.all()],
        "Er zijn geen examens.",
    ))  # fmt: skip
    return [persoonsgegevens, indicatie, handhaving, voorzieningen, vrijstellingen, boetes, examens]


# The first five tabs stand in the tab bar; the rest sit under "Meer ▾" (seed 002 §3.4).
IN_BALK = 5
