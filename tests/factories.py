import random

from django.contrib.auth import get_user_model

import factory
from stdnum.nl import bsn as stdnum_bsn

from inburgering.constants import Geslacht, Wet
from inburgering.models import Autorisatie, Gemeente, Persoon

_rng = random.Random(7)


def geldig_bsn(n: int) -> str:
    """The n-th BSN of a deterministic stream that passes the elfproef."""
    while True:
        kandidaat = f"{_rng.randint(10_000_000, 99_999_999):08d}"
        laatste = stdnum_bsn.checksum(kandidaat + "0")
        if laatste <= 9:
            return kandidaat + str(laatste)


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    naam = factory.Sequence(lambda n: f"Testgemeente {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.PostGenerationMethodCall("set_password", "geheim-wachtwoord-123")

    @factory.post_generation
    def rollen(self, create, extracted, **kwargs):
        """UserFactory(rollen={gemeente: ["WI2021", ...]}); None as key = all gemeenten."""
        self.save()
        for gemeente, rollen in (extracted or {}).items():
            for rol in rollen:
                Autorisatie.objects.create(user=self, gemeente=gemeente, rol=rol)


class PersoonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Persoon

    bsn = factory.Sequence(geldig_bsn)
    voornamen = factory.Faker("first_name", locale="nl_NL")
    achternaam = factory.Faker("last_name", locale="nl_NL")
    geslacht = Geslacht.VROUW
    woongemeente = factory.SubFactory(GemeenteFactory)
    wet = Wet.WI2021

    class Params:
        overleden = factory.Trait(datum_overlijden=factory.Faker("past_date"))


class SignaalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "signalen.Signaal"

    wet = Wet.WI2021
    code = "SS101"
    persoon = factory.SubFactory(PersoonFactory)
    gemeente = factory.SelfAttribute("persoon.woongemeente")
    datum = factory.Faker("date_between", start_date="-60d", end_date="today")
    feit = factory.Sequence(lambda n: f"test:{n}")
