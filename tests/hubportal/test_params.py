"""Query parameters read through hubportal/params.py: what a link carries is taken when
it is what the page expects, and otherwise the page shows its default, never a 500."""

from datetime import datetime, timedelta

import pytest

from hubportal.params import choice_param, id_param, moment_param
from hubportal.timeranges import LOCAL_TZ

NOW = datetime(2026, 12, 8, 10, 0, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-09T09:00:00+01:00", datetime(2026, 12, 9, 9, 0, tzinfo=LOCAL_TZ)),
        (" 2026-12-09T09:00:00+01:00 ", datetime(2026, 12, 9, 9, 0, tzinfo=LOCAL_TZ)),
        ("2026-12-09T09:00:00", None),  # no offset: which 9 o'clock?
        ("9999-12-31T23:59:59+01:00", None),  # beyond anyone's plan
        ("0001-01-01T00:00:00+14:00", None),  # no calendar holds it in UTC
        ("morgen", None),
        ("", None),
        (None, None),
    ],
)
def test_a_moment_is_taken_only_with_its_offset_and_within_reach(value, expected):
    assert moment_param(value, around=NOW) == expected


def test_a_moment_further_than_the_span_is_no_moment():
    later = (NOW + timedelta(days=30)).isoformat()
    assert moment_param(later, around=NOW, span=timedelta(days=31)) is not None
    assert moment_param(later, around=NOW, span=timedelta(days=29)) is None


def test_a_choice_is_one_of_the_offered_or_the_default():
    assert choice_param("60", (30, 60)) == 60
    assert choice_param("45", (30, 60)) is None
    assert choice_param("sixty", (30, 60), default=30) == 30


def test_an_id_is_a_positive_number_the_database_holds():
    assert id_param("17") == 17
    assert id_param("0") is None
    assert id_param("-1") is None
    assert id_param("٣") is None  # a digit, but not one a URL is written with
    assert id_param(str(2**63)) is None
