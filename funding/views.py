from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hubportal import links
from hubportal.errors import add_to_form
from hubportal.timeranges import local_datetime
from hubs.scoping import is_hub_staff

from . import ics, selectors, services, tokens
from .forms import (
    AbsenceForm,
    AppointmentForm,
    DeclineForm,
    FollowupForm,
    NotesForm,
    PhotoForm,
    ProposeForm,
    ReasonForm,
    SlotSearchForm,
    WindowForm,
)
from .models import Advisor, Appointment, FundingProgramme, Topic
from .slots import advisors_for, free_slots


def _may_book_for_callers(user) -> bool:
    return user.is_authenticated and (hasattr(user, "advisor") or is_hub_staff(user))


def index(request):
    """Pick place or mode, topic and length; see free slots for the next four weeks."""
    form = SlotSearchForm(request.GET or None)
    days = None
    if form.is_bound and form.is_valid():
        _mode, _hub, days = selectors.slot_search(
            place=form.cleaned_data["place"],
            topic=form.cleaned_data["topic"],
            minutes=form.cleaned_data["minutes"],
        )
    return render(
        request,
        "funding/index.html",
        {
            "form": form,
            "days": days,
            "caller": request.GET.get("for") == "caller" and _may_book_for_callers(request.user),
            "advisors": selectors.advisors_public(),
            "can_book_for_callers": _may_book_for_callers(request.user),
        },
    )


def programmes(request):
    funder, topic = request.GET.get("funder", ""), request.GET.get("topic", "")
    return render(
        request,
        "funding/programmes.html",
        {
            "programmes": selectors.programmes(funder=funder, topic=topic),
            "funders": FundingProgramme.Funder.choices,
            "topics": Topic.objects.all(),
            "funder": funder,
            "topic": topic,
        },
    )


def _chosen_slot(query):
    """The slot a link from the slot list names, or None if the link is broken."""
    try:
        advisor = Advisor.objects.select_related("organisation").get(
            pk=int(query.get("advisor", "")), active=True
        )
        start = datetime.fromisoformat(query.get("start", ""))
        minutes = int(query.get("minutes", ""))
        mode, hub = selectors.parse_place(query.get("place", ""))
    except (ValueError, Advisor.DoesNotExist):
        return None
    if start.tzinfo is None or minutes not in (30, 60):
        return None
    return {
        "advisor": advisor,
        "start": start,
        "minutes": minutes,
        "mode": mode,
        "hub": hub,
        "place": query.get("place"),
    }


