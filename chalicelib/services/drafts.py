"""Publishing a desk's answer that came by mail: the desk reads its draft on its page and
publishes it there, as the same action it would have taken on the page."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from chalicelib import attachments
from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import Event, Report
from chalicelib.domain.workflow import Command
from chalicelib.services.errors import DraftNotFound, DraftPublished
from chalicelib.services.workflow import act
from chalicelib.store.drafts import Draft, get_draft, mark_published

_DRAFT_ID = re.compile(r"[0-9a-f]{24}")  # what services.inbound_mail makes


def draft_for(draft_id: str, report: Report, actor: Actor) -> Draft:
    """The draft, if it was made for this report by this desk."""
    draft = get_draft(draft_id) if _DRAFT_ID.fullmatch(draft_id) else None
    if (
        draft is None
        or draft.tracking_id != report.tracking_id
        or draft.agency != actor.agency
        or draft.unit != actor.unit
    ):
        raise DraftNotFound(draft_id)
    return draft


def draft_view(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.id,
        "action": draft.action,
        "text": draft.text,
        "attachments": [key.rsplit("/", 1)[-1] for key in draft.attachments],
        "sender": draft.sender,
        "created_at": draft.created_at.isoformat(),
        "published": draft.published,
    }


def publish(draft: Draft, report: Report, actor: Actor, now: datetime) -> tuple[Report, Event]:
    """The draft as the desk's action; its files become the desk's uploads and are attached
    in the action's transaction. Raises what ``act`` raises (the report moved on: 409)."""
    if draft.published:
        raise DraftPublished(draft.id)
    action = Action(draft.action)
    owner = f"draft:{draft.id}"
    attachments.hold_for(list(draft.attachments), owner, now)
    if action is Action.FOLLOW_UP:
        command = Command(action, note=draft.text, attachments=draft.attachments)
    else:
        command = Command(action, internal_note=draft.text)
    result = act(report, actor, command, now, uploader=owner)
    mark_published(draft.id, now)
    return result
