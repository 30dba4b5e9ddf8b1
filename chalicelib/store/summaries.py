"""List entries read from the lists' indexes, which project only what a list shows."""

from __future__ import annotations

from chalicelib.domain.report import ReportSummary, ReportType, Status
from chalicelib.store.models import ReportModel


def summary_from_model(m: ReportModel) -> ReportSummary:
    return ReportSummary(
        tracking_id=m.tracking_id,
        type=ReportType(m.type),
        status=Status(m.status),
        title=m.title,
        category=m.category,
        created_at=m.created_at,
        agency=m.agency,
        stage_due_at=m.stage_due_at,
        on_hold=bool(m.on_hold),
        unit=m.unit,
        returned_by=m.returned_by,
        reopen_count=int(m.reopen_count or 0),
        escalation_level=int(m.escalation_level or 0),
    )