@login_required
def book(request):
    slot = _chosen_slot(request.GET)
    if slot is None:
        messages.error(request, _("Please choose a time from the list."))
        return redirect("funding:index")
    caller = request.GET.get("for") == "caller" and _may_book_for_callers(request.user)
    form = AppointmentForm(request.POST if request.method == "POST" else None, caller=caller)
    alternatives = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.appointment_request(
                advisor=slot["advisor"],
                start=slot["start"],
                minutes=slot["minutes"],
                mode=slot["mode"],
                hub=slot["hub"],
                requester=None if caller else request.user,
                name=data.get("name", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                organisation=data["organisation"],
                role=data["role"],
                programme=data["programme"],
                question=data["question"],
                language=translation.get_language()[:2],
                booked_by=request.user if caller else None,
            )
        except services.AppointmentError as error:
            add_to_form(form, error)
            alternatives = error.alternatives
        else:
            if appointment.status == Appointment.Status.REQUESTED:
                messages.success(
                    request,
                    _(
                        "Your request has been sent. The advisor confirms "
                        "it soon; you will get an email."
                    ),
                )
            else:
                messages.success(
                    request, _("The appointment is booked. A confirmation is on its way.")
                )
            if caller:
                return redirect(
                    "funding:advisor" if hasattr(request.user, "advisor") else "funding:index"
                )
            return redirect(appointment)
    return render(
        request,
        "funding/book.html",
        {
            "slot": slot,
            "form": form,
            "alternatives": alternatives,
            "caller": caller,
        },
        status=400 if request.method == "POST" else 200,
    )


# -- the requester's side -------------------------------------------------------------
@login_required
def mine(request):
    upcoming, past = selectors.appointments_of(user=request.user)
    return render(request, "funding/mine.html", {"upcoming": upcoming, "past": past})


def _own(request, pk) -> Appointment:
    return get_object_or_404(
        Appointment.objects.select_related("advisor", "hub", "programme"),
        pk=pk,
        requester=request.user,
    )


@login_required
def appointment(request, pk):
    return _manage(request, _own(request, pk), token=None)


def manage(request, token):
    """Cancel or move from the signed link in every email, without logging in."""
    appointment, refusal = links.resolve(
        request,
        lambda: tokens.read(token, tokens.MANAGE),
        queryset=Appointment.objects.select_related("advisor", "hub", "programme"),
        template="funding/link_invalid.html",
    )
    return refusal or _manage(request, appointment, token=token)


def _manage(request, appointment, token):
    error = None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "cancel":
                services.appointment_cancel(
                    appointment=appointment, reason=request.POST.get("reason", "")[:300]
                )
                messages.success(request, _("Your appointment has been cancelled."))
            elif request.POST.get("action") == "move":
                start = datetime.fromisoformat(request.POST.get("start", ""))
                services.appointment_move(appointment=appointment, start=start)
                messages.success(request, _("Your appointment has been moved."))
            else:
                raise Http404
        except services.AppointmentError as exc:
            error = exc.message
        except ValueError:
            error = _("Please choose a time from the list.")
        else:
            return redirect(request.path)
        appointment.refresh_from_db()
    slots = []
    if appointment.is_active and request.GET.get("move"):
        advisors = advisors_for(
            hub=appointment.hub, remote=appointment.hub is None, pk=appointment.advisor_id
        )
        slots = free_slots(
            advisors=advisors,
            length=appointment.minutes,
            first_day=timezone.localdate(),
            days=selectors.SEARCH_DAYS,
            hub=appointment.hub,
            ignore=appointment,
            any_length=True,
        )
    return render(
        request,
        "funding/appointment.html",
        {
            "appointment": appointment,
            "error": error,
            "slots": slots,
            "token": token,
        },
    )


def accept(request, token):
    """The requester accepts a time the advisor proposed."""
    appointment, refusal = links.resolve(
        request,
        lambda: tokens.read(token, tokens.ACCEPT),
        queryset=Appointment.objects.select_related("advisor", "hub"),
        template="funding/link_invalid.html",
    )
    if refusal:
        return refusal
    error = None
    if request.method == "POST":
        try:
            services.appointment_accept_proposal(appointment=appointment)
        except services.AppointmentError as exc:
            error = exc.message
        else:
            messages.success(request, _("Thank you: the new time is confirmed."))
            return redirect("funding:manage", tokens.make(appointment, tokens.MANAGE))
    return render(request, "funding/accept.html", {"appointment": appointment, "error": error})


# -- the advisor's workspace ------------------------------------------------------------
def _advisor(request) -> Advisor:
    advisor = (
        Advisor.objects.filter(user=request.user).first()
        if (request.user.is_authenticated)
        else None
    )
    if advisor is None:
        raise Http404
    return advisor


@login_required
def advisor_home(request):
    advisor = _advisor(request)
    return render(
        request,
        "funding/advisor/home.html",
        {
            "advisor": advisor,
            **selectors.advisor_agenda(advisor=advisor),
        },
    )


def _advisor_appointment(request, pk) -> Appointment:
    return get_object_or_404(
        Appointment.objects.select_related("hub", "programme", "requester"),
        pk=pk,
        advisor=_advisor(request),
    )


@login_required
def advisor_appointment(request, pk):
    appointment = _advisor_appointment(request, pk)
    forms = {
        "decline": DeclineForm(prefix="decline"),
        "cancel": ReasonForm(prefix="cancel"),
        "propose": ProposeForm(prefix="propose"),
        "notes": NotesForm(prefix="notes", initial={"notes": appointment.advisor_notes}),
        "followup": FollowupForm(prefix="followup"),
    }
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            done = _advisor_action(request, appointment, action, forms)
        except services.AppointmentError as error:
            messages.error(request, error.message)
            done = False
        if done:
            messages.success(request, _("Saved."))
            return redirect("funding:advisor_appointment", appointment.pk)
    return render(
        request,
        "funding/advisor/appointment.html",
        {"appointment": appointment, **forms},
        status=400 if request.method == "POST" else 200,
    )


def _advisor_action(request, appointment, action, forms) -> bool:
    simple = {
        "confirm": lambda: services.appointment_confirm(appointment=appointment),
        "done": lambda: services.appointment_finish(appointment=appointment, status="done"),
        "no_show": lambda: services.appointment_finish(appointment=appointment, status="no_show"),
    }
    if action in simple:
        simple[action]()
        return True
    form_class = {
        "decline": DeclineForm,
        "cancel": ReasonForm,
        "propose": ProposeForm,
        "notes": NotesForm,
        "followup": FollowupForm,
    }.get(action)
    if form_class is None:
        raise Http404
    form = forms[action] = form_class(request.POST, prefix=action)
    if not form.is_valid():
        return False
    data = form.cleaned_data
    if action == "decline":
        services.appointment_decline(appointment=appointment, reason=data["reason"])
    elif action == "cancel":
        services.appointment_cancel(appointment=appointment, reason=data["reason"], by_advisor=True)
    elif action == "propose":
        try:
            services.appointment_propose(
                appointment=appointment, start=local_datetime(data["date"], data["time"])
            )
        except services.AppointmentError as error:
            form.add_error("time", error.message)
            return False
    elif action == "notes":
        services.appointment_finish(appointment=appointment, status="", notes=data["notes"])
    else:
        services.appointment_followup(
            appointment=appointment,
            programmes=data["programmes"],
            checklist=data["checklist"],
            message=data["message"],
        )
    return True


@login_required
def advisor_availability(request):
    advisor = _advisor(request)
    window_form = WindowForm(prefix="window", advisor=advisor)
    absence_form = AbsenceForm(prefix="absence")
    photo_form = PhotoForm(prefix="photo")
    if request.method == "POST":
        action = request.POST.get("action")
        ok = False
        if action == "window":
            window_form = WindowForm(request.POST, prefix="window", advisor=advisor)
            if window_form.is_valid():
                services.window_add(advisor=advisor, **window_form.cleaned_data)
                ok = True
        elif action == "absence":
            absence_form = AbsenceForm(request.POST, prefix="absence")
            if absence_form.is_valid():
                services.absence_add(advisor=advisor, **absence_form.cleaned_data)
                ok = True
        elif action == "photo":
            photo_form = PhotoForm(request.POST, request.FILES, prefix="photo")
            if photo_form.is_valid():
                try:
                    services.advisor_photo_set(
                        advisor=advisor, upload=photo_form.cleaned_data["photo"]
                    )
                    ok = True
                except services.AppointmentError as error:
                    photo_form.add_error("photo", error.message)
        elif action in ("delete_window", "delete_absence"):
            related = advisor.windows if action == "delete_window" else advisor.absences
            get_object_or_404(related, pk=request.POST.get("pk")).delete()
            ok = True
        else:
            raise Http404
        if ok:
            messages.success(request, _("Saved."))
            return redirect("funding:advisor_availability")
    return render(
        request,
        "funding/advisor/availability.html",
        {
            "advisor": advisor,
            "windows": advisor.windows.select_related("hub"),
            "absences": advisor.absences.all(),
            "window_form": window_form,
            "absence_form": absence_form,
            "photo_form": photo_form,
        },
        status=400 if request.method == "POST" else 200,
    )


def advisor_feed(request, token):
    advisor = get_object_or_404(Advisor, feed_token=token)
    appointments = advisor.appointments.select_related("hub").order_by("start")
    response = HttpResponse(
        ics.advisor_feed(appointments, _("My funding consultations")),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
def appointment_ics(request, pk):
    appointment = _own(request, pk)
    response = HttpResponse(
        ics.appointment_calendar(appointment), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="beratung-{appointment.pk}.ics"'
    return response


def photo(request, pk):
    advisor = get_object_or_404(Advisor, pk=pk, active=True, photo__isnull=False)
    response = HttpResponse(bytes(advisor.photo), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response
