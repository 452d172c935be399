"""The map of the hubs: an SVG the portal draws itself from the hubs' coordinates.

No tiles, fonts or scripts from elsewhere. The map shows where the hubs lie in
relation to each other, north up, with a scale bar; the list of hubs beside it is its
text alternative and says the same in words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .models import Hub

WIDTH = 400  # SVG user units; the picture is drawn at most this wide (CSS)
MAX_MAP_HEIGHT = 460  # the area the points may use, before labels and scale bar
FONT = 18  # label size in user units: still about 13 px on a 320 px phone
# The picture shrinks with the screen: on a 320 px phone it is NARROWEST px wide, so a
# tap area of 24 px there (WCAG 2.5.8) needs 24 * WIDTH / NARROWEST user units.
NARROWEST = 288
TAP = math.ceil(24 * WIDTH / NARROWEST)  # 34 units
LABEL_HEIGHT = TAP  # a label's tap area: text plus a little
PAD = 12
SCALE_BAR_SPACE = 36
KM_PER_DEGREE = 111.32  # of latitude, and of longitude at the equator
NICE_KM = [1, 2, 5, 10, 20, 50, 100, 200, 500]


@dataclass
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def inside(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height


@dataclass
class MapPoint:
    hub: Hub
    x: float
    y: float
    label: str
    label_x: float
    label_y: float  # baseline
    anchor: str  # "start", "end" or "middle"
    label_box: Box  # the label's tap area, at least TAP units high

    hit_radius = TAP / 2  # the dot's tap area: TAP units across (WCAG 2.5.8)


@dataclass
class HubMap:
    width: int
    height: int
    points: list[MapPoint]
    meridians: list[float]  # x of each whole degree of longitude, faint lines
    parallels: list[float]  # y of each whole degree of latitude
    scale_y: float  # the scale bar's line, from SCALE_X to scale_end
    scale_end: float
    scale_km: int

    scale_x = PAD

    @property
    def scale_text_y(self) -> float:
        return self.scale_y + FONT + 4


def _label_width(text: str) -> float:
    return len(text) * FONT * 0.56  # a generous average for a sans-serif


def _place_label(x: float, y: float, text: str, taken: list[Box], height: float):
    """The first of right, left, below, above where the label fits inside the picture
    and covers neither another label nor a dot; right if none does."""
    w = _label_width(text)
    gap = MapPoint.hit_radius + 2
    half = LABEL_HEIGHT / 2
    below, above = y + gap + LABEL_HEIGHT, y - gap
    options = [
        (x + gap, y + FONT * 0.35, "start", Box(x + gap, y - half, x + gap + w, y + half)),
        (x - gap, y + FONT * 0.35, "end", Box(x - gap - w, y - half, x - gap, y + half)),
        (x, below - 8, "middle", Box(x - w / 2, below - LABEL_HEIGHT, x + w / 2, below)),
        (x, above - 8, "middle", Box(x - w / 2, above - LABEL_HEIGHT, x + w / 2, above)),
    ]
    for option in options:
        box = option[3]
        if box.inside(WIDTH, height) and not any(box.overlaps(t) for t in taken):
            return option
    fitting = [o for o in options if o[3].inside(WIDTH, height)]
    return (fitting or options)[0]


def _scale_bar(units_per_km: float) -> tuple[int, float]:
    """The longest round distance whose bar takes at most a third of the width."""
    km = NICE_KM[0]
    for candidate in NICE_KM:
        if candidate * units_per_km <= WIDTH / 3:
            km = candidate
    return km, km * units_per_km


def hub_map(hubs: list[Hub]) -> HubMap | None:
    """Positions of the hubs that have coordinates; None when none has."""
    located = [h for h in hubs if h.latitude is not None and h.longitude is not None]
    if not located:
        return None
    lats = [float(h.latitude) for h in located]
    lons = [float(h.longitude) for h in located]
    # An equirectangular projection true to scale at the middle latitude: enough for
    # a region the size of a few states.
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    xs = [lon * shrink for lon in lons]
    ys = [-lat for lat in lats]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    margin_x = PAD + max(_label_width(h.town) for h in located) / 2
    margin_y = PAD + LABEL_HEIGHT + MapPoint.hit_radius
    room_x, room_y = WIDTH - 2 * margin_x, MAX_MAP_HEIGHT
    scale = min(room_x / span_x if span_x else math.inf, room_y / span_y if span_y else math.inf)
    if math.isinf(scale):  # one place only
        scale = room_x / 1.0  # one degree across
    map_height = span_y * scale + 2 * margin_y
    height = map_height + SCALE_BAR_SPACE
    offset_x = (WIDTH - span_x * scale) / 2

    dots = [
        (offset_x + (x - min(xs)) * scale, margin_y + (y - min(ys)) * scale)
        for x, y in zip(xs, ys, strict=True)
    ]
    r = MapPoint.hit_radius
    taken = [Box(x - r, y - r, x + r, y + r) for x, y in dots]
    points = []
    # Place labels north to south, so each one sees the labels above it.
    for hub, (x, y) in sorted(zip(located, dots, strict=True), key=lambda p: p[1][1]):
        label_x, label_y, anchor, box = _place_label(x, y, hub.town, taken, map_height)
        taken.append(box)
        points.append(MapPoint(hub, x, y, hub.town, label_x, label_y, anchor, box))

    def to_x(lon: float) -> float:
        return offset_x + (lon * shrink - min(xs)) * scale

    def to_y(lat: float) -> float:
        return margin_y + (-lat - min(ys)) * scale

    meridians = [x for lon in range(-180, 181) if 0 < (x := to_x(lon)) < WIDTH]
    parallels = [y for lat in range(-90, 91) if 0 < (y := to_y(lat)) < map_height]

    units_per_km = scale / KM_PER_DEGREE
    km, bar = _scale_bar(units_per_km)
    return HubMap(
        width=WIDTH,
        height=math.ceil(height),
        points=points,
        meridians=meridians,
        parallels=parallels,
        scale_y=map_height + 10,
        scale_end=PAD + bar,
        scale_km=km,
    )
