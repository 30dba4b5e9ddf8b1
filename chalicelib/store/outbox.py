"""The outbox: mail intents, their delivery state, and digests of escalation lines."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import Attribute
from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.store.conditions import condition_failed
from chalicelib.store.items import item_or_none
from chalicelib.store.keys import utc_key
from chalicelib.store.models import ContactModel, OutboxModel
from chalicelib.store.shards import first_across_shards, sharded_key

PENDING_QUEUE = "pending"
DELIVERY_SHARDS = 16
KEEP_FOR = timedelta(days=90)


def intent_id(*parts: object) -> str:
    """The same intent always gets the same id, so writing it twice is refused."""
    return hashlib.sha256("#".join(str(p) for p in parts).encode()).hexdigest()[:40]


def new_intent(
    *,
    intent: str,
    kind: str,
    to: str,
    language: str,
    now: datetime,
    data: dict[str, Any],
    link_url: str | None = None,
    tracking_id: str | None = None,
    line: bool = False,
    channel: str = "email",
    reply_to: str | None = None,
) -> OutboxModel:
    item = OutboxModel(
        id=intent,
        kind=kind,
        channel=None if channel == "email" else channel,  # absent: email, as before SMS
        to=to,
        language=language,
        link_url=link_url,
        reply_to=reply_to,
        data=data,
        tracking_id=tracking_id,
        created_at=now,
        expires=now + KEEP_FOR,
    )
    if line:
        item.status, item.line_kind = "line", kind
    else:
        item.status, item.next_attempt = "pending", utc_key(now)
        item.queue = sharded_key(PENDING_QUEUE, intent, DELIVERY_SHARDS)
    return item


def add_intents(tx: TransactWrite, intents: Iterable[OutboxModel]) -> None:
    for item in intents:
        tx.save(item, condition=OutboxModel.id.does_not_exist())


def save_intent(item: OutboxModel) -> bool:
    """A mail that belongs to no report's transaction; False if it was written before."""
    return save_once(item, OutboxModel.id)


def get(intent: str) -> OutboxModel | None:
    return item_or_none(OutboxModel, intent)


def due(now: datetime, limit: int = 100) -> list[OutboxModel]:
    """Mail whose next attempt is due, oldest first (one Query per shard of the sparse
    delivery index, merged): keys only, the claim reads the rest."""
    due_by = OutboxModel.next_attempt <= utc_key(now)
    return first_across_shards(
        lambda key: OutboxModel.delivery.query(key, due_by, limit=limit),
        PENDING_QUEUE,
        DELIVERY_SHARDS,
        key=_next_attempt,
        limit=limit,
    )


def _next_attempt(item: OutboxModel) -> str:
    return str(item.next_attempt)


class ClaimLost(Exception):
    """The claim's lease ran out and another worker took the item: this one must not mark it."""


def claim(item: OutboxModel, now: datetime, lease: timedelta) -> str | None:
    """Take the item for one attempt: the claim's id, or None if someone else holds it or
    it is done. Every later mark is conditional on still holding this claim."""
    claim_id = uuid.uuid4().hex
    condition = (OutboxModel.status == "pending") & (
        OutboxModel.lease_until.does_not_exist() | (OutboxModel.lease_until < utc_key(now))
    )
    try:
        item.update(
            actions=[
                OutboxModel.attempts.add(1),
                OutboxModel.lease_until.set(utc_key(now + lease)),
                OutboxModel.claim_id.set(claim_id),
            ],
            condition=condition,
        )
    except UpdateError as error:
        if condition_failed(error):
            return None
        raise
    return claim_id


def _mark(item: OutboxModel, claim_id: str, actions: list[Any]) -> None:
    try:
        item.update(
            actions=[*actions, OutboxModel.lease_until.remove(), OutboxModel.claim_id.remove()],
            condition=OutboxModel.claim_id == claim_id,
        )
    except UpdateError as error:
        if condition_failed(error):
            raise ClaimLost(item.id) from error
        raise


def mark_sent(item: OutboxModel, claim_id: str, now: datetime, message_id: str) -> None:
    _mark(
        item,
        claim_id,
        [
            OutboxModel.status.set("sent"),
            OutboxModel.sent_at.set(now),
            OutboxModel.message_id.set(message_id),
            OutboxModel.queue.remove(),
            OutboxModel.next_attempt.remove(),
        ],
    )


def retry_later(item: OutboxModel, claim_id: str, when: datetime, error: str) -> None:
    _mark(
        item,
        claim_id,
        [OutboxModel.next_attempt.set(utc_key(when)), OutboxModel.last_error.set(error[:500])],
    )


def stop(item: OutboxModel, claim_id: str, status: str, error: str) -> None:
    """Parked (failed too often) or suppressed (a bad address): out of the queue, kept."""
    _mark(
        item,
        claim_id,
        [
            OutboxModel.status.set(status),
            OutboxModel.last_error.set(error[:500]),
            OutboxModel.queue.remove(),
            OutboxModel.next_attempt.remove(),
        ],
    )


def undigested(kind: str) -> list[OutboxModel]:
    return list(OutboxModel.digest_lines.query(kind))


def gather(lines: list[OutboxModel], digest: OutboxModel) -> bool:
    """Write the digest and mark its lines taken, together; False if another sweep got
    any of them first (then nothing is written and that sweep's digest carries them)."""
    try:
        with TransactWrite(connection=OutboxModel._get_connection().connection) as tx:
            tx.save(digest, condition=OutboxModel.id.does_not_exist())
            for line in lines:
                tx.update(
                    line,
                    actions=[
                        OutboxModel.status.set("digested"),
                        OutboxModel.digest_id.set(digest.id),
                        OutboxModel.line_kind.remove(),
                    ],
                    condition=OutboxModel.line_kind.exists(),
                )
    except TransactWriteError as error:
        if condition_failed(error):
            return False
        raise
    return True


def is_blocked(address: str) -> bool:
    return item_or_none(ContactModel, address.lower(), consistent=False) is not None


def block(address: str, status: str, reason: str, now: datetime) -> bool:
    """Record a bad address; False if it was already recorded."""
    contact = ContactModel(
        email=address.lower(), status=status, reason=reason[:500], updated_at=now
    )
    return save_once(contact, ContactModel.email)


def save_once(item: Model, key: Attribute) -> bool:
    """Save an item whose ``key`` must not exist yet; False (nothing written) if it does."""
    try:
        item.save(condition=key.does_not_exist())
    except PutError as error:
        if condition_failed(error):
            return False
        raise
    return True
