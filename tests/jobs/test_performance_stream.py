"""The timeline's stream adds each step's figures to the monthly rows: exactly, and once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app import performance
from chalicelib import clock
from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.report import ActorRole
from chalicelib.domain.workflow import MAX_REOPENS, Command
from chalicelib.jobs.performance import add_stream_figures
from chalicelib.services.workflow import act
from chalicelib.settings import get_settings
from chalicelib.store.performance import monthly_rows
from chalicelib.store.reports import get_report
from local.streams import StreamReader
from tests.api.helpers import post_report, valid_report, verified

SLEMAN = Actor(ActorRole.AGENCY, id="pemkab-sleman", agency="pemkab-sleman")
CITIZEN = Actor(ActorRole.CITIZEN)
DAY = timedelta(days=1)
START = datetime(2026, 11, 2, 3, 0, tzinfo=UTC)
MONTH = "2026-11"


def _as(actor, tracking_id, action, **params):
    act(get_report(tracking_id), actor, Command(action, **params), clock.now())


def _scripted_month(client, frozen_clock) -> None:
    """Three reports filed on Monday 2 November: one followed up the next day, answered
    satisfied and rated 5; one followed up late and, after two reopenings, closed not
    satisfied; one in education, never followed up."""
    frozen_clock.set(START)
    on_time, late, school = (
        post_report(client, valid_report(**overrides)).json_body["tracking_id"]
        for overrides in ({}, {}, {"category": "pendidikan"})
    )
    for tracking_id in (on_time, late, school):
        verified(tracking_id)
    frozen_clock.advance(DAY)
    _as(SLEMAN, on_time, Action.FOLLOW_UP, note="Sudah ditambal.")
    _as(CITIZEN, on_time, Action.RESPOND, satisfied=True)
    _as(CITIZEN, on_time, Action.RATE, rating=5)
    frozen_clock.advance(16 * DAY)  # past the follow-up deadline, still November
    _as(SLEMAN, late, Action.FOLLOW_UP, note="Terlambat, sudah ditangani.")
    for _ in range(MAX_REOPENS):  # not satisfied, reopened, followed up again; then closed
        _as(CITIZEN, late, Action.RESPOND, satisfied=False)
        _as(SLEMAN, late, Action.FOLLOW_UP, note="Sudah diperbaiki lagi.")
    _as(CITIZEN, late, Action.RESPOND, satisfied=False)


def test_a_scripted_month_adds_up_exactly(client, frozen_clock, stream):
    _scripted_month(client, frozen_clock)
    add_stream_figures(stream.read(), clock.now())
    assert monthly_rows(MONTH, "national")["all"] == {
        "received": 3, "verified": 3, "routed": 3, "followed_up": 2, "followed_up_on_time": 1,
        "completed": 2, "satisfied": 1, "not_satisfied": 1, "rating_sum": 5, "rating_count": 1,
        "days_01": 1, "days_13": 1,  # working days from routing to follow-up
    }  # fmt: skip
    by_category = monthly_rows(MONTH, "category")
    assert by_category["pendidikan"] == {"received": 1, "verified": 1, "routed": 1}
    assert monthly_rows(MONTH, "province")["D.I. Yogyakarta"]["followed_up"] == 2


def test_a_replayed_stream_adds_nothing(client, frozen_clock, stream):
    _scripted_month(client, frozen_clock)
    records = stream.read()
    assert add_stream_figures(records, clock.now()) > 0
    before = monthly_rows(MONTH, "agency")
    replay = StreamReader(get_settings().table_name("events")).read()  # from the start again
    assert add_stream_figures(replay, clock.now()) == 0
    assert monthly_rows(MONTH, "agency") == before


def test_a_record_delivered_twice_in_one_batch_counts_once(client, frozen_clock, stream):
    post_report(client, valid_report())
    records = stream.read()
    assert add_stream_figures(records + records, clock.now()) == 1
    month = clock.now().strftime("%Y-%m")
    assert monthly_rows(month, "national")["all"]["received"] == 1


def test_the_function_aws_invokes_takes_a_stream_batch(client, frozen_clock, stream):
    post_report(client, valid_report())
    assert performance({"Records": stream.read()}, None) == {"added": 1}
