"""The outbox table: one row per e-mail, written in the transaction of its cause (see services)."""

from django.db import models
from django.utils import timezone


class MailStatus(models.TextChoices):
    WACHTEND = "wachtend", "In wachtrij"
    BEZIG = "bezig", "Wordt verzonden"
    VERZONDEN = "verzonden", "Verzonden"
    MISLUKT = "mislukt", "Mislukt"


class UitgaandeMail(models.Model):
    sleutel = models.CharField(
        max_length=200, unique=True, help_text="Idempotentiesleutel; ook de basis van de Message-ID."
    )
    aan = models.JSONField("ontvangers")
    antwoord_aan = models.JSONField("antwoord aan", default=list, blank=True)
    onderwerp = models.CharField(max_length=255)
    tekst = models.TextField()
    html = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=MailStatus.choices, default=MailStatus.WACHTEND)
    pogingen = models.PositiveSmallIntegerField(default=0)
    volgende_poging_op = models.DateTimeField(default=timezone.now)
    # A claim that outlives its worker expires here; then the row is due again.
    geclaimd_tot = models.DateTimeField(null=True, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "inburgering"
        ordering = ["-aangemaakt_op"]
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mail"
        # The sweep looks for due rows of these two states only.
        indexes = [
            models.Index(
                fields=["volgende_poging_op"],
                name="uitgaandemail_due_idx",
                condition=models.Q(status__in=["wachtend", "bezig"]),
            )
        ]

    def __str__(self) -> str:
        return f"{self.onderwerp} ({self.sleutel})"
