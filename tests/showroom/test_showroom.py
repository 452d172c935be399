"""A hub's digital showroom: exhibits with a text alternative, provenance, licence and a
download; staff upload them in the admin; the hub page and an event's page link them."""

import struct
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from showroom import glb
from showroom.models import Exhibit, Kind, Licence
from tests.factories import EventFactory, HubFactory

pytestmark = pytest.mark.django_db
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 2000


def exhibit(hub, kind=Kind.MODEL_3D, data=None, content_type="model/gltf-binary", **fields):
    item = Exhibit(
        hub=hub,
        kind=kind,
        title_de=fields.pop("title", "Taufstein der Kirche (3D-Scan)"),
        description_de=fields.pop(
            "description", "Ein achteckiger Taufstein aus Granit mit vier Löwenköpfen."
        ),
        provenance_de="Scan: Digital Hub Oldenburg, 2026; Objekt: St. Johannis",
        creator="Digital Hub Oldenburg i.H.",
        licence=Licence.CC_BY,
        published=fields.pop("published", True),
        **fields,
    )
    item.store(data if data is not None else glb.demo_model(), content_type)
    item.save()
    return item


def test_the_demo_model_is_a_valid_gltf_binary():
    data = glb.demo_model()
    magic, version, length = struct.unpack_from("<4sII", data)
    assert (magic, version, length) == (b"glTF", 2, len(data))
    document = glb.read(data)
    bin_offset = 20 + struct.unpack_from("<I", data, 12)[0]
    bin_length, bin_type = struct.unpack_from("<II", data, bin_offset)
    assert bin_type == glb.BIN_CHUNK and document["buffers"][0]["byteLength"] == bin_length
    for accessor in document["accessors"]:
        view = document["bufferViews"][accessor["bufferView"]]
        width = {"VEC3": 12, "SCALAR": 2}[accessor["type"]]
        assert accessor["count"] * width == view["byteLength"]
        assert view["byteOffset"] + view["byteLength"] <= bin_length
    heights = []
    for mesh in document["meshes"]:
        (primitive,) = mesh["primitives"]
        positions = document["accessors"][primitive["attributes"]["POSITION"]]
        view = document["bufferViews"][positions["bufferView"]]
        start = bin_offset + 8 + view["byteOffset"]
        points = list(struct.iter_unpack("<3f", data[start : start + view["byteLength"]]))
        assert positions["min"] == pytest.approx([min(p[i] for p in points) for i in range(3)])
        assert positions["max"] == pytest.approx([max(p[i] for p in points) for i in range(3)])
        heights += [p[1] for p in points]
        indices = document["accessors"][primitive["indices"]]
        assert indices["count"] % 3 == 0  # triangles
    assert min(heights) == 0.0 and max(heights) > 8  # a gate with its roofs, on the ground


def test_a_file_that_is_not_a_model_is_refused_by_the_reader():
    for data in (b"", b"PK\x03\x04zip", glb.demo_model()[:-4]):
        with pytest.raises(glb.NotAModel):
            glb.read(data)


def test_showroom_lists_published_exhibits_and_the_exhibit_page_has_all_it_owes(client):
    hub = HubFactory(slug="oldenburg-in-holstein", name="Digital Hub Oldenburg")
    shown = exhibit(hub)
    exhibit(hub, title="Noch in Arbeit", published=False)
    page = client.get(reverse("showroom:showroom", args=[hub.slug])).text
    assert "Taufstein der Kirche" in page and "Noch in Arbeit" not in page

    page = client.get(shown.get_absolute_url()).text
    assert "<model-viewer" in page and 'alt="Ein achteckiger Taufstein' in page
    assert "/static/model-viewer/model-viewer.min.js" in page  # served by the portal
    assert 'id="exhibit-description"' in page and "vier Löwenköpfen" in page
    assert "St. Johannis" in page and "Digital Hub Oldenburg i.H." in page
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0' in page
    assert "download=1" in page and "Herunterladen (GLB," in page


