"""The rules layer shared by every law (DESIGN "The rules layer").

Each action on a person ("PIP doorgeven", "factuur toevoegen", …) has one function in its law's
`regels` module that answers: may this actor do this with this person now — and if not, which
message? It returns an `Oordeel`. Services call `oordeel.vereis(...)` and so refuse with exactly the
same message the view shows; views use `oordeel.toegestaan` to show or hide a button and
`oordeel.meldingen` for the blocking or attention texts; selectors use the action's query form where
they need the same condition for many persons at once.

Messages are `Melding`s: a code ("FS 617", "AS 605", or "" for a text the manual does not give) and
the verbatim text. Fouten (FS) block; attenties (AS) need an explicit confirmation (Wi2021 D-07): the
form comes back with a "LET OP" box and a required checkbox, the second submit carries the confirmed
codes, and the service records them in the audit entry.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

BEVESTIGING = "Ik heb de melding gelezen en wil toch doorgaan"


@dataclass(frozen=True)
class Melding:
    """One message of a catalogue, verbatim. `tekst` may hold the manual's placeholders: <veldnaam>,
    <Veldnaam> and <veld> (the form label), &1 and &2 (values), and the web-service prefix "Groep n, ".
    A text of our own (the manual gives none) has no code; it may name a `sleutel` by which it is known to
    machines: the confirmation of an attention, or the error code of the API."""

    code: str
    tekst: str
    attentie: bool = False
    sleutel: str = ""

    @property
    def is_attentie(self) -> bool:
        return self.attentie or self.code.startswith("AS")

    @property
    def bevestigingssleutel(self) -> str:
        return self.sleutel or self.code

    def weergave(self, veldnaam: str = "", *waarden: str) -> str:
        """The text as the screen shows it (Wi2021 D-19): the code in front, "Groep n, " dropped, the
        placeholders filled in."""
        tekst = self.tekst.removeprefix("Groep n, ")
        if veldnaam:
            tekst = re.sub(r"<[Vv]eld(naam)?>", veldnaam, tekst)
        for nummer, waarde in enumerate(waarden, start=1):
            tekst = tekst.replace(f"&{nummer}", str(waarde))
        return f"{self.code} {tekst}" if self.code else tekst


@dataclass(frozen=True)
class Bevinding:
    """A message as it applies to this request: rendered, and tied to a form field (None = the form)."""

    melding: Melding
    tekst: str
    veld: str | None = None

    @property
    def is_attentie(self) -> bool:
        return self.melding.is_attentie


def bevinding(melding: Melding, veld: str | None = None, veldnaam: str = "", *waarden: str) -> Bevinding:
    return Bevinding(melding=melding, tekst=melding.weergave(veldnaam, *waarden), veld=veld)


class Geweigerd(ValidationError):
    """A rule refused the action; carries every blocking finding so a form can show them per field."""

    def __init__(self, bevindingen: Iterable[Bevinding]):
        self.bevindingen = tuple(bevindingen)
        per_veld: dict[str, list[ValidationError]] = {}
        for b in self.bevindingen:
            per_veld.setdefault(b.veld or "__all__", []).append(
                ValidationError(b.tekst, code=b.melding.code.replace(" ", "") or b.melding.sleutel or "regel")
            )
        super().__init__(per_veld)


class BevestigingNodig(ValidationError):
    """Only attention messages stand in the way: the user must confirm them (D-07)."""

    def __init__(self, attenties: Iterable[Bevinding]):
        self.attenties = tuple(attenties)
        super().__init__([ValidationError(b.tekst, code="attentie") for b in self.attenties])

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(b.melding.bevestigingssleutel for b in self.attenties)


@dataclass
class Oordeel:
    """The answer of a rule function. Empty = allowed without remarks."""

    bevindingen: list[Bevinding] = field(default_factory=list)

    def voeg_toe(self, melding: Melding, veld: str | None = None, veldnaam: str = "", *waarden: str) -> None:
        self.bevindingen.append(bevinding(melding, veld, veldnaam, *waarden))

    def en(self, ander: "Oordeel") -> "Oordeel":
        return Oordeel([*self.bevindingen, *ander.bevindingen])

    @property
    def fouten(self) -> list[Bevinding]:
        return [b for b in self.bevindingen if not b.is_attentie]

    @property
    def attenties(self) -> list[Bevinding]:
        return [b for b in self.bevindingen if b.is_attentie]

    @property
    def toegestaan(self) -> bool:
        """No blocking message (attentions may remain: the action is possible after confirming)."""
        return not self.fouten

    @property
    def eerste_fout(self) -> Bevinding | None:
        return self.fouten[0] if self.fouten else None

    def vereis(self, *, bevestigd: Iterable[str] = ()) -> tuple[str, ...]:
        """Raise `Geweigerd` on any fout, `BevestigingNodig` for attentions not confirmed; else return
        the confirmed attention codes (for the audit entry)."""
        if self.fouten:
            raise Geweigerd(self.fouten)
        bevestigd = set(bevestigd)
        open_ = [b for b in self.attenties if b.melding.bevestigingssleutel not in bevestigd]
        if open_:
            raise BevestigingNodig(open_)
        return tuple(b.melding.bevestigingssleutel for b in self.attenties)


def weiger(melding: Melding, veld: str | None = None, veldnaam: str = "", *waarden: str) -> Oordeel:
    return Oordeel([bevinding(melding, veld, veldnaam, *waarden)])
