from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from accounts.privacy import register as register_personal_data
        from hubportal.states import register as register_states
        from hubs.calendar_changes import register as register_closures
        from hubs.cockpit import register as register_panel
        from notifications.kinds import register as register_kinds
        from notifications.sources import register as register_reminders

        from .closures import SOURCE as CLOSURES
        from .cockpit import PANELS
        from .emails import KINDS
        from .models import Registration
        from .privacy import ACCESS_NEEDS
        from .privacy import SOURCE as PERSONAL_DATA
        from .reminders import SOURCE as REMINDERS
        from .states import registration_state

        register_states(Registration, registration_state)
        register_reminders(REMINDERS)
        register_personal_data(PERSONAL_DATA)
        register_personal_data(ACCESS_NEEDS)
        register_closures(CLOSURES)
        for panel in PANELS:
            register_panel(panel)
        register_kinds(KINDS)
