"""Staff pages and actions inside the Django admin, written once.

A ModelAdmin that offers more than lists and forms (co-working's "today", events'
attendee list) mixes in StaffPagesMixin:

    def get_urls(self):
        return self.staff_urls(("today/", self.today_view, "coworking_booking_today"))
               + super().get_urls()

    def today_view(self, request):
        return self.staff_page(request, "admin/coworking/today.html", _("Today"), bookings=…)

Pages get the admin's frame (site header, breadcrumbs for the model, the user's
apps) and its login; the view still checks the object-level permission itself.
`apply_each` runs a service on each selected row of an admin action and reports a
refusal (hubportal.errors.DomainError) per row as a warning, so one refused row
does not stop the others.
"""

from django.contrib import messages
from django.template.response import TemplateResponse
from django.urls import path

from .errors import DomainError


class StaffPagesMixin:
    def staff_urls(self, *routes) -> list:
        """(route, view, name) triples as URL patterns behind the admin's login."""
        return [
            path(route, self.admin_site.admin_view(view), name=name) for route, view, name in routes
        ]

    def staff_page(self, request, template: str, title, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                **context,
            },
        )

    def apply_each(self, request, queryset, service, done_message) -> int:
        """Call `service(obj)` for each row; `done_message % {"count": n}` when any worked."""
        count = 0
        for obj in queryset:
            try:
                service(obj)
            except DomainError as error:
                self.message_user(request, f"{obj}: {error.message}", messages.WARNING)
            else:
                count += 1
        if count:
            self.message_user(request, done_message % {"count": count})
        return count
