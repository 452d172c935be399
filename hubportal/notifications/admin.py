from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hubs.scoping import HubScopedAdminMixin, ScopedHubListFilter

from . import services
from .models import HubReminderSettings, Message


@admin.register(Message)
class MessageAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    """The outbox: what was sent to whom and when, failures with the error, resend.
    Hub staff see their hubs' messages."""

    hub_path = "hub"
    staff_may_add = False
    staff_may_delete = False
    list_display = ["created", "recipient", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", ("hub", ScopedHubListFilter)]
    list_select_related = ["hub"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created"
    readonly_fields = [
        "kind",
        "hub",
        "recipient",
        "language",
        "subject",
        "body_text",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created",
        "sent_at",
        "resent_from",
    ]
    fields = readonly_fields
    actions = ["resend"]

    def has_change_permission(self, request, obj=None):
        return False  # the outbox is a record; use "resend" to send again

    @admin.action(description=_("Resend"))
    def resend(self, request, queryset):
        for message in queryset:
            services.message_resend(message=message)
        self.message_user(request, _("%(count)d emails queued again.") % {"count": len(queryset)})


@admin.register(HubReminderSettings)
class HubReminderSettingsAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "hub"
    list_display = ["hub", "events", "bookings", "appointments"]
