"""Signals by machine, per law: the list of "Selecteren signalen" with the law's own search criteria (the
screens' FilterSets, `signalen.filters`) and the bulk status change (`signalen.services`, S-5).

A BSN never stands in a URL (issue 8 item 9): a person is chosen by the id the API gives out, as the
person screens' "Raadplegen" link does.
"""

from django.http import QueryDict

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from inburgering.access import persoon_voor
from inburgering.models import AuditActie
from signalen.catalogus import codes, omschrijving
from signalen.filters import FILTERS
from signalen.selectors import signalen_voor
from signalen.services import STATUS_ACTIES, signalen_status_wijzigen
from signalen.views import statusbericht
from signalen.workflow import Status

from . import fouten
from .basis import MAX_ID, ApiView, operatie
from .serializers import Datum


class Pagina(PageNumberPagination):
    page_size = 20
    max_page_size = 100
    page_query_param = "pagina"
    page_size_query_param = "aantal"

    def get_paginated_response(self, data):
        return Response({"aantal": self.page.paginator.count, "volgende": self.get_next_link(),
                         "vorige": self.get_previous_link(), "resultaten": data})  # fmt: skip

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["aantal", "volgende", "vorige", "resultaten"],
            "properties": {
                "aantal": {"type": "integer", "description": "Aantal signalen dat aan de criteria voldoet."},
                "volgende": {"type": "string", "format": "uri", "nullable": True},
                "vorige": {"type": "string", "format": "uri", "nullable": True},
                "resultaten": schema,
            },
        }


class SignaalPersoonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    bsn = serializers.CharField()
    a_nummer = serializers.CharField()
    naam = serializers.CharField(source="volledige_naam")


class SignaalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    omschrijving = serializers.SerializerMethodField()
    datum = serializers.DateField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_omschrijving = serializers.CharField(source="get_status_display")
    status_gewijzigd_op = serializers.DateTimeField(allow_null=True)
    status_gewijzigd_door = serializers.CharField()
    persoon = SignaalPersoonSerializer()

    def get_omschrijving(self, signaal) -> str:
        return omschrijving(signaal.wet, signaal.code)


class StatusInvoerSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=1000
    )
    status = serializers.ChoiceField(choices=[(s.value, s.label) for s in STATUS_ACTIES])
    getoond_op = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="Wanneer u de lijst ophaalde: een signaal dat daarna door een ander is gewijzigd, blijft "
        "ongemoeid (intussen_gewijzigd).",
    )


class StatusUitkomstSerializer(serializers.Serializer):
    gewijzigd = serializers.IntegerField()
    ongewijzigd = serializers.IntegerField(help_text="Had die status al (of kan die niet krijgen).")
    niet_gevonden = serializers.IntegerField(help_text="Geen signaal van uw gemeente onder deze wet.")
    intussen_gewijzigd = serializers.IntegerField()
    melding = serializers.CharField()


def _criteria(wet: str) -> list[str]:
    """The law's search criteria without the person numbers (BSN, A-nummer): those go by `persoon`."""
    return [naam for naam in FILTERS[wet]._meta.fields if naam not in ("bsn", "a_nummer")]


def criteria_serializer(wet: str) -> type[serializers.Serializer]:
    """The query parameters of one law, parsed strictly (an empty or unknown value is a 400), then handed to
    the screens' FilterSet, which does the filtering."""
    velden = {
        "persoon": serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=MAX_ID,
            help_text="Alleen de signalen van deze persoon (id).",
        ),
        "open": serializers.BooleanField(
            required=False, help_text="Alleen open signalen (Nieuw, In behandeling)."
        ),
        "pagina": serializers.IntegerField(
            required=False, min_value=1, max_value=MAX_ID, help_text="Vanaf 1."
        ),
        "aantal": serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=Pagina.max_page_size,
            help_text="Per pagina (standaard 20).",
        ),
    }
    soorten = {
        "code": lambda: serializers.ChoiceField(choices=[c for c, _ in codes(wet)], required=False),
        "datum_vanaf": lambda: Datum(required=False, help_text="Datum signaal vanaf."),
        "datum_tm": lambda: Datum(required=False, help_text="Datum signaal tot en met."),
        "status": lambda: serializers.ChoiceField(choices=Status.choices, required=False),
    }
    velden.update({naam: soorten[naam]() for naam in _criteria(wet)})
    return type(f"Signaalcriteria{wet.capitalize()}", (serializers.Serializer,), velden)


