"""The practice desk's score (pure): a point for the first admin decision being the right
one, a point for reaching the answer with no deadline missed."""

from __future__ import annotations

from datetime import UTC, datetime

from chalicelib.domain.practice import Scenario, Step, finished, report_score, total_score
from chalicelib.domain.report import Report, Reporter, ReportType, Status

NOW = datetime(2026, 11, 30, 3, tzinfo=UTC)
ROUTED = Scenario("jalan", "pengaduan", "infrastruktur", "pemkab-sleman", None, {}, {})
SPAM = Scenario("promosi", "pengaduan", "topik-lainnya", None, "spam", {}, {})


def _report(status: Status) -> Report:
    return Report(tracking_id="LATIHAN-1", type=ReportType.COMPLAINT, status=status,
                  title="t", description="d", category="infrastruktur", created_at=NOW,
                  updated_at=NOW, access_token_hash="", reporter=Reporter())  # fmt: skip


def test_routing_to_the_agency_with_authority_then_answering_earns_both_points():
    steps = [Step("LATIHAN-1", "verify", agency="pemkab-sleman"), Step("LATIHAN-1", "follow_up")]
    assert report_score(ROUTED, _report(Status.FOLLOWED_UP), steps) == {
        "routing": True, "on_time": True, "escalated": False}  # fmt: skip


def test_only_the_first_decision_counts_a_reroute_does_not_repair_it():
    steps = [Step("LATIHAN-1", "verify", agency="pln"), Step("LATIHAN-1", "reroute"),
             Step("LATIHAN-1", "verify", agency="pemkab-sleman")]  # fmt: skip
    assert report_score(ROUTED, _report(Status.DISPOSITIONED), steps)["routing"] is False


def test_an_escalation_loses_the_on_time_point_even_when_answered_later():
    steps = [Step("LATIHAN-1", "escalate"), Step("LATIHAN-1", "verify", agency="pemkab-sleman")]
    scored = report_score(ROUTED, _report(Status.COMPLETED), steps)
    assert scored["routing"] is True and scored["on_time"] is False


def test_spam_is_right_only_when_archived_as_spam():
    as_spam = [Step("LATIHAN-1", "archive", reason="spam")]
    as_duplicate = [Step("LATIHAN-1", "archive", reason="duplicate")]
    assert report_score(SPAM, _report(Status.ARCHIVED), as_spam)["routing"] is True
    assert report_score(SPAM, _report(Status.ARCHIVED), as_duplicate)["routing"] is False
    routed = [Step("LATIHAN-1", "verify", agency="pemkab-sleman")]
    assert report_score(SPAM, _report(Status.DISPOSITIONED), routed)["routing"] is False


def test_another_reports_steps_do_not_count():
    steps = [Step("LATIHAN-2", "verify", agency="pemkab-sleman")]
    assert report_score(ROUTED, _report(Status.SUBMITTED), steps)["routing"] is False


def test_the_total_is_points_over_two_a_report():
    scored = [{"routing": True, "on_time": True}, {"routing": True, "on_time": False},
              {"routing": False, "on_time": False}]  # fmt: skip
    assert total_score(scored) == 0.5 and total_score([]) == 0.0


def test_a_desk_is_finished_when_every_report_is_answered_or_archived():
    assert finished([_report(Status.FOLLOWED_UP), _report(Status.ARCHIVED)])
    assert not finished([_report(Status.FOLLOWED_UP), _report(Status.DISPOSITIONED)])
    assert not finished([])
