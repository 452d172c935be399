from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubportal.admin_pages import StaffPagesMixin
from hubportal.audit import AuditTrailMixin
from hubportal.dates import local_format
from hubportal.errors import add_to_form
from hubportal.phones import phone_display
from hubportal.spreadsheets import csv_response
from hubportal.states import state_of
from hubs.scoping import (
    HubScopedAdminMixin,
    HubScopedInlineMixin,
    ScopedHubListFilter,
    hubs_for,
    is_hub_staff,
)

from . import selectors, services
from .forms import StaffBookingForm
from .models import Booking, BookingPolicy, MemberProfile, Workspace, WorkspaceBlock
from .rules import BookingError


class WorkspaceBlockInline(HubScopedInlineMixin, admin.TabularInline):
    model = WorkspaceBlock
    parent_hub_path = "hub"
    extra = 0
    fields = ["start", "end", "reason"]


@admin.register(Workspace)
class WorkspaceAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "hub"
    list_display = ["name", "hub", "kind", "seats", "barrier_free", "active"]
    list_filter = [("hub", ScopedHubListFilter), "kind", "active"]
    list_select_related = ["hub"]
    inlines = [WorkspaceBlockInline]


@admin.register(BookingPolicy)
class BookingPolicyAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "hub"
    list_display = [
        "hub",
        "slot_minutes",
        "horizon_days",
        "weekly_limit_hours",
        "first_booking_needs_approval",
        "release_after_minutes",
    ]
    list_select_related = ["hub"]


@admin.register(MemberProfile)
class MemberProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "organisation"]
    list_filter = ["group"]
    search_fields = ["user__email", "user__name", "organisation"]
    raw_id_fields = ["user"]


