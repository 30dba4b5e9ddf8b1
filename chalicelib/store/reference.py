"""Reference data (categories, agencies): seeded from a data file, read with one Query per
kind and kept in memory for a few minutes, since it changes rarely and every submit needs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalicelib.settings import get_settings
from chalicelib.store.models import LabelsAttribute, ReferenceModel, UnitAttribute
from chalicelib.timed_cache import TimedCache

REFERENCE_FILE = Path(__file__).parent.parent / "data" / "reference.json"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Unit:
    """A work unit inside an agency (a dinas, a directorate) that a coordinator may forward to."""

    key: str
    labels: dict[str, str]


@dataclass(frozen=True)
class Agency:
    """An agency that handles reports: its names, where it is, its desks' mail and its units."""

    key: str
    labels: dict[str, str]
    kind: str
    level: str
    region: str
    timezone: str
    emails: tuple[str, ...]
    coordinator_email: str | None
    units: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Category:
    """What a report is about, and where reports of it go by default."""

    key: str
    labels: dict[str, str]
    default_agency: str | None
    fast_track: bool
    copies_to: tuple[str, ...]


def load_reference_file(path: Path = REFERENCE_FILE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def seed_reference_data(path: Path = REFERENCE_FILE) -> int:
    """Write every category and agency of the data file; returns how many items were written."""
    data = load_reference_file(path)
    units = data.get("units_by_kind", {})
    items = [_agency_item(a, _units_of(a, units)) for a in data["agencies"]] + [
        _category_item(c) for c in data["categories"]
    ]
    with ReferenceModel.batch_write() as batch:
        for item in items:
            batch.save(item)
    clear_cache()
    return len(items)


def _units_of(agency: dict[str, Any], by_kind: dict[str, Any]) -> list[dict[str, Any]]:
    """An agency's own units, else its kind's (a kind may name another kind whose list it
    shares: a city has a regency's offices)."""
    units = agency.get("units", agency["kind"])
    while isinstance(units, str):
        units = by_kind.get(units, [])
    return units


def _agency_item(a: dict[str, Any], units: list[dict[str, Any]]) -> ReferenceModel:
    return ReferenceModel(
        kind="agency",
        key=a["key"],
        labels=LabelsAttribute(**a["labels"]),
        agency_kind=a["kind"],
        level=a["level"],
        region=a["region"],
        timezone=a["timezone"],
        emails=a["emails"],
        coordinator_email=a.get("coordinator_email"),
        units=[UnitAttribute(key=u["key"], labels=LabelsAttribute(**u["labels"])) for u in units]
        or None,
    )


def _category_item(c: dict[str, Any]) -> ReferenceModel:
    return ReferenceModel(
        kind="category",
        key=c["key"],
        labels=LabelsAttribute(**c["labels"]),
        default_agency=c.get("default_agency"),
        fast_track=c.get("fast_track", False),
        copies_to=c.get("copies_to") or None,
    )


_cache: TimedCache[dict[str, Any]] = TimedCache(CACHE_SECONDS)


def clear_cache() -> None:
    _cache.clear()


def _cached(kind: str, convert: Callable[[ReferenceModel], Any]) -> dict[str, Any]:
    return _cache.get(
        kind, lambda: {item.key: convert(item) for item in ReferenceModel.query(kind)}
    )


def _to_agency(item: ReferenceModel) -> Agency:
    return Agency(
        key=item.key,
        labels=item.labels.as_dict(),
        kind=item.agency_kind or "",
        level=item.level or "",
        region=item.region or "",
        timezone=item.timezone or "Asia/Jakarta",
        emails=tuple(item.emails or ()),
        coordinator_email=item.coordinator_email,
        units=tuple(Unit(u.key, u.labels.as_dict()) for u in item.units or ()),
    )


def _to_category(item: ReferenceModel) -> Category:
    return Category(
        key=item.key,
        labels=item.labels.as_dict(),
        default_agency=item.default_agency,
        fast_track=bool(item.fast_track),
        copies_to=tuple(item.copies_to or ()),
    )


def agencies() -> dict[str, Agency]:
    return _cached("agency", _to_agency)


def desk_timezone(agency_key: str | None) -> str:
    """Where a report's deadlines are met: its agency's time zone (WIB, WITA, WIT), the
    national one while no agency holds it."""
    agency = agencies().get(agency_key) if agency_key else None
    return agency.timezone if agency else get_settings().national_timezone


def categories() -> dict[str, Category]:
    return _cached("category", _to_category)
