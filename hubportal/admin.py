"""Admins of the libraries' models, fitted to the portal's user (login by email, no
username): the audit log and the record of sessions, for superusers only."""

from allauth.usersessions.admin import UserSessionAdmin as BaseUserSessionAdmin
from allauth.usersessions.models import UserSession
from auditlog.admin import LogEntryAdmin as BaseLogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

admin.site.unregister(LogEntry)
admin.site.unregister(UserSession)


class SuperusersOnly:
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(LogEntry)
class LogEntryAdmin(SuperusersOnly, BaseLogEntryAdmin):
    search_fields = ["object_repr", "actor__email", "actor__name"]


@admin.register(UserSession)
class UserSessionAdmin(SuperusersOnly, BaseUserSessionAdmin):
    search_fields = ["user__email", "user__name"]
