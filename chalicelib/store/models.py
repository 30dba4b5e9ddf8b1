"""PynamoDB models of the tables a report's path uses (reports, timeline, reference, mail,
uploads, drafts, search): the single definition of each, used by the app, the dev runner, the
tests and (compared in tests/infra) the CDK stack. Tables off that path live with their area
(learning_models.py, performance.py, api_keys.py), so that a container's start does not build
them; store/tables.py lists them all."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import (
    AllProjection,
    GlobalSecondaryIndex,
    IncludeProjection,
    KeysOnlyProjection,
)
from pynamodb.models import Model

from chalicelib.settings import get_settings


class TableName:
    """Resolves a table's name from settings when first used, not at import."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def __get__(self, instance: object, owner: type) -> str:
        return get_settings().table_name(self.suffix)


class ReporterAttribute(MapAttribute):
    name = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)


# What a list entry shows (views.report_summary): the lists' indexes carry only this, so a
# report's other changes (a note, a token, a file) never rewrite an index entry.
SUMMARY_ATTRIBUTES = ("type", "status", "title", "category", "agency", "created_at",
                      "stage_due_at")  # fmt: skip
QUEUE_ATTRIBUTES = (*SUMMARY_ATTRIBUTES, "on_hold", "unit", "returned_by", "reopen_count",
                    "escalation_level")  # fmt: skip


def _feed_view(index_name: str, key: str) -> GlobalSecondaryIndex:
    """A sparse index of public reports, newest first, keyed by ``key``: one of the public
    feed's filters (or none) with a shard number."""
    projection = IncludeProjection(list(SUMMARY_ATTRIBUTES))
    meta = type("Meta", (), {"index_name": index_name, "projection": projection})
    attributes = {key: UnicodeAttribute(hash_key=True),
                  "created_at": UTCDateTimeAttribute(range_key=True)}  # fmt: skip
    return type(f"FeedView[{key}]", (GlobalSecondaryIndex,), {"Meta": meta, **attributes})()


class DeskQueueIndex(GlobalSecondaryIndex):
    """Sparse: open work by desk ("national" or an agency key) and shard, soonest deadline
    first."""

    class Meta:
        index_name = "desk-queue"
        projection = IncludeProjection(list(QUEUE_ATTRIBUTES))

    desk_shard = UnicodeAttribute(hash_key=True)
    desk_due = UnicodeAttribute(range_key=True)


class DueWorkIndex(GlobalSecondaryIndex):
    """Sparse and write-sharded: only reports the sweep must look at some day carry the key,
    spread over shards so that no partition is hot; a sweep queries each shard up to now.
    The sweep acts on whole reports, so the whole report is projected."""

    class Meta:
        index_name = "due-work"
        projection = AllProjection()

    work_shard = UnicodeAttribute(hash_key=True)
    work_due = UnicodeAttribute(range_key=True)


class EscalationIndex(GlobalSecondaryIndex):
    """Sparse: open reports escalated to level 2 or 3 (by shard), for the national admins."""

    class Meta:
        index_name = "escalations"
        projection = IncludeProjection(list(QUEUE_ATTRIBUTES))

    escalated = UnicodeAttribute(hash_key=True)
    desk_due = UnicodeAttribute(range_key=True)


