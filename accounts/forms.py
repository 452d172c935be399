from django import forms
from django.utils.translation import gettext_lazy as _

from hubportal.validators import validate_plain_name

from . import services
from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "organisation", "language", "reminders_enabled"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["name"].validators.append(validate_plain_name)


class NameForm(forms.Form):
    """How the portal addresses a person: first and last name."""

    first_name = forms.CharField(
        label=_("First name"), max_length=70, validators=[validate_plain_name]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=70, validators=[validate_plain_name]
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("Your town hall, firm or association."),
    )

    def save_to(self, user: User) -> User:
        data = self.cleaned_data
        return services.name_set(
            user=user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
        )


class SignupForm(NameForm):
    """The extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    def signup(self, request, user) -> None:
        self.save_to(user)
