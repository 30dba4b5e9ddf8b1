"""Deadlines in working days: the table is worked out by hand from the published holiday and
cuti bersama lists (SKB 3 Menteri 2025 and 2026), not by running the code."""

from datetime import date, datetime

import pytest

from chalicelib.cli import main as cli
from chalicelib.domain.calendar import HolidayTable, WorkingCalendar, holiday_table

JKT, MKS, JAY = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"

CASES = [
    # start, working days, zone, due — and why
    ("2025-03-27T10:00:00+07:00", 5, JKT, "2025-04-14T23:59:59+07:00"),  # Nyepi + Idul Fitri 2025
    ("2025-03-27T10:00:00+07:00", 3, JKT, "2025-04-10T23:59:59+07:00"),  # verification over Lebaran
    ("2025-03-27T10:00:00+08:00", 1, MKS, "2025-04-08T23:59:59+08:00"),  # same, in WITA
    ("2026-03-17T10:00:00+07:00", 1, JKT, "2026-03-25T23:59:59+07:00"),  # Nyepi + Idul Fitri 2026
    ("2026-03-17T10:00:00+07:00", 3, JKT, "2026-03-27T23:59:59+07:00"),
    ("2026-03-17T10:00:00+07:00", 10, JKT, "2026-04-08T23:59:59+07:00"),  # and Good Friday
    ("2025-12-24T10:00:00+07:00", 3, JKT, "2025-12-31T23:59:59+07:00"),  # Christmas + cuti
    ("2025-12-24T10:00:00+07:00", 5, JKT, "2026-01-05T23:59:59+07:00"),  # over New Year
    ("2026-12-23T10:00:00+07:00", 1, JKT, "2026-12-28T23:59:59+07:00"),  # cuti 24 Dec 2026
    ("2026-12-31T10:00:00+09:00", 1, JAY, "2027-01-04T23:59:59+09:00"),  # New Year 2027, WIT
    ("2025-02-07T09:00:00+07:00", 1, JKT, "2025-02-10T23:59:59+07:00"),  # Friday → Monday
    ("2025-02-07T09:00:00+07:00", 5, JKT, "2025-02-14T23:59:59+07:00"),  # a plain week
    ("2025-02-08T09:00:00+07:00", 1, JKT, "2025-02-10T23:59:59+07:00"),  # arrives Saturday
    ("2025-02-09T22:00:00+07:00", 1, JKT, "2025-02-10T23:59:59+07:00"),  # arrives Sunday night
    ("2025-01-01T10:00:00+07:00", 1, JKT, "2025-01-02T23:59:59+07:00"),  # arrives on a holiday
    ("2025-02-10T08:00:00+07:00", 0, JKT, "2025-02-10T23:59:59+07:00"),  # zero: end of day 0
    ("2026-05-13T10:00:00+08:00", 1, MKS, "2026-05-18T23:59:59+08:00"),  # Ascension + cuti, WITA
    ("2025-06-05T10:00:00+09:00", 1, JAY, "2025-06-10T23:59:59+09:00"),  # Idul Adha + cuti, WIT
    # 23:30 WIB Monday is already Tuesday in WITA and WIT: day 0 depends on the desk's zone.
    ("2025-02-10T16:30:00+00:00", 1, JKT, "2025-02-11T23:59:59+07:00"),
    ("2025-02-10T16:30:00+00:00", 1, MKS, "2025-02-12T23:59:59+08:00"),
    ("2025-02-10T16:30:00+00:00", 1, JAY, "2025-02-12T23:59:59+09:00"),
    # 00:30 WIT Tuesday is still Monday in WITA.
    ("2025-02-10T15:30:00+00:00", 1, MKS, "2025-02-11T23:59:59+08:00"),
]


@pytest.mark.parametrize(("start", "days", "zone", "due"), CASES)
def test_deadline_is_the_end_of_the_nth_working_day_in_the_desks_zone(start, days, zone, due):
    calendar = WorkingCalendar()
    got = calendar.due_after_working_days(datetime.fromisoformat(start), days, zone)
    assert got.isoformat() == due


def test_an_added_day_off_is_skipped():
    calendar = WorkingCalendar(added=[date(2025, 2, 11)])
    got = calendar.due_after_working_days(datetime.fromisoformat("2025-02-10T10:00+07:00"), 1, JKT)
    assert got.isoformat() == "2025-02-12T23:59:59+07:00"


def test_a_cancelled_joint_leave_day_counts_again():
    calendar = WorkingCalendar(removed=[date(2025, 12, 26)])
    got = calendar.due_after_working_days(datetime.fromisoformat("2025-12-24T10:00+07:00"), 2, JKT)
    assert got.isoformat() == "2025-12-29T23:59:59+07:00"


def test_extension_tiers_count_calendar_days():
    calendar = WorkingCalendar()
    start = datetime.fromisoformat("2025-03-27T10:00+07:00")
    assert (
        calendar.due_after_calendar_days(start, 14, JKT).isoformat() == "2025-04-10T23:59:59+07:00"
    )
    assert (
        calendar.due_after_calendar_days(start, 60, JKT).isoformat() == "2025-05-26T23:59:59+07:00"
    )


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError, match="offset"):
        WorkingCalendar().due_after_working_days(datetime(2025, 1, 1), 1, JKT)


def test_the_deadline_command_prints_the_due_instant_on_its_last_line(capsys):
    cli(
        [
            "deadline",
            "--start",
            "2025-03-27T10:00:00+07:00",
            "--working-days",
            "5",
            "--tz",
            "Asia/Jakarta",
        ]
    )
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2025-04-14T23:59:59+07:00"


def test_the_deadline_command_honours_the_configured_override_list(capsys, monkeypatch):
    from chalicelib.services.deadlines import working_calendar
    from chalicelib.settings import get_settings

    monkeypatch.setenv("LAPOR_HOLIDAYS_ADDED", "2025-02-11")
    get_settings.cache_clear()
    working_calendar.cache_clear()
    try:
        cli(["deadline", "--start", "2025-02-10T10:00:00+07:00", "--working-days", "1"])
    finally:
        get_settings.cache_clear()
        working_calendar.cache_clear()
    assert capsys.readouterr().out.strip().splitlines()[-1] == "2025-02-12T23:59:59+07:00"


def test_a_holiday_table_round_trips_through_json_with_the_packages_dates():
    table = holiday_table(2026, 2027)
    again = HolidayTable.from_json(table.to_json())
    assert date(2026, 8, 17) in again and date(2027, 8, 17) in again
    assert date(2026, 8, 18) not in again


def test_a_holiday_table_refuses_a_day_outside_its_years_rather_than_guess():
    table = HolidayTable(2026, 2027, [date(2026, 8, 17)])
    with pytest.raises(LookupError):
        date(2028, 8, 17) in table  # noqa: B015 - the lookup is what is tested
