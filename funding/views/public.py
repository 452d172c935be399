"""Funding advice for everyone: find a free slot, book it, the programme catalogue."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hubportal.errors import add_to_form
from hubportal.params import choice_param, id_param, moment_param
from hubs.scoping import is_hub_staff

from .. import selectors, services
from ..forms import AppointmentForm, SlotSearchForm
from ..models import Advisor, Appointment, FundingProgramme, Topic


def _may_book_for_callers(user) -> bool:
    return user.is_authenticated and (hasattr(user, "advisor") or is_hub_staff(user))


def index(request):
    """Pick place or mode, topic and length; see free slots for the next four weeks."""
    # A link from a programme names only topic and programme: show the form with
    # them chosen, not with "this field is required" before anything was asked.
    bound = "place" in request.GET
    form = SlotSearchForm(
        request.GET if bound else None, initial={"topic": request.GET.get("topic")}
    )
    days, nearby = None, []
    if form.is_bound and form.is_valid():
        search = form.cleaned_data
        _mode, hub, days = selectors.slot_search(
            place=search["place"], topic=search["topic"], minutes=search["minutes"]
        )
        if not days:  # nothing here: the nearest hubs with free time, and video
            nearby = selectors.alternatives_nearby(
                hub=hub, topic=search["topic"], minutes=search["minutes"]
            )
    return render(
        request,
        "funding/index.html",
        {
            "form": form,
            "days": days,
            "nearby": nearby,
            "caller": request.GET.get("for") == "caller" and _may_book_for_callers(request.user),
            "advisors": selectors.advisors_public(),
            "programme": selectors.programme_from(request.GET.get("programme", "")),
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


def programme(request, pk):
    return render(
        request, "funding/programme.html", {"programme": selectors.programme_public(pk=pk)}
    )


def _chosen_slot(query):
    """The slot a link from the slot list names, or None if the link is broken."""
    now = timezone.now()
    # A slot lies in the advisors' horizon: a start at the calendar's end
    # (9999-12-31T23:59:59) would overflow when its end is computed.
    start = moment_param(query.get("start"), around=now, span=timedelta(days=2 * 366))
    minutes = choice_param(query.get("minutes"), (30, 60))
    advisor = Advisor.objects.select_related("organisation").filter(
        pk=id_param(query.get("advisor")), active=True
    )
    advisor = advisor.first()
    if start is None or minutes is None or advisor is None or start < now - timedelta(days=1):
        return None
    try:
        mode, hub = selectors.parse_place(query.get("place", ""))
    except ValueError:
        return None
    return {
        "topic": Topic.objects.filter(slug=query.get("topic", "")).first(),
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
    chosen = selectors.programme_from(request.GET.get("programme", ""))
    form = AppointmentForm(
        request.POST if request.method == "POST" else None,
        caller=caller,
        mode=slot["mode"],
        initial={"programme": chosen},
    )
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
                person=None if caller else request.user,
                name=data.get("name", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                organisation=data["organisation"],
                role=data["role"],
                topic=slot["topic"],
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


def photo(request, pk):
    advisor = get_object_or_404(Advisor, pk=pk, active=True, photo__isnull=False)
    response = HttpResponse(bytes(advisor.photo), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response
