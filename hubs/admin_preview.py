"""Preview before saving: staff see what a change to hours or closures does first.

A ModelAdmin whose rows shape a hub's calendar (schedules, closures, the hub page with
its closures) mixes in CalendarPreviewMixin. Saving then happens in two steps:

1. "Save" (or "Yes, delete") runs the admin's normal save inside a transaction,
   reads the hub's days before and after (hubs/calendar_changes.py), rolls
   everything back and shows the preview: the next 28 days with each changed day
   marked, and every event, booking or appointment the change hits, each asking
   what should happen to it.
2. "Confirm and save" posts the same form again with the decisions; the change is
   saved and the decisions carried out in one transaction. A missing decision or a
   refused move shows the preview again with the message next to the item.

Form errors never reach the preview: the admin's own form page shows them as usual.
"""

from django.contrib import messages
from django.db import router, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hubportal.errors import DomainError
from hubportal.timeranges import LOCAL_TZ

from .calendar_changes import calendar_change, calendars, decisions_read, hits_resolve

CONFIRM = "_calendar_confirmed"


class CalendarPreviewMixin:
    preview_template = "admin/calendar_preview.html"
    # False: a save that changes no day and hits nothing goes through without preview
    # (the hub page, where most edits are about texts).
    always_preview = True
    preview_deletes = True  # False where deleting takes the hub itself away

    def hubs_changed(self, obj) -> list:
        """The hubs whose calendar the saved object shapes: its hub, and the one it
        had before when the form moves it to another."""
        hubs = [obj.hub]
        if obj.pk:
            earlier = type(obj).objects.filter(pk=obj.pk).values_list("hub", flat=True).first()
            if earlier and earlier != obj.hub_id:
                hubs.append(type(obj.hub).objects.get(pk=earlier))
        return hubs

    def calendars_before(self, request, obj) -> None:
        """Read the hub's days as they are, once, before anything is written (an admin
        that writes more than its object calls this first)."""
        state = getattr(request, "_calendar_change", None)
        if state is not None and "before" not in state:
            today = timezone.now().astimezone(LOCAL_TZ).date()
            hubs = [h for h in self.hubs_changed(obj) if h is not None and h.pk]
            state["hubs"] = hubs
            state["before"] = [calendars(h.pk, today) for h in hubs]
            state["first"] = today

    def save_model(self, request, obj, form, change):
        self.calendars_before(request, obj)
        super().save_model(request, obj, form, change)

    def message_user(self, request, *args, **kwargs):
        # Held back until the change is really saved ("… was added successfully").
        state = getattr(request, "_calendar_change", None)
        if state is None or state.get("saved"):
            super().message_user(request, *args, **kwargs)
        else:
            state.setdefault("messages", []).append((args, kwargs))

    def _saved(self, request) -> None:
        state = request._calendar_change
        state["saved"] = True
        for args, kwargs in state.get("messages", []):
            self.message_user(request, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        def run():
            parent = super(CalendarPreviewMixin, self)
            return parent.changeform_view(request, object_id, form_url, extra_context)

        if request.method != "POST" or "_saveasnew" in request.POST:
            return run()
        return self._previewed(request, run)

    def delete_view(self, request, object_id, extra_context=None):
        def run():
            return super(CalendarPreviewMixin, self).delete_view(request, object_id, extra_context)

        if not self.preview_deletes or request.method != "POST" or "post" not in request.POST:
            return run()
        return self._previewed(request, run)

    def delete_model(self, request, obj):
        self.calendars_before(request, obj)
        super().delete_model(request, obj)

    def get_actions(self, request):
        # Deleting goes through the delete page and its preview, one row at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def _previewed(self, request, run):
        """Run the admin's own save (or delete) as a dry run or, confirmed, for real."""
        state = request._calendar_change = {"dry_run": CONFIRM not in request.POST}
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = run()
            if "before" not in state:  # the form had errors: nothing was saved
                return response
            changes = [
                calendar_change(hub, before, calendars(hub.pk, state["first"]))
                for hub, before in zip(state["hubs"], state["before"], strict=True)
            ]
            hits = [hit for change in changes for hit in change.hits]
            if state["dry_run"]:
                if not self.always_preview and not any(c.changed_days or c.hits for c in changes):
                    self._saved(request)
                    return response
                return self._rolled_back(self._preview(request, changes, {}))
            decisions, errors = decisions_read(request.POST, hits)
            if not errors:
                try:
                    done = hits_resolve(hits, decisions)
                except DomainError as error:
                    errors = {error.field: error.message}
            if errors:
                return self._rolled_back(self._preview(request, changes, errors))
        self._saved(request)
        self._report(request, done)
        return response

    @staticmethod
    def _rolled_back(response):
        """Render while the change is still visible, then undo it."""
        response.render()
        transaction.set_rollback(True)
        return response

    def _report(self, request, done) -> None:
        parts = []
        if done["cancel"]:
            parts.append(
                ngettext(
                    "%(n)d item cancelled, everyone affected is notified",
                    "%(n)d items cancelled, everyone affected is notified",
                    done["cancel"],
                )
                % {"n": done["cancel"]}
            )
        if done["move"]:
            parts.append(
                ngettext("%(n)d event moved", "%(n)d events moved", done["move"])
                % {"n": done["move"]}
            )
        if done["keep"]:
            parts.append(
                ngettext("%(n)d item kept on purpose", "%(n)d items kept on purpose", done["keep"])
                % {"n": done["keep"]}
            )
        if parts:
            self.message_user(request, "; ".join(parts) + ".", messages.SUCCESS)

    def _preview(self, request, changes, errors) -> TemplateResponse:
        posted = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            and name != CONFIRM
            and not name.startswith(("hit-", "move-"))
            for value in values
        ]
        return TemplateResponse(
            request,
            self.preview_template,
            {
                **self.admin_site.each_context(request),
                "title": _("Check the change before saving"),
                "opts": self.model._meta,
                "changes": changes,
                "posted": posted,
                "chosen": {k: v for k, v in request.POST.items() if k.startswith("hit-")},
                "moves": {k: v for k, v in request.POST.items() if k.startswith("move-")},
                "errors": errors,
                "confirm_name": CONFIRM,
                "back_url": request.get_full_path(),
            },
        )
