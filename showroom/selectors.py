"""Reads for the showroom pages: a hub's published exhibits (without their files),
one exhibit, and the bytes of its file."""

from django.shortcuts import get_object_or_404

from hubs.models import Hub

from .models import Exhibit


def showroom(*, slug: str) -> tuple[Hub, list[Exhibit]]:
    hub = get_object_or_404(Hub.objects.active(), slug=slug)
    return hub, list(Exhibit.objects.published().listed().filter(hub=hub))


def exhibit(*, slug: str, pk: int) -> Exhibit:
    return get_object_or_404(Exhibit.objects.published().listed(), hub__slug=slug, pk=pk)


def exhibit_file(*, slug: str, pk: int) -> Exhibit:
    return get_object_or_404(
        Exhibit.objects.published().select_related("hub"), hub__slug=slug, pk=pk
    )
