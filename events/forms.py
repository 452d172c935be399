from django import forms
from django.utils.translation import gettext_lazy as _

from hubportal.phones import PhoneField
from hubportal.validators import validate_plain_name

from .models import AccessNeed, Participation


class RegistrationForm(forms.Form):
    """Register for an event. Guests give name and email; the participation choice
    appears only for hybrid events."""

    name = forms.CharField(label=_("Your name"), max_length=150, validators=[validate_plain_name])
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send you a link to confirm your registration."),
    )
    participation = forms.ChoiceField(
        label=_("How will you take part?"),
        choices=Participation.choices,
        widget=forms.RadioSelect,
        initial=Participation.ON_SITE,
    )

    access_needs = forms.MultipleChoiceField(
        label=_("Do you need support to take part?"),
        choices=AccessNeed.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Only the hub team sees this, to prepare; it is deleted after the event. "
            "An interpreter needs about two weeks' notice."
        ),
    )
    access_note = forms.CharField(
        label=_("What support, or anything else the team should know?"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args, event, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_authenticated:
            del self.fields["name"]
            del self.fields["email"]
        if not event.hybrid:
            del self.fields["participation"]
        for name, autocomplete in (("name", "name"), ("email", "email")):
            if name in self.fields:
                self.fields[name].widget.attrs["autocomplete"] = autocomplete


class AssistedRegistrationForm(forms.Form):
    """Hub staff register someone who called or came by; an address is optional."""

    name = forms.CharField(label=_("Name"), max_length=150, validators=[validate_plain_name])
    email = forms.EmailField(
        label=_("Email address"), required=False, help_text=_("Optional: for the confirmation.")
    )
    phone = PhoneField(label=_("Phone"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("de", _("German")), ("en", _("English"))], initial="de"
    )
    participation = forms.ChoiceField(
        label=_("Participation"), choices=Participation.choices, initial=Participation.ON_SITE
    )


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Everyone registered or waiting receives it by email."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
