from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from hubportal.admin_pages import StaffPagesMixin
from hubportal.audit import AuditTrailMixin
from hubportal.errors import add_to_form
from hubportal.params import id_param
from hubportal.spreadsheets import csv_response
from hubportal.states import state_of
from hubs.scoping import HubScopedAdminMixin, HubScopedInlineMixin, ScopedHubListFilter

from . import services
from .forms import AssistedRegistrationForm, EventCancelForm
from .models import Event, EventDetails, EventSeries, Registration


class HubRequiredForStaffMixin:
    """Only superusers create network-wide items (no hub); staff pick one of theirs."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "hub" in form.base_fields:
            form.base_fields["hub"].required = True
        return form


class RegistrationInline(HubScopedInlineMixin, admin.TabularInline):
    model = Registration
    parent_hub_path = "hub"
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["name", "email", "participation", "status_text", "attendance", "created"]
    readonly_fields = ["name", "email", "participation", "status_text", "created"]
    ordering = ["status", "created"]

    @admin.display(description=_("status"))
    def status_text(self, obj):
        return state_of(obj).label if obj.status else ""

    def has_add_permission(self, request, obj=None):
        return False  # "Register someone" goes through the registration rules


@admin.register(Event)
class EventAdmin(
    AuditTrailMixin,
    StaffPagesMixin,
    HubRequiredForStaffMixin,
    HubScopedAdminMixin,
    TranslationAdmin,
):
    hub_path = "hub"
    list_display = ["title", "start", "hub", "kind", "status", "places"]
    list_filter = [("hub", ScopedHubListFilter), "kind", "status"]
    list_select_related = ["hub"]
    search_fields = ["title", "summary"]
    date_hierarchy = "start"
    readonly_fields = ["series", "slug"]
    inlines = [RegistrationInline]
    actions = ["duplicate"]
    change_form_template = "admin/events/event/change_form.html"
    fieldsets = [
        (None, {"fields": [*EventDetails.ABOUT, "slug", "status", "cancel_reason", "series"]}),
        (_("When and where"), {"fields": ["start", "end", *EventDetails.PLACE]}),
        (_("For whom"), {"fields": EventDetails.AUDIENCE}),
        (
            _("Registration"),
            {"fields": [*EventDetails.REGISTRATION, "registration_opens", "registration_closes"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description=_("places taken"))
    def places(self, obj):
        if not obj.registration_required:
            return "–"
        total = "∞" if obj.capacity is None else obj.capacity
        return f"{obj.taken} / {total}" + (f" (+{obj.waiting})" if obj.waiting else "")

    def save_model(self, request, obj, form, change):
        services.event_save(event=obj)

    @admin.action(description=_("Duplicate as draft"))
    def duplicate(self, request, queryset):
        for event in queryset:
            services.event_duplicate(event=event)
        self.message_user(
            request,
            ngettext(
                "%d event duplicated as a draft.", "%d events duplicated as drafts.", len(queryset)
            )
            % len(queryset),
        )

    # -- staff pages per event -------------------------------------------------------
    def get_urls(self):
        return (
            self.staff_urls(
                ("<int:pk>/attendees/", self.attendees_view, "events_event_attendees"),
                ("<int:pk>/attendees.csv", self.attendees_csv, "events_event_attendees_csv"),
                ("<int:pk>/register/", self.register_view, "events_event_register"),
                ("<int:pk>/cancel-event/", self.cancel_view, "events_event_cancel"),
                ("<int:pk>/release/", self.release_view, "events_event_release"),
            )
            + super().get_urls()
        )

    def _event(self, request, pk, change=False) -> Event:
        event = self.get_object(request, str(pk))
        if event is None:
            raise Http404
        allowed = (self.has_change_permission if change else self.has_view_permission)(
            request, event
        )
        if not allowed:
            raise PermissionDenied
        return event

    def attendees_view(self, request, pk):
        event = self._event(request, pk)
        if request.method == "POST":
            event = self._event(request, pk, change=True)
            registration = event.registrations.filter(
                pk=id_param(request.POST.get("registration"))
            ).first()
            attendance = request.POST.get("attendance")
            if registration and attendance in Registration.Attendance.values:
                try:
                    services.registration_set_attendance(
                        registration=registration, attendance=attendance
                    )
                except services.RegistrationError as error:
                    self.message_user(request, error.message, messages.ERROR)
                else:
                    self.message_user(request, _("Saved: %(name)s") % {"name": registration.name})
            return redirect("admin:events_event_attendees", pk)
        registrations = list(event.registrations.order_by("created", "pk"))
        return self.staff_page(
            request,
            "admin/events/event/attendees.html",
            _("Attendees: %(title)s") % {"title": event.title},
            original=event,
            event=event,
            confirmed=[r for r in registrations if r.status == Registration.Status.CONFIRMED],
            waiting=[r for r in registrations if r.status == Registration.Status.WAITLISTED],
            inactive=[r for r in registrations if not r.is_active],
            attendance_choices=Registration.Attendance.choices,
            can_change=self.has_change_permission(request, event),
        )

    def attendees_csv(self, request, pk):
        event = self._event(request, pk)
        header = [
            _("Name"),
            _("Email"),
            _("Phone"),
            _("Participation"),
            _("Status"),
            _("Attendance"),
            _("Registered"),
        ]
        rows = (
            [
                r.name,
                r.email,
                r.phone,
                r.get_participation_display(),
                state_of(r).label,
                r.get_attendance_display(),
                timezone.localtime(r.created).strftime("%d.%m.%Y %H:%M"),
            ]
            for r in event.registrations.order_by("status", "created", "pk")
        )
        return csv_response(f"teilnehmende-{event.slug}.csv", header, rows)

    def register_view(self, request, pk):
        event = self._event(request, pk, change=True)
        form = AssistedRegistrationForm(request.POST if request.method == "POST" else None)
        if not event.hybrid:
            form.fields["participation"].widget = forms.HiddenInput()
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                registration = services.registration_create(
                    event=event,
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    language=data["language"],
                    participation=data["participation"],
                    booked_by=request.user,
                )
            except services.RegistrationError as error:
                add_to_form(form, error)
            else:
                self.message_user(
                    request,
                    _("%(name)s is registered (%(status)s).")
                    % {"name": registration.name, "status": state_of(registration).label},
                )
                return redirect("events:print", registration.pk)
        return self.staff_page(
            request,
            "admin/events/event/register.html",
            _("Register someone: %(title)s") % {"title": event.title},
            original=event,
            event=event,
            form=form,
        )

    def release_view(self, request, pk):
        """The cockpit's "Release": cancel one burst's registrations (POST only)."""
        if request.method != "POST":
            return redirect("admin:index")
        event = self._event(request, pk, change=True)
        kind = request.POST.get("kind", "")
        value = request.POST.get("value", "").strip()[:254]
        if kind not in ("source", "domain") or not value:
            self.message_user(request, _("Nothing to release."), messages.WARNING)
            return redirect("admin:index")
        released = services.registrations_release(event=event, kind=kind, value=value)
        self.message_user(
            request,
            ngettext(
                "%(n)s registration released; the person is told and the waiting list moves up.",
                "%(n)s registrations released; each person is told and the waiting list moves up.",
                released,
            )
            % {"n": released},
        )
        return redirect("admin:index")

    def cancel_view(self, request, pk):
        event = self._event(request, pk, change=True)
        form = EventCancelForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.event_cancel(event=event, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, _("The event is cancelled; everyone registered is being told.")
                )
                return redirect("admin:events_event_change", pk)
        return self.staff_page(
            request,
            "admin/events/event/cancel.html",
            _("Cancel event: %(title)s") % {"title": event.title},
            original=event,
            event=event,
            form=form,
            affected=event.registrations.active().count(),
        )


@admin.register(Registration)
class RegistrationAdmin(AuditTrailMixin, StaffPagesMixin, HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "event__hub"
    staff_may_add = False

    def has_add_permission(self, request, obj=None):
        return False  # superusers too: register someone goes through the registration rules

    list_display = ["name", "event", "participation", "status_text", "attendance", "created"]
    list_filter = ["status", "attendance", "participation", ("event__hub", ScopedHubListFilter)]
    list_select_related = ["event", "event__hub"]
    search_fields = ["name", "email", "event__title"]
    readonly_fields = [
        "event",
        "person",
        "name",
        "email",
        "phone",
        "language",
        "participation",
        "status",
        "email_confirmed_at",
        "expires_at",
        "booked_by",
        "created",
        "cancelled_at",
    ]
    actions = ["mark_attended", "mark_no_show", "cancel"]

    @admin.display(description=_("status"), ordering="status")
    def status_text(self, obj):
        return state_of(obj).label if obj.status else ""

    def _set(self, request, queryset, attendance):
        self.apply_each(
            request,
            queryset,
            lambda r: services.registration_set_attendance(registration=r, attendance=attendance),
            _("%(count)d registrations updated."),
        )

    @admin.action(description=_("Mark as attended"))
    def mark_attended(self, request, queryset):
        self._set(request, queryset, Registration.Attendance.ATTENDED)

    @admin.action(description=_("Mark as no-show"))
    def mark_no_show(self, request, queryset):
        self._set(request, queryset, Registration.Attendance.NO_SHOW)

    @admin.action(description=_("Cancel registrations (the waiting list moves up)"))
    def cancel(self, request, queryset):
        self.apply_each(
            request,
            queryset,
            lambda registration: services.registration_cancel(registration=registration),
            _("%(count)d registrations cancelled."),
        )


SERIES_FIELDSETS = [
    (None, {"fields": [*EventDetails.ABOUT, "published"]}),
    (_("Repeats"), {"fields": [*EventSeries.REPEATS, "apply_to_future"]}),
    (_("Where"), {"fields": EventDetails.PLACE}),
    (_("For whom"), {"fields": EventDetails.AUDIENCE}),
    (_("Registration"), {"fields": [*EventDetails.REGISTRATION, "registration_opens_days"]}),
]


class EventSeriesForm(forms.ModelForm):
    apply_to_future = forms.BooleanField(
        label=_("Update future occurrences"),
        required=False,
        initial=True,
        help_text=_("Apply these changes to all occurrences that have not taken place yet."),
    )

    class Meta:
        model = EventSeries
        fields = [f for f in flatten_fieldsets(SERIES_FIELDSETS) if f != "apply_to_future"]


@admin.register(EventSeries)
class EventSeriesAdmin(HubRequiredForStaffMixin, HubScopedAdminMixin, TranslationAdmin):
    hub_path = "hub"
    form = EventSeriesForm
    list_display = [
        "title",
        "hub",
        "frequency",
        "weekday",
        "starts_at",
        "first_date",
        "last_date",
        "occurrences",
    ]
    list_filter = [("hub", ScopedHubListFilter), "kind"]
    fieldsets = SERIES_FIELDSETS

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n=Count("events", filter=Q(events__end__gt=timezone.now())))
        )

    @admin.display(description=_("upcoming occurrences"))
    def occurrences(self, obj):
        return obj.n

    def save_model(self, request, obj, form, change):
        result = services.series_save(
            series=obj, apply_to_future=bool(form.cleaned_data.get("apply_to_future"))
        )
        if result is not None:
            self.message_user(
                request,
                _(
                    "Occurrences: %(created)d created, %(updated)d updated, %(removed)d removed, "
                    "%(skipped)d left out on days the hub is closed."
                )
                % result,
            )
