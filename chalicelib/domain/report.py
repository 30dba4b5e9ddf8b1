"""What a report is: its kinds, statuses, people and timeline events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class ReportType(StrEnum):
    COMPLAINT = "pengaduan"
    ASPIRATION = "aspirasi"
    INFORMATION_REQUEST = "permintaan_informasi"


class Status(StrEnum):
    SUBMITTED = "submitted"
    DISPOSITIONED = "dispositioned"
    FOLLOWED_UP = "followed_up"
    COMPLETED = "completed"
    ARCHIVED = "archived"


class Language(StrEnum):
    ID = "id"
    EN = "en"


class ActorRole(StrEnum):
    CITIZEN = "citizen"
    ADMIN = "admin"
    AGENCY = "agency"
    SYSTEM = "system"


@dataclass(frozen=True)
class Reporter:
    """Who filed a report: a name unless filed anonymously, and an email or phone for replies."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Event:
    """One immutable step on a report's timeline."""

    tracking_id: str
    seq: int
    at: datetime
    action: str
    actor_role: ActorRole
    to_status: Status
    from_status: Status | None = None
    actor_id: str | None = None
    public_note: str | None = None
    internal_note: str | None = None
    due_at: datetime | None = None
    escalation_level: int | None = None  # an escalation: the level it reached


def overdue(stage_due_at: datetime | None, on_hold: bool, now: datetime) -> bool:
    """A stage's deadline has passed while the clock ran (a paused clock is nobody's delay)."""
    return stage_due_at is not None and not on_hold and stage_due_at < now


@dataclass(frozen=True)
class ReportSummary:
    """What a list (the public feed, a desk's queue) shows of a report: the lists' indexes
    carry only this, so a list is read without fetching whole reports."""

    tracking_id: str
    type: ReportType
    status: Status
    title: str
    category: str
    created_at: datetime
    agency: str | None = None
    stage_due_at: datetime | None = None
    on_hold: bool = False
    unit: str | None = None
    returned_by: str | None = None
    reopen_count: int = 0
    escalation_level: int = 0


@dataclass
class Report:
    """A report as the rules see it: what was filed, where it stands, who holds it and by when."""

    tracking_id: str
    type: ReportType
    status: Status
    title: str
    description: str
    category: str
    created_at: datetime
    updated_at: datetime
    access_token_hash: str
    reporter: Reporter
    language: Language = Language.ID
    anonymous: bool = False
    confidential: bool = False
    proposed_agency: str | None = None
    agency: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    incident_date: date | None = None
    stage_due_at: datetime | None = None
    event_count: int = 0
    attachments: list[str] = field(default_factory=list)  # the reporter's uploads
    reply_attachments: list[str] = field(default_factory=list)  # the agency's, with its answer
    version: int | None = None
    # Workflow state.
    stage: str | None = None  # which service level the current deadline belongs to
    unit: str | None = None  # the work unit a coordinator forwarded the report to
    on_hold: bool = False  # waiting for the citizen: the clock is paused
    held_working_days: int | None = None  # working days left when the clock was paused
    reopen_count: int = 0
    extension_tier: str | None = None
    routed_at: datetime | None = None
    returned_by: str | None = None  # the agency that said "not our authority"
    archive_reason: str | None = None
    copies_to: list[str] = field(default_factory=list)  # tembusan: supervising bodies
    outcome: str | None = None  # satisfied, not_satisfied, no_response, archived
    rating: int | None = None
    rating_comment: str | None = None
    escalation_level: int = 0  # 0 on time; 1 reminder; 2 coordinator + admins; 3 Ombudsman
    next_work_at: datetime | None = None  # when the sweep must next look at this report
    token_kid: str | None = None  # the key the reporter's access token was derived with
    # Tokens mailed under keys since rotated away: still the reporter's, so still accepted.
    earlier_token_hashes: list[str] = field(default_factory=list)
    stage_started_at: datetime | None = None  # the stage's deadlines are capped from here
    stage_first_due_at: datetime | None = None  # the deadline the stage started with
    verified_at: datetime | None = None  # first routed by an admin (or fast-tracked)
    hold_until: datetime | None = None  # a hold ends here if the citizen stays silent
    unit_due_at: datetime | None = None  # the unit's own date, never past the agency's
    duplicate_of: str | None = None  # archived as a duplicate of this report
    # Messages the reporter had no channel for ("<seq>:<kind>"), for the admins to follow up.
    undelivered: list[str] = field(default_factory=list)
    channel: str = "web"  # how it came in: "web" (the form, the API) or "email"
    # A mail's checks as SES judged them ("spf=PASS", "dkim=FAIL", …), and what the admins
    # should look at before verifying ("dkim_fail", "spam", "virus", "files_refused").
    mail_verdicts: list[str] = field(default_factory=list)
    intake_flags: list[str] = field(default_factory=list)

    @property
    def token_hashes(self) -> list[str]:
        return [self.access_token_hash, *self.earlier_token_hashes]

    @property
    def public(self) -> bool:
        """Only what a national admin let through, never confidential, never archived."""
        return (
            self.verified_at is not None
            and not self.confidential
            and self.status is not Status.ARCHIVED
        )