def test_the_file_downloads_in_full_in_parts_and_answers_304(client):
    item = exhibit(HubFactory(), Kind.VIDEO, MP4, "video/mp4")
    url = reverse("showroom:file", args=[item.hub.slug, item.pk])
    whole = client.get(url, {"download": "1"})
    assert whole.content == MP4 and whole["Content-Type"] == "video/mp4"
    assert whole["Content-Disposition"].startswith("attachment;")
    part = client.get(url, headers={"Range": "bytes=4-11"})
    assert part.status_code == 206 and part.content == b"ftypmp42"
    assert part["Content-Range"] == f"bytes 4-11/{len(MP4)}"
    tail = client.get(url, headers={"Range": "bytes=-4"})
    assert tail.content == MP4[-4:]
    assert client.get(url, headers={"If-None-Match": whole["ETag"]}).status_code == 304
    item.published = False
    item.save()
    assert client.get(url).status_code == 404


def test_the_hub_page_links_its_showroom_only_when_it_has_exhibits(client):
    hub = HubFactory()
    assert "Zum Showroom" not in client.get(hub.get_absolute_url()).text
    exhibit(hub)
    page = client.get(hub.get_absolute_url()).text
    assert "Zum Showroom" in page and reverse("showroom:showroom", args=[hub.slug]) in page


def test_a_livestreamed_event_links_its_recording_afterwards(client):
    start = timezone.now() - timedelta(days=2)
    event = EventFactory(
        start=start,
        end=start + timedelta(hours=2),
        livestream_url="https://stream.example/ratssitzung",
        registration_required=False,
    )
    assert "Aufzeichnung" not in client.get(event.get_absolute_url()).text
    recording = exhibit(
        event.hub, Kind.RECORDING, MP4, "video/mp4", title="Ratssitzung, Aufzeichnung", event=event
    )
    page = client.get(event.get_absolute_url()).text
    assert recording.get_absolute_url() in page
    assert "https://stream.example/ratssitzung" not in page  # the stream is over
    page = client.get(recording.get_absolute_url()).text
    assert "<video" in page and event.get_absolute_url() in page


def _admin_post(client, hub, **fields):
    data = {
        "hub": hub.pk,
        "kind": Kind.MODEL_3D,
        "title_de": "Stadttor",
        "description_de": "Zwei Türme aus Backstein.",
        "provenance_de": "Scan 2026",
        "creator": "Digital Hub",
        "licence": Licence.CC0,
        "published": "on",
        **fields,
    }
    return client.post(reverse("admin:showroom_exhibit_add"), data)


def test_staff_upload_a_model_and_a_wrong_file_is_refused_with_a_message(
    client, einbeck, staff_einbeck
):
    client.force_login(staff_einbeck)
    refused = _admin_post(
        client, einbeck, upload=SimpleUploadedFile("scan.glb", b"not a model at all")
    )
    assert refused.status_code == 200
    assert "Ein 3D-Scan muss eine glTF-Binärdatei (.glb) sein." in refused.text
    assert "Zwei Türme aus Backstein." in refused.text  # what was typed stays
    assert not Exhibit.objects.exists()

    saved = _admin_post(client, einbeck, upload=SimpleUploadedFile("scan.glb", glb.demo_model()))
    assert saved.status_code == 302
    item = Exhibit.objects.get()
    assert bytes(item.data) == glb.demo_model() and item.content_type == "model/gltf-binary"


def test_a_recording_needs_its_event_at_the_same_hub(client, einbeck, oldenburg, staff_einbeck):
    client.force_login(staff_einbeck)
    response = _admin_post(
        client, einbeck, kind=Kind.RECORDING, upload=SimpleUploadedFile("r.mp4", MP4)
    )
    assert "Eine Aufzeichnung gehört zu einer Veranstaltung" in response.text
    elsewhere = EventFactory(hub=oldenburg)
    response = _admin_post(
        client,
        einbeck,
        kind=Kind.RECORDING,
        event=elsewhere.pk,
        upload=SimpleUploadedFile("r.mp4", MP4),
    )
    assert response.status_code == 200 and not Exhibit.objects.exists()


def test_hub_staff_see_only_their_own_hubs_exhibits(client, einbeck, oldenburg, staff_einbeck):
    mine, theirs = exhibit(einbeck, title="Einbecker Modell"), exhibit(oldenburg)
    client.force_login(staff_einbeck)
    listing = client.get(reverse("admin:showroom_exhibit_changelist")).text
    assert "Einbecker Modell" in listing and "Taufstein" not in listing
    url = reverse("admin:showroom_exhibit_change", args=[theirs.pk])
    assert client.get(url).status_code == 302  # "does not exist"
    assert client.get(reverse("admin:showroom_exhibit_change", args=[mine.pk])).status_code == 200
