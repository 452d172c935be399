"""The demo programme (`manage.py seed_demo`): series and single events for the
five demo hubs, dated from today on. Everything invented is marked "(Demo)"."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from hubs.hours import OpeningCalendar
from hubs.models import FocusTheme, Hub, Organisation

from . import services
from .models import Audience, Event, EventSeries, Kind, PlaceKind

MON, TUE, WED, THU, FRI = range(5)


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=timezone.get_default_timezone())


def _series(hub, org, theme, title, today, **fields) -> EventSeries:
    series = EventSeries.objects.filter(hub=hub, title=title).first()
    if series is None:
        series = EventSeries(hub=hub, title=title, organiser=org, focus_theme=theme, **fields)
        series.first_date = today
        series.last_date = today + timedelta(days=183)
        series.full_clean()
        series.save()
    services.series_sync(series=series)
    return series


def _on_an_open_day(hub, start: datetime) -> datetime:
    """A coming demo date moved to the hub's next day that is no holiday or closure
    (dates count from today, so "in 17 days" can be Christmas)."""
    if hub is None or start < timezone.now():
        return start
    calendar = OpeningCalendar(hub)
    local = timezone.localtime(start)
    for shift in range(14):
        day = local.date() + timedelta(days=shift)
        if not calendar.day(day).closed_reason:
            return _local(day, local.time())
    return start


def _single(hub, org, title, start: datetime, minutes: int, **fields) -> Event:
    event = Event.objects.filter(hub=hub, title=title, series=None).first()
    if event is None:
        start = _on_an_open_day(hub, start)
        event = Event(
            hub=hub,
            organiser=org,
            title=title,
            start=start,
            end=start + timedelta(minutes=minutes),
            status=Event.Status.PUBLISHED,
            **fields,
        )
        services.event_save(event=event)
    return event


@dataclass
class Hosts:
    """Who the demo's events are by, and the focus themes they belong to."""

    dataport: Organisation | None
    smart_city: Organisation | None
    themes: dict


def seed_events() -> int:
    today = timezone.localdate()
    hubs = {h.slug: h for h in Hub.objects.all()}
    hosts = Hosts(
        dataport=Organisation.objects.filter(slug="dataportkommunal").first(),
        smart_city=Organisation.objects.filter(slug="smart-city-team-einbeck").first(),
        themes={t.slug: t for t in FocusTheme.objects.all()},
    )
    if "einbeck" in hubs:
        _seed_einbeck(hubs["einbeck"], hosts, today)
    if "oldenburg-in-holstein" in hubs:
        _seed_oldenburg(hubs["oldenburg-in-holstein"], hosts, today)
    _seed_workshops(hubs, hosts, today)
    return Event.objects.upcoming().count()


def _seed_einbeck(einbeck, hosts: Hosts, today) -> None:
    """The monthly themed evening, dataport's trainings and the advice consultation."""
    dataport, smart_city, themes = hosts.dataport, hosts.smart_city, hosts.themes
    _series(
        einbeck,
        smart_city,
        themes.get("smart-city"),
        "Themenabend im EIN.Lebens.raum",
        today,
        summary="Einmal im Monat ein Smart-City-Thema zum Mitreden: Projekte vorstellen, "
        "ausprobieren, Ideen sammeln (Termin und Uhrzeit: Demo).",
        kind=Kind.THEMED_EVENING,
        audience=Audience.ALL,
        frequency=EventSeries.Frequency.MONTHLY,
        weekday=WED,
        week_of_month=2,
        starts_at=time(18),
        ends_at=time(20),
        capacity=30,
        room="Veranstaltungsraum",
        registration_opens_days=28,
    )
    _series(
        einbeck,
        dataport,
        themes.get("exzellente-digitale-verwaltungsleistungen"),
        "Schulung: Digitale Daseinsvorsorge für Verwaltungsbeschäftigte",
        today,
        summary="dataport.kommunal schult Beschäftigte der Kommunen zu digitalen "
        "Verwaltungsleistungen (Inhalte und Uhrzeit: Demo).",
        kind=Kind.TRAINING,
        audience=Audience.MUNICIPAL_STAFF,
        frequency=EventSeries.Frequency.WEEKLY,
        weekday=TUE,
        starts_at=time(10),
        ends_at=time(12),
        capacity=12,
        room="Schulungsraum",
        hybrid=True,
        online_url="https://video.example/dataport-schulung",
    )
    _series(
        einbeck,
        dataport,
        themes.get("exzellente-digitale-verwaltungsleistungen"),
        "Schulung: Online-Dienste der Verwaltung in der Praxis",
        today,
        summary="dataport.kommunal zeigt Verwaltungsbeschäftigten, wie Online-Anträge "
        "vom Eingang bis zum Bescheid laufen (Inhalte und Uhrzeit: Demo).",
        kind=Kind.TRAINING,
        audience=Audience.MUNICIPAL_STAFF,
        frequency=EventSeries.Frequency.WEEKLY,
        weekday=THU,
        starts_at=time(13),
        ends_at=time(15),
        capacity=12,
        room="Schulungsraum",
    )
    _series(
        einbeck,
        dataport,
        None,
        "Sprechstunde Fördermittelberatung",
        today,
        summary="Fragen zu Förderprogrammen und Anträgen? dataport.kommunal berät "
        "donnerstags vor Ort, ohne Anmeldung (Uhrzeit: Demo).",
        kind=Kind.CONSULTATION,
        audience=Audience.ALL,
        frequency=EventSeries.Frequency.WEEKLY,
        weekday=THU,
        starts_at=time(9),
        ends_at=time(12),
        registration_required=False,
    )


