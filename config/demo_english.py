"""English texts for the demo content (`manage.py seed_demo`), keyed by the German.

Only some fields get English: the hub descriptions, for one, stay German, so the
demo shows both an English page and the German fallback marked lang="de"."""

from django.db.models import Q

from events.models import Event, EventSeries
from funding.models import FundingProgramme, Topic
from hubs.models import FocusTheme, Hub, OpeningException, StaffPresence

ENGLISH = {
    # hubs
    "Der erste Digital Hub Niedersachsens, in einem ehemaligen Restaurant am Eingang der "
    "Sparkassenpassage.": "The first Digital Hub in Lower Saxony, in a former restaurant at "
    "the entrance of the Sparkassenpassage.",
    "Einer der fünf Digital Hubs in Schleswig-Holstein, gestartet, getragen und betrieben "
    "von dataport.kommunal.": "One of the five Digital Hubs in Schleswig-Holstein, started, "
    "funded and run by dataport.kommunal.",
    "Gemeinsamer Hub der Stadt Oldenburg i. H., der Gemeinde Malente und des Amtes Lensahn "
    "mit dataport.kommunal: Co-Working, Beratung, digitale Showrooms.": "A joint hub of the "
    "town of Oldenburg i. H., the municipality of Malente and the Amt Lensahn with "
    "dataport.kommunal: co-working, advice, digital showrooms.",
    "Betriebsferien zwischen den Jahren (Demo)": "Closed between Christmas and New Year (demo)",
    "Fragen, Anregungen, Ideen": "Questions, suggestions, ideas",
    "Fördermittelberatung und IT-Support (Zeiten: Demo)": "Funding advice and IT support "
    "(times: demo)",
    "Schulungen und Beratung (Demo)": "Trainings and advice (demo)",
    "Schulungen und Beratung, u. a. zu Förderanträgen (Uhrzeit: Demo)": "Trainings and "
    "advice, among them on funding applications (time: demo)",
    "Außerhalb der Öffnungszeiten nach Vereinbarung. Telefon und E-Mail: Demo-Angaben.": (
        "Outside these hours by appointment. Phone and email: demo details."
    ),
    "Telefon und E-Mail: Demo-Angaben.": "Phone and email: demo details.",
    # focus themes
    "Bessere Wirtschaftsförderung": "Better business development",
    "Digitale Gesundheitsversorgung": "Digital health care",
    "Exzellente digitale Verwaltungsleistungen": "Excellent digital administrative services",
    "Modellregion für die Mobilität der Zukunft": "Model region for the mobility of the future",
    "Referenzstandort Vitale Gemeinschaften": "Reference site for vital communities",
    # funding topics and programmes
    "Breitband": "Broadband",
    "Digitalisierung": "Digitalisation",
    "Ehrenamt und Gemeinschaft": "Volunteering and community",
    "Klimaschutz": "Climate protection",
    "Mobilität": "Mobility",
    "Wirtschaftsförderung": "Business development",
    "Online-Dienste und OZG": "Online services (OZG)",
    "IT-Sicherheit in der Verwaltung": "IT security in public administration",
    "Arbeitsplatz-IT": "Workplace IT",
    "Förderprogramm Digitale Dorfmitte (Demo)": "Digital Village Centre programme (demo)",
    "Zuschuss für digitale Treffpunkte und Services im ländlichen Raum.": "Grants for digital "
    "meeting places and services in rural areas.",
    "Bundesprogramm Smarte Mobilität auf dem Land (Demo)": "Federal programme Smart Rural "
    "Mobility (demo)",
    "Pilotprojekte für Rufbusse, Mitfahrbänke und Sharing-Angebote.": "Pilot projects for "
    "on-demand buses, ride-sharing benches and sharing schemes.",
    # events
    "Themenabend im EIN.Lebens.raum": "Theme evening at EIN.Lebens.raum",
    "Einmal im Monat ein Smart-City-Thema zum Mitreden: Projekte vorstellen, ausprobieren, "
    "Ideen sammeln (Termin und Uhrzeit: Demo).": "Once a month a smart-city topic to join in "
    "on: projects presented, tried out, ideas collected (date and time: demo).",
    "Sprechstunde Fördermittelberatung": "Funding advice drop-in",
    "Fragen zu Förderprogrammen und Anträgen? dataport.kommunal berät donnerstags vor Ort, "
    "ohne Anmeldung (Uhrzeit: Demo).": "Questions about funding programmes and applications? "
    "dataport.kommunal advises on site on Thursdays, no registration needed (time: demo).",
    "Schulung: Digitale Daseinsvorsorge für Verwaltungsbeschäftigte": "Training: digital "
    "public services for municipal staff",
    "Schulung: Online-Dienste der Verwaltung in der Praxis": "Training: online public "
    "services in practice",
    "Digitale Führung: Kulturstätten in 3D": "Digital tour: cultural sites in 3D",
    "Eröffnung des Digital Hub Oldenburg i. H.": "Opening of the Digital Hub Oldenburg i. H.",
    "Livestream: Sitzung der Stadtvertretung": "Livestream: town council meeting",
    "Die Sitzung wird live übertragen; im Hub kann man gemeinsam zuschauen (Demo-Termin).": (
        "The meeting is streamed live; you can watch it together at the hub (demo date)."
    ),
    "Werkstatt: Mobilität der Zukunft": "Workshop: the mobility of the future",
    "Workshop: Digitale Wirtschaftsförderung": "Workshop: digital business development",
    "Workshop: Digitale Gesundheitsversorgung im ländlichen Raum": "Workshop: digital health "
    "care in rural areas",
    "Ideen sammeln und ausprobieren, mit dataport.kommunal (Demo-Termin).": "Collect ideas "
    "and try things out, with dataport.kommunal (demo date).",
}


def fill_english() -> int:
    """Writes the English text wherever a demo German text has none yet; returns how
    many fields it filled. Staff's own English texts are never overwritten."""
    targets = [
        (Hub, ["short_description", "hours_note"]),
        (StaffPresence, ["purpose"]),
        (OpeningException, ["reason"]),
        (FocusTheme, ["name"]),
        (Topic, ["name"]),
        (FundingProgramme, ["name", "summary"]),
        (EventSeries, ["title", "summary"]),
        (Event, ["title", "summary"]),
    ]
    filled = 0
    for model, fields in targets:
        for field in fields:
            german, english = f"{field}_de", f"{field}_en"
            # Only texts that fit the column: PostgreSQL refuses a longer value in an
            # UPDATE even where no row matches.
            limit = model._meta.get_field(english).max_length or 10**6
            fitting = [de for de, en in ENGLISH.items() if max(len(de), len(en)) <= limit]
            unwritten = Q(**{f"{english}__isnull": True}) | Q(**{english: ""})
            rows = model.objects.filter(unwritten, **{f"{german}__in": fitting})
            # One read per field, then one update per German text that occurs.
            pks: dict[str, list[int]] = {}
            for pk, text in rows.values_list("pk", german):
                pks.setdefault(text, []).append(pk)
            for text, ids in pks.items():
                filled += model.objects.filter(pk__in=ids).update(**{english: ENGLISH[text]})
    return filled
