"""Entries written before the trail masked support needs and named rows neutrally: mask
the personal and health values they hold and replace the person's name in
object_repr by the row's kind and number (issue 27). Frozen here: the fields as they
were masked when this ran."""

from django.db import migrations

PERSONAL = {"name", "email", "phone"}
MASKED = {
    ("coworking", "booking"): PERSONAL,
    ("events", "registration"): PERSONAL | {"access_needs", "access_note"},
    ("funding", "appointment"): PERSONAL,
}
KIND = {
    ("coworking", "booking"): "Buchung",
    ("events", "registration"): "Anmeldung",
    ("funding", "appointment"): "Termin",
}


def scrub(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    for (app_label, model), fields in MASKED.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is None:
            continue
        entries = LogEntry.objects.filter(content_type=content_type)
        for entry in entries.iterator(chunk_size=500):
            changes = entry.changes or {}
            for field in fields & set(changes):
                values = changes[field]
                if isinstance(values, list):
                    changes[field] = ["•••" if v not in (None, "", "None") else v for v in values]
            entry.changes = changes
            entry.object_repr = f"{KIND[(app_label, model)]} {entry.object_pk}"
            entry.serialized_data = None
            entry.save(update_fields=["changes", "object_repr", "serialized_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_organisation"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(scrub, migrations.RunPython.noop)]
