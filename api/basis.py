"""What every endpoint shares: the key as login, the screens' role checks (A-2…A-4), the audit helper and
the OpenAPI description of an operation with its message codes."""

from collections.abc import Iterable

from django.http import Http404
from django.utils.cache import add_never_cache_headers

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from inburgering.access import Toegang
from inburgering.audit import audit
from inburgering.regels import Melding

from . import fouten
from .authenticatie import ApplicatiesleutelAuthenticatie, PerSleutel

# A path id is a bigint; anything longer is no id of ours (and would overflow the database column).
MAX_ID = 2**63 - 1


class Id:
    """Path converter for ids: digits that fit a bigint, else the URL does not match (a JSON 404)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        getal = int(value)
        if not 1 <= getal <= MAX_ID:
            raise ValueError(value)
        return getal

    def to_url(self, value) -> str:
        return str(value)


class ApiView(APIView):
    """An endpoint of the machine coupling. `wet` (if set) is the law whose read role every method needs;
    a method that changes data needs its MUT role as well (as `inburgering.access.rol_vereist`), and the
    service checks that role once more from the database."""

    authentication_classes = [ApplicatiesleutelAuthenticatie]
    permission_classes = [IsAuthenticated]
    throttle_classes = [PerSleutel]
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]
    wet: str = ""

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = False  # the key is the login (LoginRequiredMiddleware would redirect)
        return view

    def finalize_response(self, request, response, *args, **kwargs):
        # A refusal is always the JSON error body, whatever file type the client asked for.
        if isinstance(response, Response) and response.status_code >= 400:
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
        response = super().finalize_response(request, response, *args, **kwargs)
        # Person data: no browser or proxy keeps a copy (as GeenCacheMiddleware does for the screens).
        add_never_cache_headers(response)
        return response

    @property
    def toegang(self) -> Toegang:
        return self.request.auth

    @property
    def gemeente(self):
        return self.toegang.gemeente

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.wet:
            self.vereis_rol(self.wet, muteren=request.method not in SAFE_METHODS)

    def vereis_rol(self, wet: str, *, muteren: bool = False) -> None:
        if not self.toegang.mag_lezen(wet):
            raise fouten.Fout.van(403, fouten.GEEN_LEESROL)
        if muteren and not self.toegang.mag_muteren(wet):
            raise fouten.Fout.van(403, fouten.GEEN_ROL)

    def audit(self, *, actie, omschrijving: str, **kwargs) -> None:
        audit(actor=self.request.user, actie=actie, gemeente=self.gemeente, omschrijving=f"API: {omschrijving}",
              **kwargs)  # fmt: skip


class NietGevondenView(ApiView):
    """Every other path under /api/: the JSON 404, with or without a key."""

    authentication_classes = permission_classes = throttle_classes = []
    schema = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise Http404(fouten.NIET_GEVONDEN.melding)


# --- OpenAPI -----------------------------------------------------------------------------------------


class VeldMeldingSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="FS/AS-code uit de handleiding, of leeg.")
    melding = serializers.CharField()


class AttentieSerializer(VeldMeldingSerializer):
    veld = serializers.CharField(help_text="Het veld waar de attentie bij hoort, of leeg.")
    bevestigingssleutel = serializers.CharField(help_text="Stuur deze waarde mee in 'bevestigd'.")


class FoutSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="FS/AS-code uit de handleiding, of een eigen code (docs/api.md).")
    melding = serializers.CharField(help_text="De letterlijke tekst van de melding.")
    velden = serializers.DictField(
        child=VeldMeldingSerializer(many=True), help_text="Meldingen per invoerveld ('__all__': het geheel)."
    )
    attenties = AttentieSerializer(
        many=True, required=False, help_text="Alleen bij code 'bevestiging_nodig'."
    )


Regel = tuple[int, str, str]
JSON = "application/json"

ALTIJD: list[Regel] = [
    (401, fouten.SLEUTEL_ONTBREEKT.code, fouten.SLEUTEL_ONTBREEKT.melding),
    (401, fouten.SLEUTEL_ONGELDIG.code, fouten.SLEUTEL_ONGELDIG.melding),
    (401, fouten.SLEUTEL_VERLOPEN.code, fouten.SLEUTEL_VERLOPEN.melding),
    (401, fouten.SLEUTEL_INGETROKKEN.code, fouten.SLEUTEL_INGETROKKEN.melding),
    (429, fouten.TE_VEEL_VERZOEKEN.code, fouten.TE_VEEL_VERZOEKEN.melding),
]


def regel(http_status: int, bron: Melding | fouten.Code) -> Regel:
    if isinstance(bron, Melding):
        return (http_status, bron.code or "regel", bron.tekst.removeprefix("Groep n, "))
    return (http_status, bron.code, bron.melding)


def operatie(
    *,
    naam: str,
    samenvatting: str,
    beschrijving: str = "",
    meldingen: Iterable[Regel] = (),
    antwoorden: dict | None = None,
    **kwargs,
):
    """`extend_schema` with the operation's message codes as a table, and every refusal described as the
    one error body. Each operation also carries the key's refusals (401) and the rate limit (429)."""
    regels = [*meldingen, *ALTIJD]
    tabel = "\n".join(f"| {s} | `{c}` | {t.replace('|', '/')} |" for s, c, t in regels)
    beschrijving = f"{beschrijving}\n\n**Meldingen**\n\n| HTTP | code | melding |\n|---|---|---|\n{tabel}"
    antwoorden = dict(antwoorden or {})
    # A refusal is JSON also where the answer is a file (ApiView.finalize_response).
    for s in sorted({s for s, _, _ in regels}):
        codes = ", ".join(dict.fromkeys(c for t, c, _ in regels if t == s))
        antwoorden[(s, JSON)] = OpenApiResponse(FoutSerializer, description=f"Geweigerd: {codes}")
    antwoorden[("default", JSON)] = OpenApiResponse(
        FoutSerializer, description="Elke andere weigering (zie docs/api.md)."
    )
    return extend_schema(operation_id=naam, summary=samenvatting, description=beschrijving.strip(),
                         responses=antwoorden, **kwargs)  # fmt: skip
