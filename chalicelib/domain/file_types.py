"""What a file is, from its first bytes, not from the type its sender declared: a text file
named `.png` and sent as image/png is not an image."""

from __future__ import annotations

HEAD_BYTES = 16  # enough for every signature below

_SIGNATURES = {
    "image/jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "image/png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    "application/pdf": lambda head: head.startswith(b"%PDF-"),
}
ALLOWED_TYPES = frozenset(_SIGNATURES)


def content_is(content_type: str, head: bytes) -> bool:
    """True if ``head`` (a file's first bytes) begins as a file of ``content_type`` does."""
    check = _SIGNATURES.get(content_type)
    return check is not None and check(head)
