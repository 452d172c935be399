from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubportalConfig(AppConfig):
    """The shared ground as an app: base templates, static files, the template tags."""

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
