"""Field validators shared by several apps; each message names the rule."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import iban as stdnum_iban

from openinburgering.rules.personen import bsn_is_valid, vnummer_normalise
from openinburgering.rules.sepa import bic_is_valid


def validate_bsn(value: str) -> None:
    if not bsn_is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig BSN: een BSN bestaat uit negen cijfers en voldoet aan de elfproef."),
            code="invalid_bsn",
        )


def validate_vnummer(value: str) -> None:
    if vnummer_normalise(value) is None:
        raise ValidationError(
            _("Dit is geen geldig V-nummer: een V-nummer bestaat uit ten hoogste tien cijfers."),
            code="invalid_vnummer",
        )


def validate_iban(value: str) -> None:
    if not stdnum_iban.is_valid(value):
        raise ValidationError(
            _("Dit is geen geldig IBAN: controleer landcode, lengte en controlegetal."),
            code="invalid_iban",
        )


def validate_bic(value: str) -> None:
    if value and not bic_is_valid(value):
        raise ValidationError(
            _("Dit is geen geldige BIC: 8 of 11 tekens, met een bestaande landcode (ISO 9362)."),
            code="invalid_bic",
        )
