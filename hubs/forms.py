"""Staff forms for a hub's week: the schedule, its intervals and who is on site."""

from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from hubportal.dates import local_format

from .models import Schedule, Weekday


class ScheduleForm(forms.ModelForm):
    ends_previous = forms.BooleanField(
        label=_("End the schedule in force on the day before"),
        required=False,
        help_text=_(
            "For new hours from a date (e.g. winter hours): the schedule that would "
            "overlap ends the day before this one starts. The preview shows the effect."
        ),
    )

    class Meta:
        model = Schedule
        fields = ["hub", "kind", "name", "valid_from", "valid_until"]

    def clean(self):
        data = super().clean()
        data["previous"] = None
        if not data.get("ends_previous") or self.errors:
            return data
        start = data.get("valid_from")
        if start is None:
            self.add_error(
                "valid_from", _("Enter the first day, so the schedule before it can end.")
            )
            return data
        candidate = Schedule(
            pk=self.instance.pk, hub=data.get("hub"), kind=data.get("kind"), valid_from=start
        )
        earlier = [
            s for s in candidate.overlapping() if s.valid_from is None or s.valid_from < start
        ]
        if not earlier:
            return data
        previous, end = earlier[0], data.get("valid_until")
        if end is not None and (previous.valid_until is None or previous.valid_until > end):
            self.add_error(
                "ends_previous",
                _(
                    "“%(name)s” goes on after %(end)s: ending it would leave the days after "
                    "without hours. Leave “valid until” empty, or add the schedule for "
                    "after %(end)s as well."
                )
                % {"name": previous.name, "end": local_format(end, "j.n.Y")},
            )
            return data
        data["previous"] = previous
        self.instance.replaces = previous
        return data


class RowLabelsFormSet(BaseInlineFormSet):
    """A tabular inline's inputs have only a column header to go by, so each gets an
    accessible name ("Öffnet, Zeile 2") for screen readers."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = index + 1 if index is not None else "__prefix__"
        for field in form.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # inside admin wrappers
            widget.attrs["aria-label"] = _("%(field)s, row %(row)s") % {
                "field": field.label,
                "row": row,
            }


class IntervalFormSet(RowLabelsFormSet):
    def week(self) -> dict[int, list[tuple]]:
        """The intervals as entered, merged per weekday: {weekday: [(opens, closes)]}."""
        week = defaultdict(list)
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("DELETE") and data.get("opens") and data.get("closes"):
                week[data["weekday"]].append((data["opens"], data["closes"]))
        merged = {}
        for weekday, spans in week.items():
            spans.sort()
            out = [list(spans[0])]
            for opens, closes in spans[1:]:
                if opens <= out[-1][1]:
                    out[-1][1] = max(out[-1][1], closes)
                else:
                    out.append([opens, closes])
            merged[weekday] = [tuple(s) for s in out]
        return merged


class PresenceFormSet(RowLabelsFormSet):
    """Who is on site must be within the schedule's opening hours of that day."""

    intervals: IntervalFormSet | None = None

    def clean(self):
        super().clean()
        if self.intervals is None or not self.intervals.is_valid():
            return
        week = self.intervals.week()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            complete = data.get("weekday") is not None and data.get("starts") and data.get("ends")
            if not data or data.get("DELETE") or not complete:
                continue  # a field of the row was refused already, beside it
            open_then = week.get(data["weekday"], [])
            if any(o <= data["starts"] and data["ends"] <= c for o, c in open_then):
                continue
            hours = ", ".join(f"{o:%H:%M}–{c:%H:%M}" for o, c in open_then)
            form.add_error(
                "starts",
                ValidationError(
                    _(
                        "Outside the opening hours of %(day)s (%(hours)s). Change the hours "
                        "or the presence."
                    )
                    % {"day": Weekday(data["weekday"]).label, "hours": hours or _("closed")}
                ),
            )
