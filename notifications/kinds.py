"""What each kind of email is called, for staff in the outbox (German and English).

Every email the portal sends has a kind ("<app>.<what>"); each app names its kinds in
its emails.py (KINDS) and registers them in its AppConfig.ready; a reminder's kind
("reminder.<source>") is named by its ReminderSource (sources.py). A test fails when
a flow sends a kind that has no name.
"""

LABELS: dict[str, str] = {}


def register(labels: dict) -> None:
    LABELS.update(labels)


def label(kind: str) -> str:
    return str(LABELS.get(kind, kind))
