"""Working days and deadlines in Indonesian time.

Working days are Monday to Friday minus national holidays and cuti bersama (joint leave),
both from the ``holidays`` package, adjusted by an override list because the joint-leave
decree can change in the middle of a year. The Lambda bundle carries the package's dates as
a table written when it was built (``HOLIDAY_TABLE``, see infra/bundle.py), so that no
container imports the package; without the table the package is asked directly.

The day an action happens, in the handling desk's time zone, is day 0; a deadline is the last
second of the Nth working day after it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Container, Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

END_OF_DAY = time(23, 59, 59)
HOLIDAY_TABLE = Path(__file__).resolve().parent.parent / "data" / "holidays-id.json"


def _package_holidays(years: Iterable[int] = ()) -> Collection[date]:
    """Indonesia's public holidays and joint leave from the ``holidays`` package (which adds
    any other year when asked about it)."""
    # Imported on first use: requests that compute no deadline never load the holiday tables.
    import holidays  # noqa: PLC0415

    return holidays.country_holidays(
        "ID", years=list(years), categories=(holidays.PUBLIC, holidays.GOVERNMENT)
    )


def holiday_table(first_year: int, last_year: int) -> HolidayTable:
    """The package's dates for a span of years, as the bundle carries them."""
    days = _package_holidays(range(first_year, last_year + 1))
    return HolidayTable(first_year, last_year, days)


class HolidayTable:
    """Holiday dates for a span of years; a day outside the span is an error, never a guess."""

    def __init__(self, first_year: int, last_year: int, days: Iterable[date]) -> None:
        self.first_year, self.last_year = first_year, last_year
        self._days = frozenset(days)

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        if not self.first_year <= day.year <= self.last_year:
            raise LookupError(
                f"the holiday table covers {self.first_year}-{self.last_year}: rebuild the bundle"
            )
        return day in self._days

    def to_json(self) -> str:
        days = [d.isoformat() for d in sorted(self._days)]
        return json.dumps({"first_year": self.first_year, "last_year": self.last_year,
                           "days": days})  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> HolidayTable:
        data = json.loads(text)
        days = (date.fromisoformat(d) for d in data["days"])
        return cls(data["first_year"], data["last_year"], days)


@lru_cache(maxsize=1)
def _indonesian_holidays() -> Container[date]:
    if HOLIDAY_TABLE.exists():
        return HolidayTable.from_json(HOLIDAY_TABLE.read_text())
    return _package_holidays()


class WorkingCalendar:
    def __init__(self, added: Iterable[date] = (), removed: Iterable[date] = ()) -> None:
        self._added = frozenset(added)
        self._removed = frozenset(removed)

    def is_holiday(self, day: date) -> bool:
        if day in self._added:
            return True
        if day in self._removed:
            return False
        return day in _indonesian_holidays()

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)

    def due_after_working_days(self, start: datetime, working_days: int, tz: str) -> datetime:
        """End of the Nth working day after the day of ``start`` in zone ``tz``."""
        if working_days < 0:
            raise ValueError("working_days must not be negative")
        day = _local_day(start, tz)
        counted = 0
        while counted < working_days:
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        return datetime.combine(day, END_OF_DAY, tzinfo=ZoneInfo(tz))

    def working_days_left(self, now: datetime, due: datetime, tz: str) -> int:
        """Working days after today (in ``tz``) up to and including the due day."""
        day, last = _local_day(now, tz), _local_day(due, tz)
        left = 0
        while day < last:
            day += timedelta(days=1)
            left += self.is_working_day(day)
        return left

    def due_after_calendar_days(self, start: datetime, days: int, tz: str) -> datetime:
        """End of the Nth calendar day after the day of ``start`` (extension tiers)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = _local_day(start, tz) + timedelta(days=days)
        return datetime.combine(day, END_OF_DAY, tzinfo=ZoneInfo(tz))


def _local_day(instant: datetime, tz: str) -> date:
    if instant.tzinfo is None:
        raise ValueError("instants must carry their offset")
    return instant.astimezone(ZoneInfo(tz)).date()
