from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hubportal.admin_pages import StaffPagesMixin
from hubportal.links import links_redacted
from hubs.scoping import HubScopedAdminMixin, ScopedHubListFilter

from . import services
from .kinds import LABELS
from .models import HubReminder, Message
from .sources import SOURCES


class KindFilter(admin.SimpleListFilter):
    """The kind of email by its name, not its internal code."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = model_admin.get_queryset(request).values_list("kind", flat=True).distinct()
        return sorted(((k, str(LABELS.get(k, k))) for k in kinds), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


class StuckFilter(admin.SimpleListFilter):
    """Messages a worker took and never finished: they need a look."""

    title = _("stuck")
    parameter_name = "stuck"

    def lookups(self, request, model_admin):
        return [("yes", _("Stuck in sending"))]

    def queryset(self, request, queryset):
        return queryset.stuck() if self.value() == "yes" else queryset


class TroubleFilter(admin.SimpleListFilter):
    """Messages that need a look: failed, given up, or stuck in sending."""

    title = _("needs attention")
    parameter_name = "trouble"

    def lookups(self, request, model_admin):
        return [("yes", _("Failed or stuck"))]

    def queryset(self, request, queryset):
        return queryset.needing_attention() if self.value() == "yes" else queryset


@admin.register(Message)
class MessageAdmin(StaffPagesMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """The outbox: what was sent to whom and when, failures with the error, stuck
    messages, resend. Hub staff see their hubs' messages."""

    hub_path = "hub"
    staff_may_add = False
    staff_may_delete = False
    list_display = ["created", "recipient", "subject", "kind_name", "status", "attempts", "sent_at"]
    list_filter = [
        TroubleFilter,
        StuckFilter,
        "status",
        KindFilter,
        ("hub", ScopedHubListFilter),
    ]
    list_select_related = ["hub"]
    search_fields = ["recipient", "subject"]
    date_hierarchy = "created"
    readonly_fields = [
        "kind_name",
        "hub",
        "recipient",
        "language",
        "subject",
        "body_for_staff",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "stuck_retried_at",
        "retry_if_stuck",
        "created",
        "sent_at",
        "resent_from",
    ]
    fields = readonly_fields
    actions = ["resend", "do_not_retry"]

    @admin.display(description=_("text"))
    def body_for_staff(self, obj):
        """The text without the person's links (cancel, confirm, reset the password)."""
        return links_redacted(obj.body_text)

    @admin.display(description=_("kind"), ordering="kind")
    def kind_name(self, obj):
        return obj.kind_label

    def has_change_permission(self, request, obj=None):
        return False  # the outbox is a record; use the actions to act on it

    @admin.action(description=_("Resend"))
    def resend(self, request, queryset):
        self.apply_each(
            request,
            queryset,
            lambda message: services.message_resend(message=message),
            _("%(count)d emails queued again."),
        )

    @admin.action(description=_("Do not send again if stuck"))
    def do_not_retry(self, request, queryset):
        count = services.messages_retry_off(messages=queryset)
        self.message_user(request, _("%(count)d emails will not be retried.") % {"count": count})


class HubReminderForm(forms.ModelForm):
    """The kind of reminder is one of those the apps registered (sources.py)."""

    source = forms.ChoiceField(label=_("kind"))

    class Meta:
        model = HubReminder
        fields = ["hub", "source", "hours"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(source.name, source.label) for source in SOURCES.values()]


@admin.register(HubReminder)
class HubReminderAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    hub_path = "hub"
    form = HubReminderForm
    list_display = ["hub", "kind", "hours"]
    list_filter = [("hub", ScopedHubListFilter)]

    @admin.display(description=_("kind"), ordering="source")
    def kind(self, obj):
        source = SOURCES.get(obj.source)
        return source.label if source else obj.source
