"""Bank accounts the grants are paid to: IBAN and BIC checked with python-stdnum, stored in
compact form (FI2112345600000785) and shown in groups of four (FI21 1234 5600 0007 85)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import bic, iban
from stdnum.exceptions import ValidationError as NumberError


def clean_iban(value: str) -> str:
    """The IBAN in compact form ("" for none); raise ValidationError when it is not one."""
    if not value.strip():
        return ""
    try:
        return str(iban.validate(value))
    except NumberError:
        raise ValidationError(
            _("Check the account number: write the whole IBAN, e.g. FI21 1234 5600 0007 85."),
            code="invalid_iban",
        ) from None


def clean_bic(value: str) -> str:
    """The BIC in compact form ("" for none); raise ValidationError when it is not one."""
    if not value.strip():
        return ""
    try:
        return str(bic.validate(value))
    except NumberError:
        raise ValidationError(
            _("Check the BIC: it has 8 or 11 letters and digits, e.g. NDEAFIHH."),
            code="invalid_bic",
        ) from None


def format_iban(value: str) -> str:
    """The IBAN in groups of four, as people read it."""
    return str(iban.format(value)) if value else ""
