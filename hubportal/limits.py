"""The portal's own rate limits: anonymous forms, guest registrations, "send again".

Rates are written as allauth's are (settings.ACCOUNT_RATE_LIMITS, "10/m/ip,5/h/key"),
per client (hubportal/clients.py, the same address every limit reads) or per key (an
email address, hashed). Each rate is a counter per time window in the shared cache,
raised with one atomic increment: no lock, so fifty people behind one town hall's
address sending at once are counted, not refused because they waited for a lock
(allauth's limiter refuses whoever cannot take its lock within a second). A refusal
says when to try again: `Verdict.retry_after`, sent as Retry-After.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from hubportal.clients import client_ip

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)/(\d*)([smhd])/(ip|key)\s*$")


@dataclass(frozen=True)
class Rate:
    amount: int
    seconds: int
    per: str  # "ip" or "key"


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until the fullest window ends

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


def rates(action: str) -> list[Rate]:
    """The action's rates; none when limits are off (ACCOUNT_RATE_LIMITS = False, as
    allauth allows)."""
    limits = settings.ACCOUNT_RATE_LIMITS
    found = []
    for part in ((limits or {}).get(action) or "").split(","):
        if match := _RATE.match(part):
            amount, count, unit, per = match.groups()
            found.append(Rate(int(amount), int(count or 1) * UNITS[unit], per))
    return found


def _client(request) -> str:
    """IPv6 clients by their /64: one household or office, not one device."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def limit_consume(request, action: str, key: str = "") -> Verdict:
    """Count one request of `action` against each of its rates; refused when any
    window is full. Keys are hashed: no address sits in the cache."""
    now = time.time()
    wait = 0
    for rate in rates(action):
        who = _client(request) if rate.per == "ip" else key.strip().lower()
        if not who:
            continue
        window = int(now // rate.seconds)
        digest = hashlib.sha256(f"{rate.per}:{who}".encode()).hexdigest()[:24]
        counter = f"limit:{action}:{rate.amount}/{rate.seconds}:{digest}:{window}"
        cache.add(counter, 0, timeout=rate.seconds + 5)
        try:
            count = cache.incr(counter)
        except ValueError:  # evicted between add and incr
            cache.set(counter, 1, timeout=rate.seconds + 5)
            count = 1
        if count > rate.amount:
            wait = max(wait, math.ceil((window + 1) * rate.seconds - now))
    return Verdict(wait == 0, wait)
