"""The Z-route certificate as a PDF (§3.6.16, D-26), rendered by WeasyPrint on every download.

The manual gives neither content nor layout: the certificate is printed on DUO's pre-printed waardepapier
(with its security features and the fixed texts), so the PDF carries only the variable data, each value at
its place on that paper: voornamen + achternaam, geboortedatum, geboorteland, datum eindgesprek, gemeente —
never the BSN. Printers feed paper slightly differently, so the whole layout can be shifted with
`PIB_Z_CERTIFICAAT_VERSCHUIVING_MM` (x, y). A "proefafdruk" on plain paper prints the same values with their
labels and boxes, to check the position before a sheet of waardepapier is used.

The positions are generated as a stylesheet here (templates have no inline styles, CSP test); the same data
gives the same PDF on every download.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.formats import date_format

from weasyprint import CSS, HTML

from wi2007.pdf import StatischeBestandenFetcher  # static files only, never the network

from .models import ZRouteCertificaat

# Field → (label, x mm, y mm, width mm) on the A4 waardepapier, from its top-left corner.
POSITIES = {
    "naam": ("Naam", 40, 118, 140),
    "geboortedatum": ("Geboortedatum", 40, 136, 60),
    "geboorteland": ("Geboorteland", 110, 136, 70),
    "datum_eindgesprek": ("Datum eindgesprek", 40, 154, 60),
    "gemeente": ("Gemeente", 110, 154, 70),
}


@dataclass(frozen=True)
class Veld:
    naam: str
    label: str
    waarde: str


def _datum(d) -> str:
    return date_format(d, "d-m-Y") if d else ""


def velden(certificaat: ZRouteCertificaat) -> list[Veld]:
    """What the certificate shows (D-26) — deliberately no BSN."""
    gesprek = certificaat.eindgesprek
    persoon = gesprek.plicht.persoon
    naam = " ".join(deel for deel in (persoon.voornamen, persoon.voorvoegsels, persoon.achternaam) if deel)
    waarden = {
        "naam": naam,
        "geboortedatum": _datum(persoon.geboortedatum),
        "geboorteland": persoon.geboorteland,
        "datum_eindgesprek": _datum(gesprek.datum),
        "gemeente": certificaat.gemeente.naam,
    }
    return [Veld(naam, POSITIES[naam][0], waarden[naam]) for naam in POSITIES]


def opmaak(proef: bool) -> str:
    x, y = getattr(settings, "PIB_Z_CERTIFICAAT_VERSCHUIVING_MM", (0, 0))
    regels = ["@page { size: A4; margin: 0; }",
              "body { margin: 0; font-family: 'DejaVu Sans', sans-serif; font-size: 12pt; color: #000; }",
              ".veld { position: absolute; }",
              ".veld__label { display: block; font-size: 7pt; color: #555; }"]  # fmt: skip
    for naam, (_, links, boven, breedte) in POSITIES.items():
        regels.append(f".veld--{naam} {{ left: {links + x}mm; top: {boven + y}mm; width: {breedte}mm; }}")
    if proef:
        regels += [".veld { outline: 0.3mm dashed #888; padding: 1mm; }",
                   ".proef { position: absolute; left: 15mm; top: 12mm; width: 180mm; font-size: 9pt; color: #555; }",
                   ".kader { position: absolute; left: 10mm; top: 10mm; width: 190mm; height: 277mm; "
                   "border: 0.3mm solid #bbb; }"]  # fmt: skip
    return "\n".join(regels)


def certificaat_pdf(certificaat: ZRouteCertificaat, *, proef: bool = False) -> bytes:
    html = render_to_string("wi2021/z_certificaat_pdf.html", {"velden": velden(certificaat), "proef": proef})
    document = HTML(string=html, base_url="pibstatic:", url_fetcher=StatischeBestandenFetcher())
    return document.write_pdf(stylesheets=[CSS(string=opmaak(proef))])
