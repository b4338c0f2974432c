"""Value lists of the Wi2021 manual (seed 001), with the labels exactly as the screens show them."""

from django.db import models


class Doelgroep(models.TextChoices):
    ASIELSTATUSHOUDER = "asiel", "Asielstatushouder"
    GEZINSMIGRANT = "gezin", "Gezinsmigrant en overige migrant"


class Leerroute(models.TextChoices):  # D-41
    B1 = "B1", "B1-route"
    Z = "Z", "Zelfredzaamheidsroute (Z-route)"
    O = "O", "Onderwijsroute (O-route)"  # noqa: E741 (the manual's letter)


class Niveau(models.TextChoices):
    B1 = "B1", "B1"
    A2 = "A2", "A2"
    NVT = "NVT", "niet van toepassing"


class Alfabetisering(models.TextChoices):
    """§3.6.6 fn 16; the help texts are shown with the radio buttons."""

    NVT = "NVT", "Niet van toepassing"
    ANALFABEET = "ANALFABEET", "Onderwijs voor analfabeet"
    ANDERS = "ANDERS", "Onderwijs voor anders-analfabeet"


ALFABETISERING_UITLEG = {
    Alfabetisering.NVT: "onderwijs bevat geen alfabetisering",
    Alfabetisering.ANALFABEET: "onderwijs bevat alfabetisering, omdat persoon niet kan lezen en schrijven in "
    "Latijns schrift of ander schrift",
    Alfabetisering.ANDERS: "onderwijs bevat alfabetisering, omdat persoon wel kan lezen en schrijven, maar "
    "alleen in een ander schrift dan het Latijns schrift",
}


class RedenEinde(models.TextChoices):  # D-36; empty = NVT (still running)
    DIPLOMA = "diploma", "Diploma behaald"
    VRIJSTELLING = "vrijstelling", "Gehele vrijstelling toegekend"
    ONTHEFFING = "ontheffing", "Gehele ontheffing toegekend"
    INGETROKKEN = "ingetrokken", "Inburgeringsplicht ingetrokken"
    OVERLEDEN = "overleden", "Persoon is overleden"
    TIJDELIJK = "tijdelijk", "Tijdelijke vrijstelling toegekend"
    Z_ROUTE = "z_route", "Zelfredzaamheidsroute afgerond"


# D-05: which end reasons mean "voldaan" (FS 675) and which end the plicht without it (FS 655).
VOLDAAN = frozenset({RedenEinde.DIPLOMA, RedenEinde.Z_ROUTE})
NIET_PLICHTIG = frozenset({RedenEinde.VRIJSTELLING, RedenEinde.ONTHEFFING})


class RedenWijzigingTermijn(models.TextChoices):  # D-36
    HERBEPALING = "herbepaling", "(Her)bepaling termijn"
    CORONA = "corona", "Corona verlenging"
    AMBTSHALVE = "ambtshalve", "Ambtshalve verlenging"
    OP_VERZOEK = "op_verzoek", "Verlenging op verzoek"


class Examenonderdeel(models.TextChoices):
    KNM = "KNM", "KNM (Kennis Nederlandse Maatschappij)"
    LEZEN = "LEZEN", "Lezen"
    LUISTEREN = "LUISTEREN", "Luisteren"
    SCHRIJVEN = "SCHRIJVEN", "Schrijven"
    SPREKEN = "SPREKEN", "Spreken"


class Examenniveau(models.TextChoices):
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"


class Examenstatus(models.TextChoices):  # R-EX-4
    NOG_TE_DOEN = "nog_te_doen", "Nog te doen"
    GEPLAND = "gepland", "Gepland"
    ONBEKEND = "onbekend", "Resultaat nog niet bekend"
    GESLAAGD = "geslaagd", "Geslaagd"
    NIET_GESLAAGD = "niet_geslaagd", "Niet geslaagd"
    VERWIJTBAAR = "verwijtbaar", "Geen resultaat, verwijtbaar"
    NIET_VERWIJTBAAR = "niet_verwijtbaar", "Geen resultaat, niet verwijtbaar"


# D-47: attempts that use up a free attempt.
TELT_ALS_POGING = frozenset({Examenstatus.GESLAAGD, Examenstatus.NIET_GESLAAGD, Examenstatus.VERWIJTBAAR})
GRATIS_POGINGEN = 2  # per onderdeel at the PIP niveau, asielstatushouders only (R-EX-3)


class SoortVerzoek(models.TextChoices):
    ONTHEFFING = "ontheffing", "Ontheffing"
    VRIJSTELLING = "vrijstelling", "Vrijstelling"
    VERLENGING = "verlenging", "Verlenging"


class StatusVerzoek(models.TextChoices):  # empty = not decided yet (D-34)
    AFGEWEZEN = "afgewezen", "Afgewezen"
    TOEGEKEND = "toegekend", "Toegekend"


class SoortInstelling(models.TextChoices):  # R-AB-4
    BOW = "bow", "Instelling met Blik op Werk keurmerk"
    TAALSCHAKEL = "taalschakel", "Erkende taalschakelinstelling"


class SoortContract(models.TextChoices):  # M-06
    REGULIER = "regulier", "Regulier"
    TAALSCHAKEL = "taalschakel", "Taalschakeltraject"


class Omvang(models.TextChoices):  # of a vrijstelling or ontheffing (§3.6.13, SS107–SS119)
    GEHEEL = "geheel", "Geheel"
    TIJDELIJK = "tijdelijk", "Tijdelijk"  # vrijstelling only
    GEDEELTELIJK = "gedeeltelijk", "Gedeeltelijk"  # examenonderdelen, with onderdeel and niveau


class GrondOntheffing(models.TextChoices):
    MEDISCH = "medisch", "medisch"
    BIO = "bio", "BIO"  # bijzondere individuele omstandigheden (R-BIO)


# --- Leerbaarheidstoets (§3.6.5, R-LBT) ---------------------------------------------------------------


class LbtStatus(models.TextChoices):
    """Where one LBT (one examennummer) stands on the DUO side."""

    AANGEMELD = "aangemeld", "Aangemeld"  # SS137: the 12-month aanmeldtermijn runs
    AFGENOMEN = "afgenomen", "Afgenomen"  # SS131: the result is known
    VERLOPEN = "verlopen", "Verlopen"  # the aanmeldtermijn passed untaken; DUO registers a new one (SS138)


class LbtResultaat(models.TextChoices):
    """R-LBT-2, the list texts of §3.6.5 (not the screenshot's "niet in staat om het")."""

    J = "J", "Ja, is in staat het B1 of A2 niveau te halen binnen 3 jaar"
    N = "N", "Nee, is niet in staat het B1 of A2 niveau te halen binnen 3 jaar"
    O = "O", "Onbekend, er heeft geen vaststelling van de uitslag kunnen plaatsvinden."  # noqa: E741


class RedenOpnieuwLbt(models.TextChoices):
    """S-22 "Reden opnieuw aanvragen": D-23's list ("Overlast" and "Overig" from the manual)."""

    OVERLAST = "overlast", "Overlast"
    ZIEKTE = "ziekte", "Ziekte tijdens de afname"
    STORING = "storing", "Technische storing"
    OVERIG = "overig", "Overig"


LBT_OVERIG_MAX = 140  # fn 15: "U kunt hiervoor maximaal 140 karakters gebruiken."
