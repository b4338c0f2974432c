"""What every Wi2021 mutation page shares (PIP, aanbod, MAP/PVT, uren): the person as the active gemeente
sees them or the refusal page, the MUT role, the blocked-action page, the view audit, the way back to the
overview and the error summary that links to the fields."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.messages import GEEN_TOEGANG
from inburgering.models import AuditActie, Persoon

from . import meldingen as m
from . import regels

STATUS = {m.FS617.code: 404, m.FS636.code: 404, m.FS655.code: 403}


def situatie_of_weigering(request, persoon: int) -> tuple[regels.Situatie | None, Any]:
    """The person as the active gemeente sees them, or the refusal page: another gemeente's person is a
    404 with FS 617 (R-ACC-1); an old gemeente inside its window passes here and meets FS 617 at the PIP
    rules (D-37)."""
    gemeente = request.toegang.gemeente
    gevonden = Persoon.objects.select_related("woongemeente").filter(pk=persoon).first()
    if gemeente is None or gevonden is None:
        raise Http404(m.FS617.weergave())
    s = regels.situatie(gevonden, gemeente)
    fout = regels.bekijken(s).eerste_fout
    if fout is not None:
        return None, render(request, "wi2021/pip_weigering.html", {"fout": fout.tekst},
                            status=STATUS.get(fout.melding.code, 404))  # fmt: skip
    return s, None


def mutatiepagina(request, persoon: int) -> tuple[regels.Situatie | None, Any]:
    """Every page here changes data: the read role gets 403 on GET too (the decorator refuses its POSTs)."""
    s, weigering = situatie_of_weigering(request, persoon)
    if weigering is None and not request.toegang.mag_muteren(Wet.WI2021):
        raise PermissionDenied(GEEN_TOEGANG)
    return s, weigering


def blokkade(request, s: regels.Situatie, oordeel, titel: str):
    """The rules refuse the action (FS 602, FS 617 for an old gemeente, FS 643, FS 645, …): the message
    instead of the form."""
    fout = oordeel.eerste_fout
    audit_bekijken(request, s, f"{titel} geweigerd: {fout.tekst}")
    status = 403 if fout.melding.code == m.FS617.code else 200
    return render(request, "wi2021/pip_blokkade.html", {"s": s, "persoon": s.persoon, "titel": titel,
                                                        "fout": fout.tekst}, status=status)  # fmt: skip


def audit_bekijken(request, s: regels.Situatie, omschrijving: str) -> None:
    audit(actor=request.user, actie=AuditActie.BEKIJKEN, gemeente=request.toegang.gemeente, persoon=s.persoon,
          omschrijving=f"WI2021 {omschrijving}")  # fmt: skip


def overzicht_url(s: regels.Situatie) -> str:
    return reverse("wi2021:overzicht", kwargs={"persoon": s.persoon.pk})


def _anker(form, veld: str) -> str:
    bound = form[veld]
    return f"#{bound.auto_id}" if veld == "alfabetisering" else f"#{bound.id_for_label}"


def foutenlijst(form) -> list[tuple[str, str]]:
    """The error summary at the top (D-19): each message, linked to its field."""
    lijst = [(fout, "") for fout in form.non_field_errors()]
    for veld, fouten in form.errors.items():
        if veld in form.fields:
            lijst += [(fout, _anker(form, veld)) for fout in fouten]
    return lijst
