"""What SES's receiving checks said of a mail (SPF, DKIM, DMARC, spam, virus): each PASS,
FAIL, GRAY (no verdict possible), PROCESSING_FAILED or DISABLED."""

from __future__ import annotations

from dataclasses import dataclass, fields

PASS, FAIL = "PASS", "FAIL"


@dataclass(frozen=True)
class MailChecks:
    spf: str = "GRAY"
    dkim: str = "GRAY"
    dmarc: str = "GRAY"
    spam: str = "GRAY"
    virus: str = "GRAY"

    def failing(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) == FAIL]

    def as_list(self) -> list[str]:
        """As a report keeps them: ``["spf=PASS", "dkim=FAIL", …]``."""
        return [f"{f.name}={getattr(self, f.name)}" for f in fields(self)]

    def flags(self) -> list[str]:
        """What the admins should look at before verifying a report that came this way."""
        return [name if name in {"spam", "virus"} else f"{name}_fail" for name in self.failing()]

    @property
    def sender_proven(self) -> bool:
        """The sending domain signed the mail (DKIM) and nothing failed: a desk's reply may
        become a draft. SPF alone is not proof: forwarding breaks it, spoofers pass it."""
        return self.dkim == PASS and not self.failing()

    @property
    def sender_plausible(self) -> bool:
        """Nothing failed: enough for the reporter's own reply, which only adds words."""
        return not self.failing()
