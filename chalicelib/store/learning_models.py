"""PynamoDB models of e-Learning's tables: learners, their quiz attempts, certificates and
practice desks."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, IncludeProjection
from pynamodb.models import Model

from chalicelib.store.models import TableName


class LearnersByAgencyIndex(GlobalSecondaryIndex):
    """An agency's learners, for its supervisors: what their list shows, nothing else."""

    class Meta:
        index_name = "learners-by-agency"
        projection = IncludeProjection(
            ["name", "level", "passed", "certificates", "practice_score"]
        )

    agency = UnicodeAttribute(hash_key=True)
    id = UnicodeAttribute(range_key=True)


class LearnerModel(Model):
    """An e-Learning learner, keyed by a hash of their email (registering again finds them)."""

    class Meta:
        table_name = TableName("learners")

    id = UnicodeAttribute(hash_key=True)
    email = UnicodeAttribute()
    name = UnicodeAttribute()
    agency = UnicodeAttribute()
    level = UnicodeAttribute()
    language = UnicodeAttribute(default="id")
    created_at = UTCDateTimeAttribute()
    passed = UnicodeSetAttribute(null=True)  # module ids: added atomically
    # module id → the best score of its attempts, raised only (the catalogue reads this, not
    # every attempt: a learner's page costs one read however often they tried)
    best_scores = MapAttribute(default=dict)
    certified_levels = UnicodeSetAttribute(null=True)  # one certificate per level: the guard
    certificates = UnicodeSetAttribute(null=True)  # "<level>:<code>"
    practice_score = NumberAttribute(null=True)  # the last practice desk's score, 0–1
    by_agency = LearnersByAgencyIndex()


class AttemptModel(Model):
    """One quiz attempt: every one is kept, passed or not."""

    class Meta:
        table_name = TableName("learning-attempts")

    learner_id = UnicodeAttribute(hash_key=True)
    at = UnicodeAttribute(range_key=True)  # ISO instant, then the module: ordered, unique
    module_id = UnicodeAttribute()
    score = NumberAttribute()
    passed = BooleanAttribute()
    answers = JSONAttribute(default=dict)


class CertificateModel(Model):
    """An e-Learning certificate, found by its code: what the PDF says, and whether it still
    holds (operators revoke one with a reason)."""

    class Meta:
        table_name = TableName("certificates")

    code = UnicodeAttribute(hash_key=True)
    learner_id = UnicodeAttribute()
    name = UnicodeAttribute()
    agency = UnicodeAttribute()
    level = UnicodeAttribute()
    modules = ListAttribute(of=UnicodeAttribute)
    issued_at = UTCDateTimeAttribute()
    revoked_at = UTCDateTimeAttribute(null=True)
    revoked_reason = UnicodeAttribute(null=True)


class PracticeModel(Model):
    """A learner's practice desk (LATIHAN): its synthetic reports (each as a report item's
    attributes), its own clock, and what happened, in one item of a table of its own. Nothing
    of it is in the reports table, so no queue, feed, figure, search or export can see it."""

    class Meta:
        table_name = TableName("practice")

    learner_id = UnicodeAttribute(hash_key=True)
    started_at = UTCDateTimeAttribute()
    clock = UTCDateTimeAttribute()  # the sandbox's now: the learner moves it forward
    reports = JSONAttribute(default=list)
    steps = JSONAttribute(default=list)
    mails = JSONAttribute(default=list)  # what the steps would have mailed, never sent
    finished_at = UTCDateTimeAttribute(null=True)
    version = VersionAttribute()
