from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubportalConfig(AppConfig):
    """The project package as an app: base templates, static files, shared commands."""

    name = "hubportal"
    verbose_name = _("Digital-Hub-Portal")
