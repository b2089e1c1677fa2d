"""Validation of the identifiers a child carries: NHS number, UPN, LA child ID."""

import nhs_number
from django.core.exceptions import ValidationError

# DfE unique pupil number check letters: 23 letters, omitting I, O and S.
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def normalise_nhs_number(value: str) -> str:
    """Return the NHS number as ten digits, without spaces or hyphens."""
    return "".join(ch for ch in value if ch.isdigit()) if value else ""


def validate_nhs_number(value: str) -> None:
    """Raise ValidationError unless the value is a ten-digit NHS number with a valid check digit."""
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or digits != value.replace(" ", "").replace("-", ""):
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919")
    if not nhs_number.is_valid(digits):
        raise ValidationError("Enter a valid NHS number: the check digit does not match")


def upn_check_letter(body: str) -> str:
    """Return the check letter for the last 12 characters of a UPN.

    Characters 2 to 13 are weighted 2 to 13 and summed; the sum modulo 23 indexes the letter
    table. A temporary UPN ends in a letter, which counts as its index in the same table.
    """
    total = 0
    for weight, ch in enumerate(body, start=2):
        total += weight * (int(ch) if ch.isdigit() else _UPN_LETTERS.index(ch))
    return _UPN_LETTERS[total % 23]


def validate_upn(value: str) -> None:
    """Raise ValidationError unless the value is a 13-character UPN with a valid check letter."""
    upn = value.strip().upper()
    if len(upn) != 13:
        raise ValidationError("Enter a unique pupil number of 13 characters, like A123456789012")
    body = upn[1:]
    if not body[:-1].isdigit() or not (body[-1].isdigit() or body[-1] in _UPN_LETTERS):
        raise ValidationError(
            "A unique pupil number is a letter, then 11 digits, then a digit or a letter"
        )
    if upn[0] != upn_check_letter(body):
        raise ValidationError("Enter a valid unique pupil number: the check letter does not match")


def validate_la_child_id(value: str) -> None:
    """Raise ValidationError unless the LA child ID is 1 to 20 letters, digits or hyphens.

    The CIN census and SSDA903 allow up to 20 characters.
    """
    if not value or len(value) > 20 or not all(ch.isalnum() or ch == "-" for ch in value):
        raise ValidationError("An LA child ID is 1 to 20 letters, digits or hyphens")
