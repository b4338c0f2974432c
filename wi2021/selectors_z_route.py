"""Reads of the Z-route: block B-15 of the overview and the certificate list S-51 (§3.6.15, §3.6.16)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from . import regels
from .models import EindgesprekZRoute, ZRouteCertificaat


@dataclass(frozen=True)
class Eindgesprekblok:
    gesprek: EindgesprekZRoute | None
    doorgeven: bool  # the link "Geef de datum van het eindgesprek Z-route door" (MUT, R-Z-1)
    wijzigen: bool  # "Wijzig" inside the two weeks (R-Z-4)
    venster_einde: date | None  # the last day the date can still be changed


def eindgesprek_blok(v: regels.Voortgang, *, mag_muteren: bool) -> Eindgesprekblok:
    """B-15 from what the overview already read (no query of its own)."""
    gesprek = v.eindgesprek_z_route
    mag = mag_muteren and regels.eindgesprek_doorgeven(v).toegestaan
    return Eindgesprekblok(
        gesprek=gesprek,
        doorgeven=mag and gesprek is None,
        wijzigen=mag and gesprek is not None,
        venster_einde=regels.eindgesprek_venster_einde(gesprek)
        if gesprek and not gesprek.definitief
        else None,
    )


def certificaten(gemeente, *, alleen_open: bool, bsn: str = "") -> QuerySet[ZRouteCertificaat]:
    """S-51 (R-Z-5): the gemeente's certificates, "Ja" only those not yet handled; optionally one BSN."""
    qs = ZRouteCertificaat.objects.filter(gemeente=gemeente).select_related("eindgesprek__plicht__persoon")
    if alleen_open:
        qs = qs.filter(afgehandeld_op__isnull=True)
    if bsn:
        qs = qs.filter(eindgesprek__plicht__persoon__bsn=bsn)
    return qs.order_by("-eindgesprek__datum", "pk")


def certificaat(gemeente, pk: int) -> ZRouteCertificaat | None:
    """One certificate of the active gemeente; another gemeente's is as unknown as a wrong id."""
    return (
        ZRouteCertificaat.objects.select_related("eindgesprek__plicht__persoon", "gemeente")
        .filter(pk=pk, gemeente=gemeente)
        .first()
    )
