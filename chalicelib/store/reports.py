"""Reports and their timelines in DynamoDB. Every function is a GetItem, a Query or a
transaction: no request path ever scans a table."""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.domain.report import (
    ActorRole,
    Event,
    Language,
    Report,
    Reporter,
    ReportSummary,
    ReportType,
    Status,
)
from chalicelib.domain.search_terms import NO_INDEX_CHANGE, IndexChange
from chalicelib.store.conditions import condition_failed
from chalicelib.store.feed import FEED_SHARDS, view_attribute, view_keys, view_value
from chalicelib.store.items import item_or_none
from chalicelib.store.keys import utc_key
from chalicelib.store.models import (
    EventModel,
    OutboxModel,
    ReporterAttribute,
    ReportModel,
    SearchEntryModel,
)
from chalicelib.store.outbox import add_intents
from chalicelib.store.search import index_entries, write_index_change
from chalicelib.store.shards import first_across_shards, shard_of, sharded_key
from chalicelib.store.summaries import summary_from_model
from chalicelib.store.uploads import claim_uploads

if TYPE_CHECKING:  # the figures are computed by the caller; this module only writes them
    from chalicelib.domain.performance import Figures


class TrackingIdTaken(Exception):
    """The random tracking id already exists (astronomically rare): draw another."""


class ConcurrentUpdate(Exception):
    """Someone else changed the report since it was read: the caller lost the race."""


class UploadTaken(Exception):
    """An upload named by the step was attached elsewhere meanwhile (or is not the caller's)."""


class WriteConflict(Exception):
    """DynamoDB kept cancelling the transaction for a conflicting write on one of its items."""


@dataclass(frozen=True)
class Attaching:
    """Uploads a step attaches, and who is attaching them."""

    keys: tuple[str, ...]
    owner: str


CONFLICT_ATTEMPTS = 4


def create_report(
    report: Report,
    first_event: Event,
    intents: Iterable[OutboxModel] = (),
    figures: Figures | None = None,
    attaching: Attaching | None = None,
    *,
    search: IndexChange = NO_INDEX_CHANGE,
) -> None:
    """Write the report, its first timeline event and the mail it calls for, or nothing."""
    try:
        _write(
            report,
            first_event,
            ReportModel.tracking_id.does_not_exist(),
            intents=intents,
            figures=figures,
            attaching=attaching,
            search=search,
        )
    except ConcurrentUpdate as error:
        raise TrackingIdTaken(report.tracking_id) from error


def save_transition(
    report: Report,
    event: Event,
    intents: Iterable[OutboxModel] = (),
    figures: Figures | None = None,
    attaching: Attaching | None = None,
    *,
    search: IndexChange = NO_INDEX_CHANGE,
) -> None:
    """Write the new state, its event, the mail it calls for and the search index's change
    together, only if nobody else wrote in between: the report's version must still be the
    one read, and the event's seq must be free."""
    _write(
        report, event, None, intents=intents, figures=figures, attaching=attaching, search=search
    )


def _write(
    report: Report,
    event: Event,
    condition: Any,
    *,
    intents: Iterable[OutboxModel],
    figures: Figures | None,
    attaching: Attaching | None,
    search: IndexChange,
) -> None:
    intents = list(intents)
    uploads = attaching.keys if attaching else ()
    added, removed = search
    # Cancellation reasons follow PynamoDB's order of the items: deletes (search entries),
    # puts (report, event, mail intents, search entries), then updates (upload claims).
    first_upload = len(removed) + 2 + len(intents) + len(added)
    upload_slots = range(first_upload, first_upload + len(uploads))
    for attempt in range(1, CONFLICT_ATTEMPTS + 1):
        model = _to_model(report)
        try:
            with TransactWrite(connection=ReportModel._get_connection().connection) as tx:
                tx.save(model, condition=condition)
                tx.save(_event_to_model(event, figures), condition=EventModel.seq.does_not_exist())
                if attaching:
                    claim_uploads(tx, uploads, attaching.owner, report.tracking_id, event.at)
                add_intents(tx, intents)
                write_index_change(tx, report.tracking_id, report.created_at, search)
        except TransactWriteError as error:
            reasons = getattr(error, "cancellation_reasons", None) or []
            if any(_code(reasons, slot) == "ConditionalCheckFailed" for slot in upload_slots):
                raise UploadTaken(report.tracking_id) from error
            if condition_failed(error):
                raise ConcurrentUpdate(report.tracking_id) from error
            if not _conflicted(reasons):
                raise
            if attempt == CONFLICT_ATTEMPTS:
                raise WriteConflict(report.tracking_id) from error
            # Another transaction held one of its items at that moment (the same report, an
            # upload): nothing was written, so the same write is tried again after a short,
            # jittered pause (a write that lost the race then fails on the report's version).
            time.sleep(random.uniform(0, 0.02 * 2**attempt))  # noqa: S311 - jitter, not a secret
            continue
        report.version = model.version
        return


def _code(reasons: list[Any], slot: int) -> str | None:
    reason = reasons[slot] if slot < len(reasons) else None
    return reason.code if reason is not None else None


