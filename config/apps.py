from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConfigConfig(AppConfig):
    """The project layer as an app: the demo and bench commands, the admin's own
    templates (cockpit, record of processing, figures)."""

    name = "config"
    verbose_name = _("Digital-Hub-Portal")


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site: the start page is the cockpit."""

    default = False  # the project's own config stays the app's default
    default_site = "config.admin_site.PortalAdminSite"