class ReportModel(Model):
    class Meta:
        table_name = TableName("reports")

    tracking_id = UnicodeAttribute(hash_key=True)
    version = VersionAttribute()
    type = UnicodeAttribute()
    status = UnicodeAttribute()
    title = UnicodeAttribute()
    description = UnicodeAttribute()
    category = UnicodeAttribute()
    proposed_agency = UnicodeAttribute(null=True)
    agency = UnicodeAttribute(null=True)
    location = UnicodeAttribute(null=True)
    latitude = NumberAttribute(null=True)
    longitude = NumberAttribute(null=True)
    incident_date = UnicodeAttribute(null=True)
    anonymous = BooleanAttribute(default=False)
    confidential = BooleanAttribute(default=False)
    language = UnicodeAttribute(default="id")
    reporter = ReporterAttribute()
    access_token_hash = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    stage_due_at = UTCDateTimeAttribute(null=True)
    event_count = NumberAttribute(default=0)
    attachments = ListAttribute(of=UnicodeAttribute, null=True)
    reply_attachments = ListAttribute(of=UnicodeAttribute, null=True)
    # The public feed's views, one per combination of its filters; only public reports
    # carry them (see store/feed.py).
    feed_any = UnicodeAttribute(null=True)
    feed_by_category = UnicodeAttribute(null=True)
    feed_by_agency = UnicodeAttribute(null=True)
    feed_by_status = UnicodeAttribute(null=True)
    feed_by_category_agency = UnicodeAttribute(null=True)
    feed_by_category_status = UnicodeAttribute(null=True)
    feed_by_agency_status = UnicodeAttribute(null=True)
    feed_by_category_agency_status = UnicodeAttribute(null=True)
    stage = UnicodeAttribute(null=True)
    unit = UnicodeAttribute(null=True)
    on_hold = BooleanAttribute(default=False)
    held_working_days = NumberAttribute(null=True)
    reopen_count = NumberAttribute(default=0)
    extension_tier = UnicodeAttribute(null=True)
    routed_at = UTCDateTimeAttribute(null=True)
    returned_by = UnicodeAttribute(null=True)
    archive_reason = UnicodeAttribute(null=True)
    copies_to = ListAttribute(of=UnicodeAttribute, null=True)
    outcome = UnicodeAttribute(null=True)
    rating = NumberAttribute(null=True)
    rating_comment = UnicodeAttribute(null=True)
    desk_shard = UnicodeAttribute(null=True)
    desk_due = UnicodeAttribute(null=True)
    escalation_level = NumberAttribute(default=0)
    token_kid = UnicodeAttribute(null=True)
    next_work_at = UTCDateTimeAttribute(null=True)
    work_shard = UnicodeAttribute(null=True)
    work_due = UnicodeAttribute(null=True)
    escalated = UnicodeAttribute(null=True)
    earlier_token_hashes = ListAttribute(of=UnicodeAttribute, null=True)
    stage_started_at = UTCDateTimeAttribute(null=True)
    stage_first_due_at = UTCDateTimeAttribute(null=True)
    verified_at = UTCDateTimeAttribute(null=True)
    hold_until = UTCDateTimeAttribute(null=True)
    unit_due_at = UTCDateTimeAttribute(null=True)
    duplicate_of = UnicodeAttribute(null=True)
    undelivered = ListAttribute(of=UnicodeAttribute, null=True)
    channel = UnicodeAttribute(default="web")
    mail_verdicts = ListAttribute(of=UnicodeAttribute, null=True)
    intake_flags = ListAttribute(of=UnicodeAttribute, null=True)

    feed_any_view = _feed_view("feed", "feed_any")
    feed_by_category_view = _feed_view("feed-category", "feed_by_category")
    feed_by_agency_view = _feed_view("feed-agency", "feed_by_agency")
    feed_by_status_view = _feed_view("feed-status", "feed_by_status")
    feed_by_category_agency_view = _feed_view("feed-category-agency", "feed_by_category_agency")
    feed_by_category_status_view = _feed_view("feed-category-status", "feed_by_category_status")
    feed_by_agency_status_view = _feed_view("feed-agency-status", "feed_by_agency_status")
    feed_by_category_agency_status_view = _feed_view(
        "feed-category-agency-status", "feed_by_category_agency_status"
    )
    desk_queue = DeskQueueIndex()
    due_work = DueWorkIndex()
    escalations = EscalationIndex()


class EventModel(Model):
    """A report's timeline: one immutable item per accepted action, ordered by ``seq``."""

    class Meta:
        table_name = TableName("events")
        stream_view_type = "NEW_IMAGE"  # the performance figures are added up from it

    tracking_id = UnicodeAttribute(hash_key=True)
    seq = NumberAttribute(range_key=True)
    at = UTCDateTimeAttribute()
    action = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    actor_id = UnicodeAttribute(null=True)
    from_status = UnicodeAttribute(null=True)
    to_status = UnicodeAttribute()
    public_note = UnicodeAttribute(null=True)
    internal_note = UnicodeAttribute(null=True)
    due_at = UTCDateTimeAttribute(null=True)
    escalation_level = NumberAttribute(null=True)
    figures = JSONAttribute(null=True)  # what the step adds to the performance figures


class LabelsAttribute(MapAttribute):
    id = UnicodeAttribute()
    en = UnicodeAttribute()


class UnitAttribute(MapAttribute):
    key = UnicodeAttribute()
    labels = LabelsAttribute()


class ReferenceModel(Model):
    """Categories and agencies, one partition per kind, so listing one kind is a Query."""

    class Meta:
        table_name = TableName("reference")

    kind = UnicodeAttribute(hash_key=True)
    key = UnicodeAttribute(range_key=True)
    labels = LabelsAttribute()
    # agencies
    agency_kind = UnicodeAttribute(null=True)
    level = UnicodeAttribute(null=True)
    region = UnicodeAttribute(null=True)
    timezone = UnicodeAttribute(null=True)
    emails = ListAttribute(of=UnicodeAttribute, null=True)
    coordinator_email = UnicodeAttribute(null=True)
    units = ListAttribute(of=UnitAttribute, null=True)
    # categories
    default_agency = UnicodeAttribute(null=True)
    fast_track = BooleanAttribute(null=True)
    copies_to = ListAttribute(of=UnicodeAttribute, null=True)


