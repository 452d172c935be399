"""The advisor's workspace ("Meine Beratungen"): the agenda, one appointment with an
action per form (confirm, decline, propose, cancel, done, no-show, notes, follow-up),
weekly times, absences and photo, and the private calendar feed.

Each action is its own view that calls one service. A form that does not validate,
or a refusal from the service, shows the page again with the message and the input.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from hubportal import calendars
from hubportal.errors import DomainError, add_to_form
from hubportal.links import absolute
from hubportal.params import id_param
from hubportal.timeranges import local_datetime

from .. import ics, selectors, services
from ..forms import (
    AbsenceForm,
    DeclineForm,
    FollowupForm,
    NotesForm,
    OutcomeForm,
    PhotoForm,
    ProposeForm,
    ReasonForm,
    WindowForm,
)
from ..models import Advisor, Appointment
from ..slots import slots_like
from ..states import appointment_state


def _advisor(request) -> Advisor:
    """The logged-in advisor; anyone else finds no workspace."""
    advisor = Advisor.objects.filter(user=request.user).first()
    if advisor is None:
        raise Http404
    return advisor


@login_required
def home(request):
    advisor = _advisor(request)
    return render(
        request,
        "funding/advisor/home.html",
        {
            "advisor": advisor,
            "feed_days": settings.ADVISOR_FEED_DAYS_BACK,
            **selectors.advisor_agenda(advisor=advisor),
        },
    )


def feed(request, token):
    """The advisor's private calendar; the secret token in the URL is the key."""
    advisor = get_object_or_404(Advisor, feed_token=token)
    since = timezone.now() - timedelta(days=settings.ADVISOR_FEED_DAYS_BACK)
    appointments = (
        advisor.appointments.filter(end__gte=since).select_related("hub", "topic").order_by("start")
    )
    body = ics.advisor_feed(appointments, _("My funding consultations"), absolute(request.path))
    return calendars.ics_response(body, private=True)


@login_required
@require_POST
def feed_renew(request):
    """A new secret address for the advisor's calendar; the old one stops working."""
    services.advisor_feed_renew(advisor=_advisor(request))
    messages.success(request, calendars.FEED_RENEWED)
    return redirect("funding:advisor")


# -- one appointment ------------------------------------------------------------------
APPOINTMENT_FORMS = {
    "decline": DeclineForm,
    "cancel": ReasonForm,
    "propose": ProposeForm,
    "notes": NotesForm,
    "followup": FollowupForm,
    "outcome": OutcomeForm,
}


def _appointment(request, pk) -> Appointment:
    return get_object_or_404(
        Appointment.objects.select_related("hub", "programme", "person", "topic"),
        pk=pk,
        advisor=_advisor(request),
    )


def _appointment_page(request, appointment, bound=None, status=200):
    forms = {
        name: form_class(prefix=name)
        for name, form_class in APPOINTMENT_FORMS.items()
        if name not in ("notes", "outcome")
    }
    forms["notes"] = NotesForm(prefix="notes", initial={"notes": appointment.advisor_notes})
    forms["outcome"] = OutcomeForm(
        prefix="outcome",
        initial={
            "outcome": appointment.outcome,
            "programme": appointment.outcome_programme_id or appointment.programme_id,
            "amount": appointment.outcome_amount,
        },
    )
    forms.update(bound or {})
    return render(
        request,
        "funding/advisor/appointment.html",
        {
            "appointment": appointment,
            "free_times": _free_times(appointment),
            "refused_forms": [f for f in (bound or {}).values() if f.errors],
            **forms,
        },
        status=status,
    )


FREE_TIMES_SHOWN = 8


def _free_times(appointment) -> list:
    """While proposing: the advisor's own next free times at the same place and length."""
    if not appointment.is_active or appointment.has_started:
        return []
    slots = slots_like(
        advisor_id=appointment.advisor_id,
        hub=appointment.hub,
        minutes=appointment.minutes,
        first_day=timezone.localdate(),
        ignore=appointment,
    )
    return [s for s in slots if s.start != appointment.start][:FREE_TIMES_SHOWN]


def _proposed(appointment) -> str:
    """What the advisor reads after proposing: the time, its state, who is asked."""
    appointment.refresh_from_db()
    return _("%(state)s. %(name)s is asked by email and accepts it by a link.") % {
        "state": appointment_state(appointment).label,
        "name": appointment.name,
    }


def _act(request, pk, act, form_name: str | None = None, said=None):
    """Run one action on one of the advisor's appointments: validate its form (if it
    has one), call the service, and show the page again on a refusal."""
    appointment = _appointment(request, pk)
    bound, data = {}, {}
    if form_name:
        form = bound[form_name] = APPOINTMENT_FORMS[form_name](request.POST, prefix=form_name)
        if not form.is_valid():
            return _appointment_page(request, appointment, bound, status=400)
        data = form.cleaned_data
    try:
        act(appointment, data)
    except DomainError as error:
        if form_name:
            add_to_form(bound[form_name], error)
        else:
            messages.error(request, error.message)
        return _appointment_page(request, appointment, bound, status=400)
    messages.success(request, said(appointment) if said else _("Saved."))
    return redirect("funding:advisor_appointment", appointment.pk)


