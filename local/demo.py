"""A demo report for `make run`: filed by a citizen, verified and routed by the demo admin,
so a newcomer has an agency link to click straight away."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from chalicelib.auth.reply_addresses import agency_desk
from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole
from chalicelib.domain.workflow import Command
from chalicelib.services import intake, links
from chalicelib.services.workflow import act
from chalicelib.settings import get_settings
from chalicelib.store import api_keys, reference
from chalicelib.store.reports import get_report

DEMO_AGENCY = "pemkab-sleman"
DEMO_REPORT = {
    "type": "pengaduan",
    "title": "Jalan berlubang di depan Puskesmas Depok",
    "description": "Lubang sedalam 20 cm di Jl. Kaliurang km 5 sudah dua minggu belum "
    "diperbaiki dan membahayakan pengendara motor, terutama malam hari.",
    "category": "infrastruktur",
    "agency": DEMO_AGENCY,
    "location": "Jl. Kaliurang km 5, Depok, Sleman",
    "reporter": {"name": "Siti Aminah", "email": "siti@example.id"},
}


@dataclass(frozen=True)
class Demo:
    agency: str
    tracking_id: str
    access_token: str
    agency_link: str
    desk_link: str
    desk_address: str  # where the agency's mail goes
    desk_reply_to: str  # the Reply-To of the routed report's mail to that desk
    intake_address: str  # where citizens mail reports
    open311_key: str  # a demo integrator's API key


def create_demo(now: datetime) -> Demo:
    raw = json.dumps(DEMO_REPORT).encode()
    filed = intake.file_report(raw, DEMO_REPORT, now=now, idempotency_key=None)
    report = get_report(filed["tracking_id"])
    admin = Actor(ActorRole.ADMIN, id="admin")
    act(
        report,
        admin,
        Command(Action.VERIFY, agency=DEMO_AGENCY, note="Diteruskan ke Pemkab Sleman."),
        now,
    )
    token = links.coordinator_link(filed["tracking_id"], DEMO_AGENCY, now)
    return Demo(
        agency=DEMO_AGENCY,
        tracking_id=filed["tracking_id"],
        access_token=filed["access_token"],
        agency_link=links.link_url(token),
        desk_link=links.link_url(links.desk_link(DEMO_AGENCY, now)),
        desk_address=reference.agencies()[DEMO_AGENCY].emails[0],
        desk_reply_to=links.reply_address(filed["tracking_id"], agency_desk(DEMO_AGENCY), now),
        intake_address=get_settings().intake_address,
        open311_key=api_keys.create_key("Demo integrator", now)[1],
    )