class IdempotencyModel(Model):
    """Written by powertools' idempotency utility; declared here so that every table is
    created from one definition."""

    class Meta:
        table_name = TableName("idempotency")

    id = UnicodeAttribute(hash_key=True)
    expiration = TTLAttribute(null=True)


class DeliveryIndex(GlobalSecondaryIndex):
    """Sparse: mail waiting to be sent, by shard and when the next attempt is due. Keys
    only: a worker's claim (an update returning the whole item) reads the mail itself."""

    class Meta:
        index_name = "delivery"
        projection = KeysOnlyProjection()

    queue = UnicodeAttribute(hash_key=True)
    next_attempt = UnicodeAttribute(range_key=True)


class DigestLineIndex(GlobalSecondaryIndex):
    """Sparse: escalation lines not yet gathered into a digest, by kind."""

    class Meta:
        index_name = "digest-lines"
        projection = AllProjection()

    line_kind = UnicodeAttribute(hash_key=True)
    id = UnicodeAttribute(range_key=True)


class OutboxModel(Model):
    """The intent to send a mail, written in the same transaction as the change it reports,
    so that no change goes untold and none is told twice (the id is derived from the event
    and the recipient). Escalations are first written as lines, later gathered into digests."""

    class Meta:
        table_name = TableName("outbox")
        stream_view_type = "NEW_IMAGE"

    id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()
    channel = UnicodeAttribute(null=True)  # "sms"; absent: email
    to = UnicodeAttribute()
    language = UnicodeAttribute()
    link_url = UnicodeAttribute(null=True)
    reply_to = UnicodeAttribute(null=True)  # a signed reply address: answers reach the report
    data = JSONAttribute(default=dict)
    tracking_id = UnicodeAttribute(null=True)
    status = UnicodeAttribute()  # pending, sent, parked, suppressed, line, digested
    created_at = UTCDateTimeAttribute()
    attempts = NumberAttribute(default=0)
    next_attempt = UnicodeAttribute(null=True)
    queue = UnicodeAttribute(null=True)
    lease_until = UnicodeAttribute(null=True)
    claim_id = UnicodeAttribute(null=True)  # the worker holding the lease
    sent_at = UTCDateTimeAttribute(null=True)
    message_id = UnicodeAttribute(null=True)
    last_error = UnicodeAttribute(null=True)
    line_kind = UnicodeAttribute(null=True)
    digest_id = UnicodeAttribute(null=True)
    expires = TTLAttribute(null=True)

    delivery = DeliveryIndex()
    digest_lines = DigestLineIndex()


class ContactModel(Model):
    """Addresses SES reported as bouncing or complaining: mail to them is held back."""

    class Meta:
        table_name = TableName("contacts")

    email = UnicodeAttribute(hash_key=True)
    status = UnicodeAttribute()  # bounced, complained
    reason = UnicodeAttribute(null=True)
    updated_at = UTCDateTimeAttribute()


class UploadModel(Model):
    """Who asked for an upload form, and the one report the upload was attached to."""

    class Meta:
        table_name = TableName("uploads")

    key = UnicodeAttribute(hash_key=True)
    owner = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    attached_to = UnicodeAttribute(null=True)
    expires = TTLAttribute(null=True)


class DraftModel(Model):
    """A desk's answer by mail, waiting for the desk to confirm it on its page: a reply
    changes nothing until then."""

    class Meta:
        table_name = TableName("drafts")

    id = UnicodeAttribute(hash_key=True)
    tracking_id = UnicodeAttribute()
    agency = UnicodeAttribute()
    unit = UnicodeAttribute(null=True)
    action = UnicodeAttribute()  # follow_up (the coordinator's desk) or unit_reply
    text = UnicodeAttribute()
    attachments = ListAttribute(of=UnicodeAttribute, null=True)  # stored files' keys
    sender = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    status = UnicodeAttribute()  # pending, published
    published_at = UTCDateTimeAttribute(null=True)
    expires = TTLAttribute(null=True)


class SearchEntryModel(Model):
    """One word of one public report: the word's list (split over shards, like the feed) holds
    its reports newest first. Written and removed in the transaction that makes a report
    public or takes it out of view (store/search.py)."""

    class Meta:
        table_name = TableName("search")

    term_shard = UnicodeAttribute(hash_key=True)  # puskesmas#2
    newest = UnicodeAttribute(range_key=True)  # created (UTC key)#tracking id
    tracking_id = UnicodeAttribute()
