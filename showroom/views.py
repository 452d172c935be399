"""The public showroom: a hub's exhibits, one exhibit with its viewer, its file."""

import re

from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import render

from hubportal.conditional import none_match_fails
from hubportal.middleware import ContentSecurityPolicyMiddleware

from . import selectors
from .models import Kind

# The 3D viewer (model-viewer, served from our own static files) decodes the model
# into blob: textures, works in blob: workers, compiles its own WebAssembly decoder
# (WebAssembly only: no eval of scripts) and styles its parts inline; nothing comes
# from elsewhere.
VIEWER_POLICY = (
    ContentSecurityPolicyMiddleware.POLICY.replace(
        "img-src 'self' data:",
        "img-src 'self' data: blob:; connect-src 'self' data: blob:; worker-src 'self' blob:",
    )
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
)


def showroom(request, slug):
    hub, exhibits = selectors.showroom(slug=slug)
    return render(request, "showroom/showroom.html", {"hub": hub, "exhibits": exhibits})


def exhibit(request, slug, pk):
    item = selectors.exhibit(slug=slug, pk=pk)
    response = render(request, "showroom/exhibit.html", {"exhibit": item, "hub": item.hub})
    if item.kind == Kind.MODEL_3D:
        response["Content-Security-Policy"] = VIEWER_POLICY
    return response


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """(first, last) of a single "bytes=a-b", "bytes=a-" or "bytes=-n" range within
    the file; None for no range or one we do not serve (then the whole file)."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
    if not match or not size or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":
        return max(size - int(last), 0), size - 1
    first, last = int(first), min(int(last) if last else size - 1, size - 1)
    return (first, last) if first <= last else None


def exhibit_file(request, slug, pk):
    """The file, to view (inline) or with ?download=1 to save; cached for a day and
    answered 304 while unchanged (its digest is the ETag)."""
    item = selectors.exhibit_file(slug=slug, pk=pk)
    etag = f'"{item.digest}"'
    if none_match_fails(request, etag):
        return HttpResponseNotModified(headers={"ETag": etag})
    data = bytes(item.data)
    part = byte_range(request.headers.get("Range", ""), len(data))
    if part is None:
        response = HttpResponse(data, content_type=item.content_type)
    else:  # a video player (Safari insists) asks for the file in parts
        first, last = part
        response = HttpResponse(data[first : last + 1], content_type=item.content_type, status=206)
        response["Content-Range"] = f"bytes {first}-{last}/{len(data)}"
    response["Accept-Ranges"] = "bytes"
    disposition = "attachment" if request.GET.get("download") else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{slug}-{pk}.{item.extension}"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=86400"
    return response
