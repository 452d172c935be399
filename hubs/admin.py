from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    FocusTheme,
    Hub,
    HubStaff,
    OpeningException,
    OpeningHours,
    Organisation,
    StaffPresence,
)
from .scoping import HubScopedAdminMixin, HubScopedInlineMixin, ScopedHubListFilter


class OpeningHoursInline(HubScopedInlineMixin, admin.TabularInline):
    model = OpeningHours
    extra = 0
    fields = ["weekday", "opens", "closes", "valid_from", "valid_until"]


class OpeningExceptionInline(HubScopedInlineMixin, admin.TabularInline):
    model = OpeningException
    extra = 0
    fields = ["kind", "start_date", "end_date", "opens", "closes", "reason"]


class StaffPresenceInline(HubScopedInlineMixin, admin.TabularInline):
    model = StaffPresence
    extra = 0
    fields = ["organisation", "weekday", "starts", "ends", "purpose"]


class HubStaffInline(admin.TabularInline):
    """Who manages the hub; only superusers hand out this role."""

    model = HubStaff
    extra = 0
    raw_id_fields = ["user"]
    verbose_name = _("staff member")
    verbose_name_plural = _("staff members (may manage this hub in the admin)")


@admin.register(Hub)
class HubAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = ""
    staff_may_add = False
    staff_may_delete = False
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
        (_("Contact"), {"fields": ["email", "phone", "website"]}),
        (_("Partners and themes"), {"fields": ["organisations", "focus_themes"]}),
    ]
    inlines = [OpeningHoursInline, OpeningExceptionInline, StaffPresenceInline, HubStaffInline]

    def get_inlines(self, request, obj):
        if request.user.is_superuser:
            return self.inlines
        return [i for i in self.inlines if i is not HubStaffInline]

    def get_readonly_fields(self, request, obj=None):
        # The slug is part of public links and the state decides the holidays:
        # only superusers change them.
        return [] if request.user.is_superuser else ["slug", "state"]

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
class OpeningExceptionAdmin(HubChildAdmin):
    list_display = ["hub", "kind", "start_date", "end_date", "opens", "closes", "reason"]
    list_filter = [("hub", ScopedHubListFilter), "kind"]
    date_hierarchy = "start_date"


@admin.register(OpeningHours)
class OpeningHoursAdmin(HubChildAdmin):
    list_display = ["hub", "weekday", "opens", "closes", "valid_from", "valid_until"]


@admin.register(StaffPresence)
class StaffPresenceAdmin(HubChildAdmin):
    list_display = ["hub", "organisation", "weekday", "starts", "ends", "purpose"]
    list_select_related = ["hub", "organisation"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "website"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FocusTheme)
class FocusThemeAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
