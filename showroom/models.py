"""A hub's digital showroom: 3D scans of cultural assets, 360° photos, videos of
digital tours and recordings of livestreamed events, each with a text description as
its accessible alternative, its provenance and licence, and a download.

Files are stored in the database, like every upload (no node keeps files of its
own); lists defer them (`Exhibit.objects.listed()`).
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import Event
from hubs.models import Hub


class Kind(models.TextChoices):
    MODEL_3D = "model_3d", _("3D scan")
    PANORAMA = "panorama", _("360° photo")
    VIDEO = "video", _("Video of a digital tour")
    RECORDING = "recording", _("Recording of a livestream")


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    DL_DE_BY = "dl-de-by-2.0", "Datenlizenz Deutschland – Namensnennung 2.0"


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
    Licence.DL_DE_BY: "https://www.govdata.de/dl-de/by-2-0",
}

# What each kind of exhibit may be, by file type (checked on upload, admin.py).
CONTENT_TYPES = {
    Kind.MODEL_3D: {"model/gltf-binary": "glb"},
    Kind.PANORAMA: {"image/jpeg": "jpg"},
    Kind.VIDEO: {"video/mp4": "mp4", "video/webm": "webm"},
    Kind.RECORDING: {"video/mp4": "mp4", "video/webm": "webm"},
}


class ExhibitQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True, hub__active=True)

    def listed(self):
        """Without the files: what lists and pages need."""
        return self.defer("data").select_related("hub", "event")


class Exhibit(models.Model):
    hub = models.ForeignKey(
        Hub, on_delete=models.CASCADE, related_name="exhibits", verbose_name=_("hub")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("description"),
        help_text=_(
            "What there is to see, for everyone who cannot see it: shape, material, colours, "
            "what the tour shows. It is the exhibit's text alternative."
        ),
    )
    provenance = models.CharField(
        _("provenance"),
        max_length=300,
        help_text=_(
            "Where the object is and who made the recording, e.g. “Scan: Digital Hub "
            "Oldenburg, 2025; object: town museum”."
        ),
    )
    creator = models.CharField(_("name the source as"), max_length=200)
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recordings",
        verbose_name=_("recording of the event"),
        help_text=_("For a recording: the event's page links to it once the event is over."),
    )
    data = models.BinaryField(_("file"), editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown in the hub's showroom.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ExhibitQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")
        ordering = ["-created", "pk"]
        indexes = [
            # The showroom page: a hub's published exhibits, newest first.
            models.Index(
                fields=["hub", "-created"], condition=Q(published=True), name="exhibit_shown"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="recording") | Q(event__isnull=False) | Q(published=False),
                name="exhibit_recording_names_its_event",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("showroom:exhibit", kwargs={"slug": self.hub.slug, "pk": self.pk})

    def file_url(self, download: bool = False) -> str:
        url = reverse("showroom:file", kwargs={"slug": self.hub.slug, "pk": self.pk})
        return f"{url}?v={self.digest[:12]}" + ("&download=1" if download else "")

    @property
    def extension(self) -> str:
        return CONTENT_TYPES.get(self.kind, {}).get(self.content_type, "bin")

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS[self.licence]

    @property
    def size_text(self) -> str:
        megabytes = self.size / 1_000_000
        return f"{megabytes:.1f} MB" if megabytes >= 0.1 else f"{self.size // 1000 or 1} kB"

    def store(self, data: bytes, content_type: str) -> None:
        self.data, self.content_type, self.size = data, content_type, len(data)
        self.digest = hashlib.sha256(data).hexdigest()


def max_upload_bytes() -> int:
    return settings.SHOWROOM_MAX_UPLOAD_MB * 1_000_000
