"""Roles and laws as the manuals name them (seed 001 §2.1, seed 002 §2.1, seed 000 §2.1)."""

from django.db import models


class Wet(models.TextChoices):
    WI2007 = "WI2007", "Wet Inburgering 2007"
    WI2013 = "WI2013", "Wet Inburgering 2013"
    WI2021 = "WI2021", "Wet Inburgering 2021"


class Rol(models.TextChoices):
    WI2007 = "WI2007", "Raadplegen gegevens WI2007"
    WI2013 = "WI2013", "Raadplegen gegevens WI2013"
    WI2013MUT = "WI2013MUT", "Raadplegen en muteren gegevens WI2013"
    WI2021 = "WI2021", "Raadplegen gegevens WI2021"
    WI2021MUT = "WI2021MUT", "Raadplegen en muteren gegevens WI2021"


# Which roles may read, and which may change, the data of each law.
LEES_ROLLEN: dict[str, frozenset[str]] = {
    Wet.WI2007: frozenset({Rol.WI2007}),
    Wet.WI2013: frozenset({Rol.WI2013, Rol.WI2013MUT}),
    Wet.WI2021: frozenset({Rol.WI2021, Rol.WI2021MUT}),
}
MUT_ROLLEN: dict[str, frozenset[str]] = {
    Wet.WI2007: frozenset(),  # Wi2007 is read only in the portal.
    Wet.WI2013: frozenset({Rol.WI2013MUT}),
    Wet.WI2021: frozenset({Rol.WI2021MUT}),
}


class Geslacht(models.TextChoices):
    MAN = "M", "Man"
    VROUW = "V", "Vrouw"
    ONBEKEND = "O", "Onbekend"
