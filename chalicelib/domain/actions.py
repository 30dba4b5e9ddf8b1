"""Who acts on a report and what each role may ever do: the vocabulary that the state
machine, the signed links and the API share. Whether an action is allowed *now* is the
state machine's answer (`domain.workflow`), which the API loads only when it acts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from chalicelib.domain.report import ActorRole


class Action(StrEnum):
    VERIFY = "verify"  # national admin: route to the agency with authority
    ARCHIVE = "archive"  # national admin: out of scope, duplicate, incomplete, spam
    SET_PRIVACY = "set_privacy"  # admin: switch anonim / rahasia on; the reporter: either way
    FORWARD = "forward"  # agency coordinator → a unit's liaison
    UNIT_REPLY = "unit_reply"  # unit liaison → back to the coordinator
    FOLLOW_UP = "follow_up"  # agency coordinator: the public answer
    HOLD = "hold"  # agency: ask the citizen for more information (clock pauses)
    PROVIDE_INFO = "provide_info"  # citizen: answer the agency's question (clock restarts)
    ADD_NOTE = "add_note"  # citizen: more about an open report, for the admins and the agency
    END_HOLD = "end_hold"  # system: the citizen left the question unanswered (clock restarts)
    NOT_OUR_AUTHORITY = "not_our_authority"  # agency: back to the national admin
    REQUEST_EXTENSION = "request_extension"  # agency: a longer tier, with a reason
    RESPOND = "respond"  # citizen: satisfied, or not (reopens, at most twice)
    AUTO_CLOSE = "auto_close"  # system: the response window passed in silence
    ESCALATE = "escalate"  # system: a deadline passed; one level further
    RATE = "rate"  # citizen: 1–5 after completion
    REROUTE = "reroute"  # admin: a routed report to another agency, with a reason
    CHANGE_CATEGORY = "change_category"  # admin: the report is about something else
    SEND_LINK = "send_link"  # admin: the desk gets the report's mail with a fresh link


ROLE_ACTIONS: dict[ActorRole, frozenset[Action]] = {
    ActorRole.ADMIN: frozenset(
        {
            Action.VERIFY,
            Action.ARCHIVE,
            Action.SET_PRIVACY,
            Action.REROUTE,
            Action.CHANGE_CATEGORY,
            Action.SEND_LINK,
        }
    ),
    ActorRole.AGENCY: frozenset(
        {
            Action.FORWARD,
            Action.UNIT_REPLY,
            Action.FOLLOW_UP,
            Action.HOLD,
            Action.NOT_OUR_AUTHORITY,
            Action.REQUEST_EXTENSION,
        }
    ),
    ActorRole.CITIZEN: frozenset(
        {Action.PROVIDE_INFO, Action.ADD_NOTE, Action.RESPOND, Action.RATE, Action.SET_PRIVACY}
    ),
    ActorRole.SYSTEM: frozenset({Action.AUTO_CLOSE, Action.ESCALATE, Action.END_HOLD}),
}
AGENCY_ACTIONS = ROLE_ACTIONS[ActorRole.AGENCY]


@dataclass(frozen=True)
class Actor:
    """Who acts: a role, and for agencies which desk (and unit) they act for."""

    role: ActorRole
    id: str | None = None
    agency: str | None = None  # for agency actors: whose desk
    unit: str | None = None  # for a unit's liaison: which unit
