"""The emails of accounts are django-allauth's, sent through the outbox
(adapters.py); their names for staff."""

from django.utils.translation import gettext_lazy as _

# What each kind of email this app sends is called, for staff in the outbox
# (registered in apps.py; notifications/kinds.py).
KINDS = {
    "accounts.email_confirmation_signup": _("Account: confirm the email address (sign-up)"),
    "accounts.email_confirmation": _("Account: confirm the email address"),
    "accounts.password_reset_key": _("Account: reset the password"),
    "accounts.unknown_account": _("Account: password reset for an unknown address"),
    "accounts.account_already_exists": _("Account: sign-up with an address already in use"),
    "accounts.password_changed": _("Account: password changed"),
    "accounts.password_set": _("Account: password set"),
    "accounts.email_changed": _("Account: email address changed"),
}