@admin.register(Booking)
class BookingAdmin(AuditTrailMixin, StaffPagesMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "workspace__hub"
    staff_may_add = False  # "Book for someone" goes through the booking rules
    list_display = ["start", "end", "workspace", "name", "status", "booked_by"]

    def has_add_permission(self, request, obj=None):
        return False  # superusers too: "book for someone" applies the booking rules

    list_filter = ["status", ("workspace__hub", ScopedHubListFilter), "workspace__kind"]
    list_select_related = ["workspace__hub", "booked_by"]
    search_fields = ["name", "email", "workspace__name"]
    date_hierarchy = "start"
    readonly_fields = [
        "workspace",
        "person",
        "name",
        "email",
        "phone",
        "language",
        "start",
        "end",
        "status",
        "series",
        "booked_by",
        "created",
        "updated",
    ]
    fields = readonly_fields + ["purpose", "decline_reason"]
    actions = ["approve", "decline", "check_in", "no_show", "cancel", "export_csv"]

    def changelist_view(self, request, extra_context=None):
        """The booking list links the staff pages: today, book for someone, occupancy."""
        extra_context = {
            "staff_hubs": hubs_for(request.user).order_by("name"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def _each(self, request, queryset, service, done):
        self.apply_each(request, queryset, lambda booking: service(booking=booking), done)

    @admin.action(description=_("Approve (the person is emailed)"))
    def approve(self, request, queryset):
        self._each(request, queryset, services.booking_approve, _("%(count)d approved."))

    @admin.action(description=_("Decline (the person is emailed)"))
    def decline(self, request, queryset):
        self._each(request, queryset, services.booking_decline, _("%(count)d declined."))

    @admin.action(description=_("Check in"))
    def check_in(self, request, queryset):
        self._each(request, queryset, services.booking_check_in, _("%(count)d checked in."))

    @admin.action(description=_("Mark as no-show"))
    def no_show(self, request, queryset):
        self._each(request, queryset, services.booking_mark_no_show, _("%(count)d marked."))

    @admin.action(description=_("Cancel (the person is emailed)"))
    def cancel(self, request, queryset):
        def by_staff(*, booking):
            return services.booking_cancel(booking=booking, by_staff=True)

        self._each(request, queryset, by_staff, _("%(count)d cancelled."))

    @admin.action(description=_("Export CSV"))
    def export_csv(self, request, queryset):
        header = [
            _("Hub"),
            _("Workspace"),
            _("Start"),
            _("End"),
            _("Name"),
            _("Email"),
            _("Phone"),
            _("Status"),
            _("Purpose"),
        ]
        rows = (
            [
                b.workspace.hub.name,
                b.workspace.name,
                timezone.localtime(b.start).strftime("%d.%m.%Y %H:%M"),
                timezone.localtime(b.end).strftime("%d.%m.%Y %H:%M"),
                b.name,
                b.email,
                phone_display(b.phone),
                state_of(b).label,
                b.purpose,
            ]
            for b in queryset.select_related("workspace__hub").order_by("start")
        )
        return csv_response("buchungen.csv", header, rows)

    # -- staff pages -------------------------------------------------------------
    def get_urls(self):
        return (
            self.staff_urls(
                ("today/", self.today_view, "coworking_booking_today"),
                ("today/<int:pk>/check-in/", self.check_in_view, "coworking_booking_check_in"),
                ("today/<int:pk>/no-show/", self.no_show_view, "coworking_booking_no_show"),
                ("book-for/<int:hub_pk>/", self.book_for_view, "coworking_booking_book_for"),
                ("occupancy/<int:hub_pk>/", self.occupancy_view, "coworking_booking_occupancy"),
            )
            + super().get_urls()
        )

    def _staff_hub(self, request, hub_pk):
        hub = hubs_for(request.user).filter(pk=hub_pk).first()
        if hub is None:
            raise Http404
        if not (request.user.is_superuser or is_hub_staff(request.user)):
            raise PermissionDenied
        return hub

    def today_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        hubs = hubs_for(request.user)
        if request.GET.get("hub", "").isdigit():
            hubs = hubs.filter(pk=request.GET["hub"])
        day = selectors.week_start(request.GET.get("day"), timezone.localdate())
        return self.staff_page(
            request,
            "admin/coworking/today.html",
            _("Today at my hubs")
            if day == timezone.localdate()
            else _("Bookings on %(day)s") % {"day": local_format(day, "l, j. F Y")},
            bookings=selectors.today_at(hubs=hubs, day=day),
            hubs=hubs,
        )

    def _today_action(self, request, pk, service):
        """Check-in or no-show from today's list, for a booking at one's own hubs."""
        if request.method != "POST":
            return redirect("admin:coworking_booking_today")
        booking = self.get_queryset(request).filter(pk=pk).first()
        if booking is None or not self.has_change_permission(request, booking):
            raise Http404
        try:
            service(booking=booking)
        except BookingError as error:
            self.message_user(request, error.message, messages.WARNING)
        return redirect("admin:coworking_booking_today")

    def check_in_view(self, request, pk):
        return self._today_action(request, pk, services.booking_check_in)

    def no_show_view(self, request, pk):
        return self._today_action(request, pk, services.booking_mark_no_show)

    def book_for_view(self, request, hub_pk):
        hub = self._staff_hub(request, hub_pk)
        hub = selectors.hub_for_booking(hub.slug, since=timezone.localdate())
        form = StaffBookingForm(request.POST if request.method == "POST" else None, hub=hub)
        conflicts = []
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                booking = services.booking_create(
                    workspace=data["workspace"],
                    start=data["start"],
                    end=data["end"],
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    purpose=data["purpose"],
                    booked_by=request.user,
                )
            except BookingError as error:
                add_to_form(form, error)
                conflicts = error.conflicts
            else:
                self.message_user(request, _("Booked for %(name)s.") % {"name": booking.name})
                return redirect("admin:coworking_booking_today")
        return self.staff_page(
            request,
            "admin/coworking/book_for.html",
            _("Book for someone at %(hub)s") % {"hub": hub.name},
            form=form,
            hub=hub,
            conflicts=conflicts,
        )

    def occupancy_view(self, request, hub_pk):
        hub = self._staff_hub(request, hub_pk)
        day = selectors.week_start(request.GET.get("week"), timezone.localdate())
        first = day - timedelta(days=day.weekday())  # occupancy by calendar week
        workspaces = list(hub.workspaces.order_by("kind", "name"))
        rows = selectors.occupancy(workspaces=workspaces, first=first)
        days = [first + timedelta(days=n) for n in range(7)]
        max_hours = max([12.0] + [h for _w, hours in rows for h in hours])
        return self.staff_page(
            request,
            "admin/coworking/occupancy.html",
            _("Occupancy at %(hub)s") % {"hub": hub.name},
            hub=hub,
            days=days,
            first=first,
            previous=first - timedelta(days=7),
            next=first + timedelta(days=7),
            charts=[
                {
                    "workspace": w,
                    "total": sum(hours),
                    "bars": [
                        {
                            "day": d,
                            "hours": h,
                            "height": 100 * h / max_hours,
                            "x": 40 + i * 60,
                            "y": 110 - 100 * h / max_hours,
                        }
                        for i, (d, h) in enumerate(zip(days, hours, strict=True))
                    ],
                }
                for w, hours in rows
            ],
        )
