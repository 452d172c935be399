from django import forms
from django.contrib import admin
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from hubportal.audit import AuditTrailMixin
from hubportal.content_language import columns
from hubportal.links import absolute
from hubportal.params import id_param

from . import osm, services
from .admin_preview import CalendarPreviewMixin
from .forms import IntervalFormSet, PresenceFormSet, RowLabelsFormSet, ScheduleForm
from .hours import OpeningCalendar
from .models import (
    FocusTheme,
    Hub,
    HubStaff,
    OpeningException,
    Organisation,
    Schedule,
    ScheduleInterval,
    StaffPresence,
)
from .scoping import HubScopedAdminMixin, HubScopedInlineMixin, ScopedHubListFilter, hubs_for


class OpeningExceptionInline(HubScopedInlineMixin, TranslationTabularInline):
    model = OpeningException
    formset = RowLabelsFormSet
    extra = 0
    fields = ["kind", "start_date", "end_date", "opens", "closes", "reason"]


class ListedScheduleForm(forms.ModelForm):
    """A row of the hub's list of weeks: nothing is edited in it, so the model's own
    checks (which name fields this row does not show) are not run here."""

    def _post_clean(self):
        pass


class ScheduleListInline(admin.TabularInline):
    """The hub's weekly schedules, each edited as one week on its own page."""

    model = Schedule
    form = ListedScheduleForm
    extra = 0
    fields = ["name", "kind", "valid_from", "valid_until"]
    readonly_fields = fields
    show_change_link = True
    verbose_name_plural = _("weekly schedules (opening hours and who is on site)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CopiedRowsInlineMixin:
    """On "new schedule from this one" (add page with ?copy=<pk>) the inline starts with
    the copied schedule's rows, so staff change only what differs."""

    copy_fields: list[str] = []

    def copied_rows(self, request) -> list[dict]:
        source = ScheduleAdmin.copy_source(request)
        if source is None:
            return []
        related = getattr(source, self.fk_name_for_copy)
        return list(related.values(*self.copy_fields))

    def get_extra(self, request, obj=None, **kwargs):
        return len(self.copied_rows(request)) if obj is None else 0


class IntervalInline(CopiedRowsInlineMixin, HubScopedInlineMixin, admin.TabularInline):
    model = ScheduleInterval
    formset = IntervalFormSet
    parent_hub_path = "hub"
    fields = copy_fields = ["weekday", "opens", "closes"]
    fk_name_for_copy = "intervals"
    min_num = 0


class StaffPresenceInline(CopiedRowsInlineMixin, HubScopedInlineMixin, TranslationTabularInline):
    model = StaffPresence
    formset = PresenceFormSet
    parent_hub_path = "hub"
    fields = ["organisation", "weekday", "starts", "ends", "purpose"]
    copy_fields = columns(StaffPresence, fields)  # the purpose in German and English
    fk_name_for_copy = "presences"


@admin.register(Schedule)
class ScheduleAdmin(AuditTrailMixin, CalendarPreviewMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """A week of hours as one form: the schedule, its intervals and who is on site.
    Saving shows the next 28 days as citizens will see them first (the preview)."""

    form = ScheduleForm
    audit_children = ((ScheduleInterval, "schedule"),)
    list_display = ["name", "hub", "kind", "valid_from", "valid_until"]
    list_filter = [("hub", ScopedHubListFilter), "kind"]
    list_select_related = ["hub"]
    fields = ["hub", "kind", "name", "valid_from", "valid_until", "ends_previous"]
    inlines = [IntervalInline, StaffPresenceInline]
    change_form_template = "admin/hubs/schedule/change_form.html"

    def get_inlines(self, request, obj):
        # Who is on site belongs to the opening hours, not to co-working hours.
        if obj is not None and obj.kind == Schedule.Kind.COWORKING:
            return [IntervalInline]
        return self.inlines

    def get_fields(self, request, obj=None):
        # "End the schedule in force" is for a new schedule only.
        return self.fields if obj is None else self.fields[:-1]

    @staticmethod
    def copy_source(request) -> Schedule | None:
        """The week a new schedule starts from: the one named by ?copy=<id>, or, for
        staff of one hub, the opening hours in force today (a new week is mostly the
        old one with a change, not a blank page)."""
        if not hasattr(request, "_schedule_copy"):
            request._schedule_copy = ScheduleAdmin._find_copy_source(request)
        return request._schedule_copy

    @staticmethod
    def _find_copy_source(request) -> Schedule | None:
        hubs = hubs_for(request.user)
        pk = id_param(request.GET.get("copy"))
        if pk is not None:
            return Schedule.objects.filter(pk=pk, hub__in=hubs).first()
        if "copy" in request.GET or len(own := list(hubs[:2])) != 1:
            return None
        today = timezone.localdate()
        in_force = Schedule.objects.filter(hub=own[0], kind=Schedule.Kind.OPENING)
        in_force = in_force.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        in_force = in_force.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        return in_force.first()

    def get_changeform_initial_data(self, request):
        source = self.copy_source(request)
        if source is None:
            initial = super().get_changeform_initial_data(request)
            own = list(hubs_for(request.user)[:2])
            if len(own) == 1:  # staff of one hub: that hub
                initial.setdefault("hub", own[0].pk)
            return initial
        return {"hub": source.hub_id, "kind": source.kind, "ends_previous": True}

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if request.method == "GET" and isinstance(inline, CopiedRowsInlineMixin):
            kwargs["initial"] = inline.copied_rows(request)
        return kwargs

    def _create_formsets(self, request, obj, change):
        # Presence is checked against the week being edited, not the saved one.
        formsets, inlines = super()._create_formsets(request, obj, change)
        intervals = next((f for f in formsets if f.model is ScheduleInterval), None)
        for formset in formsets:
            if isinstance(formset, PresenceFormSet):
                formset.intervals = intervals
        return formsets, inlines

    def save_model(self, request, obj, form, change):
        self.calendars_before(request, obj)
        previous = form.cleaned_data.get("previous")
        if previous is not None:
            services.schedule_end(schedule=previous, before=obj.valid_from)
        super().save_model(request, obj, form, change)


class HubStaffInline(admin.TabularInline):
    """Who manages the hub; only superusers hand out this role."""

    model = HubStaff
    extra = 0
    raw_id_fields = ["user"]
    verbose_name = _("staff member")
    verbose_name_plural = _("staff members (may manage this hub in the admin)")


@admin.register(Hub)
class HubAdmin(AuditTrailMixin, CalendarPreviewMixin, HubScopedAdminMixin, TranslationAdmin):
    hub_path = ""
    staff_may_add = False
    staff_may_delete = False
    audit_children = ((OpeningException, "hub"), (Schedule, "hub"))
    list_display = ["name", "town", "state", "active"]
    list_filter = ["state", "active", "focus_themes"]
    search_fields = ["name", "town"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["organisations", "focus_themes"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "active", "short_description", "description"]}),
        (
            _("Location"),
            {"fields": ["street", "postal_code", "town", "state", "latitude", "longitude"]},
        ),
        (_("Contact"), {"fields": ["email", "phone", "website", "hours_note"]}),
        (
            _("Accessibility and getting there"),
            {
                "fields": [
                    "access_entrance",
                    "access_toilet",
                    "access_parking",
                    "access_transport",
                ]
            },
        ),
        (_("Partners and themes"), {"fields": ["organisations", "focus_themes"]}),
        (
            _("Open data"),
            {"fields": ["osm_opening_hours", "widget_origins", "widget_code", "figures_public"]},
        ),
    ]
    inlines = [ScheduleListInline, OpeningExceptionInline, HubStaffInline]
    always_preview = False  # texts and contacts save at once; closures show the preview
    preview_deletes = False  # deleting a hub takes its calendar with it

    def hubs_changed(self, obj):
        return [obj]

    def get_inlines(self, request, obj):
        if request.user.is_superuser:
            return self.inlines
        return [i for i in self.inlines if i is not HubStaffInline]

    def get_readonly_fields(self, request, obj=None):
        # The slug is part of public links and the state decides the holidays:
        # only superusers change them.
        fields = [*super().get_readonly_fields(request, obj), "osm_opening_hours", "widget_code"]
        return fields if request.user.is_superuser else [*fields, "slug", "state"]

    @admin.display(description=_("Widget for a website"))
    def widget_code(self, obj):
        if obj is None or obj.pk is None:
            return _("Shown once the hub is saved.")
        url = absolute(reverse("hubs:widget", args=[obj.slug]))
        frame = (
            f'<iframe src="{url}" title="{obj.name}" width="100%" height="320" '
            'style="border:0" loading="lazy"></iframe>'
        )
        schedule = OpeningCalendar(obj).schedule_for(timezone.localdate())
        plain = render_to_string(
            "hubs/includes/widget_plain.html",
            {
                "hub": obj,
                "week": schedule.week_text if schedule else [],
                "hub_url": absolute(obj.get_absolute_url()),
            },
        )
        return format_html(
            '<p class="help">{}</p><textarea readonly rows="3" cols="80" aria-label="{}">{}'
            '</textarea><p class="help">{}</p><textarea readonly rows="8" cols="80" '
            'aria-label="{}">{}</textarea>',
            _(
                "Shows whether the hub is open now and its next events, always current. "
                "It works only on the websites listed above."
            ),
            _("Code for the frame"),
            frame,
            _(
                "Or plain HTML without a frame: the weekly hours and links, as they are "
                "today; copy it again after a change of hours."
            ),
            _("Plain HTML"),
            plain.strip(),
        )

    @admin.display(description=_("OpenStreetMap opening hours"))
    def osm_opening_hours(self, obj):
        if obj is None or obj.pk is None:
            return _("Shown once the hub is saved.")
        value = osm.opening_hours(OpeningCalendar(obj), timezone.localdate())
        if not value:
            return _("The hub has no weekly hours yet.")
        return format_html(
            '<code class="portal-copy">{}</code><p class="help">{}</p>',
            value,
            _(
                "The weekly hours from today on, written for the “opening_hours” tag of "
                "the hub in OpenStreetMap: copy it there after a change of hours. Closures "
                "and special hours stay on the portal, which also publishes them for maps "
                "and search engines."
            ),
        )

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}

    def save_formset(self, request, form, formset, change):
        if formset.model is not HubStaff:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.hub_staff_remove(membership=membership)
        for membership in instances:
            services.hub_staff_add(hub=membership.hub, user=membership.user)
        formset.save_m2m()


class HubChildAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    """Lists across hubs for the rows the hub page edits inline."""

    list_select_related = ["hub"]
    list_filter = [("hub", ScopedHubListFilter)]


@admin.register(OpeningException)
class OpeningExceptionAdmin(CalendarPreviewMixin, HubChildAdmin, TranslationAdmin):
    list_display = ["hub", "kind", "start_date", "end_date", "opens", "closes", "reason"]
    list_filter = [("hub", ScopedHubListFilter), "kind"]
    date_hierarchy = "start_date"


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FocusTheme)
class FocusThemeAdmin(TranslationAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
