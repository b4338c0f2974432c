from django.db import models
from django.db.models import Q

from inburgering.constants import Wet
from inburgering.models import Gemeente, Persoon

from .workflow import Status


class Signaal(models.Model):
    """One signal to one gemeente about one of its persons (SPEC §2)."""

    wet = models.CharField(max_length=6, choices=Wet.choices)
    code = models.CharField(max_length=5)
    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="signalen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="signalen")
    datum = models.DateField(help_text="De datum waarop het signaal in de PIB is geplaatst.")
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.NIEUW)
    status_gewijzigd_op = models.DateTimeField(null=True, blank=True)
    status_gewijzigd_door = models.CharField(max_length=150, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # The fact this signal reports (e.g. "verhuisd:<event id>:SS122"); unique, so emitting twice is a no-op.
    feit = models.CharField(max_length=200, unique=True)
    # Copies of the person's BSN and achternaam, the sort keys of the BSN and Achternaam columns (issue 15):
    # sorted on the person's own field, PostgreSQL walked the persons of the whole country in that order to
    # find a gemeente's 20 signals (60-110 ms at a million persons); on these an index of the gemeente's
    # signals gives the page. Set when the signal is placed (`save`, `signalen_uitzenden`) and kept equal
    # to the person by `bij_persoonsgegevens_gewijzigd`.
    persoon_bsn = models.CharField(max_length=9, editable=False, default="")
    persoon_achternaam = models.CharField(max_length=200, editable=False, default="")

    class Meta:
        verbose_name_plural = "signalen"
        indexes = [
            models.Index(fields=["gemeente", "wet", "status"], name="signaal_open_idx"),
            models.Index(fields=["gemeente", "wet", "-datum", "-id"], name="signaal_lijst_idx"),
            models.Index(fields=["status", "status_gewijzigd_op"], name="signaal_retentie_idx"),
            models.Index(fields=["persoon", "wet"], name="signaal_persoon_idx"),
            # The weekly Wi2021 e-mail (D-27) counts the signals placed since the previous run.
            models.Index(fields=["wet", "aangemaakt_op"], name="signaal_nieuw_idx"),
            # Issue 15: the open signals are a small part of a year's signals; their list (default order,
            # newest first) reads this partial index and stops after one page.
            models.Index(
                fields=["gemeente", "wet", "-datum", "-id"],
                name="signaal_open_lijst_idx",
                condition=Q(status__in=["nieuw", "in_behandeling"]),
            ),
            # "Selecteren signalen" sorted on code (and the first step of the omschrijving order).
            models.Index(fields=["gemeente", "wet", "code", "id"], name="signaal_code_idx"),
            # ... and on BSN or Achternaam (the person's, copied onto the signal).
            models.Index(fields=["gemeente", "wet", "persoon_bsn", "id"], name="signaal_bsn_idx"),
            models.Index(fields=["gemeente", "wet", "persoon_achternaam", "id"], name="signaal_naam_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.persoon_id} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.persoon_bsn, self.persoon_achternaam = self.persoon.bsn, self.persoon.achternaam
        super().save(*args, **kwargs)


class UitgezondenFeit(models.Model):
    """Every fact a signal was emitted for, kept after retention deleted the signal itself (S-7),
    so that a daily rule never emits the same signal twice for the same fact (S-9)."""

    feit = models.CharField(max_length=200, unique=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "uitgezonden feit"
        verbose_name_plural = "uitgezonden feiten"

    def __str__(self) -> str:
        return self.feit
