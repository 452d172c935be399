"""One way to refuse: a rule said no, with a message for the person.

Services raise a DomainError (or an app's subclass of it) with a translated message
that says what would work instead, and the form field it belongs to, if any. Views
and admin pages show it in one of two ways:

    try:
        booking = services.booking_create(...)
    except DomainError as error:
        add_to_form(form, error)             # next to the field, kept input, summary
    ...
    except DomainError as error:
        messages.error(request, error.message)   # a button without a form

The service's transaction is rolled back when it raises, so a refusal never leaves
half a change behind. One that no view catches becomes a 400 page with its message
(hubportal.middleware.DomainErrorMiddleware), never a 500.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the person can act on. `field` names the form field it belongs to
    (None: it concerns the whole form)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        return str(self.message)


def add_to_form(form, error: DomainError) -> None:
    """Put a refusal on a form: on the field it names, or on the whole form.

    A form whose fields differ from the rule's words (co-working's "start" is the
    day or the start time, depending on the choice) maps them in a method
    `field_for_error(field) -> str | None`.
    """
    field = error.field
    mapper = getattr(form, "field_for_error", None)
    if mapper is not None:
        field = mapper(field)
    if field not in form.fields:
        field = None
    form.add_error(field, error.message)
