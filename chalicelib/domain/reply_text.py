"""What a reply says of its own: the text above the quoted mail and the signature.

Mail programs mark what they quote in a few ways: lines opened by ">", an attribution line
("On … wrote:", "Pada … menulis:"), an Outlook header block ("-----Original Message-----",
"From: …" with "Sent:"), or a divider. A signature opens with "-- " (RFC 3676) or the
phone programs' "Sent from …" / "Dikirim dari …". The reply is what comes before the first
of them. The common reply parsers know English only, hence these few patterns."""

from __future__ import annotations

import re

_QUOTE_STARTS = [
    re.compile(r"^>"),
    re.compile(r"^(on|pada)\b.{0,200}\b(wrote|menulis)\s*:\s*$", re.IGNORECASE),
    re.compile(r"^-{2,}\s*(original message|pesan asli|forwarded message)", re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),
    re.compile(r"^(from|dari)\s*:.*@", re.IGNORECASE),
]
_SIGNATURE_STARTS = [
    re.compile(r"^--\s*$"),
    re.compile(r"^(sent from|dikirim dari)\b", re.IGNORECASE),
]
# The words of a reply that only acknowledges ("Ok, terima kasih pak!"): never an answer.
_COURTESIES = frozenset({
    "ok", "oke", "okay", "okey", "baik", "siap", "terima", "kasih", "trims", "makasih", "thanks",
    "thank", "you", "thx", "noted", "diterima", "sudah", "pak", "bu", "ibu", "bapak", "ya", "yes",
    "banyak", "much", "a", "lot", "kak", "mas", "mbak", "sir", "madam", "salam", "hormat",
})  # fmt: skip


def reply_text(text: str) -> str:
    """The sender's own words: quoted mail and signature cut off."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if any(p.match(stripped) for p in _QUOTE_STARTS + _SIGNATURE_STARTS):
            break
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def only_acknowledges(text: str) -> bool:
    """A courtesy such as "ok, terima kasih", not an answer."""
    words = re.findall(r"\w+", text.lower())
    return bool(words) and all(word in _COURTESIES for word in words)
