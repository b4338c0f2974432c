"""Writes of MAP and PVT results (§3.6.8, §3.6.9): the same shape as `wi2021.services` — the MUT role again
(A-4), the person's plicht rows locked, the rules layer's answer raised, the form's version checked, history
and audit trail written."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.versie import CODE, VEROUDERD, controleer_versie

from . import regels
from .models import Trajectresultaat, TrajectresultaatHistorie
from .services import _situatie


def _historie(
    resultaat: Trajectresultaat, *, actor, gemeente: Gemeente, gebeurtenis: str, datum=None
) -> None:
    TrajectresultaatHistorie.objects.create(
        plicht_id=resultaat.plicht_id, traject=resultaat.traject, datum=datum, gemeente=gemeente,
        laatste_wijziging=timezone.now(), gebruiker=actor.get_username(), gebeurtenis=gebeurtenis,
    )  # fmt: skip


def _voortgang(actor, gemeente: Gemeente, persoon: Persoon) -> regels.Voortgang:
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    return regels.voortgang(_situatie(persoon, gemeente))


@transaction.atomic
def traject_doorgeven(
    *, actor, gemeente: Gemeente, persoon: Persoon, traject: str, datum: date | None
) -> Trajectresultaat:
    """S-37 / S-40. A result registered meanwhile by someone else (the page showed none) is the outdated-form
    refusal, not a second result."""
    v = _voortgang(actor, gemeente, persoon)
    if traject in v.resultaten:
        raise ValidationError(VEROUDERD, code=CODE)
    regels.TRAJECT_ACTIES[traject, "doorgeven"](v).vereis()
    regels.traject_datum(v, traject, datum, wijziging=False).vereis()
    resultaat = Trajectresultaat.objects.create(
        plicht=v.s.plicht, traject=traject, datum=datum, gemeente=gemeente, geregistreerd_op=timezone.now()
    )
    _historie(resultaat, actor=actor, gemeente=gemeente, gebeurtenis="doorgegeven", datum=datum)
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=v.s.persoon, obj=resultaat,
          omschrijving=f"{traject} doorgegeven", wijzigingen={"datum": [None, datum]})  # fmt: skip
    return resultaat


@transaction.atomic
def traject_wijzigen(
    *, actor, gemeente: Gemeente, persoon: Persoon, traject: str, datum: date | None, versie: str | None
) -> Trajectresultaat:
    """S-38 / S-41: only the registering gemeente (FS 667 / FS 627), not after an eindgesprek (D-16)."""
    v = _voortgang(actor, gemeente, persoon)
    regels.TRAJECT_ACTIES[traject, "wijzigen"](v).vereis()
    resultaat = Trajectresultaat.objects.select_for_update().get(pk=v.resultaten[traject].pk)
    controleer_versie(resultaat, versie)
    regels.traject_datum(v, traject, datum, wijziging=True).vereis()
    oud = resultaat.datum
    resultaat.datum = datum
    resultaat.geregistreerd_op = timezone.now()
    resultaat.save()
    _historie(resultaat, actor=actor, gemeente=gemeente, gebeurtenis="gewijzigd", datum=datum)
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=v.s.persoon, obj=resultaat,
          omschrijving=f"{traject} gewijzigd", wijzigingen={"datum": [oud, datum]})  # fmt: skip
    return resultaat


@transaction.atomic
def traject_verwijderen(
    *, actor, gemeente: Gemeente, persoon: Persoon, traject: str, versie: str | None
) -> None:
    """S-39 / S-42. The uren stay as they are: the user corrects them (R-UR-12)."""
    v = _voortgang(actor, gemeente, persoon)
    if traject not in v.resultaten:  # deleted meanwhile by someone else
        raise ValidationError(VEROUDERD, code=CODE)
    regels.TRAJECT_ACTIES[traject, "verwijderen"](v).vereis()
    resultaat = Trajectresultaat.objects.select_for_update().get(pk=v.resultaten[traject].pk)
    controleer_versie(resultaat, versie)
    _historie(resultaat, actor=actor, gemeente=gemeente, gebeurtenis="verwijderd")
    audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=gemeente, persoon=v.s.persoon, obj=resultaat,
          omschrijving=f"{traject} verwijderd", wijzigingen={"datum": [resultaat.datum, None]})  # fmt: skip
    resultaat.delete()
