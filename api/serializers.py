"""Output and input shapes shared by the laws: the block Persoon, the block Signalen, and text input that
refuses control characters as the screens do (inburgering.middleware_invoer)."""

from django.core.validators import RegexValidator

from rest_framework import serializers

from inburgering.forms import EERSTE_DATUM
from inburgering.middleware_invoer import STUURTEKEN

from .fouten import STUURTEKEN as STUURTEKEN_CODE

geen_stuurteken = RegexValidator(STUURTEKEN, STUURTEKEN_CODE.melding, code="stuurteken", inverse_match=True)


class Tekst(serializers.CharField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(geen_stuurteken)


class GemeenteSerializer(serializers.Serializer):
    code = serializers.CharField()
    naam = serializers.CharField()


class PersoonSerializer(serializers.Serializer):
    """The block Persoon of every person screen."""

    id = serializers.IntegerField(
        help_text="Het nummer van de persoon in de portal; gebruik het in de paden."
    )
    bsn = serializers.CharField()
    a_nummer = serializers.CharField()
    voornamen = serializers.CharField()
    voorvoegsels = serializers.CharField()
    achternaam = serializers.CharField()
    naam = serializers.CharField(source="volledige_naam")
    geboortedatum = serializers.DateField(allow_null=True)
    geslacht = serializers.CharField(source="get_geslacht_display")
    nationaliteit = serializers.CharField()
    woongemeente = GemeenteSerializer(allow_null=True)
    datum_overlijden = serializers.DateField(allow_null=True)
    wet = serializers.CharField()


class SignaaltellingenSerializer(serializers.Serializer):
    """The block Signalen: this gemeente's signals of this person under this law."""

    totaal = serializers.IntegerField()
    nieuw = serializers.IntegerField()
    in_behandeling = serializers.IntegerField()
    afgehandeld = serializers.IntegerField()


class Datum(serializers.DateField):
    """A date in ISO 8601 (jjjj-mm-dd), not before 1900 (as every date field of the portal)."""

    def to_internal_value(self, value):
        datum = super().to_internal_value(value)
        if datum < EERSTE_DATUM:
            self.fail("invalid", format="jjjj-mm-dd, niet voor 1900")
        return datum
