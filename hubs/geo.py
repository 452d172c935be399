"""How far apart two hubs are, for "the nearest alternative in the network": the
great-circle distance between their coordinates (haversine; a few kilometres' error
does not change which hub is nearest)."""

import math

from .models import Hub

EARTH_RADIUS_KM = 6371.0


def distance_km(a: Hub, b: Hub) -> float | None:
    """None when either hub has no coordinates."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (a.latitude, a.longitude,
                                                            b.latitude, b.longitude)))  # fmt: skip
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def nearest_first(origin: Hub | None, hubs):
    """(hub, km) pairs, nearest first; hubs without coordinates last, by name."""
    pairs = [(hub, distance_km(origin, hub) if origin else None) for hub in hubs]
    return sorted(pairs, key=lambda p: (p[1] is None, p[1] or 0, p[0].name))
