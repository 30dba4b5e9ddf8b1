"""e-Learning certificates (pure): one per learner and level, issued when every module of the
level is passed, identified by a code anyone can check. A code is 60 random bits written in
an alphabet without look-alikes (no 0/O, 1/I/L), so that it survives being typed from paper."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from chalicelib.domain.learning import Module

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PREFIX = "LPR"
CODE_GROUPS, GROUP_LENGTH = 3, 4


@dataclass(frozen=True)
class Certificate:
    code: str
    learner_id: str
    name: str
    agency: str
    level: str
    modules: tuple[str, ...]  # the titles of the level's modules, in order
    issued_at: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = None

    @property
    def status(self) -> str:
        return "revoked" if self.revoked_at else "valid"


def new_code(random_bytes: bytes) -> str:
    """``LPR-XXXX-XXXX-XXXX`` from at least 12 random bytes (one character per byte, drawn
    without bias: bytes past the alphabet's last whole multiple are skipped)."""
    limit = 256 - 256 % len(CODE_ALPHABET)
    characters = [CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in random_bytes if b < limit]
    wanted = CODE_GROUPS * GROUP_LENGTH
    if len(characters) < wanted:
        raise ValueError("not enough random bytes for a code")
    groups = ["".join(characters[i : i + GROUP_LENGTH]) for i in range(0, wanted, GROUP_LENGTH)]
    return "-".join((CODE_PREFIX, *groups))


def normalize_code(text: str) -> str | None:
    """The canonical code for what someone typed (any case, spaces or dashes anywhere, the
    prefix optional), or None when it cannot be one."""
    compact = "".join(c for c in text.upper() if c not in " -")
    compact = compact.removeprefix(CODE_PREFIX)
    if len(compact) != CODE_GROUPS * GROUP_LENGTH or any(c not in CODE_ALPHABET for c in compact):
        return None
    groups = [compact[i : i + GROUP_LENGTH] for i in range(0, len(compact), GROUP_LENGTH)]
    return "-".join((CODE_PREFIX, *groups))


def level_complete(level_modules: Iterable[Module], passed: set[str]) -> bool:
    """Every module of the level passed (a level without modules is never complete)."""
    ids = {m.id for m in level_modules}
    return bool(ids) and ids <= passed
