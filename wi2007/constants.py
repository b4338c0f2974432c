"""Value lists of the Wi2007 person screen, with the labels of seed 002 §3.4."""

from django.db import models


class Verblijfsdoel(models.TextChoices):
    PERMANENT = "P", "Permanent verblijf"
    TIJDELIJK = "T", "Tijdelijk verblijf"


class Diplomaniveau(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"


class Examenaanvraag(models.TextChoices):
    GEEN = "", "Geen examen aanvraag aanwezig."
    NATURALISATIE = "NAT", "Naturalisatie"
    WI = "WI", "Wet inburgering"


class CodeGeheim(models.TextChoices):
    # BRP "indicatie geheim": 0 = no restriction, 1–7 = a restriction on providing the address.
    GEEN = "0", "Geen beperking"
    BEPERKT = "7", "Geheim adres: verstrekking beperkt"


class Doelgroep(models.TextChoices):
    WERKENDE = "W", "Werkende"
    UITKERINGSGERECHTIGDE = "U", "Uitkeringsgerechtigde"
    GEEN_UITKERING_GEEN_WERK = "N", "Niet-uitkeringsgerechtigde en geen werk"


class SoortVoorziening(models.TextChoices):
    REGULIER = "R", "Regulier"
    DUAAL = "D", "Duaal"
    GEESTELIJK_BEDIENAAR = "G", "Geestelijk bedienaar"
    TAALKENNIS = "T", "Taalkennis"


class VormDuaal(models.TextChoices):
    REINTEGRATIE = "1", "Inburgering met re-integratie"
    WERK = "2", "Inburgering met werk"
    ONDERNEMERSCHAP = "3", "Inburgering met ondernemerschap"
    OPLEIDING = "4", "Inburgering met (beroeps)opleiding"
    VRIJWILLIGERSWERK = "5", "Inburgering met vrijwilligerswerk"
    OPVOEDINGSONDERSTEUNING = "6", "Inburgering met opvoedingsondersteuning"
    ACTIVERING = "7", "Maatschappelijke activering"
    OVERIG = "8", "Overig"


class SoortVrijstelling(models.TextChoices):
    TIJDELIJK = "T", "Tijdelijke vrijstelling"
    GEDEELTELIJK = "G", "Gedeeltelijke vrijstelling"


class VerleendDoor(models.TextChoices):
    GEMEENTE = "G", "Gemeente"
    DUO = "D", "DUO"


class Examenonderdeel(models.TextChoices):
    TAAL = "TAAL", "Taal"
    KNS = "KNS", "KNS o.b.v. een in Nederland behaald certificaat"
    TGN_KNS = "TGNKNS", "TGN o.b.v. de Wet inburgering Buitenland + KNS"
    TGN = "TGN", "TGN o.b.v. de Wet inburgering Buitenland"


class IndicatieGeslaagd(models.TextChoices):
    HERKANSING_VRIJSTELLING = "1", "Persoon is geslaagd met herkansing en vrijstelling"
    HERKANSING = "2", "Persoon is geslaagd met herkansing, zonder vrijstelling"
    VRIJSTELLING = "3", "Persoon is geslaagd zonder herkansing, met vrijstelling"
    GEEN = "4", "Persoon is geslaagd zonder herkansing en vrijstelling"


class VolledigeDeelnameNT2(models.TextChoices):
    GEEN = "", "Geen volledige deelname aanwezig"
    DEELGENOMEN = "1", "Aan alle onderdelen deelgenomen"
    GESLAAGD = "2", "Voor alle onderdelen geslaagd"


class Examenniveau(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    P1 = "P1", "P1 (B1 niveau)"
    P2 = "P2", "P2 (B2 niveau)"


class Uitslag(models.TextChoices):
    GESLAAGD = "G", "Geslaagd"
    NIET_GESLAAGD = "N", "Niet geslaagd"
    NIET_OPGEKOMEN = "O", "Niet op komen dagen"
    ONGELDIG = "X", "Ongeldige uitslag"


class Herkomst(models.TextChoices):
    ACTIEF = "A", "ISI Actief"
    DEFINITIEF = "D", "ISI Definitief"
