import pytest
from django.core.exceptions import ValidationError

from safeguard.people.identifiers import upn_check_letter, validate_nhs_number, validate_upn


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943-476-5919"])
def test_valid_nhs_numbers_pass(value):
    validate_nhs_number(value)


@pytest.mark.parametrize(
    "value, message",
    [
        ("9434765918", "check digit"),  # last digit altered
        ("943476591", "10 digits"),
        ("94347659190", "10 digits"),
        ("94347659A9", "10 digits"),
        ("1000000000", "check digit"),  # mod-11 remainder gives 10: never issued
    ],
)
def test_invalid_nhs_numbers_are_refused_with_a_reason(value, message):
    with pytest.raises(ValidationError, match=message):
        validate_nhs_number(value)


def test_upn_check_letter_worked_example():
    # Body 000000000001: only character 13 is non-zero, weight 13: 13*1 = 13; 13 mod 23 = 13,
    # and letter 13 of ABCDEFGHJKLMNPQRTUVWXYZ (from 0) is "P".
    assert upn_check_letter("000000000001") == "P"
    # Body 801200100001: 2*8 + 4*1 + 5*2 + 8*1 + 13*1 = 16+4+10+8+13 = 51; 51 mod 23 = 5 -> "F".
    assert upn_check_letter("801200100001") == "F"


def test_upn_with_its_check_letter_passes_and_a_wrong_letter_fails():
    validate_upn("F801200100001")
    with pytest.raises(ValidationError, match="check letter"):
        validate_upn("A801200100001")


def test_temporary_upn_ending_in_a_letter():
    body = "80120010000A"  # a temporary UPN: the last character is a letter, counted as 0
    validate_upn(upn_check_letter(body) + body)


@pytest.mark.parametrize(
    "value", ["F80120010000", "F8012001000011", "F80120010X001", "F8012001000I"]
)
def test_malformed_upns_are_refused(value):
    with pytest.raises(ValidationError):
        validate_upn(value)
