from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class HubportalConfig(AppConfig):
    """The project package as an app: base templates, static files, shared commands."""

    name = "hubportal"
    verbose_name = _("Digital-Hub-Portal")


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site: the start page is the cockpit."""

    default = False  # hubportal's own config stays the app's default
    default_site = "hubportal.admin_site.PortalAdminSite"