def _seed_oldenburg(oldenburg, hosts: Hosts, today) -> None:
    """The showroom tour, the council livestream and the opening in 2022."""
    dataport, themes = hosts.dataport, hosts.themes
    vital = themes.get("referenzstandort-vitale-gemeinschaften")
    _single(
        oldenburg,
        dataport,
        "Digitale Führung: Kulturstätten in 3D",
        _local(today + timedelta(days=10), time(16)),
        90,
        summary="Digitaler Rundgang durch Kulturstätten der Region mit 3D-Scans von "
        "Kulturgütern – kostenlos (Demo-Termin).",
        kind=Kind.SHOWROOM,
        audience=Audience.CITIZENS,
        capacity=8,
        focus_theme=vital,
        place_kind=PlaceKind.HUB,
        room="Digitaler Showroom",
    )
    _single(
        oldenburg,
        None,
        "Livestream: Sitzung der Stadtvertretung",
        _local(today + timedelta(days=17), time(19)),
        120,
        summary="Die Sitzung wird live übertragen; im Hub kann man gemeinsam zuschauen "
        "(Demo-Termin).",
        kind=Kind.LIVESTREAM,
        audience=Audience.CITIZENS,
        registration_required=False,
        place_kind=PlaceKind.HUB,
        livestream_url="https://stream.example/stadtvertretung",
    )
    _single(
        oldenburg,
        dataport,
        "Eröffnung des Digital Hub Oldenburg i. H.",
        _local(date(2022, 1, 20), time(11)),
        120,
        summary="Stadt Oldenburg i. H., Gemeinde Malente, Amt Lensahn und dataport.kommunal "
        "eröffnen den Hub (Tag: Demo).",
        kind=Kind.THEMED_EVENING,
        audience=Audience.ALL,
        registration_required=False,
    )


def _seed_workshops(hubs: dict, hosts: Hosts, today) -> None:
    """One workshop each at Rendsburg, Wilster and Hennstedt."""
    dataport, themes = hosts.dataport, hosts.themes
    for slug, title, theme in [
        (
            "rendsburg",
            "Werkstatt: Mobilität der Zukunft",
            "modellregion-fur-die-mobilitat-der-zukunft",
        ),
        ("wilster", "Workshop: Digitale Wirtschaftsförderung", "bessere-wirtschaftsforderung"),
        (
            "hennstedt",
            "Workshop: Digitale Gesundheitsversorgung im ländlichen Raum",
            "digitale-gesundheitsversorgung",
        ),
    ]:
        if slug in hubs:
            _single(
                hubs[slug],
                dataport,
                title,
                _local(today + timedelta(days=21), time(17)),
                120,
                summary="Ideen sammeln und ausprobieren, mit dataport.kommunal (Demo-Termin).",
                kind=Kind.WORKSHOP,
                audience=Audience.ALL,
                capacity=20,
                focus_theme=themes.get(theme),
            )
