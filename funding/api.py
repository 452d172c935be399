"""Funding programmes in the public API (config/api.py)."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from hubportal.api import ERRORS, NOT_FOUND, Page, PageNumber, RowId, page_of
from hubportal.content_language import text as content_text
from hubportal.links import absolute

from . import selectors
from .models import FundingProgramme

router = Router(tags=["funding"])


class ProgrammeOut(Schema):
    id: int
    name: str
    funder: str
    topic: str
    summary: str
    audience: str
    amount: str
    deadline: date | None
    link: str
    url: str


def _programme(p: FundingProgramme) -> dict:
    return {
        "id": p.pk,
        "name": content_text(p, "name"),
        "funder": p.funder,
        "topic": p.topic.slug,
        "summary": content_text(p, "summary"),
        "audience": content_text(p, "audience"),
        "amount": content_text(p, "amount"),
        "deadline": p.deadline,
        "link": p.link,
        "url": absolute(p.get_absolute_url()),
    }


@router.get("/", response={200: Page[ProgrammeOut], **ERRORS}, url_name="programmes")
def programme_list(request, page: int = PageNumber):
    """The funding programmes the advisors present, by deadline."""
    return page_of(selectors.programmes(), page, _programme)


@router.get("/{programme_id}", response={200: ProgrammeOut, **NOT_FOUND}, url_name="programme")
def programme_detail(request, programme_id: int = RowId):
    return _programme(get_object_or_404(selectors.programmes(), pk=programme_id))
