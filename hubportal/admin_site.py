"""The portal's admin site: its start page is the hub-staff cockpit (hubportal/cockpit.py)."""

from datetime import date, timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubs.scoping import hubs_for, is_hub_staff

from . import cockpit


class PortalAdminSite(admin.AdminSite):
    site_header = _("Digital Hubs – administration")
    site_title = _("Digital Hubs")
    index_title = _("Manage your hubs")
    index_template = "admin/cockpit_index.html"

    def index(self, request, extra_context=None):
        """The start page: the chosen day at the staff member's hubs, then the apps."""
        today = timezone.localdate()
        days = {"today": today, "tomorrow": today + timedelta(days=1)}
        choice = request.GET.get("day", "today")
        try:  # a day of the coming week, from the week table
            day = days.get(choice) or date.fromisoformat(choice)
        except ValueError:
            day = None
        if day is None or not today <= day < today + timedelta(days=7):
            choice, day = "today", today
        context = {"cockpit_choice": choice, **(extra_context or {})}
        if request.user.is_superuser or is_hub_staff(request.user):
            context["cockpit"] = cockpit.hub_days(hubs=hubs_for(request.user), day=day)
            context["cockpit_day"] = day
        return super().index(request, context)
