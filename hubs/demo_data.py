"""Demo data for the five hubs, from shared/HUB_FACTS.md.

Known facts are used as they are; every value we had to make up is marked "(Demo)"
in the text the public sees. Loaded by `manage.py seed_demo`.
"""

from datetime import date, time

ORGANISATIONS = [
    (
        "dataport.kommunal",
        "https://www.dataport.de",
        "Der kommunale Bereich von Dataport, der Anstalt öffentlichen Rechts für die IT "
        "der öffentlichen Verwaltung.",
    ),
    (
        "Smart-City-Team Einbeck",
        "https://www.einbeck.de/smartcity",
        "Das Smart-City-Projekt der Stadt Einbeck, eine von 28 Modellkommunen Smart Cities.",
    ),
    ("Stadt Oldenburg in Holstein", "", ""),
    ("Gemeinde Malente", "", ""),
    ("Amt Lensahn", "", ""),
]

THEMES = [
    ("Smart City", "Einbeck ist Modellkommune Smart Cities des Bundes."),
    ("Exzellente digitale Verwaltungsleistungen", ""),
    ("Bessere Wirtschaftsförderung", ""),
    ("Modellregion für die Mobilität der Zukunft", ""),
    ("Digitale Gesundheitsversorgung", ""),
    (
        "Referenzstandort Vitale Gemeinschaften",
        "Bürgerbörse, Ehrenamtsportal und ein Marktplatz für regionale Produkte.",
    ),
]

MON, TUE, WED, THU, FRI = range(5)

HUBS = [
    {
        "slug": "einbeck",
        "name": "EIN.Lebens.raum – Digital Hub Einbeck",
        "town": "Einbeck",
        "state": "NI",
        "street": "Marktplatz 16",
        "postal_code": "37574",
        "latitude": "51.819700",
        "longitude": "9.868300",
        "short_description": "Der erste Digital Hub Niedersachsens, in einem ehemaligen "
        "Restaurant am Eingang der Sparkassenpassage.",
        "description": "Die Stadt Einbeck betreibt den Hub mit ihrem Smart-City-Projekt "
        "gemeinsam mit dataport.kommunal. Das vierköpfige Smart-City-Team hat hier seine "
        "Arbeitsplätze. Geplant sind monatliche Themenabende und längere Öffnungszeiten.\n\n"
        "Einbeck ist eine von 28 Modellkommunen Smart Cities des Bundes (17,5 Mio. Euro über "
        "fünf Jahre) mit den Teilprojekten Ein(beck) Labor, Denkmal Musterhaus, "
        "Stoebern@einbeck und Digitales Facility Management.",
        # Phone numbers come from the range the Bundesnetzagentur keeps free for film and
        # fiction (040 66969 xxx); addresses at hubs.example reach nobody.
        # The town's website may frame the hub's widget (hubs/widget.html).
        "widget_origins": "https://www.einbeck.de",
        "email": "einbeck@hubs.example",
        "phone": "040 66969 101",
        "website": "https://www.einbeck.de/smartcity",
        "hours_note": "Außerhalb der Öffnungszeiten nach Vereinbarung. Telefon und E-Mail: "
        "Demo-Angaben.",
        "access_entrance": "Ebenerdiger Eingang von der Sparkassenpassage, Tür 90 cm breit (Demo).",
        "access_toilet": "Rollstuhlgerechtes WC in der Sparkassenpassage (Demo).",
        "access_parking": "Parkplätze am Marktplatz und in der Tiedexer Straße, ein "
        "Behindertenparkplatz vor der Passage (Demo).",
        "access_transport": "Bushaltestelle Marktplatz, 2 Minuten zu Fuß (Demo).",
        "partners": ["Smart-City-Team Einbeck", "dataport.kommunal"],
        "themes": ["Smart City", "Exzellente digitale Verwaltungsleistungen"],
        # Open while a team is on site; the longer hours from 2027 are a demo value.
        # Each schedule: (name, valid from, valid until, [(weekday, opens, closes)]);
        # "presence" is part of every schedule of the hub.
        "schedules": [
            (
                "Regelzeiten",
                None,
                date(2027, 1, 3),
                [(d, time(9), time(13)) for d in (MON, TUE, WED, THU)],
            ),
            (
                "Ab 2027",
                date(2027, 1, 4),
                None,
                [(d, time(9), time(17)) for d in (MON, TUE, WED, THU, FRI)],
            ),
        ],
        "presence": [
            ("Smart-City-Team Einbeck", d, time(9), time(13), "Fragen, Anregungen, Ideen")
            for d in (MON, WED)
        ]
        + [
            (
                "dataport.kommunal",
                d,
                time(9),
                time(13),
                "Schulungen und Beratung, u. a. zu Förderanträgen (Uhrzeit: Demo)",
            )
            for d in (TUE, THU)
        ],
        "exceptions": [
            (
                "closed",
                date(2026, 12, 28),
                date(2026, 12, 31),
                None,
                None,
                "Betriebsferien zwischen den Jahren (Demo)",
            ),
        ],
    },
    {
        "slug": "oldenburg-in-holstein",
        "name": "Digital Hub Oldenburg in Holstein",
        "town": "Oldenburg in Holstein",
        "state": "SH",
        "street": "Markt 1 (Demo-Adresse)",
        "postal_code": "23758",
        "latitude": "54.292200",
        "longitude": "10.886700",
        "short_description": "Gemeinsamer Hub der Stadt Oldenburg i. H., der Gemeinde Malente "
        "und des Amtes Lensahn mit dataport.kommunal: Co-Working, Beratung, digitale Showrooms.",
        "description": "Am 25. Oktober 2021 vereinbart, Eröffnung Januar 2022. "
        "Angebote: Fördermittelberatung, IT-Support, Schulungen für Verwaltungsbeschäftigte, "
        "ein Co-Working-Space für Verwaltung, Start-ups und örtliche Betriebe sowie digitale "
        "Showrooms: digitale Führungen durch Kulturstätten, kostenlose 3D-Scans von "
        "Kulturgütern und Livestreams kommunaler Veranstaltungen. Zum Start fünf Arbeitsplätze "
        "für dataport-Beschäftigte. Schwerpunkt: Vitale Gemeinschaften.",
        "email": "oldenburg@hubs.example",
        "phone": "040 66969 102",
        "website": "",
        "hours_note": "Der Co-Working-Space hat eigene Zeiten (siehe Co-Working). Telefon und "
        "E-Mail: Demo-Angaben.",
        "access_entrance": "Stufenloser Zugang über eine Rampe an der Hofseite, Aufzug ins "
        "Obergeschoss (Demo).",
        "access_toilet": "Rollstuhlgerechtes WC im Erdgeschoss (Demo).",
        "access_parking": "Öffentliche Parkplätze am Markt, zwei Behindertenparkplätze am "
        "Gebäude (Demo).",
        "access_transport": "Bushaltestelle Oldenburg Markt, 3 Minuten zu Fuß; Bahnhof "
        "Oldenburg (Holst), 15 Minuten zu Fuß (Demo).",
        "partners": [
            "Stadt Oldenburg in Holstein",
            "Gemeinde Malente",
            "Amt Lensahn",
            "dataport.kommunal",
        ],
        "themes": ["Referenzstandort Vitale Gemeinschaften"],
        "schedules": [
            (
                "Regelzeiten",
                None,
                None,
                [(d, time(8), time(16)) for d in (MON, TUE, WED, THU)] + [(FRI, time(8), time(13))],
            )
        ],
        "presence": [
            (
                "dataport.kommunal",
                d,
                time(9),
                time(15),
                "Fördermittelberatung und IT-Support (Zeiten: Demo)",
            )
            for d in (TUE, THU)
        ],
        "exceptions": [],
    },
]

