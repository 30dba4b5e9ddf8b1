"""The configured calendar and service levels, built once per container."""

from __future__ import annotations

from functools import lru_cache

from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.policy import ServiceLevels
from chalicelib.settings import get_settings
from chalicelib.store.reference import load_reference_file


@lru_cache(maxsize=1)
def working_calendar() -> WorkingCalendar:
    settings = get_settings()
    return WorkingCalendar(added=settings.holidays_added, removed=settings.holidays_removed)


@lru_cache(maxsize=1)
def service_levels() -> ServiceLevels:
    return ServiceLevels.from_data(load_reference_file()["service_levels"])
