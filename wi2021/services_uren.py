"""Writes of deelgenomen uren and uren taalles en KNM (§3.6.10): each registration is a new running total
(R-UR-2) of the own gemeente (D-31). Same shape as `wi2021.services`: the MUT role again (A-4), the plicht rows
locked, the rules layer's answer raised, the version of what "Tot nu toe doorgegeven" showed checked, a
history row and an audit entry per total."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.versie import CODE, VEROUDERD

from . import regels
from .models import GEMEENTE_UREN, INSTELLING_UREN, Instelling, Urenregistratie, Urenstand, urenkenmerk
from .selectors_map_pvt_uren import aanbod_instellingen
from .services import _situatie


def _stand(s: regels.Situatie, soort: str, instelling: Instelling | None) -> Urenstand | None:
    return (
        Urenstand.objects.select_for_update()
        .filter(plicht=s.plicht, gemeente=s.gemeente, soort=soort, instelling=instelling)
        .first()
    )


def _controleer(standen, versie: str | None) -> None:
    """What the page showed as "Tot nu toe doorgegeven" must still be the latest, else the Dutch
    outdated-form message (a first registration included: `geen` then)."""
    if versie != urenkenmerk(standen):
        raise ValidationError(VEROUDERD, code=CODE)


def _registreer(s, *, actor, soort: str, instelling, aantal: int, datum_tot: date, stand) -> Urenstand:
    nu = timezone.now()
    oud = (stand.aantal, stand.datum_tot) if stand else (None, None)
    if stand is None:
        stand = Urenstand.objects.create(plicht=s.plicht, gemeente=s.gemeente, soort=soort, instelling=instelling,
                                         aantal=aantal, datum_tot=datum_tot, geregistreerd_op=nu)  # fmt: skip
    else:
        stand.aantal, stand.datum_tot, stand.geregistreerd_op = aantal, datum_tot, nu
        stand.save()
    Urenregistratie.objects.create(stand=stand, aantal=aantal, datum_tot=datum_tot, geregistreerd_op=nu,
                                   gebruiker=actor.get_username())  # fmt: skip
    bij = f" bij {instelling}" if instelling else ""
    audit(actor=actor, actie=AuditActie.AANMAKEN if oud[0] is None else AuditActie.WIJZIGEN, gemeente=s.gemeente,
          persoon=s.persoon, obj=stand, omschrijving=f"{stand.get_soort_display()}{bij} doorgegeven",
          wijzigingen={"aantal": [oud[0], aantal], "datum_tot": [oud[1], datum_tot]})  # fmt: skip
    return stand


@transaction.atomic
def uren_doorgeven(
    *, actor, gemeente: Gemeente, persoon: Persoon, soort: str, aantal: int | None, datum_tot: date | None,
    versie: str | None, instelling_gevuld: bool = False,
) -> Urenstand:  # fmt: skip
    """S-43: a new total of a gemeente kind (participatie-uren, taallesuren, brede intake)."""
    if soort not in GEMEENTE_UREN:
        raise ValueError(soort)
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    v = regels.voortgang(s)
    regels.uren_doorgeven(v).vereis()
    stand = _stand(s, soort, None)
    _controleer([stand], versie)
    regels.uren_gegevens(
        s, aantal=aantal, datum_tot=datum_tot, vorige=stand, instelling_gevuld=instelling_gevuld
    ).vereis()
    return _registreer(s, actor=actor, soort=soort, instelling=None, aantal=aantal, datum_tot=datum_tot,
                       stand=stand)  # fmt: skip


@transaction.atomic
def uren_instelling_doorgeven(
    *, actor, gemeente: Gemeente, persoon: Persoon, instelling_id: int | None, soort_instelling: str = "",
    totalen: Mapping[str, int | None], datum_tot: date | None, versie: str | None,
) -> list[Urenstand]:  # fmt: skip
    """S-44 (D-17): each filled total becomes a registration of its kind for the instelling with the shared
    date; kinds left empty keep their total."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    v = regels.voortgang(s)
    regels.uren_instelling_doorgeven(v).vereis()
    instelling = Instelling.objects.filter(pk=instelling_id).first() if instelling_id else None
    totalen = {soort: totalen.get(soort) for soort in INSTELLING_UREN}
    standen = {soort: _stand(s, soort, instelling) for soort in INSTELLING_UREN} if instelling else {}
    regels.uren_instelling_gegevens(
        s, instelling=instelling, soort_instelling=soort_instelling,
        aanbod={i.pk for i in aanbod_instellingen(s)}, totalen=totalen, datum_tot=datum_tot, vorige=standen,
    ).vereis()  # fmt: skip
    _controleer([standen[soort] for soort in INSTELLING_UREN], versie)
    return [
        _registreer(
            s,
            actor=actor,
            soort=soort,
            instelling=instelling,
            aantal=aantal,
            datum_tot=datum_tot,
            stand=standen[soort],
        )  # fmt: skip
        for soort, aantal in totalen.items()
        if aantal is not None
    ]


# --- Uren under an aanbod (R-UR-11; S-35 variant B, R-PIP-11) ------------------------------------------


def aanbiedingen_met_uren(aanbiedingen) -> set[int]:
    """The aanbiedingen for whose instelling their gemeente registered uren taalles en KNM (one query)."""
    if not aanbiedingen:
        return set()
    sleutels = {(a.plicht_id, a.gemeente_id, a.instelling_id): a.pk for a in aanbiedingen}
    standen = Urenstand.objects.filter(
        plicht_id__in={p for p, _, _ in sleutels}, soort__in=INSTELLING_UREN, instelling__isnull=False
    ).values_list("plicht_id", "gemeente_id", "instelling_id")
    return {sleutels[stand] for stand in standen if stand in sleutels}


def uren_van_aanbod_verwijderen(*, actor, aanbod) -> None:
    """Withdrawing an aanbod (or deleting the PIP) removes the uren registered for its instelling by its
    gemeente, audited; the registration history goes with them."""
    standen = list(
        Urenstand.objects.select_for_update().filter(
            plicht_id=aanbod.plicht_id, gemeente_id=aanbod.gemeente_id, instelling_id=aanbod.instelling_id
        )
    )
    for stand in standen:
        audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=stand.gemeente, persoon=aanbod.plicht.persoon,
              obj=stand, omschrijving="Uren verwijderd met het inburgeringsaanbod",
              wijzigingen={"aantal": [stand.aantal, None], "datum_tot": [stand.datum_tot, None]})  # fmt: skip
        stand.delete()
