"""Authentication and authorization failures, each with a stable code for the catalogs."""

from __future__ import annotations


class AuthError(Exception):
    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
