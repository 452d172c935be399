from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from notifications.kinds import register as register_kinds

        from .emails import KINDS
        from .middleware import session_started

        user_logged_in.connect(session_started, dispatch_uid="accounts.session_started")
        register_kinds(KINDS)
