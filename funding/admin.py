from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from hubportal.audit import AuditTrailMixin
from hubs.scoping import HubScopedAdminMixin, ScopedHubListFilter

from .models import Absence, Advisor, Appointment, AvailabilityWindow, FundingProgramme, Topic


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["name", "service"]
    list_filter = ["service"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(FundingProgramme)
class FundingProgrammeAdmin(TranslationAdmin):
    list_display = ["name", "funder", "topic", "deadline", "is_demo", "active"]
    list_filter = ["funder", "topic", "is_demo", "active"]
    search_fields = ["name", "summary"]


class WindowInline(admin.TabularInline):
    model = AvailabilityWindow
    extra = 0


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0


@admin.register(Advisor)
class AdvisorAdmin(TranslationAdmin):
    list_display = ["public_name", "organisation", "requests_need_confirmation", "active"]
    filter_horizontal = ["topics", "hubs"]
    raw_id_fields = ["user"]
    inlines = [WindowInline, AbsenceInline]


@admin.register(Appointment)
class AppointmentAdmin(AuditTrailMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """Hub staff see the appointments at their hubs (question and notes included);
    remote appointments only superusers and the advisor (in the advisor workspace)."""

    hub_path = "hub"
    staff_may_add = False

    def has_add_permission(self, request, obj=None):
        return False  # superusers too: appointments are booked through the booking rules

    list_display = ["start", "advisor", "name", "organisation", "mode", "hub", "status"]
    list_filter = ["status", "mode", ("hub", ScopedHubListFilter), "advisor"]
    list_select_related = ["advisor", "hub"]
    search_fields = ["name", "organisation", "email"]
    date_hierarchy = "start"
    readonly_fields = [
        "advisor",
        "mode",
        "hub",
        "start",
        "end",
        "person",
        "name",
        "email",
        "phone",
        "language",
        "organisation",
        "role",
        "programme",
        "question",
        "status",
        "proposed_start",
        "booked_by",
        "followup_sent_at",
        "created",
        "updated",
    ]
    fields = readonly_fields + ["advisor_notes"]
