"""The client's address, decided in one place for everything that asks: every rate
limit (allauth's, the anonymous forms', the API's), the record of sessions and the
audit trail.

The rule is allauth's, from one pair of settings: TRUSTED_CLIENT_IP_HEADER (a header
the proxy in front writes, X-Real-IP in docker-compose.yml) or else
TRUSTED_PROXY_COUNT (proxies that append to X-Forwarded-For); neither: the
connection's address. A request that did not pass the proxy (a health check from
inside) counts by its connection's address.
"""

from allauth.core.internal.httpkit import get_client_ip
from django.core.exceptions import ImproperlyConfigured


def client_ip(request) -> str:
    try:
        ip = get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For hops than trusted proxies
        ip = None
    return ip or request.META.get("REMOTE_ADDR", "")
