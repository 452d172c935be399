"""Demo funding advice (`manage.py seed_demo`): two dataport.kommunal advisors serving
Einbeck (Tue + Thu, on the days dataport is on site) and Oldenburg i. H., and a
handful of programmes marked as demo."""

from datetime import date, time

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from hubs.demo_data import PASSWORD
from hubs.models import Hub, Organisation

from .models import Advisor, AvailabilityWindow, FundingProgramme, Topic

TUE, WED, THU = 1, 2, 3
TOPICS = [
    "Digitalisierung",
    "Breitband",
    "Mobilität",
    "Ehrenamt und Gemeinschaft",
    "Klimaschutz",
    "Wirtschaftsförderung",
]
PROGRAMMES = [
    (
        "Förderprogramm Digitale Dorfmitte (Demo)",
        "state",
        "Digitalisierung",
        "Zuschuss für digitale Treffpunkte und Services im ländlichen Raum.",
    ),
    (
        "Europäischer Fonds für regionale Entwicklung – Digitale Verwaltung (Demo)",
        "eu",
        "Digitalisierung",
        "Kofinanzierung von Projekten, die Verwaltungsleistungen online bringen.",
    ),
    (
        "Bundesprogramm Smarte Mobilität auf dem Land (Demo)",
        "federal",
        "Mobilität",
        "Pilotprojekte für Rufbusse, Mitfahrbänke und Sharing-Angebote.",
    ),
    (
        "Ehrenamtsportal-Zuschuss (Demo)",
        "state",
        "Ehrenamt und Gemeinschaft",
        "Anschubfinanzierung für Plattformen, die Engagement und Nachbarschaftshilfe vermitteln.",
    ),
    (
        "Klimaschutz in Kommunen – Beratungsförderung (Demo)",
        "federal",
        "Klimaschutz",
        "Förderung von Konzepten und Beratung für kommunalen Klimaschutz.",
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
]


def seed_funding(*, with_users: bool) -> int:
    topics = {
        name: Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in TOPICS
    }
    for name, funder, topic, summary in PROGRAMMES:
        FundingProgramme.objects.get_or_create(
            name=name,
            defaults={
                "funder": funder,
                "topic": topics[topic],
                "summary": summary,
                "is_demo": True,
                "deadline": date(2027, 6, 30),
            },
        )
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
        if not created:
            continue
        advisor.hubs.set(hubs[s] for s in hub_slugs if s in hubs)
        advisor.topics.set(topics[t] for t in topic_names)
        for weekday, hub_slug in windows:
            AvailabilityWindow.objects.create(
                advisor=advisor,
                weekday=weekday,
                starts=time(9),
                ends=time(15),
                hub=hubs.get(hub_slug) if hub_slug else None,
            )
    return FundingProgramme.objects.count()