for number, (slug, town, lat, lon, postal, street, themes) in enumerate(
    [
        (
            "hennstedt",
            "Hennstedt",
            "54.290300",
            "9.169400",
            "25779",
            "Kirchspielsweg 1 (Demo-Adresse)",
            ["Exzellente digitale Verwaltungsleistungen", "Digitale Gesundheitsversorgung"],
        ),
        (
            "wilster",
            "Wilster",
            "53.922900",
            "9.375700",
            "25554",
            "Markt 1 (Demo-Adresse)",
            ["Bessere Wirtschaftsförderung"],
        ),
        (
            "rendsburg",
            "Rendsburg",
            "54.303600",
            "9.663100",
            "24768",
            "Altstädter Markt 1 (Demo-Adresse)",
            ["Modellregion für die Mobilität der Zukunft", "Bessere Wirtschaftsförderung"],
        ),
    ],
    start=103,
):
    HUBS.append(
        {
            "slug": slug,
            "name": f"Digital Hub {town}",
            "town": town,
            "state": "SH",
            "street": street,
            "postal_code": postal,
            "latitude": lat,
            "longitude": lon,
            "short_description": "Einer der fünf Digital Hubs in Schleswig-Holstein, "
            "gestartet, getragen und betrieben von dataport.kommunal.",
            "description": f"{town} hat vor Oldenburg i. H. eine Absichtserklärung für einen "
            "Digital Hub unterzeichnet. Jeder Hub wählt eigene Schwerpunkte; die hier "
            "genannten sind eine Demo-Zuordnung.",
            "email": f"{slug}@hubs.example",
            "phone": f"040 66969 {number}",
            "website": "",
            "hours_note": "Telefon und E-Mail: Demo-Angaben.",
            "access_entrance": "Stufenloser Eingang (Demo).",
            "access_toilet": "Rollstuhlgerechtes WC im Haus (Demo).",
            "access_parking": "Parkplätze vor dem Gebäude (Demo).",
            "access_transport": f"Bushaltestelle im Ortskern von {town}, wenige Minuten zu "
            "Fuß (Demo).",
            "partners": ["dataport.kommunal"],
            "themes": themes,
            "schedules": [
                ("Regelzeiten", None, None, [(d, time(9), time(15)) for d in (TUE, WED, THU)])
            ],
            "presence": [
                ("dataport.kommunal", WED, time(9), time(15), "Schulungen und Beratung (Demo)"),
            ],
            "exceptions": [],
        }
    )

PASSWORD = "hubs-demo-2026"
# Demo staff, advisors and the superuser log in with a second factor, as real ones must:
# add this key to an authenticator app, or run `manage.py demo_totp` for the code.
TOTP_SECRET = "DEMOHUBSDEMOHUBSDEMOHUBSDEMOHUBS"

# (email, name, role, hub slugs)
USERS = [
    ("admin@demo.example", "Ada Admin", "superuser", []),
    ("buerger@demo.example", "Bea Bürger", "citizen", []),
    ("team-einbeck@demo.example", "Erik Einbeck", "hub staff", ["einbeck"]),
    ("team-oldenburg@demo.example", "Olga Oldenburg", "hub staff", ["oldenburg-in-holstein"]),
    ("beratung@demo.example", "Dana Dataport", "advisor (Einbeck, Oldenburg i. H.)", []),
    ("beratung2@demo.example", "Malte Mittel", "advisor (Oldenburg i. H.)", []),
    ("it-support@demo.example", "Ida Informatik", "IT advisor (Oldenburg i. H.)", []),
]