def _conflicted(reasons: list[Any]) -> bool:
    return any(r is not None and r.code == "TransactionConflict" for r in reasons)


@dataclass(frozen=True)
class DuePage:
    """One page of a shard's reports whose deadline or waiting time has come."""

    reports: list[Report]
    after: dict[str, Any] | None  # where the next page starts; None: nothing more is due


def due_work(shard: str, now: datetime, limit: int, after: dict[str, Any] | None) -> DuePage:
    """One page (at most ``limit`` items read) of the shard's reports due by ``now``."""
    results = ReportModel.due_work.query(
        shard, ReportModel.work_due <= utc_key(now), limit=limit, last_evaluated_key=after
    )
    reports = [_from_model(m) for m in results]
    return DuePage(reports, results.last_evaluated_key)


def escalated(level: int, limit: int = 100) -> list[ReportSummary]:
    """Open reports at an escalation level (2 or 3), soonest deadline first."""
    return _soonest_first(ReportModel.escalations, f"level{level}", limit)


def desk_queue(desk: str, limit: int = 100) -> list[ReportSummary]:
    """A desk's open reports, soonest deadline first (one Query per shard, merged)."""
    return _soonest_first(ReportModel.desk_queue, desk, limit)


def _soonest_first(index: Any, value: str, limit: int) -> list[ReportSummary]:
    found = first_across_shards(
        lambda key: index.query(key, limit=limit), value, DESK_SHARDS, key=_desk_due, limit=limit
    )
    return [summary_from_model(m) for m in found]


def _desk_due(model: ReportModel) -> str:
    return str(model.desk_due)


def import_reports(reports: Iterable[Report]) -> int:
    """Bulk write (batches of 25) for migrations and benchmarks: no events, no mail; public
    reports are indexed for search."""
    written = 0
    with ReportModel.batch_write() as batch, SearchEntryModel.batch_write() as entries:
        for report in reports:
            batch.save(_to_model(report))
            for entry in index_entries(report):
                entries.save(entry)
            written += 1
    return written


def get_report(tracking_id: str) -> Report | None:
    model = item_or_none(ReportModel, tracking_id)
    return _from_model(model) if model is not None else None


def list_events(tracking_id: str) -> list[Event]:
    return [_event_from_model(m) for m in EventModel.query(tracking_id, consistent_read=True)]


# Attributes stored exactly as the domain holds them.
_PLAIN = (
    "tracking_id", "title", "description", "category", "proposed_agency", "agency", "location",
    "latitude", "longitude", "anonymous", "confidential", "access_token_hash", "created_at",
    "updated_at", "stage_due_at", "event_count", "stage", "unit", "on_hold",
    "held_working_days", "reopen_count", "extension_tier", "routed_at", "returned_by",
    "archive_reason", "outcome", "rating", "rating_comment", "escalation_level",
    "next_work_at", "token_kid", "stage_started_at", "stage_first_due_at", "verified_at",
    "hold_until", "unit_due_at", "duplicate_of", "channel",
)  # fmt: skip
_LISTS = (
    "attachments", "reply_attachments", "copies_to", "earlier_token_hashes", "undelivered",
    "mail_verdicts", "intake_flags",
)  # fmt: skip
_NUMBERS = ("latitude", "longitude")
_INTEGERS = ("event_count", "held_working_days", "reopen_count", "rating", "escalation_level")
NATIONAL_DESK = "national"
WORK_SHARDS = 8
DESK_SHARDS = 8
_ON_HOLD = "~on-hold"  # sorts after every date: paused work comes last in a queue


def desk_of(report: Report) -> str | None:
    """Whose queue an open report waits in; None once nobody on the government side owes it."""
    if report.status is Status.SUBMITTED:
        return NATIONAL_DESK
    if report.status is Status.DISPOSITIONED:
        return report.agency
    return None


def _to_model(report: Report) -> ReportModel:
    model = ReportModel(**{name: getattr(report, name) for name in _PLAIN})
    model.type = report.type.value
    model.status = report.status.value
    model.language = report.language.value
    model.incident_date = report.incident_date.isoformat() if report.incident_date else None
    model.reporter = ReporterAttribute(
        name=report.reporter.name, email=report.reporter.email, phone=report.reporter.phone
    )
    for name in _LISTS:
        setattr(model, name, getattr(report, name) or None)
    # Only public reports carry the feed's keys, so its views cannot list any other.
    if report.public:
        for attribute, key in view_keys(report).items():
            setattr(model, attribute, key)
    desk = desk_of(report)
    if desk is not None:
        model.desk_shard = sharded_key(desk, report.tracking_id, DESK_SHARDS)
        model.desk_due = utc_key(report.stage_due_at) if report.stage_due_at else _ON_HOLD
        if report.escalation_level >= 2:
            level = f"level{report.escalation_level}"
            model.escalated = sharded_key(level, report.tracking_id, DESK_SHARDS)
    if report.next_work_at is not None:
        model.work_shard = work_shard(report.tracking_id)
        model.work_due = utc_key(report.next_work_at)
    if report.version is not None:
        model.version = report.version
    return model


