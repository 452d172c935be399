"""The demo exhibit (`manage.py seed_demo`): Oldenburg's showroom gets a 3D model the
portal makes itself (showroom/glb.py), so nothing is downloaded. Safe to rerun."""

from hubs.models import Hub

from . import glb
from .models import Exhibit, Kind, Licence

TITLE = "Stadttor – ein Demo-Modell"


def seed_showroom() -> int:
    hub = Hub.objects.filter(slug="oldenburg-in-holstein").first()
    if hub is None or Exhibit.objects.filter(hub=hub, title_de=TITLE).exists():
        return 0
    exhibit = Exhibit(
        hub=hub,
        kind=Kind.MODEL_3D,
        title_de=TITLE,
        title_en="Town gate – a demo model",
        description_de=(
            "Ein kleines 3D-Modell eines Stadttors: zwei Türme aus rotem Backstein mit "
            "spitzen, schiefergrauen Dächern, dazwischen ein Torhaus über dem Durchgang. "
            "Es zeigt, wie der digitale Showroom 3D-Scans von Kulturgütern zeigt; die Scans "
            "des Hubs folgen. (Demo)"
        ),
        description_en=(
            "A small 3D model of a town gate: two red-brick towers with pointed slate-grey "
            "roofs and a gatehouse above the passage between them. It shows how the digital "
            "showroom presents 3D scans of cultural assets; the hub's own scans will follow. "
            "(Demo)"
        ),
        provenance_de="Modell: erzeugt vom Digital-Hub-Portal (Demo), kein reales Bauwerk",
        provenance_en="Model: made by the Digital Hub Portal (demo), not a real building",
        creator="Digital Hub Oldenburg i.H. (Demo)",
        licence=Licence.CC0,
        published=True,
    )
    exhibit.store(glb.demo_model(), "model/gltf-binary")
    exhibit.save()
    return 1
