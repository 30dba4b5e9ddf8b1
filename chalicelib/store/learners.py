"""e-Learning learners and their quiz attempts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from pynamodb.attributes import MapAttribute
from pynamodb.exceptions import UpdateError

from chalicelib.store.conditions import condition_failed
from chalicelib.store.items import item_or_none
from chalicelib.store.learning_models import AttemptModel, LearnerModel


@dataclass(frozen=True)
class Learner:
    id: str
    email: str
    name: str
    agency: str
    level: str
    language: str
    passed: frozenset[str] = field(default_factory=frozenset)
    best_scores: dict[str, float] = field(default_factory=dict)  # module id → best score
    certificates: dict[str, str] = field(default_factory=dict)  # level → certificate code


LEARNER_ID_LENGTH = 24


def certificate_entry(level: str, code: str) -> str:
    """How the learner's record lists a certificate: "<level>:<code>", in a set that one
    update can add to."""
    return f"{level}:{code}"


def _by_level(entries: set[str] | None) -> dict[str, str]:
    return dict(entry.split(":", 1) for entry in sorted(entries or ()))


def learner_id(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:LEARNER_ID_LENGTH]


def is_learner_id(text: str) -> bool:
    return len(text) == LEARNER_ID_LENGTH and all(c in "0123456789abcdef" for c in text)


def _learner(m: LearnerModel) -> Learner:
    scores = m.best_scores
    raw = scores.as_dict() if isinstance(scores, MapAttribute) else dict(scores or {})
    best = {module: float(score) for module, score in raw.items()}
    return Learner(m.id, m.email, m.name, m.agency, m.level, m.language,
                   frozenset(m.passed or ()), best, _by_level(m.certificates))  # fmt: skip


def register(*, email: str, name: str, agency: str, level: str, language: str,
             now: datetime) -> Learner:  # fmt: skip
    """The learner for this email: created, or updated with what they entered now (their
    progress stays)."""
    key = learner_id(email)
    model = item_or_none(LearnerModel, key) or LearnerModel(id=key, email=email, created_at=now)
    model.name, model.agency, model.level, model.language = name, agency, level, language
    model.save()
    return _learner(model)


def get_learner(key: str) -> Learner | None:
    model = item_or_none(LearnerModel, key)
    return _learner(model) if model is not None else None


def record_attempt(learner: Learner, module_id: str, *, score: float, passed: bool,
                   answers: dict, now: datetime) -> None:  # fmt: skip
    """The attempt, kept; a pass added to the learner's (a set: two passes never collide); the
    module's best score raised if this one is higher (a condition: attempts racing never
    lower it)."""
    AttemptModel(
        learner_id=learner.id, at=f"{now.isoformat()}#{module_id}", module_id=module_id,
        score=score, passed=passed, answers=answers,
    ).save()  # fmt: skip
    if passed:
        LearnerModel(id=learner.id).update(actions=[LearnerModel.passed.add({module_id})])
    best = LearnerModel.best_scores[module_id]
    try:
        LearnerModel(id=learner.id).update(
            actions=[best.set(score)], condition=best.does_not_exist() | (best < score)
        )
    except UpdateError as error:
        if not condition_failed(error):
            raise


def record_practice_score(learner_id: str, score: float) -> None:
    """The score of the learner's last finished practice desk, for their supervisors."""
    LearnerModel(id=learner_id).update(actions=[LearnerModel.practice_score.set(score)])


AGENCY_PAGE = 100


def agency_learners(agency: str, after: str | None = None) -> tuple[list[dict], str | None]:
    """A page of an agency's learners (by id): name, level, modules passed, certificates
    (level → code) and last practice score; and the id the next page starts after, if any
    (one Query on the index, at most a page read)."""
    condition = LearnerModel.id > after if after else None
    found = list(LearnerModel.by_agency.query(agency, condition, limit=AGENCY_PAGE + 1))
    page = [
        {"name": m.name, "level": m.level, "passed": sorted(m.passed or ()),
         "certificates": _by_level(m.certificates),
         "practice_score": float(m.practice_score) if m.practice_score is not None else None}
        for m in found[:AGENCY_PAGE]
    ]  # fmt: skip
    return page, found[AGENCY_PAGE - 1].id if len(found) > AGENCY_PAGE else None
