from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import privacy, services
from .forms import NameForm, ProfileForm
from .roles import is_privileged


@login_required
def profile(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.profile_update(
            user=request.user,
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            language=form.cleaned_data["language"],
            reminders_enabled=form.cleaned_data["reminders_enabled"],
        )
        translation.activate(user.language)
        messages.success(request, _("Your details have been saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def name(request):
    """Asked once, after login, of accounts the portal cannot yet address by name."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("accounts:profile")
    form = NameForm(request.POST or None, initial={"organisation": request.user.organisation})
    if request.method == "POST" and form.is_valid():
        form.save_to(request.user)
        messages.success(request, _("Thank you. Your details have been saved."))
        return redirect(next_url)
    return render(
        request,
        "accounts/name.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_safe
def data_export(request):
    """All the portal holds about the person, as one JSON file (Art. 15 and 20 DSGVO)."""
    data = privacy.person_export(user=request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="meine-daten.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def delete(request):
    """Delete the account (Art. 17 DSGVO): asks once, saying what will happen. Staff
    and advisors hold other people's appointments and hubs: their accounts are closed
    by an administrator, who hands the work on first."""
    if is_privileged(request.user):
        messages.info(
            request,
            _(
                "Your account is a staff or advisor account. Please ask the portal's "
                "administration to close it, so that your appointments and hubs are "
                "handed on first."
            ),
        )
        return redirect("accounts:profile")
    return _delete(request)


@reauthentication_required
def _delete(request):
    """The password once more, then the question, then the deletion."""
    if request.method != "POST":
        return render(request, "accounts/delete.html")
    privacy.person_delete(user=request.user)
    logout(request)
    messages.success(
        request,
        _("Your account and your data have been deleted. Upcoming dates were cancelled."),
    )
    return redirect("home")
