"""e-Learning certificates: issued once per learner and level, found by code, revoked by an
operator."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.domain.certificates import Certificate
from chalicelib.store.conditions import condition_failed
from chalicelib.store.items import item_or_none
from chalicelib.store.learners import certificate_entry
from chalicelib.store.learning_models import CertificateModel, LearnerModel
from chalicelib.store.models import OutboxModel
from chalicelib.store.outbox import add_intents


def _certificate(m: CertificateModel) -> Certificate:
    return Certificate(
        code=m.code, learner_id=m.learner_id, name=m.name, agency=m.agency, level=m.level,
        modules=tuple(m.modules or ()), issued_at=m.issued_at, revoked_at=m.revoked_at,
        revoked_reason=m.revoked_reason,
    )  # fmt: skip


def issue(certificate: Certificate, mail: OutboxModel) -> bool:
    """The certificate, the learner's record of it and the mail that sends it, together;
    False (and nothing written) when the learner already holds one for the level: two passes
    at once issue one."""
    item = CertificateModel(
        code=certificate.code, learner_id=certificate.learner_id, name=certificate.name,
        agency=certificate.agency, level=certificate.level, modules=list(certificate.modules),
        issued_at=certificate.issued_at,
    )  # fmt: skip
    learner = LearnerModel(id=certificate.learner_id)
    try:
        with TransactWrite(connection=LearnerModel._get_connection().connection) as tx:
            tx.update(
                learner,
                actions=[
                    LearnerModel.certified_levels.add({certificate.level}),
                    LearnerModel.certificates.add(
                        {certificate_entry(certificate.level, certificate.code)}
                    ),
                ],
                condition=LearnerModel.id.exists()
                & ~LearnerModel.certified_levels.contains(certificate.level),
            )
            tx.save(item, condition=CertificateModel.code.does_not_exist())
            add_intents(tx, [mail])
    except TransactWriteError as error:
        if condition_failed(error):
            return False
        raise
    return True


def get(code: str) -> Certificate | None:
    model = item_or_none(CertificateModel, code)
    return _certificate(model) if model is not None else None


def revoke(code: str, reason: str, now: datetime) -> bool:
    """False when there is no such certificate or it was revoked already (the first reason
    stays)."""
    try:
        CertificateModel(code=code).update(
            actions=[CertificateModel.revoked_at.set(now),
                     CertificateModel.revoked_reason.set(reason)],
            condition=CertificateModel.code.exists() & CertificateModel.revoked_at.does_not_exist(),
        )  # fmt: skip
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True
