from django.core.exceptions import ValidationError

import pytest

from inburgering.bsn import is_valid_bsn, normalize_bsn, validate_bsn
from tests.factories import PersoonFactory


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990", "111 22 2333", "111.222.333"])
def test_elfproef_accepts_valid_bsn(bsn):
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "bsn",
    [
        "111222334",  # checksum off by one
        "123456789",  # fails the 11-test
        "12345678",  # eight digits
        "1234567820",  # ten digits
        "00000000O",  # a letter
        "000000000",  # passes the sum, but is not a number DUO issues
        "",
    ],
)
def test_fs603_invalid_bsn_is_refused(bsn):
    assert not is_valid_bsn(bsn)
    with pytest.raises(ValidationError) as exc:
        validate_bsn(bsn)
    assert exc.value.messages == ["BSN is ongeldig"]
    assert exc.value.error_list[0].code == "FS603"


def test_normalize_strips_separators_without_padding():
    assert normalize_bsn(" 111-222.333 ") == "111222333"
    assert normalize_bsn("12345678") == "12345678"


@pytest.mark.django_db
def test_fs603_persoon_model_validates_bsn():
    persoon = PersoonFactory.build(bsn="123456789")
    with pytest.raises(ValidationError) as exc:
        persoon.full_clean(exclude=["woongemeente"])
    assert exc.value.message_dict["bsn"] == ["BSN is ongeldig"]
