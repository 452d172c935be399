"""What an uploaded exhibit file may be: checked by its content, not its name, and
pictures re-encoded (no EXIF location survives). Raises ValidationError with a
message for the person uploading."""

import io

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from . import glb
from .models import Kind, max_upload_bytes

PANORAMA_MAX_SIDE = 8192


def checked(kind: str, upload) -> tuple[bytes, str]:
    """(bytes to store, content type) for an upload of an exhibit of `kind`."""
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("The file is larger than %(max)s; please make it smaller.")
            % {"max": filesizeformat(max_upload_bytes())}
        )
    upload.seek(0)
    data = upload.read()
    if kind == Kind.MODEL_3D:
        try:
            glb.read(data)
        except glb.NotAModel as error:
            raise ValidationError(_("A 3D scan must be a glTF binary file (.glb).")) from error
        return data, "model/gltf-binary"
    if kind == Kind.PANORAMA:
        return _panorama(data), "image/jpeg"
    if data[4:8] == b"ftyp":
        return data, "video/mp4"
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return data, "video/webm"
    raise ValidationError(_("A video must be an MP4 or WebM file."))


def _panorama(data: bytes) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image = image.convert("RGB")
            image.thumbnail((PANORAMA_MAX_SIDE, PANORAMA_MAX_SIDE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(_("This file is not an image we can read.")) from error
    return out.getvalue()
