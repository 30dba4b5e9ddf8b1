"""What AWS runs on schedules and streams, run locally on a timer: the overdue sweep, mail
delivery, the daily Ombudsman digest (`chalice local` runs no schedules), the timeline's
stream into the performance figures, and the open-data export."""

from __future__ import annotations

import threading
import traceback
from zoneinfo import ZoneInfo

from chalicelib import clock
from chalicelib.jobs.performance import add_stream_figures
from chalicelib.jobs.sweep import DAILY_DIGESTS, gather_digests, run_sweep
from chalicelib.services.delivery import deliver_due
from chalicelib.services.open_data import publish_month
from chalicelib.settings import get_settings
from local.streams import StreamReader

OPEN_DATA_EVERY_TICKS = 30


class Worker(threading.Thread):
    def __init__(self, every_seconds: float = 2.0) -> None:
        super().__init__(name="lapor-worker", daemon=True)
        self.every_seconds = every_seconds
        self.stopped = threading.Event()
        # Serializes with requests that move the clock, so a tick sees one "now".
        self.lock = threading.Lock()
        self.timeline: StreamReader | None = None  # made once the tables exist
        self.ticks = 0

    def tick(self) -> None:
        with self.lock:
            now = clock.now()
            run_sweep(now)
            gather_digests(now, DAILY_DIGESTS)  # locally at once rather than daily
            deliver_due(now)
            self.timeline = self.timeline or StreamReader(get_settings().table_name("events"))
            add_stream_figures(self.timeline.read(), now)
            # AWS publishes last month's open data on the 1st; here this month's, so far, about
            # once a minute, so that the performance page's links lead somewhere.
            if self.ticks % OPEN_DATA_EVERY_TICKS == 0:
                publish_month(
                    now.astimezone(ZoneInfo(get_settings().national_timezone)).strftime("%Y-%m")
                )
            self.ticks += 1

    def run(self) -> None:
        while not self.stopped.wait(self.every_seconds):
            try:
                self.tick()
            except Exception:  # a dev loop must survive a failed tick, and say why
                traceback.print_exc()

    def stop(self) -> None:
        self.stopped.set()