def report_document(report: Report) -> dict[str, Any]:
    """A report as its item's attributes, by the same mapping as the table: the practice desk
    keeps its synthetic reports so, in an item of its own, never in the reports table."""
    return _to_model(report).serialize()


def report_from_document(document: dict[str, Any]) -> Report:
    return _from_model(ReportModel.from_raw_data(document))


def work_shard(tracking_id: str) -> str:
    """A report's shard never changes, so moving its key stays within one partition."""
    return str(shard_of(tracking_id, WORK_SHARDS))


def _from_model(m: ReportModel) -> Report:
    values: dict[str, Any] = {name: getattr(m, name) for name in _PLAIN}
    for name in _NUMBERS:
        values[name] = float(values[name]) if values[name] is not None else None
    for name in _INTEGERS:
        values[name] = int(values[name]) if values[name] is not None else None
    return Report(
        **values,
        type=ReportType(m.type),
        status=Status(m.status),
        language=Language(m.language),
        incident_date=date.fromisoformat(m.incident_date) if m.incident_date else None,
        reporter=Reporter(name=m.reporter.name, email=m.reporter.email, phone=m.reporter.phone),
        **{name: list(getattr(m, name) or []) for name in _LISTS},
        version=m.version,
    )


def _event_to_model(e: Event, figures: Figures | None = None) -> EventModel:
    return EventModel(
        tracking_id=e.tracking_id,
        seq=e.seq,
        at=e.at,
        action=e.action,
        actor_role=e.actor_role.value,
        actor_id=e.actor_id,
        from_status=e.from_status.value if e.from_status else None,
        to_status=e.to_status.value,
        public_note=e.public_note,
        internal_note=e.internal_note,
        due_at=e.due_at,
        escalation_level=e.escalation_level,
        figures=asdict(figures) if figures and figures.counts else None,
    )


def _event_from_model(m: EventModel) -> Event:
    return Event(
        tracking_id=m.tracking_id,
        seq=int(m.seq),
        at=m.at,
        action=m.action,
        actor_role=ActorRole(m.actor_role),
        actor_id=m.actor_id,
        from_status=Status(m.from_status) if m.from_status else None,
        to_status=Status(m.to_status),
        public_note=m.public_note,
        internal_note=m.internal_note,
        due_at=m.due_at,
        escalation_level=int(m.escalation_level) if m.escalation_level is not None else None,
    )


def public_reports_created_between(start: datetime, end: datetime) -> Iterator[Report]:
    """Every public report filed in [start, end), shard by shard of the feed's view (a Query
    bounded by the range), each read whole in BatchGetItems of 100: for the open-data export."""
    for shard in range(FEED_SHARDS):
        entries = ReportModel.feed_any_view.query(
            f"all#{shard}",
            range_key_condition=ReportModel.created_at.between(
                start, end - timedelta(microseconds=1)
            ),
        )
        ids = [entry.tracking_id for entry in entries]
        for first in range(0, len(ids), 100):
            yield from (_from_model(m) for m in ReportModel.batch_get(ids[first : first + 100]))


def newest_public_reports(
    *,
    start: datetime,
    end: datetime,
    limit: int,
    category: str | None = None,
    statuses: tuple[str, ...] = (),
) -> list[Report]:
    """The newest public reports filed in [start, end], at most ``limit``, read whole: each
    shard of the view (one per status asked for) read newest first up to the limit, merged,
    then the chosen ones in BatchGetItems of 100."""
    chosen = tuple(f for f, given in (("category", category), ("status", statuses)) if given)
    index = getattr(ReportModel, f"{view_attribute(chosen)}_view")
    entries = []
    for status in statuses or (None,):
        given = {"category": category, "status": status}
        value = view_value(tuple(str(given[f]) for f in chosen))
        for shard in range(FEED_SHARDS):
            results = index.query(
                f"{value}#{shard}",
                range_key_condition=ReportModel.created_at.between(start, end),
                scan_index_forward=False,
                limit=limit,
            )
            entries += itertools.islice(results, limit)
    entries.sort(key=lambda entry: entry.created_at, reverse=True)
    ids = [entry.tracking_id for entry in entries[:limit]]
    found = {}
    for first in range(0, len(ids), 100):
        found |= {m.tracking_id: m for m in ReportModel.batch_get(ids[first : first + 100])}
    return [_from_model(found[i]) for i in ids if i in found]


def record_unsent(tracking_id: str, entry: str) -> None:
    """Note on the report a message that could not reach its reporter (an SMS to a number
    that opted out), for the admins. The version moves on, so a step saved from an older read
    fails and reloads rather than writing the note away."""
    ReportModel._get_connection().update_item(
        tracking_id,
        actions=[
            ReportModel.undelivered.set((ReportModel.undelivered | []).append([entry])),
            ReportModel.version.add(1),
        ],
        condition=ReportModel.tracking_id.exists(),
    )
