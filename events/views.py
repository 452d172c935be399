import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import condition, require_POST

from hubportal import calendars
from hubportal.clients import client_source
from hubportal.errors import add_to_form
from hubportal.limits import limit_consume
from hubportal.links import SignedLinkView, absolute
from hubportal.states import StateOf
from hubs.models import Hub
from hubs.scoping import hubs_for

from . import ics, rules, selectors, services, states, tokens
from .forms import RegistrationForm
from .models import Event, Kind, Registration, guest_hold
from .states import registration_state


def programme(request):
    event_filter, page = selectors.event_list(params=request.GET, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/programme.html",
        {
            "filter": event_filter,
            "page": page,
            "query": query.urlencode(),
            # The rarer filters fold away on a phone, unless one of them is in use.
            "more_filters": any(
                query.get(name)
                for name in ("kind", "theme", "audience", "date_from", "date_to", "free")
            ),
        },
    )


def archive(request):
    page = selectors.event_archive(page=request.GET.get("page"))
    return render(request, "events/archive.html", {"page": page})


def detail(request, pk, slug):
    event = selectors.event_detail(pk=pk)
    if slug != event.slug:
        return redirect(event, permanent=True)
    user = request.user if request.user.is_authenticated else None
    form = RegistrationForm(
        request.POST if request.method == "POST" else None, event=event, user=user
    )
    status = 400 if request.method == "POST" else 200
    verdict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        email = data.get("email", "")
        verdict = limit_consume(request, "guest_registration", key=email) if user is None else None
        if verdict is not None and not verdict:
            form.add_error(None, _too_many_message(verdict))
            status = 429
        else:
            try:
                registration = services.registration_create(
                    event=event,
                    person=user,
                    name=data.get("name", ""),
                    email=email,
                    participation=data.get("participation"),
                    language=translation.get_language()[:2],
                    access_needs=data.get("access_needs"),
                    access_note=data.get("access_note", ""),
                    source=client_source(request),
                )
            except services.RegistrationError as error:
                add_to_form(form, error)
            else:
                if user is None:
                    # The same page whether the address was new or registered already:
                    # only the email tells its owner which.
                    answer = _guest_answer(registration)
                    messages.success(request, _guest_message(answer))
                    _remember_pending(request, event, email, answer)
                else:
                    messages.success(request, _registered_message(registration))
                return redirect(event)
    own, pending = _own_registration(request, event, user)
    response = render(
        request,
        "events/detail.html",
        {
            "event": event,
            "form": form,
            "own_registration": own,
            "pending_email": "" if own or not pending else pending["email"],
            "pending_explain": "" if own or not pending else pending["explain"],
            "places_left": event.places_left(event.taken),
            "registration_open": rules.registration_is_open(event),
            "now": timezone.now(),
            "alternatives": _alternatives(event),
        },
        status=status,
    )
    if verdict is not None and not verdict:
        response["Retry-After"] = str(verdict.retry_after)
    return response


def _own_registration(request, event, user):
    """The visitor's registration for the event (an account's, or the guest's this
    browser confirmed), and the address a guest's registration waits to be confirmed
    with: (registration or None, {"email", "explain"} or "")."""
    own = event.registrations.active()
    pending = ""
    if user is not None:
        return own.filter(person=user).first(), pending
    if request.method == "POST" or "another" in request.GET:
        return None, pending  # a guest registering someone else from the same browser
    own = own.filter(pk__in=request.session.get(GUEST_REGISTRATIONS, [])).first()
    pending = request.session.get(GUEST_PENDING, {}).get(str(event.pk), "")
    if isinstance(pending, str) and pending:  # a session from before the state was kept
        pending = {"email": pending, "explain": ""}
    return own, pending


def _alternatives(event):
    """Suggestions when the event is full, cancelled or on a day its hub is shut."""
    full = event.places_left(event.taken) == 0
    shut = bool(event.hub_closed) and not event.held_on_closed_day
    if (full or event.is_cancelled or shut) and event.end > timezone.now():
        return selectors.alternatives(event)
    return []


GUEST_REGISTRATIONS = "guest_registrations"
GUEST_PENDING = "guest_pending"


def _remember(request, registration: Registration) -> None:
    """This browser confirmed a guest's registration: show it on the event page (the
    session only, never a cookie of its own)."""
    known = request.session.get(GUEST_REGISTRATIONS, [])
    request.session[GUEST_REGISTRATIONS] = [*known[-19:], registration.pk]


def _remember_pending(request, event: Event, email: str, answer: StateOf) -> None:
    """This browser asked to register `email`: the page says where the email went and
    what the registration is until it is confirmed."""
    pending = dict(list(request.session.get(GUEST_PENDING, {}).items())[-19:])
    pending[str(event.pk)] = {"email": email, "explain": answer.explain}
    request.session[GUEST_PENDING] = pending


