from celery import shared_task


@shared_task(name="coworking.bookings_release_unchecked", time_limit=120)
def bookings_release_unchecked() -> int:
    """Free workspaces whose booking was not checked in in time (hubs that turn it on)."""
    from .services import bookings_release_unchecked

    return bookings_release_unchecked()
