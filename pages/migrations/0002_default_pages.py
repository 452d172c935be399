"""The four pages with a first text; staff edit them in the admin. Contacts marked
"(Demo)" must be replaced by the operator's real ones before going live."""

from django.db import migrations

PAGES = {
    "accessibility": (
        "Erklärung zur Barrierefreiheit",
        """Die Digital Hubs von dataport.kommunal und den beteiligten Kommunen sind bemüht, dieses Portal im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und der europäischen Norm EN 301 549, also den Erfolgskriterien der WCAG 2.1 auf Stufe AA, barrierefrei zugänglich zu machen.

Stand der Vereinbarkeit: Das Portal ist nach unserer eigenen Prüfung weitgehend vereinbar mit der BITV 2.0. Jede Seite wird bei jeder Änderung automatisch mit axe-core geprüft und mit der Tastatur allein durchlaufen; die Gestaltung folgt dem KERN-UX-Standard.

Nicht barrierefreie Inhalte: Hochgeladene Fotos von Beraterinnen und Beratern haben keinen beschreibenden Alternativtext, weil sie nur schmücken; Name und Funktion stehen immer als Text daneben.

Diese Erklärung wurde am 21. November 2026 erstellt und beruht auf einer Selbstbewertung.

Feedback und Kontakt: Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Schreiben Sie uns an barrierefreiheit@digital-hubs.example oder rufen Sie an: 0431 000000 (Demo). Wir antworten innerhalb von zwei Wochen.

Durchsetzungsverfahren: Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie sich an die Durchsetzungsstelle Ihres Landes wenden, in Schleswig-Holstein an die Beschwerdestelle für barrierefreie Informationstechnik beim Landesbeauftragten für Menschen mit Behinderung, in Niedersachsen an die Durchsetzungsstelle bei der Landesbeauftragten für Menschen mit Behinderungen.""",
        "Accessibility statement",
        """The Digital Hubs of dataport.kommunal and the towns involved strive to make this portal accessible in line with the German accessibility regulation (BITV 2.0) and the European standard EN 301 549, that is the success criteria of WCAG 2.1 at level AA.

Compliance status: by our own assessment the portal is largely compliant. Every page is checked automatically with axe-core on every change and walked through with the keyboard alone; the design follows the KERN UX standard.

Content that is not accessible: advisors' photos have no descriptive text because they are decorative; name and role are always written next to them.

This statement was prepared on 21 November 2026 by self-assessment.

Feedback and contact: have you found a barrier? Write to barrierefreiheit@digital-hubs.example or call 0431 000000 (demo). We answer within two weeks.

Enforcement: if you do not receive a satisfactory answer, you can turn to the enforcement body of your federal state.""",
    ),
    "imprint": (
        "Impressum",
        """Anbieter dieses Portals (Demo-Angaben):
dataport.kommunal – ein Bereich von Dataport, Anstalt des öffentlichen Rechts
Altenholzer Straße 10–14, 24161 Altenholz (Demo)
E-Mail: digital-hubs@digital-hubs.example (Demo)

Dataport ist eine Anstalt des öffentlichen Rechts. Träger sind die Länder Bremen, Hamburg, Mecklenburg-Vorpommern, Niedersachsen, Sachsen-Anhalt und Schleswig-Holstein sowie der kommunale IT-Verbund Schleswig-Holstein.

Die Inhalte der einzelnen Hubs verantworten die jeweiligen Kommunen gemeinsam mit dataport.kommunal.""",
        "Legal notice",
        """Provider of this portal (demo details):
dataport.kommunal – a division of Dataport, a public-law institution
Altenholzer Straße 10–14, 24161 Altenholz (demo)
Email: digital-hubs@digital-hubs.example (demo)

Dataport is owned by the states of Bremen, Hamburg, Mecklenburg-Western Pomerania, Lower Saxony, Saxony-Anhalt and Schleswig-Holstein and by the municipal IT association of Schleswig-Holstein.

The content of each hub is the responsibility of its town together with dataport.kommunal.""",
    ),
    "privacy": (
        "Datenschutzerklärung",
        """Wir verarbeiten nur die Daten, die für Ihre Anmeldung, Buchung oder Beratung nötig sind: Name, E-Mail-Adresse, auf Wunsch Telefonnummer und Organisation, und die Angaben zu Ihrem Anliegen.

Ihre Frage an die Fördermittelberatung sehen nur die Beraterin oder der Berater und das Personal des Hubs, in dem der Termin stattfindet. Private Notizen der Beratung sehen Sie nicht.

E-Mails: Wir schicken Bestätigungen und Erinnerungen. Erinnerungen können Sie unter „Mein Konto“ abschalten.

Dieses Portal lädt keine Schriften, Skripte oder Dienste von fremden Servern und setzt keine Tracking-Cookies. Es verwendet nur die technisch nötigen Cookies für Anmeldung, Sprache und den Schutz von Formularen.

Ihre Rechte: Auskunft, Berichtigung, Löschung, Einschränkung und Widerspruch. Kontakt zum Datenschutz: datenschutz@digital-hubs.example (Demo).""",
        "Privacy notice",
        """We process only the data needed for your registration, booking or consultation: name, email address, if you like phone number and organisation, and what you tell us about your request.

Your question to the funding advice is seen only by the advisor and the staff of the hub where the appointment takes place. You do not see the advisor's private notes.

Emails: we send confirmations and reminders. You can turn reminders off under "My account".

This portal loads no fonts, scripts or services from other servers and sets no tracking cookies; only the cookies needed for login, language and form protection.

Your rights: access, correction, deletion, restriction and objection. Data protection contact: datenschutz@digital-hubs.example (demo).""",
    ),
    "plain-language": (
        "Leichte Sprache",
        """Das ist das Portal der Digital Hubs.

Ein Digital Hub ist ein Ort in Ihrer Stadt. Dort können Sie digitale Dinge ausprobieren. Sie können Fragen stellen. Menschen helfen Ihnen.

Auf dieser Seite finden Sie:

Wann ein Hub offen ist.

Wer heute im Hub ist.

Veranstaltungen. Zum Beispiel einen Themen-Abend. Sie können sich für eine Veranstaltung anmelden.

Einen Arbeits-Platz. Den können Sie für ein paar Stunden buchen.

Eine Beratung zu Förder-Geld. Für Gemeinden, Firmen und Vereine.

Sie haben kein Konto oder keine E-Mail? Rufen Sie den Hub an oder gehen Sie hin. Die Menschen dort melden Sie an.""",
        "Plain language",
        """This is the portal of the Digital Hubs.

A Digital Hub is a place in your town. There you can try out digital things. You can ask questions. People help you.

On this website you find:

When a hub is open.

Who is at the hub today.

Events. For example a themed evening. You can sign up for an event.

A desk. You can book it for a few hours.

Advice on funding. For towns, firms and clubs.

You have no account or no email? Call the hub or go there. The people there sign you up.""",
    ),
}


def create(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for slug, (title_de, body_de, title_en, body_en) in PAGES.items():
        Page.objects.get_or_create(slug=slug, defaults={
            "title_de": title_de, "body_de": body_de, "title_en": title_en, "body_en": body_en})


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
