"""The gemeente's two LBT actions (§3.6.5): "Onthef" (S-21) and "Opnieuw aanvragen" (S-22). The same shape as
`wi2021.services`: the MUT role again (A-4), the person's plicht rows locked, `regels_lbt`' answer raised,
the form's version checked, the audit trail written. What DUO does with them (a new aanmelding → SS137)
arrives as a chain event (`wi2021.duo.lbt_aanmelden`)."""

from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.versie import controleer_versie

from . import regels_lbt
from .constants import RedenOpnieuwLbt
from .models import LbtOntheffing, Leerbaarheidstoets
from .services import _situatie


def _stand(actor, gemeente: Gemeente, persoon: Persoon) -> regels_lbt.LbtStand:
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    return regels_lbt.stand(_situatie(persoon, gemeente))


@transaction.atomic
def lbt_ontheffen(*, actor, gemeente: Gemeente, persoon: Persoon) -> LbtOntheffing:
    """S-21: final (R-LBT-3); B-6 shows it from now on and DUO registers no new LBT."""
    st = _stand(actor, gemeente, persoon)
    regels_lbt.onthef(st).vereis()
    ontheffing = LbtOntheffing.objects.create(
        plicht=st.s.plicht, gemeente=gemeente, ontheven_op=timezone.now(), gebruiker=actor.get_username()
    )
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=st.s.persoon, obj=ontheffing,
          omschrijving="Ontheven van de leerbaarheidstoets",
          wijzigingen={"lbt_ontheven": [None, True]})  # fmt: skip
    return ontheffing


@transaction.atomic
def lbt_opnieuw_aanvragen(
    *, actor, gemeente: Gemeente, persoon: Persoon, reden: str, overig: str = "", versie: str | None
) -> Leerbaarheidstoets:
    """S-22: the request goes to DUO, recorded on the attempt with result N; "De Leerbaarheidstoets is binnen 2
    werkdagen weer beschikbaar" (D-23) — DUO's new aanmelding arrives as `lbt_aanmelding`."""
    st = _stand(actor, gemeente, persoon)
    regels_lbt.opnieuw_aanvragen(st).en(regels_lbt.opnieuw_gegevens(reden, overig)).vereis()
    lbt = Leerbaarheidstoets.objects.select_for_update().get(pk=st.huidige.pk)
    controleer_versie(lbt, versie)
    overig = overig.strip() if reden == RedenOpnieuwLbt.OVERIG else ""
    lbt.opnieuw_aangevraagd_op, lbt.opnieuw_aangevraagd_door = timezone.now(), gemeente
    lbt.reden_opnieuw, lbt.reden_overig = reden, overig
    lbt.save(
        update_fields=["opnieuw_aangevraagd_op", "opnieuw_aangevraagd_door", "reden_opnieuw", "reden_overig"]
    )
    reden_tekst = f"{RedenOpnieuwLbt(reden).label}: {overig}" if overig else RedenOpnieuwLbt(reden).label
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=st.s.persoon, obj=lbt,
          omschrijving=f"Leerbaarheidstoets {lbt.examennummer} opnieuw aangevraagd",
          wijzigingen={"reden_opnieuw": [None, reden_tekst]})  # fmt: skip
    return lbt
