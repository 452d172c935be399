"""The person's own appointments: "My appointments" when logged in, and the same page
by the signed link in every email (cancel, move, accept a proposed time)."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from hubportal import calendars
from hubportal.errors import DomainError
from hubportal.links import SignedLinkView
from hubportal.phones import phone_display
from hubportal.timeranges import LOCAL_TZ

from .. import ics, selectors, services, tokens
from ..forms import PhoneForm
from ..models import Appointment
from ..slots import slots_like

PAGE_QUERYSET = Appointment.objects.select_related("advisor", "hub", "programme", "topic")


@login_required
def mine(request):
    upcoming, past = selectors.appointments_of(person=request.user)
    return render(request, "funding/mine.html", {"upcoming": upcoming, "past": past})


MOVE_CHOICES = 40  # times offered to move to, by day


def _by_day(slots) -> list[tuple]:
    """The free times grouped by their day in Berlin: [(date, [slot, …]), …]."""
    days: dict = {}
    for slot in slots:
        days.setdefault(slot.start.astimezone(LOCAL_TZ).date(), []).append(slot)
    return list(days.items())


def _own(request, pk) -> Appointment:
    """One of the logged-in person's appointments; anyone else's is simply not found."""
    return get_object_or_404(PAGE_QUERYSET, pk=pk, person=request.user)


def _page(request, appointment: Appointment, *, token: str | None, error: str | None = None):
    """The appointment with what the person may still do: cancel, or move to a free time."""
    slots = []
    if appointment.is_active and request.GET.get("move"):
        slots = slots_like(
            advisor_id=appointment.advisor_id,
            hub=appointment.hub,
            minutes=appointment.minutes,
            first_day=timezone.localdate(),
            days=selectors.SEARCH_DAYS,
            ignore=appointment,
            any_length=True,
        )
        # Another time: not the one it has now.
        slots = [slot for slot in slots if slot.start != appointment.start][:MOVE_CHOICES]
    if token:
        cancel_url = reverse("funding:manage_cancel", args=[token])
        phone_url = reverse("funding:manage_phone", args=[token])
        move_url = reverse("funding:manage_move", args=[token])
        proposal_urls = [reverse(f"funding:manage_proposal_{a}", args=[token]) for a in ACTIONS]
    else:
        cancel_url = reverse("funding:appointment_cancel", args=[appointment.pk])
        phone_url = reverse("funding:appointment_phone", args=[appointment.pk])
        move_url = reverse("funding:appointment_move", args=[appointment.pk])
        proposal_urls = [
            reverse(f"funding:appointment_proposal_{a}", args=[appointment.pk]) for a in ACTIONS
        ]
    return render(
        request,
        "funding/appointment.html",
        {
            "appointment": appointment,
            "error": error,
            "slot_days": _by_day(slots),
            "token": token,
            "cancel_url": cancel_url,
            "phone_url": phone_url,
            "phone_form": _phone_form(request, appointment, error),
            # What the person may still change: until the cut-off (after a refused
            # try the form stays, with what was typed and why).
            "changeable": appointment.is_active
            and not appointment.has_started
            and (not appointment.past_cutoff or request.method == "POST"),
            "move_url": move_url,
            "proposal_accept_url": proposal_urls[0],
            "proposal_decline_url": proposal_urls[1],
        },
    )


def _cancel(request, appointment: Appointment) -> None:
    services.appointment_cancel(
        appointment=appointment, reason=request.POST.get("reason", "")[:300]
    )
    messages.success(request, _("Your appointment has been cancelled."))


def _phone_form(request, appointment: Appointment, error: str | None) -> PhoneForm:
    """The number as shown, or, after a refusal, as typed with the reason beside it."""
    options = {"mode": appointment.mode, "cutoff_hours": appointment.advisor.cancel_cutoff_hours}
    if error and "phone" in request.POST:
        form = PhoneForm(data={"phone": request.POST["phone"]}, **options)
        if form.is_valid():  # refused for another reason (the cut-off has passed)
            form.add_error("phone", error)
        return form
    return PhoneForm(initial={"phone": phone_display(appointment.phone)}, **options)


def _phone(request, appointment: Appointment) -> None:
    services.appointment_phone_change(appointment=appointment, phone=request.POST.get("phone", ""))
    messages.success(request, _("Your phone number has been saved; the advisor has been told."))


def _move(request, appointment: Appointment) -> None:
    try:
        start = datetime.fromisoformat(request.POST.get("start", ""))
    except ValueError as exc:
        raise services.AppointmentError(_("Please choose a time from the list."), "start") from exc
    services.appointment_move(appointment=appointment, start=start)
    messages.success(request, _("Your appointment has been moved."))


ACTIONS = ("accept", "decline")  # what the person may do with a proposed time


def _proposal_accept(request, appointment: Appointment) -> None:
    services.appointment_proposal_accept(appointment=appointment)
    messages.success(request, _("Thank you: the new time is confirmed."))


def _proposal_decline(request, appointment: Appointment) -> None:
    services.appointment_proposal_decline(appointment=appointment)
    messages.success(request, _("The original time stays; the advisor has been told."))


def _act(request, appointment: Appointment, action, *, token: str | None, back: str):
    try:
        action(request, appointment)
    except DomainError as error:
        appointment.refresh_from_db()
        return _page(request, appointment, token=token, error=error.message)
    return redirect(back)


# -- logged in ------------------------------------------------------------------------
@login_required
@require_safe
def appointment(request, pk):
    return _page(request, _own(request, pk), token=None)


def _own_action(action):
    """A logged-in person's POST action on their own appointment; back to its page."""

    @login_required
    @require_POST
    def view(request, pk):
        own = _own(request, pk)
        return _act(request, own, action, token=None, back=own.get_absolute_url())

    return view


