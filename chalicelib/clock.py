"""Where "now" comes from. Code asks the clock; tests and the dev runner replace it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to: for tests and the dev runner's time travel."""

    def __init__(self, now: datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = now

    def __call__(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta

    def set(self, now: datetime) -> None:
        self._now = now


class OffsetClock:
    """The real time plus an offset the dev runner can push forward ("time travel"), so that
    deadlines and escalations can be seen without waiting days."""

    wall = staticmethod(system_clock)  # what does not travel: see wall_now

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return system_clock() + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


_current: Clock = system_clock


def now() -> datetime:
    """The current instant, always timezone-aware (UTC unless a clock says otherwise)."""
    return _current()


def wall_now() -> datetime:
    """The real time, even while the dev runner has moved the reports' clock forward: sign-in
    tokens expire in real time, so time travel never signs an admin out. A clock that moves
    everything (a test's FixedClock) is also the wall clock."""
    return getattr(_current, "wall", _current)()


def current() -> Clock:
    return _current


def use_clock(clock: Clock) -> None:
    global _current  # noqa: PLW0603 - the one process-wide clock is swappable by design
    _current = clock
