"""A-nummer (administratienummer of the BRP): exactly ten digits, as typed with spaces or dots."""

import re

from django.core.exceptions import ValidationError

ONGELDIG = "Een A-nummer bestaat uit 10 cijfers."


def normalize_a_nummer(value: str | None) -> str:
    return re.sub(r"[\s.]", "", value or "")


def validate_a_nummer(value: str) -> None:
    """Form and filter validator; re.ASCII so that '²' or an Arabic-Indic digit is no digit here."""
    if not re.fullmatch(r"\d{10}", normalize_a_nummer(value), flags=re.ASCII):
        raise ValidationError(ONGELDIG, code="a_nummer")
