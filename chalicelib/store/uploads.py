"""Uploads and who may attach them: the caller who asked for the upload form, once, within a
day. The claim is a conditional write inside the report's own transaction, so an upload is
attached to one report or to none, even when two requests race for it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from pynamodb.transactions import TransactWrite

from chalicelib.store.items import item_or_none
from chalicelib.store.models import UploadModel

ATTACH_WITHIN = timedelta(hours=24)
KEEP_FOR = timedelta(days=30)


def record_upload(key: str, owner: str, now: datetime) -> None:
    UploadModel(key=key, owner=owner, created_at=now, expires=now + KEEP_FOR).save()


def upload_problem(key: str, owner: str, now: datetime) -> str | None:
    """Why this caller may not attach the upload now (a message key), or None."""
    upload = item_or_none(UploadModel, key)
    if upload is None or upload.owner != owner:
        return "unknown_upload"  # someone else's upload does not exist for this caller
    if upload.attached_to is not None:
        return "upload_used"
    if now - upload.created_at > ATTACH_WITHIN:
        return "upload_expired"
    return None


def claim_uploads(
    tx: TransactWrite, keys: Iterable[str], owner: str, tracking_id: str, now: datetime
) -> None:
    """Mark each upload attached to the report, in the caller's transaction: the transaction
    fails if any was attached meanwhile, belongs to someone else, or is too old."""
    for key in keys:
        tx.update(
            UploadModel(key=key),
            actions=[UploadModel.attached_to.set(tracking_id)],
            condition=(
                UploadModel.key.exists()
                & UploadModel.attached_to.does_not_exist()
                & (UploadModel.owner == owner)
                & (UploadModel.created_at >= now - ATTACH_WITHIN)
            ),
        )
