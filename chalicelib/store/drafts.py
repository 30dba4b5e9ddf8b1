"""Drafts of a desk's answer, made from its reply by mail: written with the mail that asks the
desk to confirm (one transaction), published at most once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.store.conditions import condition_failed
from chalicelib.store.items import item_or_none
from chalicelib.store.models import DraftModel, OutboxModel
from chalicelib.store.outbox import add_intents

KEEP_FOR = timedelta(days=30)


@dataclass(frozen=True)
class Draft:
    id: str
    tracking_id: str
    agency: str
    unit: str | None
    action: str
    text: str
    attachments: tuple[str, ...]
    sender: str
    created_at: datetime
    published: bool


def save_draft(draft: Draft, confirmation: OutboxModel) -> None:
    """The draft and the mail that asks for its confirmation, or neither (a mail delivered
    twice by SES makes the same draft id, written once)."""
    model = DraftModel(
        id=draft.id,
        tracking_id=draft.tracking_id,
        agency=draft.agency,
        unit=draft.unit,
        action=draft.action,
        text=draft.text,
        attachments=list(draft.attachments) or None,
        sender=draft.sender,
        created_at=draft.created_at,
        status="pending",
        expires=draft.created_at + KEEP_FOR,
    )
    try:
        with TransactWrite(connection=DraftModel._get_connection().connection) as tx:
            tx.save(model, condition=DraftModel.id.does_not_exist())
            add_intents(tx, [confirmation])
    except TransactWriteError as error:
        if not condition_failed(error):
            raise


def get_draft(draft_id: str) -> Draft | None:
    m = item_or_none(DraftModel, draft_id)
    if m is None:
        return None
    return Draft(
        id=m.id,
        tracking_id=m.tracking_id,
        agency=m.agency,
        unit=m.unit,
        action=m.action,
        text=m.text,
        attachments=tuple(m.attachments or ()),
        sender=m.sender,
        created_at=m.created_at,
        published=m.status == "published",
    )


def mark_published(draft_id: str, now: datetime) -> None:
    DraftModel(id=draft_id).update(
        actions=[DraftModel.status.set("published"), DraftModel.published_at.set(now)],
        condition=DraftModel.id.exists(),
    )
