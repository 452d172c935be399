"""Pictures people upload: checked and re-encoded before anything stores them."""

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

PORTRAIT_SIZE = (400, 400)


def portrait_jpeg(upload) -> bytes:
    """A portrait as a small JPEG: re-encoded, so no EXIF data (location!) and no
    surprises in the file survive. Raises ValidationError for what Pillow cannot read."""
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image = image.convert("RGB")
            image.thumbnail(PORTRAIT_SIZE)
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(
            _("This file is not an image we can read."), code="unreadable"
        ) from exc
    return out.getvalue()
