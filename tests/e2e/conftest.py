"""The real dev runner (`python -m local.run`), started on a free port for the session."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, sync_playwright

from local.run import free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class DevSystem:
    url: str
    output: list[str] = field(default_factory=list)

    def printed(self, pattern: str) -> str:
        """The first group of the first line of the runner's output that matches."""
        for line in self.output:
            match = re.search(pattern, line)
            if match:
                return match.group(1)
        raise AssertionError(f"the dev runner never printed {pattern!r}")

    def admin_token(self) -> str:
        """Sign in as the demo admin the runner printed: a real token from its Cognito."""
        username, password = self.printed(r"Demo admin \(embedded Cognito\): (\S+ / \S+)").split(
            " / "
        )
        login = requests.post(f"{self.url}/dev/login", timeout=10,
                              json={"username": username, "password": password})  # fmt: skip
        return login.json()["id_token"]

    def file_report(self, **fields: object) -> dict:
        body = {"type": "pengaduan", "category": "infrastruktur", **fields}
        return requests.post(f"{self.url}/api/reports", json=body, timeout=10).json()


@pytest.fixture(scope="session")
def dev_system() -> Iterator[DevSystem]:
    with running_dev_system() as system:
        yield system


@pytest.fixture(scope="module")
def own_dev_system() -> Iterator[DevSystem]:
    """A dev system of the module's own, for tests that move its clock."""
    with running_dev_system() as system:
        yield system


@contextmanager
def running_dev_system() -> Iterator[DevSystem]:
    port = free_port()
    system = DevSystem(url=f"http://127.0.0.1:{port}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "LAPOR_"))}
    process = subprocess.Popen(
        [sys.executable, "-m", "local.run", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # Keep reading, so the runner never blocks on a full pipe.
    reader = threading.Thread(target=lambda: system.output.extend(process.stdout), daemon=True)
    reader.start()
    try:
        _wait_until_up(system, process)
        yield system
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(system: DevSystem, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("dev runner exited early:\n" + "".join(system.output))
        banner_done = any("Everything lives in memory" in line for line in system.output)
        try:
            if banner_done and requests.get(f"{system.url}/api/health", timeout=1).ok:
                return
        except (requests.ConnectionError, requests.Timeout):
            pass  # not listening yet, or still busy with its first request on a loaded machine
        time.sleep(0.2)
    raise RuntimeError("dev runner did not come up in time")


CHROMIUM_ARGS = [
    # As root, without a GPU, and with no network but loopback: quiet and sandbox-less.
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 800}, locale="id-ID")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"the page raised: {errors}"
