"""Every table, from its model; and creating them for the dev runner and the tests (CDK does it
in AWS)."""

from __future__ import annotations

from pynamodb.models import Model

from chalicelib.store.api_keys import ApiKeyModel
from chalicelib.store.learning_models import (
    AttemptModel,
    CertificateModel,
    LearnerModel,
    PracticeModel,
)
from chalicelib.store.models import (
    ContactModel,
    DraftModel,
    EventModel,
    IdempotencyModel,
    OutboxModel,
    ReferenceModel,
    ReportModel,
    SearchEntryModel,
    UploadModel,
)
from chalicelib.store.performance import PerformanceModel

ALL_MODELS: tuple[type[Model], ...] = (
    ReportModel,
    EventModel,
    ReferenceModel,
    IdempotencyModel,
    OutboxModel,
    ContactModel,
    UploadModel,
    DraftModel,
    ApiKeyModel,
    LearnerModel,
    AttemptModel,
    CertificateModel,
    PracticeModel,
    SearchEntryModel,
    PerformanceModel,
)


def create_tables() -> None:
    for model in ALL_MODELS:
        if not model.exists():
            model.create_table(billing_mode="PAY_PER_REQUEST", wait=True)
