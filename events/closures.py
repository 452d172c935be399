"""Events as the closure preview and the cockpit see them (hubs/calendar_changes.py):
an event is hit when its day closes; staff may cancel, move or keep it."""

from django.db.models import Count, Q

from hubs.calendar_changes import ClosureSource, Held, HitWhen

from .models import Event, Registration
from .services import event_cancel, event_keep_on_closed_day, event_move


def held(hub_ids, start, end):
    active = Q(registrations__status__in=Registration.ACTIVE)
    events = (
        Event.objects.filter(hub__in=hub_ids, status=Event.Status.PUBLISHED)
        .filter(start__gte=start, start__lt=end, held_on_closed_day=False)
        .annotate(people=Count("registrations", filter=active))
        .order_by("start")
    )
    return [Held(e, e.hub_id, e.title, e.start, e.end, e.people) for e in events]


SOURCE = ClosureSource(
    kind="event",
    admin_change="admin:events_event_change",
    held=held,
    cancel=lambda event, reason: event_cancel(event=event, reason=reason),
    keep=lambda event: event_keep_on_closed_day(event=event),
    move=lambda event, day: event_move(event=event, day=day),
    hit_when=HitWhen.CLOSED,
)
