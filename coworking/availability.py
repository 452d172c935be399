"""Time ranges: what is free of a day once bookings and blocks are taken out."""

from __future__ import annotations

from datetime import datetime

Range = tuple[datetime, datetime]


def subtract(open_ranges: list[Range], busy: list[Range]) -> list[Range]:
    """The parts of `open_ranges` not covered by any of `busy`."""
    free: list[Range] = []
    for start, end in open_ranges:
        cursor = start
        for b_start, b_end in sorted(busy):
            if b_end <= cursor or b_start >= end:
                continue
            if b_start > cursor:
                free.append((cursor, b_start))
            cursor = max(cursor, b_end)
            if cursor >= end:
                break
        if cursor < end:
            free.append((cursor, end))
    return free


def covers(open_ranges: list[Range], start: datetime, end: datetime) -> bool:
    """Does one open range hold start..end entirely?"""
    return any(o_start <= start and end <= o_end for o_start, o_end in open_ranges)
