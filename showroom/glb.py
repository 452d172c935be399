"""A glTF 2.0 binary (GLB) written by the portal itself: the demo exhibit, and the
reader that checks an uploaded model is one.

The demo is a small model of a town gate (two towers, the arch between them, roofs),
made of boxes and pyramids with flat normals and two materials: no file is fetched
from anywhere, and tests can check every number in it.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field

GLB_MAGIC = b"glTF"
JSON_CHUNK = 0x4E4F534A
BIN_CHUNK = 0x004E4942
FLOAT, UNSIGNED_SHORT = 5126, 5123
ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER = 34962, 34963


class NotAModel(ValueError):
    """The bytes are not a glTF 2.0 binary."""


@dataclass
class Mesh:
    """Triangles with flat normals, for one material."""

    positions: list[tuple[float, float, float]] = field(default_factory=list)
    normals: list[tuple[float, float, float]] = field(default_factory=list)
    indices: list[int] = field(default_factory=list)

    def face(self, corners: list[tuple[float, float, float]]) -> None:
        """A flat polygon (3 or 4 corners, counter-clockwise seen from outside)."""
        a, b, c = corners[0], corners[1], corners[2]
        u = [b[i] - a[i] for i in range(3)]
        v = [c[i] - a[i] for i in range(3)]
        n = (u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0])
        length = sum(x * x for x in n) ** 0.5 or 1.0
        normal = tuple(x / length for x in n)
        first = len(self.positions)
        self.positions += corners
        self.normals += [normal] * len(corners)
        for k in range(1, len(corners) - 1):
            self.indices += [first, first + k, first + k + 1]

    def box(self, x0, y0, z0, x1, y1, z1) -> None:
        self.face([(x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)])  # front
        self.face([(x1, y0, z0), (x0, y0, z0), (x0, y1, z0), (x1, y1, z0)])  # back
        self.face([(x0, y0, z0), (x0, y0, z1), (x0, y1, z1), (x0, y1, z0)])  # left
        self.face([(x1, y0, z1), (x1, y0, z0), (x1, y1, z0), (x1, y1, z1)])  # right
        self.face([(x0, y1, z1), (x1, y1, z1), (x1, y1, z0), (x0, y1, z0)])  # top
        self.face([(x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)])  # bottom

    def pyramid(self, x0, z0, x1, z1, y, top) -> None:
        apex = ((x0 + x1) / 2, top, (z0 + z1) / 2)
        self.face([(x0, y, z1), (x1, y, z1), apex])
        self.face([(x1, y, z1), (x1, y, z0), apex])
        self.face([(x1, y, z0), (x0, y, z0), apex])
        self.face([(x0, y, z0), (x0, y, z1), apex])


def town_gate() -> tuple[Mesh, Mesh]:
    """Walls (brick) and roofs (slate) of a small two-towered gate, 1 unit = 1 m."""
    walls, roofs = Mesh(), Mesh()
    for x in (-3.0, 1.0):  # the towers
        walls.box(x, 0.0, -1.0, x + 2.0, 6.0, 1.0)
        roofs.pyramid(x - 0.2, -1.2, x + 2.2, 1.2, 6.0, 8.5)
    walls.box(-1.0, 3.0, -0.8, 1.0, 5.0, 0.8)  # the gate house above the arch
    roofs.pyramid(-1.1, -0.9, 1.1, 0.9, 5.0, 6.2)
    return walls, roofs


def _pad(data: bytes, filler: bytes) -> bytes:
    return data + filler * (-len(data) % 4)


def build(meshes: list[tuple[Mesh, tuple[float, float, float, float], str]], name: str) -> bytes:
    """A GLB of one node per (mesh, base colour RGBA, material name)."""
    binary = b""
    views, accessors, materials, primitives = [], [], [], []
    for mesh, colour, material in meshes:
        parts = [
            (
                b"".join(struct.pack("<3f", *p) for p in mesh.positions),
                ARRAY_BUFFER,
                FLOAT,
                "VEC3",
                len(mesh.positions),
            ),
            (
                b"".join(struct.pack("<3f", *n) for n in mesh.normals),
                ARRAY_BUFFER,
                FLOAT,
                "VEC3",
                len(mesh.normals),
            ),
            (
                struct.pack(f"<{len(mesh.indices)}H", *mesh.indices),
                ELEMENT_ARRAY_BUFFER,
                UNSIGNED_SHORT,
                "SCALAR",
                len(mesh.indices),
            ),
        ]
        ids = []
        for data, target, component, kind, count in parts:
            views.append(
                {"buffer": 0, "byteOffset": len(binary), "byteLength": len(data), "target": target}
            )
            accessor = {
                "bufferView": len(views) - 1,
                "componentType": component,
                "count": count,
                "type": kind,
            }
            if kind == "VEC3" and target == ARRAY_BUFFER and data and len(ids) == 0:
                accessor["min"] = [min(p[i] for p in mesh.positions) for i in range(3)]
                accessor["max"] = [max(p[i] for p in mesh.positions) for i in range(3)]
            accessors.append(accessor)
            ids.append(len(accessors) - 1)
            binary = _pad(binary + data, b"\x00")
        materials.append(
            {
                "name": material,
                "pbrMetallicRoughness": {
                    "baseColorFactor": list(colour),
                    "metallicFactor": 0.0,
                    "roughnessFactor": 0.9,
                },
            }
        )
        primitives.append(
            {
                "attributes": {"POSITION": ids[0], "NORMAL": ids[1]},
                "indices": ids[2],
                "material": len(materials) - 1,
            }
        )
    document = {
        "asset": {"version": "2.0", "generator": "Digital-Hub-Portal showroom/glb.py"},
        "scene": 0,
        "scenes": [{"name": name, "nodes": list(range(len(primitives)))}],
        "nodes": [{"mesh": i, "name": m} for i, (_, _, m) in enumerate(meshes)],
        "meshes": [{"primitives": [p]} for p in primitives],
        "materials": materials,
        "accessors": accessors,
        "bufferViews": views,
        "buffers": [{"byteLength": len(binary)}],
    }
    chunk_json = _pad(json.dumps(document, separators=(",", ":")).encode(), b" ")
    total = 12 + 8 + len(chunk_json) + 8 + len(binary)
    return (
        struct.pack("<4sII", GLB_MAGIC, 2, total)
        + struct.pack("<II", len(chunk_json), JSON_CHUNK)
        + chunk_json
        + struct.pack("<II", len(binary), BIN_CHUNK)
        + binary
    )


def demo_model() -> bytes:
    walls, roofs = town_gate()
    return build(
        [
            (walls, (0.62, 0.27, 0.18, 1.0), "Backstein"),
            (roofs, (0.2, 0.22, 0.26, 1.0), "Schiefer"),
        ],
        "Stadttor (Demo)",
    )


def read(data: bytes) -> dict:
    """The JSON document of a GLB, after checking its header and chunks; NotAModel
    for anything else."""
    if len(data) < 20 or data[:4] != GLB_MAGIC:
        raise NotAModel("not a GLB file")
    _magic, version, length = struct.unpack_from("<4sII", data)
    if version != 2 or length != len(data):
        raise NotAModel("not a complete glTF 2.0 binary")
    chunk_length, chunk_type = struct.unpack_from("<II", data, 12)
    if chunk_type != JSON_CHUNK or 20 + chunk_length > len(data):
        raise NotAModel("no JSON chunk")
    try:
        document = json.loads(data[20 : 20 + chunk_length])
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotAModel("unreadable JSON chunk") from error
    if not isinstance(document, dict) or document.get("asset", {}).get("version") != "2.0":
        raise NotAModel("not glTF 2.0")
    return document
