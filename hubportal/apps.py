from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class HubportalConfig(AppConfig):
    """The project package as an app: base templates, static files, shared commands."""

    name = "hubportal"
    verbose_name = _("Digital-Hub-Portal")

    def ready(self):
        from auditlog.models import LogEntry
        from django.db import connections
        from django.db.models.signals import pre_save

        from . import audit, pagecache

        pre_save.connect(audit.keep_names_out, sender=LogEntry, dispatch_uid="audit-names")

        # Writes to public tables bump the page cache's generation, on connections
        # made from now on (a signal) and on any already made.
        for connection in connections.all(initialized_only=True):
            pagecache.watch(connection)


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site: the start page is the cockpit."""

    default = False  # hubportal's own config stays the app's default
    default_site = "hubportal.admin_site.PortalAdminSite"
