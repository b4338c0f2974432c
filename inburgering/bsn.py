"""BSN: exactly nine digits that pass the elfproef (11-test); the checksum is python-stdnum's."""

from django.core.exceptions import ValidationError

from stdnum.nl import bsn as stdnum_bsn
from stdnum.util import clean

from .messages import FS603


def normalize_bsn(value: str | None) -> str:
    """Strip the spaces, dots and dashes a caseworker may type or paste (no zero padding: FS 603 wants 9)."""
    return clean(value or "", " -.").strip()


def is_valid_bsn(value: str | None) -> bool:
    number = normalize_bsn(value)
    return len(number) == 9 and number.isdigit() and stdnum_bsn.is_valid(number)


def validate_bsn(value: str) -> None:
    """Model and form validator: FS 603 "BSN is ongeldig" unless nine digits passing the elfproef."""
    if not is_valid_bsn(value):
        raise ValidationError(FS603, code="FS603")