appointment_cancel = _own_action(_cancel)
appointment_move = _own_action(_move)
appointment_phone = _own_action(_phone)
appointment_proposal_accept = _own_action(_proposal_accept)
appointment_proposal_decline = _own_action(_proposal_decline)


@login_required
def appointment_ics(request, pk):
    own = _own(request, pk)
    return calendars.ics_response(ics.appointment_calendar(own), filename=f"beratung-{own.pk}.ics")


# -- by the signed link in the emails -------------------------------------------------
class ManageView(SignedLinkView):
    """Cancel or move without logging in."""

    purpose = tokens.MANAGE
    queryset = PAGE_QUERYSET
    invalid_template_name = "funding/link_invalid.html"
    http_method_names = ["get"]

    def render_page(self, error=None):
        return _page(self.request, self.object, token=self.token, error=error)

    def get_success_url(self):
        return reverse("funding:manage", args=[self.token])


class ManageCancelView(ManageView):
    http_method_names = ["post"]

    def act(self):
        _cancel(self.request, self.object)


class ManagePhoneView(ManageView):
    http_method_names = ["post"]

    def act(self):
        _phone(self.request, self.object)


class ManageMoveView(ManageView):
    http_method_names = ["post"]

    def act(self):
        _move(self.request, self.object)


class ManageProposalAcceptView(ManageView):
    http_method_names = ["post"]

    def act(self):
        _proposal_accept(self.request, self.object)


class ManageProposalDeclineView(ManageView):
    http_method_names = ["post"]

    def act(self):
        _proposal_decline(self.request, self.object)


class AcceptView(SignedLinkView):
    """The person accepts a time the advisor proposed."""

    purpose = tokens.ACCEPT
    queryset = Appointment.objects.select_related("advisor", "hub", "topic")
    template_name = "funding/accept.html"
    invalid_template_name = "funding/link_invalid.html"
    context_object_name = "appointment"
    success_message = gettext_lazy("Thank you: the new time is confirmed.")

    def act(self):
        services.appointment_proposal_accept(appointment=self.object)

    def render_page(self, error: str | None = None):
        """Declining is offered beside accepting: it goes through the manage link."""
        manage = tokens.MANAGE.make(self.object)
        context = {
            "appointment": self.object,
            "error": error,
            "proposal_decline_url": reverse("funding:manage_proposal_decline", args=[manage]),
        }
        return render(self.request, self.template_name, context)

    def get_success_url(self):
        return reverse("funding:manage", args=[tokens.MANAGE.make(self.object)])
