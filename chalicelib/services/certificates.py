"""e-Learning certificates: issued with the pass that completes a level, checked by anyone
with the code, revoked by an operator.

Issuing writes the certificate, the learner's record of it and the mail that carries it in
one transaction; the PDF is made when the mail is delivered (and kept in S3), so that a
failure while rendering or storing it is retried by the outbox instead of leaving a
certificate nobody received."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from chalicelib.domain.certificates import Certificate, level_complete, new_code, normalize_code
from chalicelib.domain.errors import InvalidFields
from chalicelib.i18n import translate
from chalicelib.services.errors import LearningRefused
from chalicelib.settings import get_settings
from chalicelib.store import certificate_files, certificates, reference
from chalicelib.store.learners import Learner
from chalicelib.store.learning_content import modules
from chalicelib.store.outbox import intent_id, new_intent

PDF_NAME = "sertifikat-lapor-{code}.pdf"


def verify_url(code: str) -> str:
    return f"{get_settings().public_base_url}/belajar.html#verify={code}"


def _level_label(level: str, language: str) -> str:
    return translate(f"learning.level.{level}", language)


def _agency_label(agency: str, language: str) -> str:
    found = reference.agencies().get(agency)
    return found.labels[language] if found else agency


def issue_if_complete(learner: Learner, passed: set[str], now: datetime) -> str | None:
    """The new certificate's code when ``passed`` completes the learner's level and they hold
    none for it yet; otherwise None (already issued, here or by a racing request)."""
    level_modules = [m for m in modules("id") if m.level == learner.level]
    if not level_complete(level_modules, passed):
        return None
    if learner.level in learner.certificates:
        return None
    certificate = Certificate(
        code=new_code(secrets.token_bytes(24)), learner_id=learner.id, name=learner.name,
        agency=learner.agency, level=learner.level,
        modules=tuple(m.title for m in sorted(level_modules, key=lambda m: m.order)),
        issued_at=now,
    )  # fmt: skip
    mail = new_intent(
        intent=intent_id("certificate", certificate.code), kind="learning.certificate",
        to=learner.email, language=learner.language, now=now,
        link_url=verify_url(certificate.code),
        data={"name": learner.name, "code": certificate.code,
              "level": _level_label(learner.level, learner.language),
              "certificate": certificate.code},
    )  # fmt: skip
    return certificate.code if certificates.issue(certificate, mail) else None


def listed(by_level: dict[str, str]) -> list[dict[str, str]]:
    """A learner's certificates, by level."""
    return [{"level": level, "code": code, "verify_url": verify_url(code)}
            for level, code in sorted(by_level.items())]  # fmt: skip


def held(learner: Learner) -> dict[str, str] | None:
    """The learner's certificate for their level, if they hold one."""
    code = learner.certificates.get(learner.level)
    return {"code": code, "verify_url": verify_url(code)} if code else None


def _found(code_text: str) -> Certificate:
    code = normalize_code(code_text)
    if code is None:
        raise InvalidFields({"code": ("invalid_certificate_code", {})})
    found = certificates.get(code)
    if found is None:
        raise LearningRefused(404, "certificate_unknown")
    return found


def check(code_text: str, language: str) -> dict[str, Any]:
    """What anyone may know of a certificate: whose, for what, and whether it still holds."""
    found = _found(code_text)
    return {
        "code": found.code, "status": found.status, "name": found.name,
        "agency": {"key": found.agency, "label": _agency_label(found.agency, language)},
        "level": {"key": found.level, "label": _level_label(found.level, language)},
        "modules": list(found.modules),
        "issued_at": found.issued_at.isoformat(),
        "revoked_at": found.revoked_at.isoformat() if found.revoked_at else None,
        "revoked_reason": found.revoked_reason,
        "verify_url": verify_url(found.code),
    }  # fmt: skip


def pdf(code: str) -> tuple[str, bytes]:
    """The certificate's PDF (its file name and bytes): the stored one, or made and stored
    now."""
    key = certificate_files.key_of(code)
    stored = certificate_files.read(key)
    if stored is None:
        from chalicelib.notify.certificate_pdf import CertificateLabels, render  # noqa: PLC0415

        found = _found(code)
        stored = render(found, CertificateLabels(
            agency=_agency_label(found.agency, "id"), level=_level_label(found.level, "id"),
            verify_url=verify_url(found.code),
        ))  # fmt: skip
        certificate_files.save_pdf(code, stored)
    return PDF_NAME.format(code=code), stored


def revoke(code_text: str, reason: str, now: datetime) -> bool:
    """False when it was revoked already (its first reason stays)."""
    found = _found(code_text)
    return certificates.revoke(found.code, reason, now)
