from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoworkingConfig(AppConfig):
    name = "coworking"
    verbose_name = _("Co-working")

    def ready(self):
        from hubportal.notifications.sources import register

        from .reminders import SOURCE

        register(SOURCE)
