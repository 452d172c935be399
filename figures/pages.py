"""What a figures page shows and downloads, for the public page (figures/views.py)
and the admin's (config/admin_site.py): the chosen month's tables and charts, and
the same tables as CSV or JSON under the open licence."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from hubportal.spreadsheets import csv_response
from hubs.models import Hub

from .charts import chart
from .selectors import Figures, month_choices, month_figures, month_param

CHARTED = ["registrations", "attended", "desk_bookings", "appointments"]
RECORD_FIELDS = ["month", "hub", "measure", "item", "value", "unit", "suppressed"]


def licence() -> dict:
    return settings.FIGURES_LICENCE


def public_hubs():
    return Hub.objects.active().filter(figures_public=True)


def context(request, *, hubs, remote: bool, data_url: str) -> dict:
    """What a figures page shows: the chosen month's tables, charts and downloads."""
    today = timezone.localdate()
    month = month_param(request.GET.get("month"), today=today)
    figures = month_figures(hubs=hubs, month=month, remote=remote)
    query = f"?month={month:%Y-%m}"
    return {
        "figures": figures,
        "charts": [c for c in (chart(figures.overview, key) for key in CHARTED) if c],
        "months": month_choices(today),
        "month": month,
        "partial": month == today.replace(day=1),
        "licence": licence(),
        "threshold": settings.FIGURES_SUPPRESS_BELOW,
        "csv_url": data_url.replace(".json", ".csv") + query,
        "json_url": data_url + query,
    }


def data_response(figures: Figures, fmt: str, name: str):
    """The figures as CSV (one record a line) or JSON, with their licence."""
    filename = f"{name}-{figures.month:%Y-%m}.{fmt}"
    records = figures.records()
    if fmt == "csv":
        response = csv_response(
            filename,
            RECORD_FIELDS,
            (
                [
                    "" if r[f] is None else str(r[f]).lower() if f == "suppressed" else r[f]
                    for f in RECORD_FIELDS
                ]
                for r in records
            ),
        )
    else:
        response = JsonResponse(
            {
                "title": _("Figures of the Digital Hubs"),
                "month": f"{figures.month:%Y-%m}",
                "licence": licence(),
                "suppressed_below": settings.FIGURES_SUPPRESS_BELOW,
                "hubs": [{"slug": h.slug, "name": h.name, "town": h.town} for h in figures.hubs],
                "records": records,
            },
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{licence()["url"]}>; rel="license"'
    return response


def data(request, *, hubs, remote: bool, fmt: str, name: str):
    month = month_param(request.GET.get("month"), today=timezone.localdate())
    return data_response(month_figures(hubs=hubs, month=month, remote=remote), fmt, name)
