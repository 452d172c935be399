"""The POST a staff member's browser sends from the week editor (ScheduleAdmin)."""

from hubs.models import Schedule


def schedule_post(
    hub,
    *,
    name="Winterzeiten",
    kind="opening",
    valid_from="",
    valid_until="",
    intervals=(),
    presences=(),
    ends_previous=False,
    instance: Schedule | None = None,
    confirm=False,
    **extra,
) -> dict:
    """`intervals`: (weekday, "09:00", "13:00"); `presences`: (organisation pk, weekday,
    starts, ends, purpose). Editing `instance` replaces its rows by these (the existing
    ones are sent marked for deletion, as the admin does when staff tick "delete")."""
    data = {
        "hub": hub.pk,
        "kind": kind,
        "name": name,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "_save": "Sichern",
        **extra,
    }
    if ends_previous:
        data["ends_previous"] = "on"
    if confirm:
        data["_calendar_confirmed"] = "1"
    old_intervals = list(instance.intervals.all()) if instance else []
    old_presences = list(instance.presences.all()) if instance else []
    rows = [
        (
            {
                "id": o.pk,
                "DELETE": "on",
                "weekday": o.weekday,
                "opens": f"{o.opens:%H:%M}",
                "closes": f"{o.closes:%H:%M}",
            }
        )
        for o in old_intervals
    ]
    rows += [{"weekday": w, "opens": a, "closes": b} for w, a, b in intervals]
    _formset(data, "intervals", rows, len(old_intervals), instance)
    rows = [
        (
            {
                "id": p.pk,
                "DELETE": "on",
                "organisation": p.organisation_id,
                "weekday": p.weekday,
                "starts": f"{p.starts:%H:%M}",
                "ends": f"{p.ends:%H:%M}",
                "purpose_de": p.purpose,
            }
        )
        for p in old_presences
    ]
    rows += [
        {"organisation": o, "weekday": w, "starts": a, "ends": b, "purpose_de": purpose}
        for o, w, a, b, purpose in presences
    ]
    _formset(data, "presences", rows, len(old_presences), instance)
    return data


def _formset(data, prefix, rows, initial, instance):
    data[f"{prefix}-TOTAL_FORMS"] = len(rows)
    data[f"{prefix}-INITIAL_FORMS"] = initial
    data[f"{prefix}-MIN_NUM_FORMS"] = 0
    data[f"{prefix}-MAX_NUM_FORMS"] = 1000
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{n}-{key}"] = value
        if instance is not None:
            data[f"{prefix}-{n}-schedule"] = instance.pk
