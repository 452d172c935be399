from celery import shared_task

from . import services


@shared_task(name="coworking.release_unchecked_bookings", time_limit=120)
def release_unchecked_bookings() -> int:
    """Free workspaces whose booking was not checked in in time (hubs that turn it on)."""
    return services.bookings_release_unchecked()
