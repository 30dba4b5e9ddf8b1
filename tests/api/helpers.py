"""What API tests share: a valid report body and small request helpers."""

from __future__ import annotations

import json
from typing import Any

from chalice.test import Client


def valid_report(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "pengaduan",
        "title": "Jalan berlubang di depan puskesmas",
        "description": "Lubang besar di Jalan Kaliurang km 5 membahayakan pengendara motor.",
        "category": "infrastruktur",
        "agency": "pemkab-sleman",
        "location": "Jl. Kaliurang km 5, Sleman",
        "anonymous": False,
        "confidential": False,
        "reporter": {"name": "Siti Aminah", "email": "siti@example.id", "phone": "0812 3456 7890"},
        "language": "id",
    }
    body.update(overrides)
    return body


def post_report(client: Client, body: Any, **headers: str) -> Any:
    payload = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.http.post(
        "/api/reports",
        headers={"Content-Type": "application/json", **headers},
        body=payload,
    )


def act(client: Client, tracking_id: str, headers: dict[str, str], **command: Any) -> Any:
    return client.http.post(
        f"/api/reports/{tracking_id}/actions",
        headers={"Content-Type": "application/json", **headers},
        body=json.dumps(command),
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def agency_header(link_url_or_token: str) -> dict[str, str]:
    return {"X-Agency-Token": link_url_or_token.rsplit("#token=", maxsplit=1)[-1]}


def as_admin(tracking_id: str, action: str, **params: Any) -> Any:
    """Act as a national admin through the service (the admin's sign-in is tested
    elsewhere); the report as it is afterwards."""
    from chalicelib import clock
    from chalicelib.domain.actions import Action, Actor
    from chalicelib.domain.report import ActorRole
    from chalicelib.domain.workflow import Command
    from chalicelib.services.workflow import act
    from chalicelib.store.reports import get_report

    admin = Actor(ActorRole.ADMIN, id="admin")
    command = Command(Action(action), **params)
    return act(get_report(tracking_id), admin, command, clock.now())[0]


def verified(tracking_id: str, agency: str = "pemkab-sleman") -> str:
    """Verify and route a report, which makes it public unless it is confidential."""
    as_admin(tracking_id, "verify", agency=agency)
    return tracking_id


def signed_in_learner(client: Client, email: str, name: str, *, level: str = "operator",
                      agency: str = "pemkab-sleman") -> dict[str, str]:  # fmt: skip
    """Register an e-Learning learner and sign in with the link mailed to them: the headers
    their requests carry."""
    from chalicelib.services import delivery
    from tests.conftest import DEFAULT_NOW
    from tests.jobs.mailbox import sent_to

    body = {"name": name, "email": email, "agency": agency, "level": level}
    response = client.http.post("/api/learning/learners", body=json.dumps(body),
                                headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 202
    delivery.deliver_due(DEFAULT_NOW)
    return {"X-Learner-Token": sent_to(email)[-1].token(), "Content-Type": "application/json"}
