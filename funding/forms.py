from django import forms
from django.utils.translation import gettext_lazy as _

from hubportal.images import portrait_jpeg
from hubportal.phones import PhoneField
from hubportal.validators import validate_plain_name
from hubportal.widgets import DateInput, TimeInput
from hubs.models import Weekday

from .models import (
    Absence,
    AmountRange,
    Appointment,
    AvailabilityWindow,
    FundingProgramme,
    Mode,
    Outcome,
    Service,
    Topic,
)
from .selectors import place_choices


class SlotSearchForm(forms.Form):
    place = forms.ChoiceField(label=_("Where or how"), choices=())
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        required=False,
        empty_label=_("Any topic"),
        to_field_name="slug",
    )
    minutes = forms.TypedChoiceField(
        label=_("Length"),
        coerce=int,
        initial=60,
        choices=[(30, _("30 minutes")), (60, _("60 minutes"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = place_choices()
        # Topics grouped by kind of consultation: funding advice, then IT advice.
        topics = list(Topic.objects.order_by("name"))
        self.fields["topic"].choices = [("", _("Any topic"))] + [
            (label, [(t.slug, t.name) for t in topics if t.service == service])
            for service, label in Service.choices
            if any(t.service == service for t in topics)
        ]


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["organisation", "role", "programme", "question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"question": _("What is your project, and what would you like to know?")}

    def __init__(self, *args, caller: bool = False, mode: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = FundingProgramme.objects.filter(active=True)
        self.fields["programme"].empty_label = _("I don't know yet")
        for field in ("organisation", "role"):  # both open the advisor's email
            self.fields[field].validators.append(validate_plain_name)
        if caller:  # booked by an advisor or hub staff for someone who called
            self.fields["name"] = forms.CharField(
                label=_("Name of the caller"), max_length=150, validators=[validate_plain_name]
            )
            self.fields["email"] = forms.EmailField(
                label=_("Email address"), required=False, help_text=_("For the confirmation.")
            )
            self.fields["phone"] = PhoneField(label=_("Phone"), required=False)
            self.order_fields(["name", "email", "phone"])
        if mode == Mode.PHONE:  # the channel needs a number; asked first
            self.fields["phone"] = PhoneField(
                label=_("Phone number for the call"),
                help_text=_("The advisor calls you at this number."),
            )
            self.order_fields(["name", "email", "phone"])


class PhoneForm(forms.Form):
    """The person corrects the number to call (until the cut-off)."""

    def __init__(self, *args, mode: str = "", cutoff_hours: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"] = PhoneField(
            label=_("Phone number for the call") if mode == Mode.PHONE else _("Phone"),
            required=mode == Mode.PHONE,
            help_text=_("You can correct it until %(hours)d hours before the appointment.")
            % {"hours": cutoff_hours},
        )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DeclineForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = True


class ProposeForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DateInput())
    time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
    )

    def field_for_error(self, field: str | None) -> str | None:
        """A refused proposal's start belongs next to the time."""
        return "time" if field == "start" else field


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Private notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you and the hub's staff see them."),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Next step"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        required=False,
        queryset=FundingProgramme.objects.filter(active=True),
        empty_label=_("None or not yet known"),
    )
    amount = forms.ChoiceField(
        label=_("Amount applied for or granted"),
        required=False,
        choices=[("", _("Not known")), *AmountRange.choices],
        help_text=_("Only ranges: the figures name no project."),
    )


class FollowupForm(forms.Form):
    programmes = forms.ModelMultipleChoiceField(
        label=_("Programmes discussed"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=FundingProgramme.objects.filter(active=True),
    )
    checklist = forms.CharField(
        label=_("Documents to prepare"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class WindowForm(forms.ModelForm):
    class Meta:
        model = AvailabilityWindow
        fields = ["weekday", "starts", "ends", "hub"]
        widgets = {
            "starts": TimeInput(),
            "ends": TimeInput(),
        }

    def __init__(self, *args, advisor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hub"].queryset = advisor.hubs.all()
        self.fields["hub"].empty_label = _("Remote (video or phone)")
        self.fields["weekday"].choices = Weekday.choices


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["start_date", "end_date", "reason"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
        }


class PhotoForm(forms.Form):
    photo = forms.ImageField(
        label=_("Photo"), help_text=_("JPEG or PNG, shown on the booking page.")
    )

    def clean_photo(self) -> bytes:
        """The upload as a small JPEG, or a message next to the field."""
        return portrait_jpeg(self.cleaned_data["photo"])
