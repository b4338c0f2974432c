"""Every refusal of the API as one Dutch body: `{"code": "FS 617", "melding": "...", "velden": {...}}`.

`code` is the manual's FS/AS code where the manual gives one, else a fixed PIB code (snake_case, see
docs/api.md); `melding` is the verbatim text the screen shows; `velden` holds the messages per input
field as `{"code": ..., "melding": ...}` (code "" for a text the manual gives without a code). The
services raise Django's exceptions and the rules layer's `Geweigerd`/`BevestigingNodig`; this module
turns them into HTTP answers, so a view never restates a message.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404

from rest_framework import exceptions, status
from rest_framework.response import Response

from inburgering.messages import FS617, GEEN_TOEGANG
from inburgering.regels import BevestigingNodig, Bevinding, Geweigerd
from inburgering.versie import VEROUDERD, is_verouderd


@dataclass(frozen=True)
class Code:
    """A refusal of our own: the manual gives no code for it."""

    code: str
    melding: str


SLEUTEL_ONTBREEKT = Code(
    "sleutel_ontbreekt",
    "Geef de applicatiesleutel mee in de header 'Authorization: Applicatiesleutel <sleutel>'.",
)
SLEUTEL_ONGELDIG = Code("sleutel_ongeldig", "De applicatiesleutel is onbekend of onjuist.")
SLEUTEL_VERLOPEN = Code(
    "sleutel_verlopen", "De applicatiesleutel is verlopen. Vraag uw beheerder om een nieuwe sleutel."
)
SLEUTEL_INGETROKKEN = Code(
    "sleutel_ingetrokken", "De applicatiesleutel is ingetrokken. Vraag uw beheerder om een nieuwe sleutel."
)
GEMEENTE_INACTIEF = Code("gemeente_inactief", "De gemeente van deze applicatiesleutel is niet actief.")
GEEN_ROL = Code("geen_rol", GEEN_TOEGANG)
GEEN_LEESROL = Code("geen_rol", "Deze applicatiesleutel heeft geen rol voor de gegevens van deze wet.")
GEEN_TOEGANG_CODE = Code("geen_toegang", "U hebt geen toegang tot deze gegevens.")
NIET_GEVONDEN = Code("niet_gevonden", "Niet gevonden.")
PERSOON_NIET_GEVONDEN = Code("FS 617", FS617)
ONGELDIGE_INVOER = Code("ongeldige_invoer", "De invoer is niet geldig; zie 'velden'.")
REGEL = Code("regel", "De gegevens voldoen niet aan de regels; zie 'velden'.")
BEVESTIGING_NODIG = Code(
    "bevestiging_nodig",
    "Deze wijziging geeft een of meer attenties. Stuur hun codes mee in 'bevestigd' als u toch wilt doorgaan.",
)
VEROUDERD_CODE = Code("verouderd", VEROUDERD)
TE_VEEL_VERZOEKEN = Code(
    "te_veel_verzoeken", "Te veel verzoeken met deze applicatiesleutel; probeer het over enige tijd opnieuw."
)
STUURTEKEN = Code("stuurteken", "De invoer bevat een stuurteken; dat wordt niet geaccepteerd.")
METHODE = Code("methode_niet_toegestaan", "Deze methode is hier niet toegestaan.")
MEDIATYPE = Code("mediatype_niet_ondersteund", "Stuur de gegevens als JSON (Content-Type: application/json).")
NIET_ACCEPTABEL = Code("niet_acceptabel", "Dit antwoordformaat wordt niet ondersteund.")
ONGELDIGE_JSON = Code("ongeldige_json", "De JSON in het verzoek is niet geldig.")


class Fout(exceptions.APIException):
    """Raised by the API's own code with an HTTP status and a `Code` (or an FS/AS code and its text)."""

    def __init__(self, http_status: int, code: str, melding: str, velden: dict | None = None, **extra):
        super().__init__(detail=melding, code=code)
        self.status_code = http_status
        self.body = {"code": code, "melding": melding, "velden": velden or {}, **extra}

    @classmethod
    def van(cls, http_status: int, code: Code, **extra) -> "Fout":
        return cls(http_status, code.code, code.melding, **extra)


class SleutelFout(exceptions.AuthenticationFailed):
    """401 with the WWW-Authenticate header DRF adds for authentication failures."""

    def __init__(self, code: Code):
        super().__init__(detail=code.melding, code=code.code)
        self.body = {"code": code.code, "melding": code.melding, "velden": {}}


def fs_code(code: str | None) -> str:
    """'FS602' (a Django ValidationError code) → 'FS 602', the manual's spelling."""
    return re.sub(r"^([FA]S)\s?(\d+)$", r"\1 \2", code or "")


def _zonder_code(code: str, tekst: str) -> str:
    return tekst.removeprefix(f"{code} ") if code else tekst


def melding(b: Bevinding) -> dict[str, str]:
    return {"code": b.melding.code, "melding": _zonder_code(b.melding.code, b.tekst)}


def _per_veld(bevindingen) -> dict[str, list[dict[str, str]]]:
    velden: dict[str, list[dict[str, str]]] = {}
    for b in bevindingen:
        velden.setdefault(b.veld or "__all__", []).append(melding(b))
    return velden


def _django_velden(fout: DjangoValidationError) -> dict[str, list[dict[str, str]]]:
    return {
        veld: [{"code": fs_code(e.code), "melding": tekst} for e in fouten for tekst in e.messages]
        for veld, fouten in fout.error_dict.items()
    }


