from datetime import timedelta

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hubportal.dates import local_format
from hubportal.params import id_param, moment_param
from hubportal.phones import PhoneField
from hubportal.timeranges import LOCAL_TZ, local_datetime
from hubportal.validators import validate_plain_name
from hubportal.widgets import DateInput, TimeInput

from .models import MemberGroup, MemberProfile
from .selectors import coworking_day, policy_for


class MemberProfileForm(forms.ModelForm):
    class Meta:
        model = MemberProfile
        fields = ["group", "organisation"]
        widgets = {"group": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = MemberGroup.choices  # no pre-selected "---------"
        # "Sie buchen als Unternehmen", not "Ich bin … Unternehmen".
        self.fields["group"].label = _("You book as")


class BookingForm(forms.Form):
    """Choose workspace, day and time (a quick choice or from–until), maybe weekly."""

    QUICK = [
        ("morning", _("Morning")),
        ("afternoon", _("Afternoon")),
        ("day", _("Whole day")),
        ("custom", _("Choose the time")),
    ]
    MODES = [
        ("all", _("All or nothing: book only if every date is free")),
        ("free", _("Book the dates that are free and list the others")),
    ]

    workspace = forms.ModelChoiceField(label=_("Workspace"), queryset=None, empty_label=None)
    date = forms.DateField(label=_("Day"), widget=DateInput())
    quick = forms.ChoiceField(
        label=_("When"), choices=QUICK, initial="morning", widget=forms.RadioSelect
    )
    start_time = forms.TimeField(
        label=_("From"),
        required=False,
        widget=TimeInput(),
        help_text=_("Only for “Choose the time”."),
    )
    end_time = forms.TimeField(
        label=_("Until"),
        required=False,
        widget=TimeInput(),
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)
    weeks = forms.IntegerField(
        label=_("Repeat weekly"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("1 = only this day; up to 12 weeks on the same weekday."),
    )
    mode = forms.ChoiceField(
        label=_("If a date is taken"), choices=MODES, initial="all", widget=forms.RadioSelect
    )

    def __init__(self, *args, hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.hub = hub
        self.fields["workspace"].queryset = hub.workspaces.filter(active=True).order_by(
            "kind", "name"
        )
        policy = policy_for(hub)
        # Weekly repeats only as far ahead as the hub takes bookings.
        weeks = max(1, min(12, policy.horizon_days // 7 + 1))
        field = self.fields["weeks"]
        field.max_value = field.widget.attrs["max"] = weeks
        field.validators = [v for v in field.validators if not isinstance(v, MaxValueValidator)] + [
            MaxValueValidator(weeks)
        ]
        self.fields["weeks"].help_text = _(
            "1 = only this day; up to %(weeks)d weeks on the same weekday (bookings open "
            "%(days)d days ahead)."
        ) % {"weeks": weeks, "days": policy.horizon_days}
        self.horizon_days = policy.horizon_days
        step = policy.slot_minutes * 60
        self.fields["start_time"].widget.attrs["step"] = step
        self.fields["end_time"].widget.attrs["step"] = step

    def _weeks_within_horizon(self, data) -> None:
        """The last repeat must lie within the hub's horizon, counted from today: from
        a later first date fewer weeks are possible, and the form says how many."""
        day, weeks = data.get("date"), data.get("weeks")
        if not day or not weeks or "weeks" not in self.fields:
            return
        last_day = timezone.localdate() + timedelta(days=self.horizon_days)
        possible = max((last_day - day).days // 7 + 1, 1)
        if weeks > possible:
            self.add_error(
                "weeks",
                ngettext(
                    "Bookings open %(days)d days ahead, until %(last)s: from %(first)s "
                    "only this one week.",
                    "Bookings open %(days)d days ahead, until %(last)s: from %(first)s at "
                    "most %(weeks)d weeks.",
                    possible,
                )
                % {
                    "days": self.horizon_days,
                    "last": local_format(last_day, "j.n.Y"),
                    "first": local_format(day, "j.n.Y"),
                    "weeks": possible,
                },
            )

    def clean(self):
        data = super().clean()
        self._weeks_within_horizon(data)
        day, quick = data.get("date"), data.get("quick")
        if not day or not quick:
            return data
        if quick == "custom":
            if not data.get("start_time"):
                self.add_error("start_time", _("Please give the start time."))
            if not data.get("end_time"):
                self.add_error("end_time", _("Please give the end time."))
            if self.errors:
                return data
            data["start"] = local_datetime(day, data["start_time"])
            data["end"] = local_datetime(day, data["end_time"])
            return data
        opened = coworking_day(self.hub, day).ranges
        if not opened:
            self.add_error("date", _("There is no co-working on this day. Please choose another."))
            return data
        midday = local_datetime(day, policy_for(self.hub).midday)
        first, last = opened[0][0], opened[-1][1]
        start, end = {
            "morning": (first, min(midday, last)),
            "afternoon": (max(midday, first), last),
            "day": (first, last),
        }[quick]
        if start >= end:
            self.add_error("quick", _("The hub is not open then. Please choose another time."))
            return data
        data["start"], data["end"] = start, end
        return data

    def field_for_error(self, rule_field: str | None) -> str | None:
        """Where a refused rule's message goes (hubportal.errors.add_to_form): "start"
        is the start time or, for a quick choice, the day; "end" likewise."""
        custom = self.cleaned_data.get("quick") == "custom"
        return {
            "workspace": "workspace",
            "start": "start_time" if custom else "date",
            "end": "end_time" if custom else "quick",
        }.get(rule_field)


class StaffBookingForm(BookingForm):
    """Hub staff book for someone who called or came by, with or without an account."""

    name = forms.CharField(label=_("Name"), max_length=150, validators=[validate_plain_name])
    email = forms.EmailField(
        label=_("Email address"), required=False, help_text=_("Optional: for the confirmation.")
    )
    phone = PhoneField(label=_("Phone"), required=False)
    field_order = ["name", "email", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["weeks"], self.fields["mode"]  # one date at a time at the desk


def initial_from_query(query, hub) -> dict:
    """Pre-fill the form from a link in the availability grid (?workspace=&start=&end=)."""
    initial = {}
    workspace = id_param(query.get("workspace"))
    if workspace is not None:
        initial["workspace"] = workspace
    now = timezone.now()
    start = moment_param(query.get("start"), around=now)
    end = moment_param(query.get("end"), around=now)
    if start is None or end is None:
        return initial
    start, end = start.astimezone(LOCAL_TZ), end.astimezone(LOCAL_TZ)
    initial.update(date=start.date(), quick="custom", start_time=start.time(), end_time=end.time())
    return initial
