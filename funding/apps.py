from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding advice")

    def ready(self):
        from hubportal.notifications.sources import register

        from .reminders import SOURCE

        register(SOURCE)
