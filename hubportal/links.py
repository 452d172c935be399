"""Links that leave the portal: absolute URLs in emails and calendars, and signed links.

A signed link carries an object's id, signed with SECRET_KEY for one purpose, so
a person can act without logging in (confirm, cancel, move, accept):

    CANCEL = links.Purpose("coworking.booking.cancel")          # app's tokens.py
    url = links.absolute(reverse("coworking:cancel_link", args=[CANCEL.make(booking)]))

    class CancelLinkView(links.SignedLinkView):                  # app's views
        purpose = tokens.CANCEL
        ...

A changed link fails the signature, one older than the purpose's `max_age` fails its
age check; the view shows a clear page for both (400, 410) and for an object that is
gone (404), never a 500.

A link that acts for a person also ends with what it acts on: a purpose with `ends`
(the booking's, appointment's or event's end) works only while the object holds its
place (`is_active`) and until SIGNED_LINK_GRACE_DAYS after that end. After a cancel,
or once it is over, the link shows "no longer valid" (410) and nothing of the person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.urls import Resolver404, reverse
from django.urls import resolve as resolve_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import View

from .errors import DomainError
from .logs import carries_secret


def absolute(path: str) -> str:
    """A path on the portal as a full URL for emails and calendars (no request there)."""
    return settings.SITE_URL.rstrip("/") + path


class LinkInvalid(Exception):
    pass


class LinkExpired(Exception):
    pass


class Purpose:
    """What a signed link is for; a link made for one purpose is no good for another."""

    def __init__(
        self,
        name: str,
        max_age: timedelta | Callable[[], timedelta] | None = None,
        *,
        ends: Callable[[object], datetime] | None = None,
    ):
        self.name = name
        self.max_age = max_age
        self.ends = ends

    def age_limit(self) -> timedelta | None:
        """How long a link is good for from when it was made (a setting may decide)."""
        return self.max_age() if callable(self.max_age) else self.max_age

    def has_lapsed(self, obj, now: datetime | None = None) -> bool:
        """Whether what the link acts on is cancelled or over (plus the grace period)."""
        if self.ends is None:
            return False
        if not getattr(obj, "is_active", True):
            return True
        grace = timedelta(days=settings.SIGNED_LINK_GRACE_DAYS)
        return (now or timezone.now()) > self.ends(obj) + grace

    def make(self, obj) -> str:
        return signing.dumps(obj.pk, salt=self.name, compress=False)

    def read(self, token: str) -> int:
        """The id in the link; raises LinkInvalid or LinkExpired."""
        try:
            return int(signing.loads(token, salt=self.name, max_age=self.age_limit()))
        except signing.SignatureExpired as exc:
            raise LinkExpired from exc
        except (signing.BadSignature, ValueError, TypeError) as exc:
            raise LinkInvalid from exc


def resolve(request, token: str, purpose: Purpose, *, queryset: QuerySet, template: str):
    """The object a signed link points to as (object, None), or (None, response) with a
    clear page: 410 when expired, 400 when forged or cut, 404 when the object is gone."""
    try:
        pk = purpose.read(token)
    except LinkExpired:
        valid = purpose.age_limit()
        context = {
            "expired": True,
            "valid_minutes": int(valid.total_seconds() // 60),
            "valid_hours": int(valid.total_seconds() // 3600),
            "valid_days": valid.days,
        }
        return None, render(request, template, context, status=410)
    except LinkInvalid:
        return None, render(request, template, {"expired": False}, status=400)
    found = queryset.filter(pk=pk).first()
    if found is None:
        return None, render(request, template, {"expired": False}, status=404)
    if purpose.has_lapsed(found):
        return None, render(request, "link_ended.html", status=410)
    return found, None


def _path_and_language(url: str) -> tuple[str, str]:
    """A portal URL's path, and the language its prefix (/en/…) names: URLs resolve
    only in the language they were made in."""
    path = urlsplit(url).path or "/"
    language = path.split("/")[1] if path.count("/") > 1 else ""
    return path, language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def token_refreshed(url: str) -> str:
    """`url` with a fresh token if it is a signed link of the portal (for a resent
    email, whose old link may have run out); any other URL unchanged."""
    site = settings.SITE_URL.rstrip("/")
    if not url.startswith(site):
        return url
    path, language = _path_and_language(url)
    with translation.override(language):
        try:
            match = resolve_url(path)
        except Resolver404:
            return url
        purpose = getattr(getattr(match.func, "view_class", None), "purpose", None)
        token = match.kwargs.get("token")
        if purpose is None or not token:
            return url
        try:
            pk = int(signing.loads(token, salt=purpose.name))
        except (signing.BadSignature, ValueError, TypeError):
            return url
        fresh = signing.dumps(pk, salt=purpose.name, compress=False)
        return site + reverse(match.view_name, kwargs={**match.kwargs, "token": fresh})


class SignedLinkView(View):
    """A page reached by a signed link in an email: GET shows it, POST acts.

    Subclasses name the `purpose`, the `queryset`, the page (`template_name`, which
    gets the object as `context_object_name` and a refusal as `error`), the page for
    a link that does not work (`invalid_template_name`) and what POST does (`act`).
    A refusal (DomainError) shows the page again with its message; success shows
    `success_message` and redirects to `get_success_url()` (the same page).
    """

    purpose: Purpose
    queryset: QuerySet
    template_name: str
    invalid_template_name: str
    context_object_name = "object"
    success_message = ""

    def dispatch(self, request, *args, **kwargs):
        self.token = kwargs["token"]
        self.object, refusal = resolve(
            request,
            self.token,
            self.purpose,
            queryset=self.queryset,
            template=self.invalid_template_name,
        )
        return refusal or super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def post(self, request, *args, **kwargs):
        try:
            self.act()
        except DomainError as error:
            self.object.refresh_from_db()
            return self.render_page(error=error.message)
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())

    def act(self) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return self.request.path

    def render_page(self, error: str | None = None):
        context = {self.context_object_name: self.object, "error": error}
        return render(self.request, self.template_name, context)


_URL = re.compile(r"https?://\S+")


def _portal_urls(text: str, change) -> str:
    site = settings.SITE_URL.rstrip("/")

    def each(match):
        url = match.group(0)
        return change(url) if url.startswith(site + "/") else url

    return _URL.sub(each, text)


def _acts_for_a_person(url: str) -> bool:
    path, language = _path_and_language(url)
    with translation.override(language):
        try:
            match = resolve_url(path)
        except Resolver404:
            return False
    return carries_secret(match)


def links_redacted(text: str) -> str:
    """`text` (an email) with every link that acts for a person replaced: what staff
    see of the outbox, so nobody can act as the person from there. Judged by the
    link's route, whatever its host (a reset link carries the host it was asked on)."""
    hidden = str(_("[personal link, only in the email itself]"))
    return _URL.sub(lambda m: hidden if _acts_for_a_person(m.group(0)) else m.group(0), text)


def links_refreshed(text: str) -> str:
    """`text` with every signed link made anew (a resent email)."""
    return _portal_urls(text, token_refreshed)
