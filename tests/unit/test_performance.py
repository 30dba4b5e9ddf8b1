"""What each step adds to the performance figures."""

from datetime import timedelta

from chalicelib.domain.actions import Action
from chalicelib.domain.performance import NONE, Figures, figures_for
from chalicelib.domain.report import Event
from chalicelib.domain.workflow import Command, apply
from tests.unit.workflow_support import (
    ADMIN,
    CITIZEN,
    MONDAY,
    SLEMAN,
    SYSTEM,
    context,
    new_report,
)

DAY = timedelta(days=1)


def _figures(before, after, event: Event) -> Figures:
    ctx = context(event.at)
    return figures_for(
        before,
        after,
        event,
        national_timezone=ctx.national_timezone,
        agency_timezone="Asia/Jakarta",
        province="DI Yogyakarta" if after.agency else None,
        calendar=ctx.calendar,
    )


def _step(report, actor, action, when, **params):
    after, event = apply(report, actor, Command(action, **params), context(when))
    return after, _figures(report, after, event)


def _routed(when=MONDAY):
    report = new_report()
    return _step(report, ADMIN, Action.VERIFY, when, agency="pemkab-sleman")


def test_a_verification_counts_the_report_verified_and_routed_to_its_agency():
    after, figures = _routed()
    assert figures.counts == {"verified": 1, "routed": 1}
    assert figures.dimensions == {
        "agency": "pemkab-sleman", "province": "DI Yogyakarta",
        "category": after.category, "type": after.type.value,
    }  # fmt: skip


def test_a_report_no_agency_holds_is_counted_under_none():
    report = new_report()
    _, figures = _step(report, ADMIN, Action.ARCHIVE, MONDAY, reason="spam")
    assert figures.dimensions["agency"] == figures.dimensions["province"] == NONE
    assert figures.counts == {}


def test_the_month_is_the_national_time_zones():
    _, figures = _routed(when=MONDAY.replace(month=1, day=31, hour=18))  # 1 Feb, 01:00 WIB
    assert figures.month == "2026-02"


def test_a_follow_up_before_the_deadline_is_on_time_and_its_working_days_counted():
    routed, _ = _routed()
    _, figures = _step(routed, SLEMAN, Action.FOLLOW_UP, MONDAY + 2 * DAY, note="Selesai.")
    assert figures.counts == {"followed_up": 1, "followed_up_on_time": 1, "days_02": 1}


def test_a_follow_up_after_the_first_deadline_is_late_even_when_a_hold_moved_it():
    routed, _ = _routed()
    held, _ = _step(routed, SLEMAN, Action.HOLD, MONDAY + DAY, note="Mohon foto.")
    answered, _ = _step(held, CITIZEN, Action.PROVIDE_INFO, MONDAY + 9 * DAY, note="Ini fotonya.")
    assert answered.stage_due_at > routed.stage_first_due_at  # the clock restarted
    late = routed.stage_first_due_at + DAY
    _, figures = _step(answered, SLEMAN, Action.FOLLOW_UP, late, note="Selesai.")
    assert figures.counts["followed_up"] == 1 and "followed_up_on_time" not in figures.counts


def test_a_satisfied_answer_completes_the_report():
    routed, _ = _routed()
    followed, _ = _step(routed, SLEMAN, Action.FOLLOW_UP, MONDAY + DAY, note="Selesai.")
    _, figures = _step(followed, CITIZEN, Action.RESPOND, MONDAY + 2 * DAY, satisfied=True)
    assert figures.counts == {"completed": 1, "satisfied": 1}


def test_silence_completes_the_report_without_an_answer():
    routed, _ = _routed()
    followed, _ = _step(routed, SLEMAN, Action.FOLLOW_UP, MONDAY + DAY, note="Selesai.")
    _, figures = _step(followed, SYSTEM, Action.AUTO_CLOSE, MONDAY + 30 * DAY)
    assert figures.counts == {"completed": 1, "no_response": 1}


def test_a_rating_adds_to_the_sum_and_the_count():
    routed, _ = _routed()
    followed, _ = _step(routed, SLEMAN, Action.FOLLOW_UP, MONDAY + DAY, note="Selesai.")
    done, _ = _step(followed, CITIZEN, Action.RESPOND, MONDAY + 2 * DAY, satisfied=True)
    _, figures = _step(done, CITIZEN, Action.RATE, MONDAY + 2 * DAY, rating=4)
    assert figures.counts == {"rating_sum": 4, "rating_count": 1}
