"""The Overzichtsscherm inburgeraar (S-18) and its history pages (S-19, S-20, S-31).

`persoonspagina` is the gate of every Wi2021 person page: the read role (A-4), then `regels.bekijken`
(FS 617/636/655 → an error page with the message and no data; AS 602 stays as an attention the page
shows above the data). The pages only read; buttons appear where the rules layer and the MUT
role allow them, and the services check both again.
"""

from functools import partial, wraps

from django.shortcuts import render
from django.views.decorators.http import require_safe

from inburgering.access import rol_vereist
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie

from . import meldingen as m
from . import regels, selectors_overzicht
from .selectors_aanbod import aanbod_blok
from .selectors_bio import bio_blok
from .selectors_contactpersonen import blok_contactpersoon
from .selectors_lbt import lbt_blok
from .selectors_map_pvt_uren import map_pvt_blok, uren_blok
from .selectors_z_route import eindgesprek_blok

# The left-hand menu and the order of the blocks (S-18, B-1…B-15): anchor, menu text, heading, template.
BLOKKEN = (
    ("personalia", "Personalia", "Personalia", "wi2021/_blok_personalia.html"),
    ("contactpersoon", "Contactpersoon", "Contactpersoon", "wi2021/_blok_b3_contactpersoon.html"),
    ("inburgeringsplicht", "Inburgeringsplicht", "Inburgeringsplicht", "wi2021/_blok_inburgeringsplicht.html"),
    ("signalen", "Signalen", "Signalen", "wi2021/_blok_signalen.html"),
    ("leerbaarheidstoets", "Leerbaarheidstoets", "Leerbaarheidstoets", "wi2021/_blok_leerbaarheidstoets.html"),
    ("pip", "PIP", "Persoonlijk plan inburgering en participatie (PIP)", "wi2021/_blok_pip.html"),
    ("inburgeringsaanbod", "Inburgeringsaanbod", "Inburgeringsaanbod", "wi2021/_blok_b8_aanbod.html"),
    ("map-pvt", "MAP en PVT",
     "Module Arbeidsmarkt & Participatie (MAP) en Participatieverklaringstraject (PVT)", "wi2021/_blok_b9_map_pvt.html"),
    ("uren", "Uren", "Deelgenomen uren en uren taalles en KNM", "wi2021/_blok_b10_uren.html"),
    ("examens", "Examens", "Examens", "wi2021/_blok_examens.html"),
    ("boetes", "Boetes", "Boetes", "wi2021/_blok_boetes.html"),
    ("aanvragen", "Aanvragen", "Aanvragen", "wi2021/_blok_aanvragen.html"),
    ("bio", "Advies BIO", "Advies ontheffing bijzondere individuele omstandigheden (BIO)", "wi2021/_blok_bio.html"),
    ("eindgesprek", "Eindgesprek Z-route", "Eindgesprek Z-route doorgeven", "wi2021/_blok_eindgesprek.html"),
)  # fmt: skip
MELDINGEN = ("meldingen", "Meldingen", "Meldingen", "wi2021/_blok_meldingen.html")


def persoonspagina(view=None, *, lezen: regels.Lezen | None = None):
    """Decorator for a Wi2021 person page `view(request, s, bekijken)`; the URL carries `persoon` (the
    internal id, never the BSN). Only GET/HEAD: a POST by the read role is refused with 403 before
    anything else (`rol_vereist`). `@persoonspagina(lezen=...)`: the page's reads joined into the query of
    the person and their plicht (`regels.situatie_van`)."""
    if view is None:
        return partial(persoonspagina, lezen=lezen)

    @rol_vereist(Wet.WI2021)
    @require_safe
    @wraps(view)
    def wrapped(request, persoon: int, **kwargs):
        s, bekijken = selectors_overzicht.situatie_bekijken(
            gemeente=request.toegang.gemeente, pk=persoon, lezen=lezen
        )
        if not bekijken.toegestaan:
            # As the search (D-02): not found for this gemeente, with the message, nothing of the person.
            context = {"melding": bekijken.eerste_fout.tekst, "titel": "Niet gevonden"}
            return render(request, "wi2021/geweigerd.html", context, status=404)
        return view(request, s, bekijken, **kwargs)

    return wrapped


def _context(s: regels.Situatie, bekijken, **extra) -> dict:
    """What `_kop.html` needs: the person, their plicht and the AS 602 attention."""
    return {"s": s, "persoon": s.persoon, "plicht": s.plicht, "pip": s.pip, "bekijken": bekijken, **extra}


def _audit(request, s: regels.Situatie, omschrijving: str) -> None:
    audit(actor=request.user, actie=AuditActie.BEKIJKEN, gemeente=request.toegang.gemeente, persoon=s.persoon,
          omschrijving=f"{omschrijving} WI2021")  # fmt: skip


def knoppen(request, s: regels.Situatie) -> dict[str, bool]:
    """Which mutation links S-18 shows: the MUT role and the rules layer's yes (R-ACC-3/4, D-37)."""
    if not request.toegang.mag_muteren(Wet.WI2021):
        return dict.fromkeys(("pip_doorgeven", "pip_wijzigen", "pip_verwijderen"), False)
    return {
        "pip_doorgeven": regels.pip_doorgeven(s).toegestaan,
        "pip_wijzigen": regels.pip_wijzigen(s).toegestaan,
        "pip_verwijderen": regels.pip_verwijderen(s).toegestaan,
    }


@persoonspagina(lezen=selectors_overzicht.met_blokken)
def overzicht(request, s: regels.Situatie, bekijken):
    data = selectors_overzicht.overzicht(s)
    blokken = ((MELDINGEN,) if data.meldingen or data.attenties else ()) + BLOKKEN
    _audit(request, s, "Overzichtsscherm inburgeraar")
    mag_muteren = request.toegang.mag_muteren(Wet.WI2021)
    v = regels.voortgang(s)
    context = _context(s, bekijken, data=data, blokken=blokken, knoppen=knoppen(request, s), m=m,
                       b3=blok_contactpersoon(s, mag_muteren=mag_muteren), b8=aanbod_blok(s, mag_muteren=mag_muteren), b9=map_pvt_blok(v, mag_muteren=mag_muteren),
                       b10=uren_blok(v, mag_muteren=mag_muteren), b6=lbt_blok(s, mag_muteren=mag_muteren),
                       b14=bio_blok(s, mag_muteren=mag_muteren), b15=eindgesprek_blok(v, mag_muteren=mag_muteren))  # fmt: skip
    return render(request, "wi2021/overzicht.html", context)


@persoonspagina
def doelgroep_historie(request, s: regels.Situatie, bekijken):
    """S-19 (§3.6.3.1)."""
    rijen = list(selectors_overzicht.doelgroephistorie(s))
    _audit(request, s, "Doelgroep historie")
    return render(request, "wi2021/doelgroep_historie.html", _context(s, bekijken, rijen=rijen))


@persoonspagina
def plicht_historie(request, s: regels.Situatie, bekijken):
    """S-20 (§3.6.3)."""
    rijen = list(selectors_overzicht.termijnhistorie(s))
    _audit(request, s, "Inburgeringsplicht historie")
    return render(
        request, "wi2021/plicht_historie.html", _context(s, bekijken, rijen=rijen, met_plichtstart=True)
    )


@persoonspagina
def pip_historie(request, s: regels.Situatie, bekijken):
    """S-31 (§3.6.6.4)."""
    rijen = list(selectors_overzicht.piphistorie(s))
    _audit(request, s, "PIP historie")
    return render(request, "wi2021/pip_historie.html", _context(s, bekijken, rijen=rijen))