class SignalenView(ApiView):
    pagination_class = Pagina
    criteria_class: type[serializers.Serializer]

    def get(self, request):
        wet = self.wet
        # An unknown parameter is a mistake of the caller (a misspelt criterion would silently list everything).
        bekend = {*self.criteria_class().fields, Pagina.page_query_param, Pagina.page_size_query_param}
        if onbekend := sorted(set(request.query_params) - bekend):
            raise serializers.ValidationError(
                {naam or "(leeg)": ["Onbekende parameter."] for naam in onbekend}
            )
        invoer = self.criteria_class(data=request.query_params.dict())
        invoer.is_valid(raise_exception=True)
        criteria = invoer.validated_data
        data = QueryDict(mutable=True)
        for naam in _criteria(wet):
            if naam in criteria:
                waarde = criteria[naam]
                data[naam] = waarde.isoformat() if hasattr(waarde, "isoformat") else waarde
        bsn = ""
        if "persoon" in criteria:
            bsn = persoon_voor(toegang=self.toegang, wet=wet, pk=criteria["persoon"]).bsn
            data["bsn"] = bsn
        if criteria.get("open"):
            data["open"] = "1"
        if not data:
            data["alle"] = "1"  # the API lists everything; the screen asks for a criterion first
        qs = signalen_voor(toegang=self.toegang, wet=wet).order_by("-datum", "-id")
        filterset = FILTERS[wet](data, queryset=qs)
        if not filterset.is_valid():
            velden = {
                naam: [{"code": "", "melding": str(t)} for t in lijst]
                for naam, lijst in filterset.errors.items()
            }
            raise fouten.Fout(
                400, fouten.ONGELDIGE_INVOER.code, fouten.ONGELDIGE_INVOER.melding, velden=velden
            )
        paginator = self.pagination_class()
        pagina = paginator.paginate_queryset(filterset.qs, request, view=self)
        self.audit(actie=AuditActie.ZOEKEN, bsn=bsn, omschrijving=f"Signalen {wet}")
        return paginator.get_paginated_response(SignaalSerializer(pagina, many=True).data)


class StatusView(ApiView):
    def post(self, request):
        invoer = StatusInvoerSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        d = invoer.validated_data
        uitkomst = signalen_status_wijzigen(actor=request.user, gemeente=self.gemeente, wet=self.wet, ids=d["ids"],
                                            status=d["status"], getoond_op=d.get("getoond_op"))  # fmt: skip
        antwoord = {**uitkomst.__dict__, "melding": statusbericht(uitkomst, Status(d["status"]).label)}
        return Response(StatusUitkomstSerializer(antwoord).data)


def views_voor(wet: str) -> tuple[type[ApiView], type[ApiView]]:
    """The two endpoints of one law, each with its own criteria in the schema."""
    tag = [wet.capitalize().replace("WI", "Wi")]
    criteria = criteria_serializer(wet)
    lijst = operatie(
        naam=f"{wet.lower()}_signalen_ophalen",
        samenvatting=f"Signalen {wet} ophalen",
        beschrijving="De signalen van uw gemeente onder deze wet, nieuwste eerst, met de zoekcriteria van "
        "'Zoeken signalen'. Zonder criteria: alle signalen.",
        meldingen=[
            (404, "FS 617", fouten.FS617),
            (403, "geen_rol", fouten.GEEN_LEESROL.melding),
            (400, fouten.ONGELDIGE_INVOER.code, fouten.ONGELDIGE_INVOER.melding),
        ],  # fmt: skip
        parameters=[criteria],
        antwoorden={200: SignaalSerializer(many=True)},
        tags=tag,
    )(lambda self, request: SignalenView.get(self, request))
    status = operatie(
        naam=f"{wet.lower()}_signalen_status_wijzigen",
        samenvatting=f"Status signalen {wet} wijzigen",
        beschrijving="Zet de gekozen signalen op 'In behandeling' of 'Afgehandeld' (S-5). Signalen van een "
        "andere gemeente of wet tellen als niet gevonden.",
        meldingen=[
            (403, "geen_rol", fouten.GEEN_LEESROL.melding),
            (403, "geen_rol", fouten.GEEN_ROL.melding),
            (400, fouten.ONGELDIGE_INVOER.code, fouten.ONGELDIGE_INVOER.melding),
        ],  # fmt: skip
        request=StatusInvoerSerializer,
        antwoorden={200: StatusUitkomstSerializer},
        tags=tag,
    )(lambda self, request: StatusView.post(self, request))
    naam = wet.capitalize()
    return (
        type(f"Signalen{naam}View", (SignalenView,), {"wet": wet, "get": lijst, "criteria_class": criteria}),
        type(f"StatusSignalen{naam}View", (StatusView,), {"wet": wet, "post": status}),
    )
