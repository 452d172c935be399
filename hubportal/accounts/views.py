from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .forms import ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.profile_update(
            user=request.user,
            name=form.cleaned_data["name"],
            language=form.cleaned_data["language"],
            reminders_enabled=form.cleaned_data["reminders_enabled"],
        )
        translation.activate(user.language)
        messages.success(request, _("Your details have been saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            "django_language", user.language, secure=request.is_secure(), samesite="Lax"
        )
        return response
    return render(request, "accounts/profile.html", {"form": form})
