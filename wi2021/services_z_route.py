"""Writes of the Z-route (§3.6.15, §3.6.16; R-Z, D-25): the eindgesprek registered or changed by the gemeente
(the same shape as `services_map_pvt`: the MUT role again, the plicht rows locked, the rules layer's answer
raised, the form's version checked, the audit trail written), the daily job that makes it final — the plicht
ends, the certificate is issued, SS141 — and "Handel af" of a certificate."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.regels import weiger
from inburgering.versie import CODE, VEROUDERD, controleer_versie

from . import duo, regels
from . import meldingen as m
from .constants import RedenEinde
from .models import EindgesprekZRoute, ZRouteCertificaat
from .services import _situatie
from .signalering import ontvanger, plicht_feit, uitzenden

DUO = "DUO"


@transaction.atomic
def eindgesprek_doorgeven(
    *, actor, gemeente: Gemeente, persoon: Persoon, datum: date | None, versie: str | None = None
) -> EindgesprekZRoute:
    """S-50: register the date, or change it inside the two weeks (R-Z-4). `versie` is the token of the
    eindgesprek the page showed ("" or None: none was shown); an eindgesprek registered or changed meanwhile
    is the outdated-form refusal. The window is not restarted by a change (D-06)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    v = regels.voortgang(_situatie(persoon, gemeente))
    regels.eindgesprek_doorgeven(v).vereis()
    gesprek = v.eindgesprek_z_route
    if gesprek is None and versie:
        raise ValidationError(VEROUDERD, code=CODE)  # deleted cannot happen; a token without row is stale
    if gesprek is not None:
        gesprek = EindgesprekZRoute.objects.select_for_update().get(pk=gesprek.pk)
        controleer_versie(gesprek, versie)
    regels.eindgesprek_datum(v, datum).vereis()
    nu = timezone.now()
    if gesprek is None:
        gesprek = EindgesprekZRoute.objects.create(
            plicht=v.s.plicht, datum=datum, gemeente=gemeente, geregistreerd_op=nu, gewijzigd_op=nu
        )
        audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=v.s.persoon, obj=gesprek,
              omschrijving="Eindgesprek Z-route doorgegeven", wijzigingen={"datum": [None, datum]})  # fmt: skip
        return gesprek
    oud = gesprek.datum
    gesprek.datum, gesprek.gewijzigd_op = datum, nu
    gesprek.save(update_fields=["datum", "gewijzigd_op"])
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=v.s.persoon, obj=gesprek,
          omschrijving="Eindgesprek Z-route gewijzigd", wijzigingen={"datum": [oud, datum]})  # fmt: skip
    return gesprek


def eindgesprekken_definitief_maken(nu: datetime | None = None) -> int:
    """Daily job (R-Z-4, D-06, D-25): an eindgesprek registered on day D becomes final on D+14. DUO then ends
    the plicht (Reden einde "Zelfredzaamheidsroute afgerond", Datum einde = the date of the eindgesprek),
    issues the certificate to the gemeente where the person lives now and signals SS141 (fact key: the plicht).
    Each eindgesprek is claimed under a row lock and the three effects commit together, so a second run — or
    two workers at once — finds nothing left to do."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    grens = timezone.make_aware(
        datetime.combine(vandaag - regels.EINDGESPREK_TERMIJN + timedelta(days=1), time.min)
    )
    ids = list(
        EindgesprekZRoute.objects.filter(definitief_op__isnull=True, geregistreerd_op__lt=grens).values_list(
            "pk", flat=True
        )
    )
    aantal = 0
    for pk in ids:
        with transaction.atomic():
            gesprek = (
                EindgesprekZRoute.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("plicht__persoon__woongemeente", "plicht__persoon__toekomstige_gemeente")
                .filter(pk=pk, definitief_op__isnull=True)
                .first()
            )
            if gesprek is None:
                continue
            plicht = gesprek.plicht
            persoon = plicht.persoon
            if plicht.reden_einde not in duo.TIJDELIJK_ACTIEF:
                # Ended meanwhile for another reason (overleden, ingetrokken…): nothing to finish; the
                # eindgesprek stays as registered, without a certificate.
                continue
            duo._beeindigen(DUO, plicht, RedenEinde.Z_ROUTE, gesprek.datum)
            gesprek.definitief_op = vandaag
            gesprek.save(update_fields=["definitief_op"])
            gemeente = ontvanger(persoon) or gesprek.gemeente  # D-25: where the person lives at finalisation
            ZRouteCertificaat.objects.create(eindgesprek=gesprek, gemeente=gemeente, beschikbaar_op=vandaag)
            audit(actor=DUO, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=persoon, obj=gesprek,
                  omschrijving="Eindgesprek Z-route definitief; inburgeringsplicht beëindigd, certificaat beschikbaar",
                  wijzigingen={"definitief_op": [None, vandaag]})  # fmt: skip
            uitzenden("SS141", persoon, plicht_feit(plicht), gemeente=gemeente, datum=vandaag)
            aantal += 1
    return aantal


@transaction.atomic
def certificaat_afhandelen(*, actor, gemeente: Gemeente, certificaat_id: int) -> ZRouteCertificaat:
    """S-52 "Handel af" (R-Z-7): one certificate of the active gemeente, once. Another gemeente's or an
    unknown id is "not found" (the page answers 404)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    certificaat = (
        ZRouteCertificaat.objects.select_for_update(of=("self",))
        .select_related("eindgesprek__plicht__persoon")
        .filter(pk=certificaat_id, gemeente=gemeente)
        .first()
    )
    if certificaat is None:
        weiger(m.CERTIFICAAT_ONBEKEND).vereis()
    if certificaat.afgehandeld_op is not None:
        weiger(m.CERTIFICAAT_AL_AFGEHANDELD).vereis()
    certificaat.afgehandeld_op = timezone.localdate()
    certificaat.afgehandeld_door = actor.get_username()
    certificaat.save(update_fields=["afgehandeld_op", "afgehandeld_door"])
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=certificaat.eindgesprek.plicht.persoon,
          obj=certificaat, omschrijving="Z-route certificaat afgehandeld",
          wijzigingen={"afgehandeld_op": [None, certificaat.afgehandeld_op]})  # fmt: skip
    return certificaat
