from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoworkingConfig(AppConfig):
    name = "coworking"
    verbose_name = _("Co-working")

    def ready(self):
        from hubportal.accounts.privacy import register as register_personal_data
        from hubportal.notifications.sources import register as register_reminders
        from hubportal.states import register as register_states

        from .models import Booking
        from .privacy import SOURCE as PERSONAL_DATA
        from .reminders import SOURCE as REMINDERS
        from .states import booking_state

        register_states(Booking, booking_state)
        register_reminders(REMINDERS)
        register_personal_data(PERSONAL_DATA)
