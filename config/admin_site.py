"""The portal's admin site: its start page is the hub-staff cockpit (hubs/cockpit.py)."""

import traceback
from datetime import date, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from accounts import privacy
from figures import pages as figures_pages
from hubs import cockpit
from hubs.models import Hub
from hubs.scoping import hubs_for, is_hub_staff

DATE_PARTS = {"__year": (1900, 2200), "__month": (1, 12), "__day": (1, 31)}


def _sane_date_lookups(query: QueryDict) -> QueryDict:
    bad = [
        key
        for key, value in query.items()
        for suffix, (low, high) in DATE_PARTS.items()
        if key.endswith(suffix) and not (value.isdigit() and low <= int(value[:5]) <= high)
    ]
    if not bad:
        return query
    clean = query.copy()
    for key in bad:
        del clean[key]
    return clean


def _raised_in(error: BaseException) -> str:
    """The module, above the database layer, whose call raised `error`."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = frame.filename.replace("\\", "/")
        # the database layer, and the page cache's execute wrapper, which sits inside it
        if "/django/db/" in path or "/contextlib.py" in path or path.endswith("/pagecache.py"):
            continue
        module = path.split("/site-packages/")[-1] if "/site-packages/" in path else path
        module = module.removeprefix(str(settings.BASE_DIR) + "/")
        return module.removesuffix(".py").replace("/", ".")
    return "unknown"


class PortalAdminSite(admin.AdminSite):
    site_header = _("Digital Hubs – administration")
    site_title = _("Digital Hubs")
    index_title = _("Manage your hubs")
    index_template = "admin/cockpit_index.html"

    def admin_view(self, view, cacheable=False):
        """Every admin page, with date-hierarchy parameters that are real dates only
        (?start__year=99999 would otherwise overflow): others are dropped."""
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def with_sane_dates(request, *args, **kwargs):
            request.GET = _sane_date_lookups(request.GET)
            try:
                return inner(request, *args, **kwargs)
            except (OverflowError, DataError) as error:
                # A number beyond what the database holds, in one of Django's own form
                # fields (ids in a multiple choice): refused, nothing saved (the
                # admin's transaction rolled back). The header names the code that
                # passed the value on, so the malformed-input walk can tell Django's
                # fields from the portal's own code, which must check its input.
                response = render(request, "admin/input_refused.html", status=400)
                response["X-Portal-Refused"] = _raised_in(error)
                return response

        return with_sane_dates

    def login(self, request, extra_context=None):
        """Staff log in where everyone does: allauth's login, with its attempt limits
        and the second factor. The admin's own password form is never shown."""
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect("admin:index")
            raise PermissionDenied
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def get_urls(self):
        """The "view on site" redirect opens only what the staff member may see here."""
        scoped = path(
            "r/<path:content_type_id>/<path:object_id>/",
            self.admin_view(self.view_on_site),
            name="view_on_site",
        )
        record = path(
            "record-of-processing/",
            self.admin_view(self.record_of_processing),
            name="record_of_processing",
        )
        figures = [
            path("figures/", self.admin_view(self.figures), name="figures"),
            path(
                "figures/figures.csv",
                self.admin_view(self.figures_data),
                {"fmt": "csv"},
                name="figures_csv",
            ),
            path(
                "figures/figures.json",
                self.admin_view(self.figures_data),
                {"fmt": "json"},
                name="figures_json",
            ),
        ]
        return [scoped, record, *figures, *super().get_urls()]

    def _figures_scope(self, request):
        """Network staff (and superusers) see every hub and the advice given at none;
        hub staff their own hubs; anyone else nothing."""
        network = request.user.has_perm("hubs.view_network_figures")
        if network:
            return Hub.objects.active(), True
        if is_hub_staff(request.user):
            return hubs_for(request.user).filter(active=True), False
        raise PermissionDenied

    def figures(self, request):
        hubs, network = self._figures_scope(request)
        context = {
            **self.each_context(request),
            "title": _("Figures of the hubs"),
            "network": network,
            "public_url": reverse("figures:public"),
            **figures_pages.context(
                request, hubs=hubs, remote=network, data_url=reverse("admin:figures_json")
            ),
        }
        return TemplateResponse(request, "admin/figures.html", context)

    def figures_data(self, request, fmt):
        hubs, network = self._figures_scope(request)
        return figures_pages.data(
            request, hubs=hubs, remote=network, fmt=fmt, name="hub-figures-internal"
        )

    def record_of_processing(self, request):
        """The record of processing activities (Art. 30 DSGVO) for staff; superusers
        also see what the next retention sweep will anonymise or delete."""
        due = None
        if request.user.is_superuser:
            due = [
                {"label": d.label, "count": d.rows.count(), "deleted": d.anonymous is None}
                for d in privacy.retention_due(timezone.now()).values()
            ]
        context = {
            **self.each_context(request),
            "title": _("Record of processing activities (Art. 30 DSGVO)"),
            "record": privacy.record_of_processing(),
            "measures": privacy.security_measures(),
            "controller": settings.PRIVACY_CONTROLLER,
            "dpo": settings.PRIVACY_DPO,
            "due": due,
            "privacy_url": reverse("pages:page", args=["privacy"]),
        }
        return TemplateResponse(request, "admin/record_of_processing.html", context)

    def view_on_site(self, request, content_type_id, object_id):
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, ContentType.DoesNotExist):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        try:
            visible = model_admin.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, TypeError, ValidationError):
            visible = False
        if not visible:
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def index(self, request, extra_context=None):
        """The start page: the chosen day at the staff member's hubs, then the apps."""
        today = timezone.localdate()
        days = {"today": today, "tomorrow": today + timedelta(days=1)}
        choice = request.GET.get("day", "today")
        try:  # a day of the coming week, from the week table
            day = days.get(choice) or date.fromisoformat(choice)
        except ValueError:
            day = None
        if day is None or not today <= day < today + timedelta(days=7):
            choice, day = "today", today
        context = {"cockpit_choice": choice, **(extra_context or {})}
        if request.user.is_superuser or is_hub_staff(request.user):
            context["cockpit"] = cockpit.hub_days(hubs=hubs_for(request.user), day=day)
            context["cockpit_day"] = day
        return super().index(request, context)
