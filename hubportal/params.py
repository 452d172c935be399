"""Query parameters read safely: a value that is not what the page expects falls back
to the page's default instead of raising (no input gives a 500)."""

from datetime import date, timedelta

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
