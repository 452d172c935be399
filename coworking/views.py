from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from hubportal import calendars
from hubportal.errors import add_to_form
from hubportal.links import SignedLinkView, absolute
from hubportal.timeranges import LOCAL_TZ

from . import ics, selectors, services, tokens
from .forms import BookingForm, MemberProfileForm, initial_from_query
from .models import Booking, MemberProfile
from .rules import BookingError


def index(request):
    return render(request, "coworking/index.html", {"hubs": selectors.coworking_hubs()})


def availability(request, slug):
    today = timezone.localdate()
    first = selectors.week_start(request.GET.get("week"), today)
    hub = selectors.hub_for_booking(slug, since=first)
    grid = selectors.week_grid(hub=hub, first=first)
    # Phones get one day at a time with a day picker (the week table needs a wide
    # screen): ?day=YYYY-MM-DD within the seven days, else today, else the first.
    day = selectors.week_start(request.GET.get("day"), today)
    if day not in grid.days:
        day = today if today in grid.days else grid.days[0]
    index = grid.days.index(day)
    day_rows = [(row.workspace, row.cells[index]) for row in grid.rows]
    nothing_free = not any(seg.state == "free" for _ws, cell in day_rows for seg in cell.segments)
    return render(
        request,
        "coworking/availability.html",
        {
            "grid": grid,
            "today": today,
            "day": day,
            "day_rows": day_rows,
            "own_hours": selectors.own_hours(hub, first),
            # Nothing left here that day: the nearest hubs with free desks instead.
            "nearby": selectors.alternatives_nearby(hub=hub, day=day) if nothing_free else [],
        },
    )


@login_required
def profile(request):
    instance = selectors.member_profile(request.user)
    # A first profile starts from the organisation given at sign-up.
    initial = {} if instance else {"organisation": request.user.organisation}
    form = MemberProfileForm(
        request.POST if request.method == "POST" else None, instance=instance, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.member_profile_save(
            user=request.user,
            group=form.cleaned_data["group"],
            organisation=form.cleaned_data["organisation"],
        )
        messages.success(request, _("Your co-working details have been saved."))
        next_url = request.GET.get("next", "")
        if next_url.startswith("/") and not next_url.startswith("//"):
            return redirect(next_url)
        return redirect("coworking:mine")
    return render(request, "coworking/profile.html", {"form": form})


@login_required
def book(request, slug):
    hub = selectors.hub_for_booking(slug, since=timezone.localdate())
    profile = selectors.member_profile(request.user)
    if profile is None:
        messages.info(request, _("Before your first booking, please tell us who you are."))
        return redirect(
            f"{reverse('coworking:profile')}?{urlencode({'next': request.get_full_path()})}"
        )
    policy = selectors.policy_for(hub)
    if not policy.allows(profile.group):
        # Say so before anyone fills in a form that cannot succeed.
        return render(
            request,
            "coworking/not_open_to_you.html",
            {"hub": hub, "policy": policy, "profile": profile},
            status=403,
        )
    if request.method == "POST":
        form = BookingForm(request.POST, hub=hub)
    else:
        form = BookingForm(hub=hub, initial=initial_from_query(request.GET, hub))
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booked, conflicts = services.bookings_create(
                workspace=data["workspace"],
                start=data["start"],
                end=data["end"],
                weeks=data["weeks"],
                all_or_nothing=data["mode"] == "all",
                person=request.user,
                purpose=data["purpose"],
            )
        except BookingError as error:
            add_to_form(form, error)
            conflicts = error.conflicts
        else:
            _tell_booked(request, booked, conflicts)
            return redirect("coworking:mine")
    return render(
        request,
        "coworking/book.html",
        {"hub": hub, "form": form, "conflicts": conflicts, "policy": selectors.policy_for(hub)},
        status=400 if request.method == "POST" else 200,
    )


def _tell_booked(request, booked: list[Booking], conflicts: list) -> None:
    """What was booked (or asked for, where the hub team confirms first), and which
    dates of a series were not."""
    pending = any(b.status == Booking.Status.PENDING for b in booked)
    messages.success(
        request,
        _("Booking request sent: the hub team confirms first bookings.")
        if pending
        else ngettext(
            "Booked: %(count)d date. A confirmation is on its way.",
            "Booked: %(count)d dates. A confirmation is on its way.",
            len(booked),
        )
        % {"count": len(booked)},
    )
    if conflicts:
        dates = "; ".join(
            f"{s.astimezone(LOCAL_TZ):%d.%m.%Y} ({reason})" for s, reason in conflicts
        )
        messages.warning(request, _("Not booked: %(dates)s") % {"dates": dates})


@login_required
def mine(request):
    upcoming, cancelled, past = selectors.bookings_of(person=request.user)
    profile = selectors.member_profile(request.user)
    return render(
        request,
        "coworking/mine.html",
        {"upcoming": upcoming, "cancelled": cancelled, "past": past, "profile": profile},
    )


def _own(request, pk) -> Booking:
    """A booking of the logged-in person; anyone else's is simply not found."""
    return get_object_or_404(
        Booking.objects.select_related("workspace__hub"), pk=pk, person=request.user
    )


@login_required
def booking(request, pk):
    return render(request, "coworking/booking.html", {"booking": _own(request, pk)})


@login_required
def cancel(request, pk):
    """Asks once, saying what will happen (GET); cancels (POST)."""
    booking = _own(request, pk)
    if request.method != "POST":
        return render(request, "coworking/cancel.html", {"booking": booking})
    try:
        services.booking_cancel(booking=booking)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your booking has been cancelled."))
    return redirect("coworking:mine")


@login_required
def booking_ics(request, pk):
    booking = _own(request, pk)
    return calendars.ics_response(
        ics.booking_calendar(booking), filename=f"buchung-{booking.pk}.ics"
    )


@login_required
@require_POST
def feed_renew(request):
    """A new secret address for the person's booking calendar."""
    profile = get_object_or_404(MemberProfile, user=request.user)
    services.member_feed_renew(profile=profile)
    messages.success(request, calendars.FEED_RENEWED)
    return redirect("coworking:mine")


def feed(request, token):
    """A person's private booking calendar; the secret token in the URL is the key."""
    profile = get_object_or_404(MemberProfile.objects.select_related("user"), feed_token=token)
    bookings = Booking.objects.filter(person=profile.user).select_related("workspace__hub")
    body = ics.bookings_feed(
        bookings.order_by("start"), _("My co-working bookings"), absolute(request.path)
    )
    return calendars.ics_response(body, private=True)


class CancelLinkView(SignedLinkView):
    """Cancel from the signed link in every booking email, without logging in."""

    purpose = tokens.CANCEL
    queryset = Booking.objects.select_related("workspace__hub")
    template_name = "coworking/cancel.html"
    invalid_template_name = "coworking/link_invalid.html"
    context_object_name = "booking"
    success_message = gettext_lazy("Your booking has been cancelled.")

    def act(self):
        services.booking_cancel(booking=self.object)
