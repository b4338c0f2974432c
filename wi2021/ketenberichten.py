"""Wi2021 chain events (WI2021.md section 7; docs/ketenberichten.md, section Wi2021), applied through
`wi2021.duo`. Each reader checks the message's `gegevens` (unknown or missing fields, dates, value lists)
and raises `OngeldigBericht` with a Dutch message; the service's own refusals arrive as ValidationError.

{"id": "ind-2026-1", "type": "inburgeringsplicht_vastgesteld", "bsn": "111222333",
 "gegevens": {"datum_start": "2026-03-18", "doelgroep": "asiel", "koppelingsgemeente": "0014"}}

The leerbaarheidstoets events `lbt_aanmelding` (SS137), `lbt_uitslag` (SS131) and `lbt_verlopen` are read
below and applied by `duo.lbt_aanmelden`, `duo.lbt_uitslag` and `duo.lbt_verlopen`.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import models

from inburgering.constants import Wet
from inburgering.ketenberichten import (
    IMPORTEUR,
    OngeldigBericht,
    datum_uit,
    gegevens_uit,
    gemeente_uit,
    persoon_uit,
    registreer_berichttype,
)
from inburgering.models import Persoon

from . import duo
from .constants import (
    Doelgroep,
    Examenniveau,
    Examenonderdeel,
    Examenstatus,
    GrondOntheffing,
    LbtResultaat,
    Omvang,
    RedenWijzigingTermijn,
    SoortContract,
)
from .models import Instelling

UITKOMST = {"toegekend": True, "afgewezen": False}
AANMELDING_STATUS = (Examenstatus.NOG_TE_DOEN, Examenstatus.GEPLAND, Examenstatus.ONBEKEND)
UITSLAG_STATUS = tuple(s for s in Examenstatus.values if s not in AANMELDING_STATUS)


class Gegevens:
    """The `gegevens` of one message: every field read once, unknown ones refused at the end."""

    def __init__(self, bericht: dict, *, verplicht: bool = True):
        self.data = gegevens_uit(bericht, verplicht=verplicht)
        self.gelezen: set[str] = set()

    def _ruw(self, veld: str, verplicht: bool) -> Any:
        self.gelezen.add(veld)
        waarde = self.data.get(veld)
        if waarde in (None, "") and verplicht:
            raise OngeldigBericht(f"'{veld}' is verplicht")
        return None if waarde in (None, "") else waarde

    def datum(self, veld: str, *, verplicht: bool = True) -> date | None:
        waarde = self._ruw(veld, verplicht)
        return None if waarde is None else datum_uit(waarde, veld)

    def keuze(self, veld: str, keuzes, *, verplicht: bool = True) -> str | None:
        waarde = self._ruw(veld, verplicht)
        if waarde is None:
            return None
        toegestaan = (
            list(keuzes.values)
            if isinstance(keuzes, type) and issubclass(keuzes, models.Choices)
            else list(keuzes)
        )
        if waarde not in toegestaan:
            raise OngeldigBericht(f"'{veld}' moet een van {', '.join(map(str, toegestaan))} zijn: {waarde!r}")
        return waarde

    def tekst(self, veld: str, *, max_lengte: int, verplicht: bool = True) -> str:
        waarde = self._ruw(veld, verplicht)
        if waarde is None:
            return ""
        if not isinstance(waarde, str) or len(waarde) > max_lengte:
            raise OngeldigBericht(f"'{veld}' moet tekst van hoogstens {max_lengte} tekens zijn")
        return waarde

    def getal(self, veld: str) -> int:
        waarde = self._ruw(veld, True)
        if isinstance(waarde, bool) or not isinstance(waarde, int) or not 1 <= waarde <= 99:
            raise OngeldigBericht(f"'{veld}' moet een geheel getal van 1 tot en met 99 zijn: {waarde!r}")
        return waarde

    def gemeente(self, veld: str, *, verplicht: bool = True):
        waarde = self._ruw(veld, verplicht)
        return None if waarde is None else gemeente_uit(waarde, veld)

    def uitkomst(self) -> bool:
        return UITKOMST[self.keuze("uitkomst", UITKOMST)]

    def klaar(self) -> None:
        onbekend = sorted(set(self.data) - self.gelezen)
        if onbekend:
            raise OngeldigBericht(f"onbekende velden: {', '.join(onbekend)}")


def _persoon(bericht: dict) -> Persoon:
    persoon = persoon_uit(bericht)
    if persoon.wet != Wet.WI2021:
        raise OngeldigBericht(f"BSN {persoon.bsn} valt niet onder de Wi2021")
    return persoon


def _met(bericht: dict, lezen: Callable[[Gegevens], dict], dienst: Callable, *, persoon=_persoon) -> None:
    """Read the gegevens, refuse unknown fields, then call the service as the importer."""
    gegevens = Gegevens(bericht, verplicht=lezen is not _geen)
    kwargs = lezen(gegevens)
    gegevens.klaar()
    dienst(actor=IMPORTEUR, persoon=persoon(bericht), **kwargs)


def _geen(g: Gegevens) -> dict:
    return {}


def _verzoek(g: Gegevens, *, ontvangst_verplicht: bool = True) -> dict:
    return {"verzoek_id": g.tekst("verzoek_id", max_lengte=60), "toegekend": g.uitkomst(),
            "datum_ontvangst": g.datum("datum_ontvangst", verplicht=ontvangst_verplicht),
            "datum_besluit": g.datum("datum_besluit")}  # fmt: skip


def _examen(g: Gegevens, statussen, standaard: str | None, bericht: dict) -> dict:
    return {"onderdeel": g.keuze("onderdeel", Examenonderdeel), "niveau": g.keuze("niveau", Examenniveau),
            "datum": g.datum("datum"), "poging": g.getal("poging"),
            "status": g.keuze("status", statussen, verplicht=standaard is None) or standaard,
            "sleutel": str(bericht.get("id"))}  # fmt: skip


def _instelling(g: Gegevens) -> Instelling:
    code = g.tekst("instelling", max_lengte=20)
    instelling = Instelling.objects.filter(code=code).first()
    if instelling is None:
        raise OngeldigBericht(f"'instelling': onbekende instellingscode {code!r}")
    return instelling


LBT_SCORE_MAX = 999


def _score(g: Gegevens, veld: str) -> int | None:
    """An LBT score (A, B or C of §3.6.5): a whole number from 0; optional (result O has none)."""
    waarde = g._ruw(veld, False)
    if waarde is None:
        return None
    if isinstance(waarde, bool) or not isinstance(waarde, int) or not 0 <= waarde <= LBT_SCORE_MAX:
        raise OngeldigBericht(
            f"'{veld}' moet een geheel getal van 0 tot en met {LBT_SCORE_MAX} zijn: {waarde!r}"
        )
    return waarde


def _lbt_uitslag(g: Gegevens) -> dict:
    return {"examennummer": g.tekst("examennummer", max_lengte=20),
            "datum_toetsafname": g.datum("datum_toetsafname"), "resultaat": g.keuze("resultaat", LbtResultaat),
            **{veld: _score(g, veld) for veld in ("maximum_score", "behaalde_score", "benodigde_score")}}  # fmt: skip


def _wetcorrectie_persoon(bericht: dict) -> Persoon:
    return persoon_uit(bericht)  # after the correction the person is under the other law: a replay is fine


BERICHTTYPEN: dict[str, Callable[[dict], None]] = {
    "inburgeringsplicht_vastgesteld": lambda b: _met(b, lambda g: {
        "datum_start": g.datum("datum_start"), "doelgroep": g.keuze("doelgroep", Doelgroep),
        "datum_vaststelling": g.datum("datum_vaststelling", verplicht=False),
        "koppelingsgemeente": g.gemeente("koppelingsgemeente", verplicht=False)}, duo.plicht_vaststellen),
    "persoon_gevestigd": lambda b: _met(b, lambda g: {
        "gemeente": g.gemeente("gemeente"), "datum": g.datum("datum")}, duo.persoon_vestigen),
    "doelgroep_gewijzigd": lambda b: _met(b, lambda g: {
        "van": g.keuze("van", Doelgroep), "naar": g.keuze("naar", Doelgroep), "datum": g.datum("datum"),
        "rechten": g.keuze("rechten", Doelgroep, verplicht=False)}, duo.doelgroep_wijzigen),
    "rechten_op_verzoek_gewijzigd": lambda b: _met(b, lambda g: {
        "rechten": g.keuze("rechten", Doelgroep), "datum": g.datum("datum")}, duo.rechten_op_verzoek_wijzigen),
    "termijn_verlengd": lambda b: _met(b, lambda g: {
        "einde": g.datum("einde"), "datum": g.datum("datum"), "start": g.datum("start", verplicht=False),
        "reden": g.keuze("reden", [r for r in RedenWijzigingTermijn.values if r != RedenWijzigingTermijn.OP_VERZOEK])},
        duo.termijn_verlengen),
    "verzoek_verlenging_ingediend": lambda b: _met(b, lambda g: {
        "verzoek_id": g.tekst("verzoek_id", max_lengte=60), "datum_ontvangst": g.datum("datum_ontvangst")},
        duo.verzoek_verlenging_indienen),
    "besluit_verlenging": lambda b: _met(b, lambda g: {
        **_verzoek(g, ontvangst_verplicht=False), "nieuwe_einde": g.datum("nieuwe_einde", verplicht=False)},
        duo.verlenging_besluiten),
    "besluit_vrijstelling": lambda b: _met(b, lambda g: {
        **_verzoek(g), "omvang": g.keuze("soort", Omvang),
        "onderdeel": g.keuze("onderdeel", Examenonderdeel, verplicht=False),
        "niveau": g.keuze("niveau", Examenniveau, verplicht=False)}, duo.vrijstelling_besluiten),
    "tijdelijke_vrijstelling_ingetrokken": lambda b: _met(b, lambda g: {"datum": g.datum("datum")},
                                                          duo.tijdelijke_vrijstelling_intrekken),
    "besluit_ontheffing": lambda b: _met(b, lambda g: {
        **_verzoek(g), "omvang": g.keuze("soort", [Omvang.GEHEEL, Omvang.GEDEELTELIJK]),
        "grond": g.keuze("grond", GrondOntheffing),
        "onderdeel": g.keuze("onderdeel", Examenonderdeel, verplicht=False),
        "niveau": g.keuze("niveau", Examenniveau, verplicht=False)}, duo.ontheffing_besluiten),
    "bio_advies_gevraagd": lambda b: _met(b, lambda g: {
        "aanvraag_id": g.tekst("aanvraag_id", max_lengte=60), "datum": g.datum("datum")}, duo.bio_advies_vragen),
    "inburgeringsplicht_ingetrokken": lambda b: _met(b, lambda g: {
        "datum": g.datum("datum"), "reden": g.tekst("reden", max_lengte=150, verplicht=False)},
        duo.plicht_intrekken),
    "diploma_behaald": lambda b: _met(b, lambda g: {"datum": g.datum("datum")}, duo.diploma_behaald),
    "examen_aanmelding": lambda b: _met(b, lambda g: _examen(g, AANMELDING_STATUS, Examenstatus.GEPLAND, b),
                                        duo.examen_registreren),
    "examen_uitslag": lambda b: _met(b, lambda g: _examen(g, UITSLAG_STATUS, None, b), duo.examen_registreren),
    "opleidingscontract_geregistreerd": lambda b: _met(b, lambda g: {
        "contract_id": g.tekst("contract_id", max_lengte=100), "instelling": _instelling(g),
        "soort": g.keuze("soort", SoortContract), "taalniveau": g.keuze("taalniveau", Examenniveau, verplicht=False),
        "datum": g.datum("datum")}, duo.opleidingscontract_registreren),
    "niet_vrijstellende_opleiding_uitgeschreven": lambda b: _met(b, lambda g: {"datum": g.datum("datum")},
                                                                 duo.niet_vrijstellende_opleiding_uitgeschreven),
    "wetcorrectie": lambda b: _met(b, lambda g: {"naar_wet": g.keuze("naar_wet", [Wet.WI2013, Wet.WI2007])},
                                   duo.wet_corrigeren, persoon=_wetcorrectie_persoon),
    "opt_out_keuze_wi2013": lambda b: _met(b, _geen, duo.opt_out_keuze),
    "melding_geplaatst": lambda b: _met(b, lambda g: {
        "titel": g.tekst("titel", max_lengte=120), "toelichting": g.tekst("toelichting", max_lengte=2000, verplicht=False),
        "startdatum": g.datum("startdatum"), "einddatum": g.datum("einddatum"), "sleutel": str(b.get("id"))},
        duo.melding_plaatsen),
    "lbt_aanmelding": lambda b: _met(b, lambda g: {
        "examennummer": g.tekst("examennummer", max_lengte=20), "datum_aanmelding": g.datum("datum_aanmelding")},
        duo.lbt_aanmelden),
    "lbt_uitslag": lambda b: _met(b, _lbt_uitslag, duo.lbt_uitslag),
    "lbt_verlopen": lambda b: _met(b, lambda g: {
        "examennummer": g.tekst("examennummer", max_lengte=20), "datum": g.datum("datum")}, duo.lbt_verlopen),
}  # fmt: skip

NOG_NIET_ONDERSTEUND: tuple[str, ...] = ()  # every type of section 7 is supported now


def registreer() -> None:
    """Add the Wi2021 types to the chain-event importer (call from ready(); idempotent)."""
    for soort, verwerker in BERICHTTYPEN.items():
        registreer_berichttype(soort, verwerker)
