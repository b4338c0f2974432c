"""Test data for the inburgeringsaanbod tests: instellingen and aanbiedingen written as the services would."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from wi2021.constants import Alfabetisering, SoortInstelling
from wi2021.models import AanbodStatus, Inburgeringsaanbod, Instelling

AMS = ZoneInfo("Europe/Amsterdam")


def instelling(
    naam="Taalcentrum Noord", soort=SoortInstelling.BOW, actief=True, plaats="Groningen"
) -> Instelling:
    code = f"{soort[:3].upper()}-{Instelling.objects.count() + 1:04d}"
    return Instelling.objects.create(code=code, naam=naam, plaats=plaats, soort=soort, actief=actief)


def aanbod(plicht, gemeente, bij: Instelling | None = None, **velden) -> Inburgeringsaanbod:
    velden.setdefault("datum_inschrijving", date(2024, 4, 15))
    velden.setdefault("alfabetisering", Alfabetisering.NVT)
    velden.setdefault("status", AanbodStatus.ACTUEEL)
    velden.setdefault("geregistreerd_op", datetime(2024, 4, 15, 10, 0, tzinfo=AMS))
    return Inburgeringsaanbod.objects.create(
        plicht=plicht, gemeente=gemeente, instelling=bij or instelling(), **velden
    )
