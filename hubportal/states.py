"""One truth per state: what a registration, booking or appointment is in, declared
once with its words for every channel.

Each app declares its states in its `states.py` (`events.states`, `coworking.states`,
`funding.states`) as `State`s, and one function that tells which state an item is in
(from its status and what else is true of it: an unconfirmed address, an event the
hub cancelled, a proposed new time). Pages, emails, calendar files, the API and the
export read that answer; none spells a state itself:

- `code`: the word in the API and the person's export (stable, English);
- `label`: the words on a page, in an email's status line and in the export;
- `calendar`: the iCalendar STATUS (RFC 5545) of the item's calendar entry, or None
  when it has none (a place on a waiting list is no appointment in anyone's diary);
- `explain`: one sentence for the person, addressed with "Sie": what it means and what
  happens next (the page under the status, the email's body).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

TENTATIVE = "TENTATIVE"
CONFIRMED = "CONFIRMED"
CANCELLED = "CANCELLED"


@dataclass(frozen=True)
class State:
    code: str
    label: Promise
    calendar: str | None
    explain: Promise | None = None

    @classmethod
    def of(cls, status: models.Choices, calendar: str | None, explain=None, **kw) -> "State":
        """A state that is a status as it stands: its value and label."""
        return cls(status.value, status.label, calendar, explain, **kw)

    def words(self, **values: Any) -> "StateOf":
        """The state of one item, with the values its texts name (position n)."""
        return StateOf(self, values)


@dataclass(frozen=True)
class StateOf:
    state: State
    values: dict = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.state.code

    @property
    def calendar(self) -> str | None:
        return self.state.calendar

    @property
    def label(self) -> str:
        return str(self.state.label) % self.values if self.values else str(self.state.label)

    @property
    def explain(self) -> str:
        if self.state.explain is None:
            return ""
        text = str(self.state.explain)
        return text % self.values if self.values else text

    @property
    def is_cancelled(self) -> bool:
        return self.state.calendar == CANCELLED

    def __str__(self) -> str:
        return self.label


# A booking or an appointment staff kept on a day the hub is closed (a closure's
# preview): it takes place. Both apps use this one state.
KEPT_ON_CLOSED_DAY = State(
    "confirmed_on_closed_day",
    _("Confirmed – takes place although the hub is closed that day"),
    CONFIRMED,
    _("The hub is closed that day, but the hub team keeps it: it takes place."),
)


# Which function tells the state of an item of each model; each app registers its own
# in AppConfig.ready(), so the template filter `state` and the shared export need no
# app's import.
_RULES: dict[type, Callable[[Any], StateOf]] = {}


def register(model: type, rule: Callable[[Any], StateOf]) -> None:
    _RULES[model] = rule


def state_of(item) -> StateOf:
    return _RULES[type(item)](item)


def export_fields(item) -> dict:
    """The state as the person's export gives it: the code and the page's words."""
    state = state_of(item)
    return {"status": state.code, "status_text": state.label}
