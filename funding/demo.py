"""Demo funding and IT advice (`manage.py seed_demo`): dataport.kommunal advisors serving
Einbeck (Tue + Thu, on the days dataport is on site) and Oldenburg i. H., and a
handful of programmes marked as demo."""

from datetime import date, time, timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from hubs.demo import demo_second_factor
from hubs.demo_data import PASSWORD
from hubs.hours import OpeningCalendar
from hubs.models import Hub, Organisation

from .models import Advisor, AvailabilityWindow, FundingProgramme, Service, Topic

TUE, WED, THU = 1, 2, 3
TOPICS = [
    "Digitalisierung",
    "Breitband",
    "Mobilität",
    "Ehrenamt und Gemeinschaft",
    "Klimaschutz",
    "Wirtschaftsförderung",
]
# dataport.kommunal's IT support at the hubs, booked like funding advice.
IT_TOPICS = ["Online-Dienste und OZG", "IT-Sicherheit in der Verwaltung", "Arbeitsplatz-IT"]
# name, funder, topic, summary, what is funded, who can apply, how much
PROGRAMMES = [
    (
        "Förderprogramm Digitale Dorfmitte (Demo)",
        "state",
        "Digitalisierung",
        "Zuschuss für digitale Treffpunkte und Services im ländlichen Raum.",
        "Ausstattung und Einrichtung digitaler Treffpunkte, Schulungen für Ehrenamtliche, "
        "die ersten zwei Jahre Betrieb.",
        "Gemeinden und Ämter bis 20.000 Einwohner, auch im Verbund.",
        "bis zu 75 % der Kosten, höchstens 150.000 Euro",
    ),
    (
        "Europäischer Fonds für regionale Entwicklung – Digitale Verwaltung (Demo)",
        "eu",
        "Digitalisierung",
        "Kofinanzierung von Projekten, die Verwaltungsleistungen online bringen.",
        "Online-Verfahren, Schnittstellen zu Fachverfahren, Barrierefreiheit digitaler Angebote.",
        "Kommunen und kommunale Zweckverbände.",
        "bis zu 60 % der Kosten",
    ),
    (
        "Bundesprogramm Smarte Mobilität auf dem Land (Demo)",
        "federal",
        "Mobilität",
        "Pilotprojekte für Rufbusse, Mitfahrbänke und Sharing-Angebote.",
        "Planung, Fahrzeuge und Software für Pilotprojekte über höchstens drei Jahre.",
        "Landkreise, Gemeinden, Verkehrsunternehmen in kommunaler Hand.",
        "bis zu 80 % der Kosten",
    ),
    (
        "Ehrenamtsportal-Zuschuss (Demo)",
        "state",
        "Ehrenamt und Gemeinschaft",
        "Anschubfinanzierung für Plattformen, die Engagement und Nachbarschaftshilfe vermitteln.",
        "Aufbau und Bekanntmachung einer Plattform, Moderation im ersten Jahr.",
        "Gemeinden, Vereine und Stiftungen.",
        "Festbetrag bis 25.000 Euro",
    ),
    (
        "Klimaschutz in Kommunen – Beratungsförderung (Demo)",
        "federal",
        "Klimaschutz",
        "Förderung von Konzepten und Beratung für kommunalen Klimaschutz.",
        "Klimaschutzkonzepte, Klimaschutzmanagement, Fachberatung.",
        "Kommunen, kommunale Unternehmen, Zusammenschlüsse.",
        "bis zu 70 % der Kosten (finanzschwache Kommunen bis zu 100 %)",
    ),
]
ADVISORS = [
    (
        "beratung@demo.example",
        "Dana Dataport",
        ["einbeck", "oldenburg-in-holstein"],
        [(TUE, "einbeck"), (THU, "einbeck"), (WED, None)],
        ["Digitalisierung", "Breitband", "Ehrenamt und Gemeinschaft"],
    ),
    (
        "beratung2@demo.example",
        "Malte Mittel",
        ["oldenburg-in-holstein"],
        [(TUE, "oldenburg-in-holstein"), (THU, None)],
        ["Mobilität", "Klimaschutz", "Wirtschaftsförderung", "Digitalisierung"],
    ),
    (
        "it-support@demo.example",
        "Ida Informatik",
        ["oldenburg-in-holstein"],
        [(WED, "oldenburg-in-holstein"), (THU, None)],
        IT_TOPICS,
    ),
]


def _on_site_hours(hub, weekday: int, starts: time, ends: time) -> list[tuple[time, time]]:
    """The advisor's 09:00-15:00, at a hub cut to its opening hours that weekday (on
    site only while it is open): Einbeck, open 09:00-13:00, gets 09:00-13:00."""
    if hub is None:
        return [(starts, ends)]
    today = timezone.localdate()
    day = today + timedelta(days=(weekday - today.weekday()) % 7)
    _schedule, hours = OpeningCalendar(hub, exceptions=[]).weekly(day)
    spans = [(max(starts, iv.local_start.time()), min(ends, iv.local_end.time())) for iv in hours]
    return [(s, e) for s, e in spans if s < e]


def seed_funding(*, with_users: bool) -> int:
    topics = {
        name: Topic.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "service": Service.IT if name in IT_TOPICS else Service.FUNDING,
            },
        )[0]
        for name in TOPICS + IT_TOPICS
    }
    for name, funder, topic, summary, description, audience, amount in PROGRAMMES:
        details = {"description": description, "audience": audience, "amount": amount}
        programme, created = FundingProgramme.objects.get_or_create(
            name=name,
            defaults={
                "funder": funder,
                "topic": topics[topic],
                "summary": summary,
                "is_demo": True,
                "deadline": date(2027, 6, 30),
                **details,
            },
        )
        # An older demo database lacks the details: fill in only what is empty.
        blanks = {k: v for k, v in details.items() if not getattr(programme, k)}
        if blanks and not created:
            FundingProgramme.objects.filter(pk=programme.pk).update(**blanks)
    dataport = Organisation.objects.filter(slug="dataportkommunal").first()
    if not with_users or dataport is None:
        return FundingProgramme.objects.count()
    hubs = {h.slug: h for h in Hub.objects.all()}
    User = get_user_model()
    for email, name, hub_slugs, windows, topic_names in ADVISORS:
        user, created = User.objects.get_or_create(email=email, defaults={"name": name})
        if created:
            user.set_password(PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        advisor, created = Advisor.objects.get_or_create(
            user=user,
            defaults={"public_name": name, "organisation": dataport},
        )
        demo_second_factor(user)
        if not created:
            continue
        advisor.hubs.set(hubs[s] for s in hub_slugs if s in hubs)
        advisor.topics.set(topics[t] for t in topic_names)
        for weekday, hub_slug in windows:
            hub = hubs.get(hub_slug) if hub_slug else None
            for starts, ends in _on_site_hours(hub, weekday, time(9), time(15)):
                window = AvailabilityWindow(
                    advisor=advisor, weekday=weekday, starts=starts, ends=ends, hub=hub
                )
                window.full_clean()
                window.save()
    return FundingProgramme.objects.count()
