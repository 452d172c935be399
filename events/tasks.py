from celery import shared_task

from . import services


@shared_task(name="events.expire_unconfirmed_registrations", time_limit=120)
def expire_unconfirmed_registrations() -> int:
    """Guests who did not confirm their address in time lose their place (beat sweep)."""
    return services.registrations_expire()
