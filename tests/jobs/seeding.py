"""Reports filed and routed through the services, at chosen times (no HTTP, no Cognito)."""

from __future__ import annotations

import json
from datetime import datetime

from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole, Report
from chalicelib.domain.workflow import Command
from chalicelib.services import intake
from chalicelib.services.workflow import act
from chalicelib.store.reports import get_report

ADMIN = Actor(ActorRole.ADMIN, id="admin")


def file_report(now: datetime, **overrides: object) -> Report:
    body = {
        "type": "pengaduan",
        "title": "Jalan berlubang",
        "description": "Lubang besar di Jalan Kaliurang km 5 membahayakan pengendara.",
        "category": "infrastruktur",
        "reporter": {"name": "Siti Aminah", "email": "siti@example.id"},
        **overrides,
    }
    filed = intake.file_report(json.dumps(body).encode(), body, now=now, idempotency_key=None)
    return get_report(filed["tracking_id"])


def routed_report(now: datetime, agency: str = "pemkab-sleman", **overrides: object) -> Report:
    report = file_report(now, **overrides)
    routed, _ = act(report, ADMIN, Command(Action.VERIFY, agency=agency), now)
    return routed


def agency_acts(report: Report, command: Command, now: datetime) -> Report:
    agency = Actor(ActorRole.AGENCY, id=report.agency, agency=report.agency)
    moved, _ = act(get_report(report.tracking_id), agency, command, now)
    return moved
