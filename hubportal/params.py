"""Query parameters read safely: a value that is not what the page expects falls back
to the page's default instead of raising (no input gives a 500)."""

from datetime import date, datetime, timedelta

# Dates further away than this are nobody's plan: the pages show their default.
DATE_SPAN = timedelta(days=5 * 366)


def date_param(value: str | None, *, default: date, around: date | None = None) -> date:
    """An ISO date within DATE_SPAN of `around` (default: `default`), else `default`."""
    if not value:
        return default
    try:
        parsed = date.fromisoformat(value.strip())
    except (ValueError, TypeError):
        return default
    centre = around or default
    if abs(parsed - centre) > DATE_SPAN:
        return default
    return parsed


# The largest row id the databases hold (a signed 64-bit integer).
MAX_ROW_ID = 2**63 - 1


def id_param(value: str | None) -> int | None:
    """A row id (1 to MAX_ROW_ID), else None: a lookup by it then finds nothing
    instead of failing in the database."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ROW_ID else None


def moment_param(value: str | None, *, around: datetime, span: timedelta = DATE_SPAN):
    """An ISO moment with its offset ("2026-12-08T10:00:00+01:00") within `span` of
    `around`, else None: a time without offset, or one no calendar holds, is no moment."""
    try:
        parsed = datetime.fromisoformat((value or "").strip())
    except (ValueError, TypeError):
        return None
    if parsed.tzinfo is None:
        return None
    try:
        return parsed if abs(parsed - around) <= span else None
    except OverflowError:
        return None


def choice_param(value: str | None, choices, *, default=None):
    """One of `choices` (compared as text), else `default`."""
    value = (value or "").strip()
    return next((choice for choice in choices if str(choice) == value), default)
