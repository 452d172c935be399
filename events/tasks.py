from celery import shared_task


@shared_task(name="events.registrations_expire_unconfirmed", time_limit=120)
def registrations_expire_unconfirmed() -> int:
    """Guests who did not confirm their address in time lose their place (beat sweep)."""
    from .services import registrations_expire_unconfirmed

    return registrations_expire_unconfirmed()
