from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    label = "notifications"
    verbose_name = _("Emails")

    def ready(self):
        from hubs.cockpit import register as register_panel

        from . import tasks  # noqa: F401 - registers the tasks services enqueue by name
        from .cockpit import PANELS

        for panel in PANELS:
            register_panel(panel)
