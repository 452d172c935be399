"""The client's address, decided in one place for everything that asks: every rate
limit (allauth's, the anonymous forms', the API's), the record of sessions and the
audit trail.

The rule is allauth's, from one pair of settings: TRUSTED_CLIENT_IP_HEADER (a header
the proxy in front writes, X-Real-IP in docker-compose.yml) or else
TRUSTED_PROXY_COUNT (proxies that append to X-Forwarded-For); neither: the
connection's address. A request that did not pass the proxy (a health check from
inside) counts by its connection's address.
"""

import hashlib
import hmac

from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def client_ip(request) -> str:
    try:
        ip = get_client_ip(request)
    except ImproperlyConfigured:  # fewer X-Forwarded-For hops than trusted proxies
        ip = None
    return ip or request.META.get("REMOTE_ADDR", "")


def client_source(request) -> str:
    """The client as a keyed hash, to tell a burst from one connection without
    keeping its address (events' share per connection)."""
    key = f"hubportal.clients:{settings.SECRET_KEY}".encode()
    return hmac.new(key, client_ip(request).encode(), hashlib.sha256).hexdigest()[:16]
