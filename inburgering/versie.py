"""Optimistic locking for every record a caseworker changes through a form (DESIGN "The rules layer").

The form carries the record's version token; the service checks it under the row lock, so when two
caseworkers open the same record, the second save is refused with a Dutch message instead of silently
overwriting the first. After the refusal the page keeps what was typed, shows the current data and
carries the new token, so a resubmit overwrites knowingly.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

VEROUDERD = (
    "Deze gegevens zijn intussen door een ander gewijzigd. Uw wijziging is niet opgeslagen; controleer de "
    "actuele gegevens en voer uw wijziging opnieuw in."
)
CODE = "verouderd"


class Versiebeheerd(models.Model):
    """Every save raises `versie`, whoever saves (caseworker, DUO chain event, nightly job)."""

    versie = models.PositiveIntegerField("Versie", default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding:
            return super().save(*args, **kwargs)
        # Increment in the database, so that even a writer without the row lock never reuses a version.
        self.versie = F("versie") + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "versie"}
        super().save(*args, **kwargs)
        self.refresh_from_db(fields=["versie"])

    @property
    def versiekenmerk(self) -> str:
        """What a form sends back. The pk is part of it because some records are reached by their person,
        not by their own pk: a factuur deleted and added again starts at version 1 once more."""
        return f"{self.pk}-{self.versie}"


def controleer_versie(obj: Versiebeheerd, verwacht: str | None) -> None:
    """Refuse a change made on an outdated form. Call it under the row lock (`select_for_update`)."""
    if verwacht != obj.versiekenmerk:
        raise ValidationError(VEROUDERD, code=CODE)


def is_verouderd(fout: ValidationError) -> bool:
    return not hasattr(fout, "error_dict") and any(e.code == CODE for e in fout.error_list)


class VersieFormMixin:
    """Adds the hidden `versie` field. A missing or garbled token is simply an outdated one: the service
    refuses it with the same message and the page hands out the current token."""

    def __init__(self, *args, versiebron: Versiebeheerd | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if versiebron is not None and not self.is_bound:
            self.initial["versie"] = versiebron.versiekenmerk

    def nieuwe_versie(self, obj: Versiebeheerd) -> None:
        """After a refusal: the typed input stays, the hidden token becomes the current one."""
        self.data = self.data.copy()
        self.data[self.add_prefix("versie")] = obj.versiekenmerk
