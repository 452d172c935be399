"""The audit trail: who changed which booking, registration, appointment, event,
closure and week of hours, and when (django-auditlog, models listed in settings
AUDITLOG_INCLUDE_TRACKING_MODELS; names, emails and phones are masked there).

Staff read it on the object's own admin page ("Changes"), so they see exactly the
trail of what their hub scoping lets them open; superusers also have the whole log.
Rows of a week or a hub (intervals, closures) carry their parent's id
(`get_additional_data` on those models), so the parent's page lists them, deleted
ones included."""

import re
from collections.abc import Iterable
from functools import cache

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hubportal.dates import local_format

ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("created"),
    LogEntry.Action.UPDATE: gettext_lazy("changed"),
    LogEntry.Action.DELETE: gettext_lazy("deleted"),
}


def trail(obj, children=()) -> list[LogEntry]:
    """The entries of `obj` and of its `children`: (model, key in additional_data)."""
    own = Q(content_type=ContentType.objects.get_for_model(obj), object_pk=str(obj.pk))
    for model, key in children:
        own |= Q(
            content_type=ContentType.objects.get_for_model(model),
            **{f"additional_data__{key}": obj.pk},
        )
    entries = LogEntry.objects.filter(own).select_related("actor", "content_type")
    return list(entries.order_by("-timestamp")[:200])


MASKED = "•••"


def mask(value: str) -> str:
    """Names, emails, phone numbers and support needs never enter the trail (settings)."""
    return MASKED if value else ""


@cache
def masked_fields() -> dict[str, frozenset[str]]:
    """ "app_label.model" → the fields the trail masks, for models holding personal data."""
    return {
        entry["model"]: frozenset(entry["mask_fields"])
        for entry in settings.AUDITLOG_INCLUDE_TRACKING_MODELS
        if entry.get("mask_fields")
    }


def neutral_repr(entry: LogEntry) -> str:
    """How the trail names a row that holds personal data: its kind and number
    ("Anmeldung 17"), never the person's name."""
    return f"{entry.content_type.model_class()._meta.verbose_name} {entry.object_pk}"


def keep_names_out(sender, instance: LogEntry, **kwargs) -> None:
    """pre_save of every entry: a row with personal data is named neutrally and its
    snapshot (serialized_data) is not kept."""
    if instance.content_type_id is None:
        return
    label = f"{instance.content_type.app_label}.{instance.content_type.model}"
    if label in masked_fields():
        instance.object_repr = neutral_repr(instance)
        instance.serialized_data = None


def _masked_changes(changes: dict, fields: frozenset[str]) -> dict:
    return {
        field: [mask(str(v)) if v not in (None, "", "None") else v for v in values]
        if field in fields and isinstance(values, list)
        else values
        for field, values in (changes or {}).items()
    }


def audit_forget(
    model, pks: Iterable, people: Iterable[str] = (), fields: Iterable[str] = ()
) -> int:
    """The trail of rows being anonymised (sweep, account deletion): the values of the
    `fields` they lose and of their masked fields masked (the account too: the trail
    would otherwise name it), the row named neutrally, and the person's own part in it
    (they as the actor: account, address, client address) removed. `people`: the email
    addresses of the rows' persons. Returns the entries changed."""
    label = model._meta.label_lower
    fields = masked_fields().get(label, frozenset()) | set(fields)
    people = {p.lower() for p in people if p}
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_pk__in=[str(pk) for pk in pks],
    ).select_related("content_type")
    changed = []
    for entry in entries:
        entry.changes = _masked_changes(entry.changes, fields)
        entry.object_repr = neutral_repr(entry)
        entry.serialized_data = None
        if (entry.actor_email or "").lower() in people:
            entry.actor, entry.actor_email, entry.remote_addr = None, None, None
        changed.append(entry)
    forgotten = ["changes", "object_repr", "serialized_data", "actor", "actor_email", "remote_addr"]
    LogEntry.objects.bulk_update(changed, forgotten)
    return len(changed)


def audit_forget_actor(user) -> None:
    """An account is deleted: the trail keeps what was done, not by whom; entries about
    the account itself go."""
    LogEntry.objects.filter(actor=user).update(actor=None, actor_email=None, remote_addr=None)
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user), object_pk=str(user.pk)
    ).delete()


EMPTY = {"", "None", "False"}


# django-auditlog writes a related manager as "<app>.<Model>.None": not a value.
MANAGER = re.compile(r"^\w+\.\w+\.None$")


def _shown(value) -> str:
    """A value as the pages show it: a dash for an empty one (never "None"), yes or
    no for a flag."""
    text = str(value)
    if text in ("", "None"):
        return "–"
    if text in ("True", "False"):
        return str(_("yes") if text == "True" else _("no"))
    return text


def _changes(entry: LogEntry) -> str:
    """Field: old → new. Times are Berlin time (django-auditlog localises datetimes
    to settings.TIME_ZONE), empty values a dash."""
    changed = entry.action == LogEntry.Action.UPDATE
    return "; ".join(
        f"{field}: {_shown(old)} → {_shown(new)}" if changed else f"{field}: {_shown(new)}"
        for field, (old, new) in entry.changes_display_dict.items()
        if (changed or str(new) not in EMPTY) and not MANAGER.match(str(new))
    )


class AuditTrailMixin:
    """Adds "Changes" to an admin's change page: when, who, what, which values."""

    audit_children: tuple = ()

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if f != "audit_trail"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "audit_trail"] if obj is not None else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append((gettext_lazy("Changes"), {"fields": ["audit_trail"]}))
        return fieldsets

    @admin.display(description=gettext_lazy("Who changed what, and when"))
    def audit_trail(self, obj):
        entries = trail(obj, self.audit_children)
        if not entries:
            return _("No changes recorded yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    local_format(timezone.localtime(entry.timestamp), "j.n.Y H:i"),
                    entry.actor.get_full_name() if entry.actor else _("the portal (automatic)"),
                    entry.content_type.model_class()._meta.verbose_name,
                    ACTIONS.get(entry.action, ""),
                    _changes(entry),
                )
                for entry in entries
            ),
        )
        return format_html(
            '<table class="portal-audit"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            _("When"),
            _("Who"),
            _("What"),
            _("Action"),
            _("Values"),
            rows,
        )