def _guest_answer(registration: Registration) -> StateOf:
    """What the page tells a guest: the state of their new registration (waiting list
    with its position, or a place held until they confirm). An address registered
    already gets the answer a new registration would, so the page does not tell
    whether it was (only its owner's email does)."""
    if registration.awaits_email_confirmation:
        return registration_state(registration)
    event = Event.objects.with_counts().get(pk=registration.event_id)
    minutes = int(guest_hold().total_seconds() // 60)
    if event.places_left(event.taken) == 0:
        return states.WAITING_AWAITING_EMAIL.words(n=event.waiting + 1, minutes=minutes)
    return states.AWAITING_EMAIL.words(minutes=minutes)


def _guest_message(answer: StateOf) -> str:
    return _("Almost done: we have sent you an email.") + " " + answer.explain


def _too_many_message(verdict) -> str:
    return ngettext(
        "We have received many registrations from your connection or for this address "
        "in a short time. Please try again in about %(minutes)d minute; your entries "
        "are still here.",
        "We have received many registrations from your connection or for this address "
        "in a short time. Please try again in about %(minutes)d minutes; your entries "
        "are still here.",
        verdict.minutes,
    ) % {"minutes": verdict.minutes}


@require_POST
def resend(request, pk, slug):
    """Send the confirmation (or the link to confirm) again to the address given:
    the same answer whether or not it is registered, at most every few minutes."""
    event = selectors.event_detail(pk=pk)
    email = request.POST.get("email", "").strip()[:254]
    verdict = limit_consume(request, "send_again", key=email)
    if not verdict:
        messages.warning(request, _too_many_message(verdict))
        return redirect(event)
    try:
        services.registration_resend(event=event, email=email)
    except services.RegistrationError as error:
        messages.warning(request, error.message)
    else:
        messages.success(
            request,
            _("If %(email)s is registered for this event, the email is on its way again.")
            % {"email": email},
        )
    return redirect(event)


def _registered_message(registration: Registration) -> str:
    state = registration_state(registration)
    if state.explain:
        return state.explain
    return _("You are registered. We have sent you a confirmation.")


class _RegistrationLinkView(SignedLinkView):
    queryset = Registration.objects.select_related("event__hub")
    invalid_template_name = "events/link_invalid.html"
    context_object_name = "registration"

    def get_success_url(self):
        return self.object.event.get_absolute_url()


class ConfirmView(_RegistrationLinkView):
    """Double opt-in: the guest confirms the address from the emailed link."""

    purpose = tokens.CONFIRM
    template_name = "events/confirm.html"

    @property
    def success_message(self):
        self.object.refresh_from_db()  # as the confirmation left it
        state = registration_state(self.object)
        if state.code == states.WAITING.code:
            return _("Thank you: your address is confirmed.") + " " + state.explain
        return _("Thank you: your registration is confirmed.")

    def act(self):
        services.registration_confirm_email(registration=self.object)
        _remember(self.request, self.object)


class CancelView(_RegistrationLinkView):
    """Cancel from the signed link in every email, until the start."""

    purpose = tokens.MANAGE
    template_name = "events/cancel.html"
    success_message = gettext_lazy("Your registration has been cancelled.")

    def act(self):
        services.registration_cancel(registration=self.object)


@login_required
def my_events(request):
    upcoming, cancelled, past = selectors.registrations_of(person=request.user)
    return render(
        request,
        "events/my_events.html",
        {"upcoming": upcoming, "cancelled": cancelled, "past": past},
    )


@login_required
def my_cancel(request, pk):
    """Asks once, saying what will happen (GET); cancels (POST)."""
    # Only one's own registration: another person's id is simply not found.
    registration = get_object_or_404(Registration, pk=pk, person=request.user)
    if request.method != "POST":
        return render(request, "events/cancel.html", {"registration": registration})
    try:
        services.registration_cancel(registration=registration)
    except services.RegistrationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your registration has been cancelled."))
    return redirect("events:mine")


def event_ics(request, pk):
    event = get_object_or_404(Event.objects.published(), pk=pk)
    return calendars.ics_response(ics.personal_calendar(event), filename=f"{event.slug}.ics")


def _feed_scope(kwargs):
    hub = None
    kind = kwargs.get("kind")
    if "hub" in kwargs:
        hub = get_object_or_404(Hub.objects.active(), slug=kwargs["hub"])
    if kind is not None and kind not in Kind.values:
        raise Http404
    return hub, kind


def _feed_etag(request, **kwargs):
    hub, kind = _feed_scope(kwargs)
    events = selectors.feed_events(hub=hub, kind=kind)
    # The hub's name and address are in every VEVENT's location, and change without
    # the event changing.
    where = ["hub__name", "hub__street", "hub__postal_code", "hub__town"]
    stamp = [str(v) for v in events.values_list("pk", "updated", *where)]
    return hashlib.sha256("|".join(stamp).encode()).hexdigest()[:32]


@condition(etag_func=_feed_etag)
def feed(request, **kwargs):
    """Subscribable calendar (webcal): whole network, one hub, or one kind."""
    hub, kind = _feed_scope(kwargs)
    name = _("Digital Hubs – events")
    if hub:
        name = _("%(hub)s – events") % {"hub": hub.name}
    elif kind:
        name = _("Digital Hubs – %(kind)s") % {"kind": Kind(kind).label}
    events = selectors.feed_events(hub=hub, kind=kind)
    return calendars.ics_response(ics.feed(events, str(name), absolute(request.path)))


@login_required
def registration_print(request, pk):
    """A printable confirmation for someone registered at the desk (hub staff only)."""
    registration = get_object_or_404(
        Registration.objects.select_related("event__hub"),
        pk=pk,
        event__hub__in=hubs_for(request.user),
    )
    if not request.user.is_staff:
        raise Http404
    return render(request, "events/print.html", {"registration": registration})
