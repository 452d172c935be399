"""The network's figures, per hub and month, counted from the rows the pages show.

One call, `month_figures(hubs=…, month=…)`, asks a fixed number of grouped queries
whatever the number of hubs, events or bookings, and returns tables: hubs side by
side (events, registrations, attendance, waiting list, desks, advice, emails), advice
by topic and by channel, the next steps after funding advice per programme, and each
hub's desk occupancy by weekday and hour. Counts of people are suppressed below the
threshold (figures/suppression.py). The page, the CSV and the JSON read these tables,
so what is downloaded is what is shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from coworking.models import Booking, Workspace
from events.models import Event, Registration
from funding.models import AmountRange, Appointment, FundingProgramme, Mode, Outcome, Topic
from hubportal.timeranges import LOCAL_TZ, local_datetime
from hubs.models import Hub, Weekday
from notifications.models import DeliveryCount, Message

from . import suppression
from .suppression import Cell

MONTHS_OFFERED = 24
# Desk occupancy is shown for these hours of the day (8:00 to 19:00).
OCCUPANCY_HOURS = range(8, 19)
# Bookings that held their desk: booked and kept, whether or not the person came.
DESK_HELD = [Booking.Status.CONFIRMED, Booking.Status.CHECKED_IN, Booking.Status.NO_SHOW]
# Appointments that were arranged (not declined, not cancelled).
ADVICE_HELD = [
    Appointment.Status.REQUESTED,
    Appointment.Status.CONFIRMED,
    Appointment.Status.DONE,
    Appointment.Status.NO_SHOW,
]
REMOTE = "remote"  # the column of advice given by video or phone, at no hub


@dataclass(frozen=True)
class Column:
    key: str  # a hub's slug, REMOTE, or an hour ("09")
    label: str


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell | None]  # one per column; None: nothing to count here


@dataclass
class Table:
    key: str
    caption: str
    columns: list[Column]
    rows: list[Row]
    hub: Hub | None = None  # a table about one hub (desk occupancy)

    @property
    def empty(self) -> bool:
        return not any(cell and cell.value for row in self.rows for cell in row.cells)


@dataclass
class Figures:
    month: date
    hubs: list[Hub]
    overview: Table
    breakdowns: list[Table] = field(default_factory=list)
    occupancy: list[Table] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [self.overview, *self.breakdowns, *self.occupancy]

    def records(self) -> list[dict]:
        """Every figure as one record (long format), for CSV and JSON."""
        month = self.month.strftime("%Y-%m")
        records = []
        for table in self.tables:
            for row in table.rows:
                for column, cell in zip(table.columns, row.cells, strict=True):
                    if cell is None:
                        continue
                    hub, item = (
                        (table.hub.slug, f"{row.key}-{column.key}")
                        if table.hub
                        else (column.key, row.key)
                    )
                    records.append(
                        {
                            "month": month,
                            "hub": hub,
                            "measure": table.key,
                            "item": item,
                            "value": cell.value,
                            "unit": "percent" if cell.unit else "count",
                            "suppressed": cell.hidden,
                        }
                    )
        return records


def month_choices(today: date) -> list[date]:
    """The months offered, newest first: this one and the MONTHS_OFFERED - 1 before."""
    months, month = [], today.replace(day=1)
    for _i in range(MONTHS_OFFERED):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months


def month_param(value: str | None, *, today: date) -> date:
    """ "2026-11" if it is one of the months offered; else the last complete month."""
    choices = month_choices(today)
    try:
        year, month = (value or "").split("-")
        chosen = date(int(year), int(month), 1)
    except (ValueError, TypeError):
        return choices[1]
    return chosen if chosen in choices else choices[1]


def _span(month: date) -> tuple[datetime, datetime]:
    following = (month + timedelta(days=32)).replace(day=1)
    return local_datetime(month, time.min), local_datetime(following, time.min)


def _per_hub(columns: list[Column], values: dict) -> list[Cell]:
    return [values.get(column.key, Cell(0)) for column in columns]


def month_figures(*, hubs, month: date, remote: bool = False) -> Figures:
    """The figures of `hubs` for the month beginning `month`; with `remote`, advice
    given by video or phone (at no hub) gets a column of its own."""
    hubs = list(hubs)
    start, end = _span(month)
    slug = {hub.pk: hub.slug for hub in hubs}
    columns = [Column(hub.slug, hub.town) for hub in hubs]
    advice_columns = columns + ([Column(REMOTE, _("Video or phone"))] if remote else [])

    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    _count_events(counts, slug, start, end)
    _count_registrations(counts, slug, start, end)
    _count_bookings(counts, slug, start, end)
    _count_messages(counts, slug, start, end, month)
    appointments = _appointments(slug, start, end, remote)
    for row in appointments:
        counts["appointments"][row["column"]] += row["n"]

    overview = _overview(columns, counts)
    figures = Figures(month=month, hubs=hubs, overview=overview)
    figures.breakdowns = [
        _breakdown(
            "advice_by_topic",
            _("Advice appointments by topic"),
            advice_columns,
            appointments,
            "topic",
            {t.pk: str(t) for t in Topic.objects.all()},
        ),
        _breakdown(
            "advice_by_channel",
            _("Advice appointments by channel"),
            advice_columns,
            appointments,
            "mode",
            dict(Mode.choices),
        ),
        *_outcome_tables(advice_columns, slug, start, end, remote),
    ]
    figures.occupancy = _occupancy(hubs, month, start, end)
    return figures


def _overview(columns: list[Column], counts) -> Table:
    """The hubs side by side: counts of people suppressed below the threshold, parts
    of a total suppressed together, shares only where both counts may be shown."""

    def people(key):
        return _per_hub(columns, {k: suppression.count(n) for k, n in counts[key].items()})

    def parts_of(*parts):
        """Counts that are parts of a shown total (the places taken): one hidden hides
        the next smallest too, so the total minus the rest does not give it away."""
        cells = {key: {} for key in parts}
        for c in columns:
            values = {key: counts[key][c.key] for key in parts}
            for key, cell in suppression.group(values).items():
                cells[key][c.key] = cell
        return {key: _per_hub(columns, cells[key]) for key in parts}

    attendance = parts_of("attended", "no_show")

    def plain(key):
        return _per_hub(columns, {k: Cell(n) for k, n in counts[key].items()})

    def shares(part, *wholes):
        return [
            suppression.share(counts[part][c.key], sum(counts[w][c.key] for w in wholes))
            for c in columns
        ]

    return Table(
        "overview",
        _("The hubs side by side"),
        columns,
        [
            Row("events", _("Events held"), plain("events")),
            Row("events_cancelled", _("Events cancelled"), plain("events_cancelled")),
            Row("registrations", _("Registrations (places taken)"), people("registrations")),
            Row("waiting_list", _("Still on the waiting list"), people("waiting_list")),
            Row("attended", _("Attended (checked in)"), attendance["attended"]),
            Row("no_show", _("Did not come"), attendance["no_show"]),
            Row("no_show_rate", _("No-show rate"), shares("no_show", "no_show", "attended")),
            Row("desk_bookings", _("Desk and room bookings"), people("desk_bookings")),
            Row("appointments", _("Advice appointments"), people("appointments")),
            Row("emails_sent", _("Emails delivered"), people("emails_sent")),
            Row("reminders_sent", _("of them reminders"), people("reminders_sent")),
            Row("emails_failed", _("Emails not delivered"), people("emails_failed")),
            Row(
                "email_delivery_rate",
                _("Delivery rate"),
                shares("emails_sent", "emails_sent", "emails_failed"),
            ),
        ],
    )


def _count_events(counts, slug, start, end) -> None:
    rows = (
        Event.objects.filter(hub__in=list(slug), start__gte=start, start__lt=end)
        .exclude(status=Event.Status.DRAFT)
        .values("hub_id", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        key = "events_cancelled" if row["status"] == Event.Status.CANCELLED else "events"
        counts[key][slug[row["hub_id"]]] += row["n"]


def _count_registrations(counts, slug, start, end) -> None:
    statuses, attendance = Registration.Status, Registration.Attendance
    rows = (
        Registration.objects.filter(
            event__hub__in=list(slug),
            event__start__gte=start,
            event__start__lt=end,
            event__status=Event.Status.PUBLISHED,
        )
        .values("event__hub_id")
        .annotate(
            registrations=Count("pk", filter=Q(status=statuses.CONFIRMED)),
            waiting_list=Count("pk", filter=Q(status=statuses.WAITLISTED)),
            attended=Count("pk", filter=Q(attendance=attendance.ATTENDED)),
            no_show=Count("pk", filter=Q(attendance=attendance.NO_SHOW)),
        )
    )
    for row in rows:
        for key in ("registrations", "waiting_list", "attended", "no_show"):
            counts[key][slug[row["event__hub_id"]]] += row[key]


def _count_bookings(counts, slug, start, end) -> None:
    rows = (
        Booking.objects.filter(
            workspace__hub__in=list(slug), start__gte=start, start__lt=end, status__in=DESK_HELD
        )
        .values("workspace__hub_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts["desk_bookings"][slug[row["workspace__hub_id"]]] += row["n"]


def _count_messages(counts, slug, start, end, month) -> None:
    """Emails in the outbox, and those the retention sweep has counted and deleted."""
    rows = (
        Message.objects.filter(hub__in=list(slug), created__gte=start, created__lt=end)
        .values("hub_id", "status", "kind")
        .annotate(n=Count("pk"))
    )
    kept = DeliveryCount.objects.filter(hub__in=list(slug), month=month).values_list(
        "hub_id", "status", "reminder", "count"
    )
    for hub_id, status, reminder, n in [
        *((r["hub_id"], r["status"], r["kind"].startswith("reminder."), r["n"]) for r in rows),
        *kept,
    ]:
        hub = slug[hub_id]
        if status == Message.Status.SENT:
            counts["emails_sent"][hub] += n
            if reminder:
                counts["reminders_sent"][hub] += n
        elif status == Message.Status.GAVE_UP:
            counts["emails_failed"][hub] += n


def _advice_at(slug, remote) -> Q:
    """Appointments at the hubs, and with `remote` those at no hub (video, phone)."""
    return Q(hub__in=list(slug)) | (Q(hub__isnull=True) if remote else Q(pk__in=[]))


def _appointments(slug, start, end, remote) -> list[dict]:
    rows = (
        Appointment.objects.filter(
            _advice_at(slug, remote), start__gte=start, start__lt=end, status__in=ADVICE_HELD
        )
        .values("hub_id", "topic_id", "mode")
        .annotate(n=Count("pk"))
    )
    return [
        {**row, "topic": row["topic_id"], "column": slug.get(row["hub_id"], REMOTE)} for row in rows
    ]


def _breakdown(key, caption, columns, rows, by, labels) -> Table:
    """Counts of `rows` by `by` (one table row per value), in each column, with
    secondary suppression within each column (its total is shown elsewhere)."""
    totals: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        totals[row["column"]][row[by]] += row["n"]
    values = [v for v in labels if any(v in t for t in totals.values())]
    if any(None in t for t in totals.values()) and None not in values:
        values.append(None)
    cells = {
        column.key: suppression.group({v: totals[column.key].get(v, 0) for v in values})
        for column in columns
    }
    return Table(
        key,
        caption,
        columns,
        [
            Row(
                str(v if v is not None else "none"),
                str(labels.get(v, pgettext("figures", "not given"))),
                [cells[c.key][v] for c in columns],
            )
            for v in values
        ],
    )


def _outcome_tables(columns, slug, start, end, remote) -> list[Table]:
    """What came of the funding advice given this month, per programme and in ranges."""
    rows = [
        {**row, "column": slug.get(row["hub_id"], REMOTE)}
        for row in Appointment.objects.filter(
            _advice_at(slug, remote),
            start__gte=start,
            start__lt=end,
            status=Appointment.Status.DONE,
        )
        .exclude(outcome="")
        .values("hub_id", "outcome_programme_id", "outcome", "outcome_amount")
        .annotate(n=Count("pk"))
    ]
    programmes = {
        p.pk: str(p)
        for p in FundingProgramme.objects.filter(
            pk__in={r["outcome_programme_id"] for r in rows} - {None}
        )
    }
    outcome_labels = dict(Outcome.choices)
    for row in rows:
        row["programme_outcome"] = f"{row['outcome_programme_id'] or 'none'}.{row['outcome']}"
    no_programme = pgettext("figures", "no programme")
    labels = {
        f"{programme or 'none'}.{outcome}": (
            f"{programmes.get(programme, no_programme)}: {outcome_labels[outcome]}"
        )
        for programme in [*sorted(programmes, key=programmes.get), None]
        for outcome in Outcome.values
    }
    applied = [r for r in rows if r["outcome_amount"]]
    return [
        _breakdown(
            "advice_outcome",
            _("Next steps after funding advice, per programme"),
            columns,
            rows,
            "programme_outcome",
            labels,
        ),
        _breakdown(
            "advice_amount",
            _("Funding applied for or granted, by amount"),
            columns,
            applied,
            "outcome_amount",
            dict(AmountRange.choices),
        ),
    ]


def _booked_hours(hubs, month, start, end):
    """Per hub and (weekday, hour): the desk hours booked, and which bookings fed them."""
    hours: dict[int, dict] = defaultdict(lambda: defaultdict(float))
    bookings: dict[int, dict] = defaultdict(lambda: defaultdict(set))
    for pk, hub_id, b_start, b_end in Booking.objects.filter(
        workspace__hub__in=hubs, start__lt=end, end__gt=start, status__in=DESK_HELD
    ).values_list("pk", "workspace__hub_id", "start", "end"):
        local_start, local_end = b_start.astimezone(LOCAL_TZ), b_end.astimezone(LOCAL_TZ)
        slot = local_start.replace(minute=0, second=0, microsecond=0)
        while slot < local_end:
            following = slot + timedelta(hours=1)
            overlap = min(following, local_end) - max(slot, local_start)
            if slot.month == month.month and slot.hour in OCCUPANCY_HOURS:
                key = (slot.weekday(), slot.hour)
                hours[hub_id][key] += overlap.total_seconds() / 3600
                bookings[hub_id][key].add(pk)
            slot = following
    return hours, bookings


def _occupancy(hubs, month, start, end) -> list[Table]:
    """Per hub: the share of its desks and rooms booked in each hour of each weekday,
    over the month. A cell fed by fewer bookings than the threshold is hidden (it
    would show one person's habit)."""
    desks = dict(
        Workspace.objects.filter(hub__in=hubs, active=True)
        .values_list("hub_id")
        .annotate(n=Count("pk"))
    )
    hours, bookings = _booked_hours(hubs, month, start, end)
    weekdays_in_month = defaultdict(int)
    day = month
    while day.month == month.month:
        weekdays_in_month[day.weekday()] += 1
        day += timedelta(days=1)
    columns = [Column(f"{h:02d}", f"{h}–{h + 1}") for h in OCCUPANCY_HOURS]
    tables = []
    for hub in hubs:
        if not desks.get(hub.pk):
            continue
        rows = []
        for weekday in Weekday:
            cells = []
            for h in OCCUPANCY_HOURS:
                key = (weekday.value, h)
                n = len(bookings[hub.pk][key])
                capacity = desks[hub.pk] * weekdays_in_month[weekday.value]
                if not n:
                    cells.append(Cell(0, "%"))
                elif n < suppression.threshold():
                    cells.append(Cell(None, "%"))
                else:
                    cells.append(Cell(round(100 * hours[hub.pk][key] / capacity), "%"))
            rows.append(Row(str(weekday.value), str(weekday.label), cells))
        tables.append(
            Table(
                "desk_occupancy",
                _("Desk occupancy at %(hub)s by weekday and hour") % {"hub": hub.town},
                columns,
                rows,
                hub=hub,
            )
        )
    return tables
