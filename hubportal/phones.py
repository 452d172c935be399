"""Phone numbers: checked with Google's libphonenumber (the `phonenumbers` package),
stored in E.164 ("+4955611234"), shown as people write them ("05561 1234" for a
German number, "+43 1 234567" for another country's).

A number without a country code is read as German. Every form that asks for a phone
number uses PhoneField; services that take one call `phone_e164` again, so a number
that reaches the database is always one the library accepts.
"""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REGION = "DE"
INVALID = _(
    "This is not a phone number we can call. Please give it with its area code, "
    "e.g. 05561 1234 or +49 5561 1234."
)


def phone_e164(value: str) -> str:
    """ "05561/1234" -> "+4955611234"; "" stays ""; anything else is a ValidationError."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        raise ValidationError(INVALID, code="phone") from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID, code="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(value: str) -> str:
    """An E.164 number as it is written: national for German numbers, else
    international. Anything the library cannot read is shown as it is."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, REGION)
    except phonenumbers.NumberParseException:
        return value
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 49
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


class PhoneField(forms.CharField):
    """A phone number: a telephone keyboard on phones, cleaned to E.164; what was
    typed stays in the field when it is refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 50)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        return phone_e164(super().clean(value))
