"""Shared core: gemeenten, persons (DUO-owned basics), authorisations per gemeente, audit trail, contact."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from .bsn import validate_bsn
from .constants import Geslacht, Rol, Wet
from .outbox.models import MailStatus, UitgaandeMail  # noqa: F401  (the outbox is a model of this app)

gemeentecode_validator = RegexValidator(r"^\d{4}$", "Een gemeentecode bestaat uit 4 cijfers.")


class Gemeente(models.Model):
    code = models.CharField("gemeentecode", max_length=4, unique=True, validators=[gemeentecode_validator])
    naam = models.CharField(max_length=80)
    iban = models.CharField("IBAN", max_length=34, blank=True)
    actief = models.BooleanField(default=True)

    class Meta:
        ordering = ["naam"]
        verbose_name_plural = "gemeenten"

    def __str__(self) -> str:
        return self.naam


def zichtbaar_voor(gemeente: "Gemeente", via: str = "") -> Q:
    """A-3/A-7: a gemeente sees its residents, and persons COA assigned to it (still in an AZC). `via` is
    the path to the person from another model ("persoon__"), so a query on that model joins the person
    instead of testing its id against a subquery (which PostgreSQL runs as a loop over the whole table)."""
    return Q(**{f"{via}woongemeente": gemeente}) | Q(**{f"{via}toekomstige_gemeente": gemeente})


class PersoonQuerySet(models.QuerySet):
    def zichtbaar_voor(self, gemeente: "Gemeente") -> "PersoonQuerySet":
        return self.filter(zichtbaar_voor(gemeente))


class Persoon(models.Model):
    """The person as DUO knows them from the BRP; law-specific data lives in the law apps."""

    bsn = models.CharField("BSN", max_length=9, unique=True, validators=[validate_bsn])
    a_nummer = models.CharField("A-nummer", max_length=10, blank=True, db_index=True)
    voornamen = models.CharField(max_length=200, blank=True)
    voorvoegsels = models.CharField(max_length=20, blank=True)
    achternaam = models.CharField(max_length=200)
    geboortedatum = models.DateField(null=True, blank=True)
    geslacht = models.CharField(max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND)
    nationaliteit = models.CharField(max_length=80, blank=True)
    geboorteland = models.CharField(max_length=80, blank=True)
    geboorteplaats = models.CharField(max_length=80, blank=True)
    straat = models.CharField(max_length=120, blank=True)
    huisnummer = models.CharField(max_length=20, blank=True)
    postcode = models.CharField(max_length=7, blank=True)
    woonplaats = models.CharField(max_length=80, blank=True)
    woongemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="inwoners", null=True, blank=True
    )
    toekomstige_gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        related_name="toekomstige_inwoners",
        null=True,
        blank=True,
        help_text="Gemeente waaraan COA de persoon heeft gekoppeld (nog in een AZC).",
    )
    datum_vestiging = models.DateField("datum vestiging", null=True, blank=True)
    datum_vertrek = models.DateField("datum vertrek uit Nederland", null=True, blank=True)
    datum_overlijden = models.DateField("datum overlijden", null=True, blank=True)
    uitgeschreven_uit_brp = models.BooleanField("uitgeschreven uit BRP", default=False)
    wet = models.CharField(max_length=6, choices=Wet.choices, blank=True)

    objects = PersoonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "personen"
        indexes = [
            models.Index(fields=["woongemeente", "achternaam"], name="persoon_gemeente_naam_idx"),
            models.Index(fields=["toekomstige_gemeente"], name="persoon_toekomstig_idx"),
            models.Index(fields=["woongemeente", "wet"], name="persoon_gemeente_wet_idx"),
            # Added for "Selecteren signalen" sorted on achternaam (issue 15), which now sorts on the signal's
            # own copy (Signaal.persoon_achternaam); kept until the person searches are measured without it.
            models.Index(fields=["achternaam", "id"], name="persoon_naam_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.volledige_naam} ({self.bsn})"

    @property
    def volledige_naam(self) -> str:
        return " ".join(part for part in (self.voornamen, self.voorvoegsels, self.achternaam) if part)

    @property
    def is_overleden(self) -> bool:
        return self.datum_overlijden is not None


class Verhuizing(models.Model):
    """A move between gemeenten as the BRP reported it. Rights of the old gemeente (A-6; Wi2021 R-ACC-5)
    are derived from these rows, never from signals, which retention deletes."""

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="verhuizingen")
    van_gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="vertrokken_inwoners", null=True, blank=True
    )
    naar_gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="nieuwe_inwoners")
    datum = models.DateField("datum vestiging")
    uit_azc = models.BooleanField(
        "vestiging vanuit het AZC",
        default=False,
        help_text="Naar de gemeente waaraan COA de persoon had gekoppeld.",
    )
    geregistreerd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "verhuizingen"
        ordering = ["persoon", "datum", "pk"]
        constraints = [
            # The same BRP move reported twice (a replayed feed) is one move.
            models.UniqueConstraint(
                fields=["persoon", "van_gemeente", "naar_gemeente", "datum"], name="verhuizing_uniek"
            ),
        ]
        indexes = [models.Index(fields=["van_gemeente", "persoon"], name="verhuizing_van_idx")]

    def __str__(self) -> str:
        return f"{self.persoon_id}: {self.van_gemeente or '-'} → {self.naar_gemeente} ({self.datum:%d-%m-%Y})"


class AutorisatieQuerySet(models.QuerySet):
    def voor_gemeente(self, gemeente: Gemeente) -> "AutorisatieQuerySet":
        return self.filter(Q(gemeente=gemeente) | Q(gemeente__isnull=True))


class Autorisatie(models.Model):
    """One role of one user for one gemeente; no gemeente means all gemeenten (SCI helpdesk)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autorisaties")
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Leeg: alle gemeenten (helpdesk Servicecentrum Inburgering).",
    )
    rol = models.CharField(max_length=10, choices=Rol.choices)

    objects = AutorisatieQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "autorisaties"
        constraints = [
            models.UniqueConstraint(fields=["user", "gemeente", "rol"], name="autorisatie_uniek"),
            models.UniqueConstraint(
                fields=["user", "rol"], condition=Q(gemeente__isnull=True), name="autorisatie_alle_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.gemeente or 'alle gemeenten'} — {self.get_rol_display()}"


class AuditActie(models.TextChoices):
    BEKIJKEN = "bekijken", "Bekijken"
    ZOEKEN = "zoeken", "Zoeken"
    AANMAKEN = "aanmaken", "Aanmaken"
    WIJZIGEN = "wijzigen", "Wijzigen"
    VERWIJDEREN = "verwijderen", "Verwijderen"
    DOWNLOADEN = "downloaden", "Downloaden"
    GEMEENTE_GEKOZEN = "gemeente_gekozen", "Andere gemeente gekozen"
    INLOGGEN = "inloggen", "Ingelogd"
    INLOGGEN_MISLUKT = "inloggen_mislukt", "Inloggen mislukt"
    UITLOGGEN = "uitloggen", "Uitgelogd"
    TWEEDE_FACTOR = "tweede_factor", "Tweede factor"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("De audit trail kan niet worden gewijzigd.")

    def delete(self):
        raise ValidationError("De audit trail kan niet worden verwijderd.")


class AuditEntry(models.Model):
    """A-8: who did what, when, for which gemeente and person. Append only.

    User and gemeente are copied as text, not foreign keys, so the record outlives
    both and no cascade can ever rewrite it.
    """

    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    gebruiker = models.CharField(max_length=150, db_index=True)
    gemeente_code = models.CharField("gemeente", max_length=4, blank=True, db_index=True)
    actie = models.CharField(max_length=20, choices=AuditActie.choices)
    omschrijving = models.CharField(max_length=200, blank=True)
    bsn = models.CharField("BSN", max_length=9, blank=True, db_index=True)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    wijzigingen = models.JSONField(default=dict, blank=True, help_text="Per veld [oud, nieuw].")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-tijdstip", "-id"]
        verbose_name = "auditregel"
        verbose_name_plural = "audit trail"

    def __str__(self) -> str:
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.gebruiker} {self.get_actie_display()} {self.bsn}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("De audit trail kan niet worden gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("De audit trail kan niet worden verwijderd.")


class ContactOnderwerp(models.TextChoices):
    # The order of the list in seed 001 §2.3.
    OVERIG = "overig", "Overig"
    KLACHTEN = "klachten", "Klachten"
    STORING = "storing", "Storing"
    LBT = "lbt", "LBT (leerbaarheidstoets)"
    SIGNALEN = "signalen", "Signalen"
    VRIJSTELLINGEN = "vrijstellingen", "Vrijstellingen/ontheffing"
    PVT = "pvt", "PVT"
    LEERROUTES = "leerroutes", "Leerroutes/examen"


class ContactBericht(models.Model):
    """A message from the contact form; stored together with its e-mail in the outbox (key `contactbericht-<id>`)."""

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gebruiker = models.CharField(max_length=150)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.SET_NULL, null=True, blank=True)
    naam = models.CharField(max_length=100)
    email = models.EmailField("e-mail")
    bellen = models.BooleanField("DUO mag mij bellen", default=False)
    telefoonnummer = models.CharField(max_length=20, blank=True)
    onderwerp = models.CharField(max_length=20, choices=ContactOnderwerp.choices)
    bericht = models.TextField(max_length=4000)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "contactbericht"
        verbose_name_plural = "contactberichten"

    def __str__(self) -> str:
        return f"{self.get_onderwerp_display()} — {self.naam}"


class VerwerktEvent(models.Model):
    """A chain event that was applied: replaying a feed skips every id found here."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=60)
    verwerkt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verwerkt ketenbericht"
        verbose_name_plural = "verwerkte ketenberichten"

    def __str__(self) -> str:
        return f"{self.event_id} ({self.type})"


class Downloadbestand(models.Model):
    """One generated extract file of one gemeente ("Downloaden bestanden")."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="downloadbestanden")
    extract = models.CharField(max_length=60, help_text="Sleutel van het extract in het downloadregister.")
    wet = models.CharField(max_length=6, choices=Wet.choices)
    bestandsnaam = models.CharField(max_length=200)
    pad = models.CharField(max_length=500, help_text="Pad ten opzichte van MEDIA_ROOT.")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    peildatum = models.DateField(help_text="De gegevens zijn bijgewerkt tot en met deze datum.")
    rijen = models.PositiveIntegerField(default=0)
    grootte = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name_plural = "downloadbestanden"
        indexes = [
            models.Index(fields=["gemeente", "extract", "-aangemaakt_op"], name="download_gemeente_idx")
        ]

    def __str__(self) -> str:
        return self.bestandsnaam


class Activatiecode(models.Model):
    """A-9: the one-time code a beheerder issues so that a user can link an authenticator app.

    Only a password hash of the code is kept: whoever reads the database cannot link an app with it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activatiecodes"
    )
    code_hash = models.CharField(max_length=128)
    uitgegeven_door = models.CharField(max_length=150)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gebruikt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        verbose_name = "activatiecode tweede factor"
        verbose_name_plural = "activatiecodes tweede factor"

    def __str__(self) -> str:
        return f"Activatiecode voor {self.user} ({self.aangemaakt_op:%d-%m-%Y %H:%M})"


# The fixed documents of "Downloaden bestanden" live with the rest of the downloads code.
from .downloads.models import Downloaddocument  # noqa: E402, F401