@login_required
@require_safe
def appointment(request, pk):
    return _appointment_page(request, _appointment(request, pk))


def _action(act, form_name: str | None = None, said=None):
    """A POST-only view for one action on one of the advisor's appointments; `said`
    words its success (else "Saved.")."""

    @login_required
    @require_POST
    def view(request, pk, **url_kwargs):
        return _act(request, pk, lambda a, data: act(a, data, **url_kwargs), form_name, said)

    return view


confirm = _action(lambda a, data: services.appointment_confirm(appointment=a))
decline = _action(
    lambda a, data: services.appointment_decline(appointment=a, reason=data["reason"]),
    "decline",
)
cancel = _action(
    lambda a, data: services.appointment_cancel(
        appointment=a, reason=data["reason"], by_advisor=True
    ),
    "cancel",
)
propose = _action(
    lambda a, data: services.appointment_propose(
        appointment=a, start=local_datetime(data["date"], data["time"])
    ),
    "propose",
    said=_proposed,
)
# Done or no-show, after the appointment: the URL says which.
finish = _action(lambda a, data, status: services.appointment_finish(appointment=a, status=status))
notes = _action(
    lambda a, data: services.appointment_notes_save(appointment=a, notes=data["notes"]),
    "notes",
)
outcome = _action(
    lambda a, data: services.appointment_outcome_save(
        appointment=a,
        outcome=data["outcome"],
        programme=data["programme"],
        amount=data["amount"],
    ),
    "outcome",
)
followup = _action(
    lambda a, data: services.appointment_followup(
        appointment=a,
        programmes=data["programmes"],
        checklist=data["checklist"],
        message=data["message"],
    ),
    "followup",
)


# -- availability ---------------------------------------------------------------------
def _availability_page(request, advisor, status=200, editing=None, **bound):
    forms = {
        "window_form": WindowForm(prefix="window", advisor=advisor),
        "absence_form": AbsenceForm(prefix="absence"),
        "photo_form": PhotoForm(prefix="photo"),
        **bound,
    }
    return render(
        request,
        "funding/advisor/availability.html",
        {
            "advisor": advisor,
            "windows": advisor.windows.select_related("hub"),
            "absences": advisor.absences.all(),
            "editing": editing,
            **forms,
        },
        status=status,
    )


def _saved():
    return redirect("funding:advisor_availability")


@login_required
@require_safe
def availability(request):
    """The advisor's weekly times, absences and photo; `?edit=<id>` opens one of their
    weekly times in the form to change it."""
    advisor = _advisor(request)
    editing = advisor.windows.filter(pk=id_param(request.GET.get("edit"))).first()
    if editing is None:
        return _availability_page(request, advisor)
    form = WindowForm(instance=editing, prefix="window", advisor=advisor)
    return _availability_page(request, advisor, window_form=form, editing=editing)


def _availability_form(request, form_name: str, make_form, save):
    """Validate one availability form and save it, or show the page with its errors."""
    advisor = _advisor(request)
    form = make_form(advisor)
    if not form.is_valid():
        return _availability_page(request, advisor, status=400, **{form_name: form})
    save(advisor, form.cleaned_data)
    messages.success(request, _("Saved."))
    return _saved()


@login_required
@require_POST
def window_add(request):
    return _availability_form(
        request,
        "window_form",
        lambda advisor: WindowForm(request.POST, prefix="window", advisor=advisor),
        lambda advisor, data: services.window_add(advisor=advisor, **data),
    )


@login_required
@require_POST
def window_change(request, pk):
    advisor = _advisor(request)
    window = get_object_or_404(advisor.windows, pk=pk)  # anyone else's is not found
    form = WindowForm(request.POST, instance=window, prefix="window", advisor=advisor)
    if not form.is_valid():
        window.refresh_from_db()
        return _availability_page(request, advisor, status=400, window_form=form, editing=window)
    services.window_change(window=window, **form.cleaned_data)
    messages.success(request, _("Saved."))
    return _saved()


def _remove(request, pk, related: str, remove):
    """Remove one of the advisor's own windows or absences; anyone else's is not found."""
    advisor = _advisor(request)
    remove(get_object_or_404(getattr(advisor, related), pk=pk))
    messages.success(request, _("Saved."))
    return _saved()


@login_required
@require_POST
def window_delete(request, pk):
    return _remove(request, pk, "windows", lambda w: services.window_delete(window=w))


@login_required
@require_POST
def absence_add(request):
    return _availability_form(
        request,
        "absence_form",
        lambda advisor: AbsenceForm(request.POST, prefix="absence"),
        lambda advisor, data: services.absence_add(advisor=advisor, **data),
    )


@login_required
@require_POST
def absence_delete(request, pk):
    return _remove(request, pk, "absences", lambda a: services.absence_delete(absence=a))


@login_required
@require_POST
def photo_set(request):
    return _availability_form(
        request,
        "photo_form",
        lambda advisor: PhotoForm(request.POST, request.FILES, prefix="photo"),
        lambda advisor, data: services.advisor_photo_set(advisor=advisor, jpeg=data["photo"]),
    )
