"""e-Learning LAPOR!: learners sign in through a mailed, signed, expiring link (no password),
read their level's modules in order, and take each quiz, scored here; answers never reach a
browser before an attempt, and every attempt is kept."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from chalicelib.auth.errors import AuthError
from chalicelib.auth.link_keys import link_keys
from chalicelib.auth.links import sign_claims, verify_claims
from chalicelib.domain.errors import InvalidFields
from chalicelib.domain.learning import PASS_MARK, Module, quiz_without_answers, score, unlocked
from chalicelib.services import certificates
from chalicelib.services.errors import LearningRefused
from chalicelib.services.schemas import AttemptIn, LearnerIn
from chalicelib.settings import get_settings
from chalicelib.store import learners, reference
from chalicelib.store.learning_content import module, modules
from chalicelib.store.outbox import intent_id, new_intent, save_intent

SIGN_IN_DAYS = 7


def register(data: LearnerIn, now: datetime) -> None:
    """The learner, and a mail with their sign-in link. The answer is the same whether the
    address was known or not."""
    if data.agency not in reference.agencies():
        raise InvalidFields({"agency": ("unknown_agency", {})})
    learner = learners.register(
        email=data.email, name=data.name, agency=data.agency, level=data.level,
        language=data.language.value, now=now,
    )  # fmt: skip
    expires = int((now + timedelta(days=SIGN_IN_DAYS)).timestamp())
    token = sign_claims({"t": "learner", "l": learner.id, "e": expires}, link_keys())
    link = f"{get_settings().public_base_url}/belajar.html#token={token}"
    save_intent(new_intent(
        intent=intent_id("learning", learner.id, now.isoformat()), kind="learning.sign_in",
        to=learner.email, language=learner.language, now=now, link_url=link,
        data={"name": learner.name, "days": SIGN_IN_DAYS},
    ))  # fmt: skip


def learner_of(token: str, now: datetime) -> learners.Learner:
    claims = verify_claims(token, link_keys(), now)
    learner_id = str(claims.get("l", "")) if claims.get("t") == "learner" else ""
    found = learners.get_learner(learner_id) if learner_id else None
    if found is None:
        raise AuthError(401, "link_invalid")
    return found


def _own_modules(learner: learners.Learner, language: str) -> list[Module]:
    """The learner's level's modules, in order."""
    return [m for m in modules(language) if m.level == learner.level]


def catalogue(learner: learners.Learner, language: str) -> dict[str, Any]:
    own = _own_modules(learner, language)
    open_ids = unlocked(own, set(learner.passed))
    return {
        "learner": {"name": learner.name, "agency": learner.agency, "level": learner.level},
        "certificate": certificates.held(learner),
        "modules": [
            {"id": m.id, "order": m.order, "title": m.title, "minutes": m.minutes,
             "objectives": list(m.objectives),
             "status": "passed" if m.id in learner.passed
             else "open" if m.id in open_ids else "locked",
             "best_score": learner.best_scores.get(m.id)}
            for m in own
        ],
    }  # fmt: skip


def agency_view(learner: learners.Learner, language: str,
                cursor: str | None = None) -> dict[str, Any]:  # fmt: skip
    """For a supervisor: a page of their agency's learners and how far each has come (the
    cursor is where the last page ended). A supervisor is who the agency's reference data
    names (its coordinator or a desk address): a level chosen at registration alone shows
    nobody's progress."""
    agency = reference.agencies().get(learner.agency)
    known = {a.lower() for a in ((agency.coordinator_email,) if agency else ()) if a}
    known |= {a.lower() for a in (agency.emails if agency else ())}
    if learner.level != "supervisor" or learner.email.lower() not in known:
        raise LearningRefused(403, "supervisors_only")
    if cursor is not None and not learners.is_learner_id(cursor):
        raise InvalidFields({"cursor": ("invalid", {})})
    totals = Counter(m.level for m in modules(language))
    page, next_cursor = learners.agency_learners(learner.agency, cursor)
    return {
        "agency": {"key": agency.key, "label": agency.labels[language]},
        "learners": [
            {
                **entry,
                "modules": totals.get(entry["level"], 0),
                "certificates": certificates.listed(entry["certificates"]),
            }
            for entry in page
        ],
        "next_cursor": next_cursor,
    }


def _open_module(learner: learners.Learner, module_id: str, language: str) -> Module:
    found = module(module_id, language)
    if found is None or found.level != learner.level:
        raise LearningRefused(404, "module_not_found")
    own = _own_modules(learner, language)
    if module_id not in unlocked(own, set(learner.passed)):
        raise LearningRefused(403, "module_locked")
    return found


def read_module(learner: learners.Learner, module_id: str, language: str) -> dict[str, Any]:
    """The text (as HTML) and the quiz without its answers."""
    found = _open_module(learner, module_id, language)
    return {
        "id": found.id, "title": found.title, "minutes": found.minutes,
        "objectives": list(found.objectives),
        "html": _html(found.id, language),
        "quiz": quiz_without_answers(found),
        "passed": found.id in learner.passed,
    }  # fmt: skip


@lru_cache(maxsize=64)
def _html(module_id: str, language: str) -> str:
    """A module's text as HTML, rendered once per container (the modules are data files)."""
    import markdown  # noqa: PLC0415 - only the module reader renders Markdown

    return markdown.markdown(module(module_id, language).text, extensions=["attr_list"])


def attempt(learner: learners.Learner, module_id: str, data: AttemptIn, language: str,
            now: datetime) -> dict[str, Any]:  # fmt: skip
    """Scored and kept; a pass unlocks the next module, and the pass that completes the level
    issues its certificate."""
    found = _open_module(learner, module_id, language)
    result = score(found, data.answers)
    learners.record_attempt(learner, found.id, score=result.score, passed=result.passed,
                            answers=data.answers, now=now)  # fmt: skip
    own = _own_modules(learner, language)
    passed = set(learner.passed) | ({found.id} if result.passed else set())
    following = next((m.id for m in own if m.order == found.order + 1), None)
    issued = certificates.issue_if_complete(learner, passed, now) if result.passed else None
    return {
        "score": result.score, "passed": result.passed, "pass_mark": PASS_MARK,
        "wrong": result.wrong,
        "next_module": following if following in unlocked(own, passed) else None,
        "certificate": issued,
    }  # fmt: skip
