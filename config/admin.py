"""Admins of the libraries' models, fitted to the portal's user (login by email, no
username): the audit log and the record of sessions, for superusers only."""

from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from auditlog.admin import LogEntryAdmin as BaseLogEntryAdmin
from auditlog.filters import CIDFilter, ResourceTypeFilter
from auditlog.models import LogEntry
from django.contrib import admin
from django.utils.translation import gettext_lazy

from hubportal.params import id_param

admin.site.unregister(LogEntry)
admin.site.unregister(UserSession)
# allauth names the model by its class ("User sessions"), in no language.
UserSession._meta.verbose_name = gettext_lazy("session")
UserSession._meta.verbose_name_plural = gettext_lazy("sessions")


class SuperusersOnly:
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


class KindFilter(ResourceTypeFilter):
    """auditlog's filter by kind, refusing what is no kind: ?resource_type=abc shows
    nothing instead of failing (ValueError, a 500)."""

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(content_type_id=id_param(str(self.value())))


@admin.register(LogEntry)
class LogEntryAdmin(SuperusersOnly, BaseLogEntryAdmin):
    search_fields = ["object_repr", "actor__email", "actor__name"]
    list_filter = ["action", KindFilter, CIDFilter]


@admin.register(UserSession)
class UserSessionAdmin(SuperusersOnly, BaseUserSessionAdmin):
    search_fields = ["user__email", "user__name"]
