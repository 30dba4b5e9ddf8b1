"""Who is calling, from the request's headers, and what they may see or do on a report.

- `Authorization: Bearer <Cognito JWT>`: a national admin;
- `X-Agency-Token: <signed link>`: an agency (or one of its units) through an emailed link;
- `X-Access-Token: <token>`: the reporter of that one report.

Each credential's verifier is loaded by the first request that brings one, so that a public
read, the most common first request of a container, never loads the token and link checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from chalice.app import Request

from chalicelib import clock
from chalicelib.auth.errors import AuthError
from chalicelib.domain.actions import ROLE_ACTIONS, Action, Actor
from chalicelib.domain.report import ActorRole, Report
from chalicelib.domain.tracking import access_token_matches

if TYPE_CHECKING:
    from chalicelib.auth.links import AgencyLink


@dataclass(frozen=True)
class Caller:
    """Who is calling: the actor, the link they came with, or the reporter's access token."""

    actor: Actor
    link: AgencyLink | None = None
    access_token: str | None = None


def caller_of(request: Request, now: datetime) -> Caller | None:
    """The authenticated caller, None when no credentials came, AuthError when they are bad."""
    headers = request.headers
    if "authorization" in headers:
        scheme, _, token = headers["authorization"].partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthError(401, "token_invalid")
        from chalicelib.auth.admins import verify_admin_token  # noqa: PLC0415

        admin = verify_admin_token(token.strip(), clock.wall_now())
        return Caller(Actor(ActorRole.ADMIN, id=admin.username))
    if "x-agency-token" in headers:
        from chalicelib.auth.link_keys import link_keys  # noqa: PLC0415
        from chalicelib.auth.links import verify_link  # noqa: PLC0415

        link = verify_link(headers["x-agency-token"], link_keys(), now)
        actor_id = f"{link.agency}/{link.unit}" if link.unit else link.agency
        return Caller(
            Actor(ActorRole.AGENCY, id=actor_id, agency=link.agency, unit=link.unit), link=link
        )
    if "x-access-token" in headers:
        return Caller(Actor(ActorRole.CITIZEN), access_token=headers["x-access-token"])
    return None


def require_caller(request: Request, now: datetime) -> Caller:
    caller = caller_of(request, now)
    if caller is None:
        raise AuthError(401, "credentials_required")
    return caller


def can_read(caller: Caller | None, report: Report) -> bool:
    """Beyond the public view: admins always; the reporter with their token; an agency whose
    link covers the report and that handles it or receives a copy of it."""
    if caller is None:
        return False
    if caller.actor.role is ActorRole.ADMIN:
        return True
    if caller.actor.role is ActorRole.CITIZEN:
        return access_token_matches(caller.access_token, report.token_hashes)
    link = caller.link
    return (
        link is not None
        and link.covers(report.tracking_id)
        and (report.agency == link.agency or link.agency in report.copies_to)
        # A unit reads the report while it is with the unit, not after its reply.
        and (link.unit is None or (report.agency == link.agency and report.unit == link.unit))
    )


def hide_unless_readable(caller: Caller | None, report: Report) -> None:
    """A report the caller may not read and the public may not see does not exist for them:
    the same 404 as a missing one, so that no answer tells a confidential report exists."""
    if not report.public and not can_read(caller, report):
        raise AuthError(404, "not_found")


def uploader_of(caller: Caller | None) -> str:
    """Who owns the uploads a caller asks for: only they may attach them. An agency's are
    bound to the report its link is for; citizens filing a report are not signed in."""
    if caller is None or caller.actor.role is ActorRole.CITIZEN:
        return "public"
    if caller.actor.role is ActorRole.ADMIN:
        return f"admin:{caller.actor.id}"
    tracking_id = caller.link.tracking_id if caller.link else None
    return f"agency:{caller.actor.id}:{tracking_id or '-'}"


def actions_for(caller: Caller, report: Report, now: datetime) -> list[Action]:
    """What this caller may do to this report now: the workflow's rules, narrowed by the
    actions their link allows."""
    # The state machine is loaded by the first request that asks it, not by a container's
    # start: most first requests are public reads.
    from chalicelib.domain.workflow import allowed_actions  # noqa: PLC0415

    if not can_read(caller, report):
        return []
    allowed = allowed_actions(report, caller.actor, now)
    if caller.link is not None:
        allowed = [a for a in allowed if a.value in caller.link.actions]
    return allowed


def authorize_action(caller: Caller, report: Report, action: Action, now: datetime) -> None:
    """AuthError when the caller may not act on this report at all, or not in this way
    (whether the report's state allows the action is the workflow's answer, a 409)."""
    if action not in ROLE_ACTIONS[caller.actor.role]:
        raise AuthError(403, "role_not_allowed")
    if not can_read(caller, report):
        code = "link_wrong_report" if caller.link is not None else "access_denied"
        raise AuthError(403, code)
    if caller.link is not None and action.value not in caller.link.actions:
        raise AuthError(403, "link_action_not_allowed")
