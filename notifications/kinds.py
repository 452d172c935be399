"""What each kind of email is called, for staff in the outbox (German and English).

Every email the portal sends has a kind ("<app>.<what>"); each one needs a name here.
A test fails when a flow sends a kind that has none.
"""

from django.utils.translation import gettext_lazy as _

LABELS = {
    # accounts (django-allauth's emails, sent through the outbox)
    "accounts.email_confirmation_signup": _("Account: confirm the email address (sign-up)"),
    "accounts.email_confirmation": _("Account: confirm the email address"),
    "accounts.password_reset_key": _("Account: reset the password"),
    "accounts.unknown_account": _("Account: password reset for an unknown address"),
    "accounts.account_already_exists": _("Account: sign-up with an address already in use"),
    "accounts.password_changed": _("Account: password changed"),
    "accounts.password_set": _("Account: password set"),
    "accounts.email_changed": _("Account: email address changed"),
    # co-working
    "coworking.pending": _("Booking request received"),
    "coworking.confirmed": _("Booking confirmed"),
    "coworking.approved": _("Booking approved"),
    "coworking.declined": _("Booking declined"),
    "coworking.cancelled": _("Booking cancelled"),
    "coworking.released": _("Booking released (not checked in)"),
    "coworking.no_show": _("Booking: recorded as not come"),
    "coworking.kept": _("Booking kept on a day the hub is closed"),
    "coworking.approval_needed": _("Booking to approve (to staff)"),
    # events
    "events.confirm_email": _("Registration: please confirm the email address"),
    "events.received": _("Registration confirmed"),
    "events.already": _("Registration: already registered (tried again)"),
    "events.promoted": _("Place from the waiting list"),
    "events.cancelled": _("Registration cancelled"),
    "events.expired": _("Registration lapsed (address not confirmed)"),
    "events.event_cancelled": _("Event cancelled"),
    "events.event_moved": _("Event moved to another date"),
    "events.event_kept": _("Event takes place although the hub is closed"),
    "events.capacity_alert": _("Event filling up (to staff)"),
    # funding advice, to the person who asked
    "funding.requested": _("Advice request received"),
    "funding.confirmed": _("Advice appointment confirmed"),
    "funding.declined": _("Advice request declined"),
    "funding.cancelled_by_advisor": _("Advice appointment cancelled by the advisor"),
    "funding.cancelled_by_hub": _("Advice appointment cancelled by the hub (closure, hours)"),
    "funding.cancelled_by_person": _("Advice appointment cancelled as the person asked"),
    "funding.proposal_declined": _("Proposed time declined: the original time stays"),
    "funding.moved": _("Advice appointment moved"),
    "funding.no_show": _("Advice appointment recorded as not attended"),
    "funding.kept": _("Advice appointment kept on a day the hub is closed"),
    "funding.proposed": _("Advice: another time proposed"),
    "funding.followup": _("Advice follow-up"),
    # funding advice, to the advisor
    "funding.advisor.cancelled_by_hub": _(
        "Advice appointment cancelled by the hub (to the advisor)"
    ),
    "funding.advisor.proposal_declined": _("Proposed time declined (to the advisor)"),
    "funding.advisor.requested": _("New advice request (to the advisor)"),
    "funding.advisor.confirmed": _("New advice appointment (to the advisor)"),
    "funding.advisor.cancelled_by_person": _("Advice appointment cancelled (to the advisor)"),
    "funding.advisor.account_deleted": _(
        "Advice appointment cancelled, the person deleted their account (to the advisor)"
    ),
    "funding.advisor.moved": _("Advice appointment moved (to the advisor)"),
    "funding.advisor.kept": _("Advice appointment kept on a closed day (to the advisor)"),
    "funding.advisor.phone_changed": _("Phone number for a call changed (to the advisor)"),
    # reminders
    "reminder.booking": _("Reminder: booking"),
    "reminder.registration": _("Reminder: event"),
    "reminder.appointment": _("Reminder: advice appointment"),
}


def label(kind: str) -> str:
    return str(LABELS.get(kind, kind))