def _drf_velden(detail, pad: str = "") -> dict[str, list[dict[str, str]]]:
    """DRF's nested error detail, flattened to `veld` / `veld.sub` / `veld.0` keys."""
    velden: dict[str, list[dict[str, str]]] = {}
    if isinstance(detail, dict):
        for naam, sub in detail.items():
            naam = "__all__" if naam == "non_field_errors" else naam
            velden.update(_drf_velden(sub, f"{pad}.{naam}" if pad else str(naam)))
    elif isinstance(detail, list) and detail and all(isinstance(d, str) for d in detail):
        velden[pad or "__all__"] = [_drf_melding(d) for d in detail]
    elif isinstance(detail, list):
        for i, sub in enumerate(detail):
            velden.update(_drf_velden(sub, f"{pad}.{i}" if pad else str(i)))
    else:
        velden[pad or "__all__"] = [_drf_melding(detail)]
    return velden


def _drf_melding(detail) -> dict[str, str]:
    """A validator's FS code (e.g. FS 603 of validate_bsn) survives; DRF's own codes are no manual codes."""
    code = fs_code(getattr(detail, "code", ""))
    return {"code": code if re.match(r"^[FA]S \d+$", code) else "", "melding": str(detail)}


def _antwoord(http_status: int, body: dict, headers: dict | None = None) -> Response:
    body.setdefault("velden", {})
    return Response(body, status=http_status, headers=headers)


def _geweigerd(exc: Geweigerd) -> Response:
    eerste = exc.bevindingen[0]
    # FS 617 on a mutation: an old gemeente may still see the person, never change them (Wi2021 D-37).
    http_status = status.HTTP_403_FORBIDDEN if eerste.melding.code == "FS 617" else 422
    code = eerste.melding.code or eerste.melding.sleutel or REGEL.code
    tekst = _zonder_code(eerste.melding.code, eerste.tekst)
    return _antwoord(http_status, {"code": code, "melding": tekst, "velden": _per_veld(exc.bevindingen)})


def _bevestiging_nodig(exc: BevestigingNodig) -> Response:
    attenties = [
        {**melding(b), "veld": b.veld or "", "bevestigingssleutel": b.melding.bevestigingssleutel}
        for b in exc.attenties
    ]
    body = {"code": BEVESTIGING_NODIG.code, "melding": BEVESTIGING_NODIG.melding, "attenties": attenties}
    return _antwoord(422, body)


def _validatie(exc: DjangoValidationError) -> Response:
    if is_verouderd(exc):
        return _antwoord(status.HTTP_409_CONFLICT, {"code": VEROUDERD_CODE.code, "melding": VEROUDERD})
    if hasattr(exc, "error_dict"):
        velden = _django_velden(exc)
        eerste = next(iter(velden.values()))[0]
        return _antwoord(
            422, {"code": eerste["code"] or REGEL.code, "melding": eerste["melding"], "velden": velden}
        )
    eerste = exc.error_list[0]
    code = (
        fs_code(eerste.code) if re.match(r"^[FA]S\s?\d+$", eerste.code or "") else (eerste.code or REGEL.code)
    )
    return _antwoord(422, {"code": code, "melding": eerste.messages[0]})


DRF_CODES = {
    exceptions.NotAuthenticated: (401, SLEUTEL_ONTBREEKT),
    exceptions.AuthenticationFailed: (401, SLEUTEL_ONGELDIG),
    exceptions.MethodNotAllowed: (405, METHODE),
    exceptions.UnsupportedMediaType: (415, MEDIATYPE),
    exceptions.NotAcceptable: (406, NIET_ACCEPTABEL),
    exceptions.ParseError: (400, ONGELDIGE_JSON),
    exceptions.NotFound: (404, NIET_GEVONDEN),
    exceptions.PermissionDenied: (403, GEEN_TOEGANG_CODE),
}


def fout_antwoord(exc, context) -> Response | None:
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every exception of a view as the one Dutch body."""
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if hasattr(exc, "body"):
        return _antwoord(exc.status_code, dict(exc.body), headers)
    if isinstance(exc, Geweigerd):
        return _geweigerd(exc)
    if isinstance(exc, BevestigingNodig):
        return _bevestiging_nodig(exc)
    if isinstance(exc, DjangoValidationError):
        return _validatie(exc)
    if isinstance(exc, Http404):
        tekst = str(exc) or NIET_GEVONDEN.melding
        code = PERSOON_NIET_GEVONDEN.code if tekst == FS617 else NIET_GEVONDEN.code
        return _antwoord(404, {"code": code, "melding": tekst})
    if isinstance(exc, DjangoPermissionDenied):
        tekst = str(exc) or GEEN_TOEGANG_CODE.melding
        code = GEEN_ROL.code if tekst == GEEN_TOEGANG else GEEN_TOEGANG_CODE.code
        return _antwoord(403, {"code": code, "melding": tekst})
    if isinstance(exc, exceptions.Throttled):
        return _antwoord(429, {"code": TE_VEEL_VERZOEKEN.code, "melding": TE_VEEL_VERZOEKEN.melding}, headers)
    if isinstance(exc, exceptions.ValidationError):
        return _antwoord(
            400,
            {
                "code": ONGELDIGE_INVOER.code,
                "melding": ONGELDIGE_INVOER.melding,
                "velden": _drf_velden(exc.detail),
            },
        )
    for soort, (http_status, code) in DRF_CODES.items():
        if isinstance(exc, soort):
            return _antwoord(http_status, {"code": code.code, "melding": code.melding}, headers)
    return None  # anything else is a bug: a 500, logged as such
