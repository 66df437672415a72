"""Validators for Finnish organisation identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength
from stdnum.fi import ytunnus


def validate_business_id(value: str) -> None:
    """Accept a business ID (Y-tunnus) in the form 1234567-8 with a correct check digit."""
    try:
        ytunnus.validate(value)
    except InvalidChecksum:
        raise ValidationError(
            _("The check digit of business ID %(value)s is wrong. Check the number."),
            code="business_id_checksum",
            params={"value": value},
        ) from None
    except (InvalidFormat, InvalidLength):
        raise ValidationError(
            _("Write the business ID as seven digits, a hyphen and a check digit, e.g. 1234567-8."),
            code="business_id_format",
        ) from None


def normalise_business_id(value: str) -> str:
    """Return the business ID in its printed form (1234567-8)."""
    return ytunnus.format(ytunnus.compact(value)) if value else ""
