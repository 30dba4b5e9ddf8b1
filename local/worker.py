"""What AWS runs on schedules and streams, run locally on a timer: the overdue sweep, mail
delivery, and the daily Ombudsman digest (`chalice local` runs no schedules)."""

from __future__ import annotations

import threading
import traceback

from chalicelib import clock
from chalicelib.jobs.sweep import DAILY_DIGESTS, gather_digests, run_sweep
from chalicelib.services.delivery import deliver_due


class Worker(threading.Thread):
    def __init__(self, every_seconds: float = 2.0) -> None:
        super().__init__(name="lapor-worker", daemon=True)
        self.every_seconds = every_seconds
        self.stopped = threading.Event()
        # Serializes with requests that move the clock, so a tick sees one "now".
        self.lock = threading.Lock()

    def tick(self) -> None:
        with self.lock:
            now = clock.now()
            run_sweep(now)
            gather_digests(now, DAILY_DIGESTS)  # locally at once rather than daily
            deliver_due(now)

    def run(self) -> None:
        while not self.stopped.wait(self.every_seconds):
            try:
                self.tick()
            except Exception:  # a dev loop must survive a failed tick, and say why
                traceback.print_exc()

    def stop(self) -> None:
        self.stopped.set()
