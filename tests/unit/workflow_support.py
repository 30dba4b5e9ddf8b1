"""A report and a world to run the workflow in, without AWS."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from chalicelib.domain.actions import Action, Actor
from chalicelib.domain.calendar import WorkingCalendar
from chalicelib.domain.policy import ServiceLevels
from chalicelib.domain.report import ActorRole, Report, Reporter, ReportType, Status
from chalicelib.domain.workflow import Context
from chalicelib.store.reference import load_reference_file

# Monday 2 February 2026, 10:00 WIB: a plain week with no holidays.
MONDAY = datetime(2026, 2, 2, 3, 0, tzinfo=UTC)
_DATA = load_reference_file()
LEVELS = ServiceLevels.from_data(_DATA["service_levels"])
TIMEZONES = {a["key"]: a["timezone"] for a in _DATA["agencies"]}
COPIES = {c["key"]: tuple(c.get("copies_to", ())) for c in _DATA["categories"]}

ADMIN = Actor(ActorRole.ADMIN, id="admin")
SLEMAN = Actor(ActorRole.AGENCY, id="pemkab-sleman", agency="pemkab-sleman")
SLEMAN_UNIT = Actor(
    ActorRole.AGENCY, id="pemkab-sleman/dinas-pu", agency="pemkab-sleman", unit="dinas-pu"
)
MAKASSAR = Actor(ActorRole.AGENCY, id="pemkot-makassar", agency="pemkot-makassar")
CITIZEN = Actor(ActorRole.CITIZEN)
SYSTEM = Actor(ActorRole.SYSTEM, id="sweeper")


def context(now: datetime = MONDAY) -> Context:
    return Context(
        now=now,
        calendar=WorkingCalendar(),
        levels=LEVELS,
        national_timezone="Asia/Jakarta",
        agency_timezones=TIMEZONES,
        agency_units={agency: frozenset({"dinas-pu"}) for agency in TIMEZONES},
        copies_by_category=COPIES,
    )


def new_report(**overrides: object) -> Report:
    fields: dict = {
        "tracking_id": "7KQ2M-XD4PA",
        "type": ReportType.COMPLAINT,
        "status": Status.SUBMITTED,
        "title": "Jalan berlubang",
        "description": "Lubang besar di Jalan Kaliurang km 5.",
        "category": "infrastruktur",
        "created_at": MONDAY,
        "updated_at": MONDAY,
        "access_token_hash": "x",
        "reporter": Reporter(name="Siti", email="siti@example.id"),
        "event_count": 1,
        "stage": "verification",
        "stage_started_at": MONDAY,
        # 3 working days for verification: Thursday 5 February, 23:59:59 WIB.
        "stage_due_at": datetime(2026, 2, 5, 16, 59, 59, tzinfo=UTC),
    }
    fields.update(overrides)
    return Report(**fields)


NOTE = st.just("Catatan.")
# Parameters that make each action well-formed, so that random runs reach deep states often.
WELL_FORMED = {
    Action.VERIFY: {"agency": st.sampled_from(["pemkab-sleman", "pemkot-makassar"])},
    Action.ARCHIVE: {"reason": st.sampled_from(["spam", "incomplete", "out_of_scope"])},
    Action.SET_PRIVACY: {"anonymous": st.booleans(), "confidential": st.booleans(), "note": NOTE},
    Action.FORWARD: {"unit": st.sampled_from(["dinas-pu", "bidang-karangan"])},  # one made up
    Action.UNIT_REPLY: {"internal_note": NOTE},
    Action.FOLLOW_UP: {"note": NOTE},
    Action.HOLD: {"note": NOTE},
    Action.PROVIDE_INFO: {"note": NOTE},
    Action.ADD_NOTE: {"internal_note": NOTE},
    Action.END_HOLD: {},
    Action.NOT_OUR_AUTHORITY: {"note": NOTE},
    Action.REQUEST_EXTENSION: {
        "note": NOTE,
        "tier": st.sampled_from(["coordination", "field_inspection"]),
    },
    Action.RESPOND: {"satisfied": st.booleans()},
    Action.AUTO_CLOSE: {},
    Action.ESCALATE: {},
    Action.RATE: {"rating": st.integers(1, 5)},
    Action.REROUTE: {"agency": st.sampled_from(["pemkab-sleman", "pemkot-makassar"]), "note": NOTE},
    Action.CHANGE_CATEGORY: {
        "category": st.sampled_from(["infrastruktur", "netralitas-asn"]),
        "note": NOTE,
    },
    Action.SEND_LINK: {},
}
