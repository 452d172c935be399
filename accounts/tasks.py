from celery import shared_task


@shared_task(name="accounts.personal_data_purge", time_limit=600)
def personal_data_purge() -> dict:
    """The retention sweep (beat, daily): see accounts/privacy.py."""
    from .privacy import personal_data_purge

    return personal_data_purge()
