"""Practice desks (LATIHAN): one per learner, in its own table, written whole and only if
nobody changed it since it was read."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError

from chalicelib.domain.practice import Step
from chalicelib.domain.report import Report
from chalicelib.store.conditions import condition_failed
from chalicelib.store.items import item_or_none
from chalicelib.store.learning_models import PracticeModel
from chalicelib.store.reports import ConcurrentUpdate, report_document, report_from_document


@dataclass
class Sandbox:
    learner_id: str
    started_at: datetime
    clock: datetime
    reports: list[Report]
    steps: list[Step] = field(default_factory=list)
    mails: list[dict[str, Any]] = field(default_factory=list)
    finished_at: datetime | None = None
    version: int | None = None


def _model(sandbox: Sandbox) -> PracticeModel:
    model = PracticeModel(
        learner_id=sandbox.learner_id, started_at=sandbox.started_at, clock=sandbox.clock,
        reports=[report_document(r) for r in sandbox.reports],
        steps=[asdict(s) for s in sandbox.steps], mails=sandbox.mails,
        finished_at=sandbox.finished_at,
    )  # fmt: skip
    if sandbox.version is not None:
        model.version = sandbox.version
    return model


def get(learner_id: str) -> Sandbox | None:
    m = item_or_none(PracticeModel, learner_id)
    if m is None:
        return None
    return Sandbox(
        learner_id=m.learner_id, started_at=m.started_at, clock=m.clock,
        reports=[report_from_document(d) for d in m.reports],
        steps=[Step(**s) for s in m.steps], mails=list(m.mails), finished_at=m.finished_at,
        version=m.version,
    )  # fmt: skip


def start(sandbox: Sandbox) -> None:
    """A fresh desk, replacing the learner's last one whatever its state."""
    _model(sandbox).save(add_version_condition=False)


def save(sandbox: Sandbox) -> None:
    """The desk as changed since it was read; ConcurrentUpdate if another request saved first
    (two tabs acting at once must not both win)."""
    try:
        _model(sandbox).save()
    except PutError as error:
        if condition_failed(error):
            raise ConcurrentUpdate(sandbox.learner_id) from None
        raise
