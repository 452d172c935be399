"""The portal's public JSON API (/api/v1/): the apps' routers assembled, with the
pieces they share from hubportal/api.py."""

from ninja.errors import ValidationError

from coworking.api import router as coworking
from events.api import router as events
from funding.api import router as funding
from hubportal.api import THROTTLE, PortalAPI
from hubs.api import router as hubs

api = PortalAPI(
    title="Digital Hubs API",
    version="1",
    description=(
        "Open data of the Digital Hubs of dataport.kommunal: hubs, their hours, status "
        "and closures, events with places left, funding programmes and free co-working "
        "time. Read-only, no key needed; licence: Datenlizenz Deutschland – "
        "Namensnennung 2.0 (dl-de/by-2-0)."
    ),
    urls_namespace="api",
    docs_url=None,  # its docs page loads Swagger UI from a CDN; the schema is enough
    throttle=[THROTTLE],
)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


api.add_router("/hubs", hubs)
api.add_router("/events", events)
api.add_router("/programmes", funding)
api.add_router("/coworking", coworking)
