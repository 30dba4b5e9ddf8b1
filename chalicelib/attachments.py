"""Attachments: uploaded by the browser straight to S3 with a presigned POST whose policy
limits type and size, never through Lambda; a report then names the keys it uploaded, and
only objects that really exist, of an allowed type and size, are attached."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from botocore.exceptions import ClientError

from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.file_types import ALLOWED_TYPES, HEAD_BYTES, content_is
from chalicelib.settings import get_settings
from chalicelib.store.s3 import s3
from chalicelib.store.uploads import record_upload, upload_problem

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
UPLOAD_SECONDS = 15 * 60
_PREFIX = "incoming/"
_KEY = re.compile(r"^incoming/[0-9a-f]{32}/[A-Za-z0-9._-]{1,80}$")


class AttachmentRefused(InvalidFields):
    """One attachment field refused, for one reason: a 400 naming the field like any other."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__({field: (reason, {})})
        self.reason = reason


@dataclass(frozen=True)
class UploadForm:
    url: str
    fields: dict[str, str]
    key: str


def _safe_name(filename: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", filename.rsplit("/", 1)[-1]).strip(".-")
    return (name or "lampiran")[-80:]


def upload_form(
    filename: str, content_type: str, size: int, *, owner: str, now: datetime
) -> UploadForm:
    """A presigned POST for one file; the upload is recorded as ``owner``'s, the only caller
    who may attach it."""
    if content_type not in ALLOWED_TYPES:
        raise AttachmentRefused("content_type", "attachment_type")
    if not 0 < size <= MAX_BYTES:
        raise AttachmentRefused("size", "attachment_size")
    key = f"{_PREFIX}{uuid.uuid4().hex}/{_safe_name(filename)}"
    post = s3().generate_presigned_post(
        Bucket=get_settings().attachments_bucket,
        Key=key,
        Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, MAX_BYTES]],
        ExpiresIn=UPLOAD_SECONDS,
    )
    record_upload(key, owner, now)
    return UploadForm(url=post["url"], fields=post["fields"], key=key)


def confirm(keys: list[str], *, owner: str, now: datetime) -> list[str]:
    """The keys, if every one names an upload this caller asked for (not yet attached, less
    than a day ago) that exists and obeys the limits. The claim itself is made in the
    report's transaction (store.uploads), so a race for the same upload has one winner."""
    if len(keys) > MAX_FILES:
        raise AttachmentRefused("attachments", "too_many_attachments")
    if len(set(keys)) != len(keys):
        raise AttachmentRefused("attachments", "upload_used")
    for index, key in enumerate(keys):
        field = f"attachments.{index}"
        if not _KEY.match(key):
            raise AttachmentRefused(field, "unknown_upload")
        problem = upload_problem(key, owner, now)
        if problem:
            raise AttachmentRefused(field, problem)
        size, content_type, head = _first_bytes(key, field)
        if size > MAX_BYTES:
            raise AttachmentRefused(field, "attachment_size")
        # The declared type must be allowed and the content must be what it declares.
        if content_type not in ALLOWED_TYPES or not content_is(content_type, head):
            raise AttachmentRefused(field, "attachment_type")
    return keys


def file_problem(content_type: str, data: bytes) -> str | None:
    """Why a file that came inside a mail may not be attached (a message key), or None: the
    same type and size rules as an upload."""
    if not data or len(data) > MAX_BYTES:
        return "attachment_size"
    if content_type not in ALLOWED_TYPES or not content_is(content_type, data[:HEAD_BYTES]):
        return "attachment_type"
    return None


def store_file(filename: str, content_type: str, data: bytes) -> str:
    """Keep a file that came inside a mail beside the uploads; its key."""
    key = f"{_PREFIX}{uuid.uuid4().hex}/{_safe_name(filename)}"
    s3().put_object(
        Bucket=get_settings().attachments_bucket, Key=key, Body=data, ContentType=content_type
    )
    return key


def hold_for(keys: list[str], owner: str, now: datetime) -> None:
    """Stored files become ``owner``'s uploads, to attach within the day (as a report or an
    action attaches an upload: claimed in its transaction)."""
    for key in keys:
        record_upload(key, owner, now)


def _first_bytes(key: str, field: str) -> tuple[int, str | None, bytes]:
    """The object's whole size, declared type and first bytes (one ranged GetObject)."""
    try:
        got = s3().get_object(
            Bucket=get_settings().attachments_bucket, Key=key, Range=f"bytes=0-{HEAD_BYTES - 1}"
        )
    except ClientError as error:  # 404: an upload that was never made
        raise AttachmentRefused(field, "unknown_upload") from error
    total = got.get("ContentRange", "").rpartition("/")[2]
    size = int(total) if total.isdigit() else int(got["ContentLength"])
    return size, got.get("ContentType"), got["Body"].read()


def download_url(key: str) -> str:
    return s3().generate_presigned_url(
        "get_object",
        Params={"Bucket": get_settings().attachments_bucket, "Key": key},
        ExpiresIn=UPLOAD_SECONDS,
    )
