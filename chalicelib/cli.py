"""Operators' command line.

    python -m chalicelib.cli deadline --start 2025-03-27T10:00:00+07:00 --working-days 5 \\
        --tz Asia/Jakarta
    python -m chalicelib.cli seed        # write reference data to the stage's tables
    python -m chalicelib.cli export --month 2026-11 --format csv --out DIR   # open data, locally
    python -m chalicelib.cli export --month 2026-11 --publish   # to the pages' bucket
    python -m chalicelib.cli analytics follow-up-by-agency --from 2026-01 --to 2026-11 \
        [--engine duckdb|athena]
    python -m chalicelib.cli apikey create --name "Aplikasi Kota"   # an Open311 integrator's key
    python -m chalicelib.cli apikey list
    python -m chalicelib.cli apikey revoke --id 3f9c1a2b7d4e
    python -m chalicelib.cli certificate revoke LPR-7K3M-Q9XD-2HCV --reason "issued in error"

Against a deployed stage, set AWS_PROFILE / AWS_DEFAULT_REGION and LAPOR_STAGE first.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chalicelib.services.deadlines import working_calendar
from chalicelib.settings import get_settings
from chalicelib.store.reference import seed_reference_data


def _aware_instant(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    if instant.tzinfo is None:
        raise argparse.ArgumentTypeError("give the offset, e.g. 2025-03-27T10:00:00+07:00")
    return instant


def _zone(text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise argparse.ArgumentTypeError(f"unknown time zone {text!r}") from error
    return text


def deadline(args: argparse.Namespace) -> int:
    calendar = working_calendar()
    due = calendar.due_after_working_days(args.start, args.working_days, args.tz)
    day = args.start.astimezone(ZoneInfo(args.tz)).date()
    print(f"day 0: {day:%A %Y-%m-%d} ({args.tz})")
    while day < due.date():
        day += timedelta(days=1)
        if not calendar.is_working_day(day):
            print(f"  not a working day: {day:%a %Y-%m-%d}")
    print(due.isoformat())
    return 0


def seed(args: argparse.Namespace) -> int:
    print(f"wrote {seed_reference_data()} reference items")
    return 0


def _month(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise argparse.ArgumentTypeError("give the month as YYYY-MM, e.g. 2026-11")
    return text


def export(args: argparse.Namespace) -> int:
    from chalicelib.services.open_data import export_files, publish_month  # noqa: PLC0415

    if args.publish:
        for key in publish_month(args.month):
            print(key)
        return 0
    folder = Path(args.out) / args.month
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in export_files(args.month, tuple(args.format or ("csv", "parquet"))).items():
        (folder / name).write_bytes(data)
        print(folder / name)
    return 0


def analytics(args: argparse.Namespace) -> int:
    from analytics import queries  # noqa: PLC0415 - the analysts' tools, never in a bundle

    sql = queries.query_text(args.query)
    if args.engine == "athena":
        stage = get_settings().stage
        result = queries.on_athena(
            sql, args.first, args.last, workgroup=f"lapor-{stage}", database=f"lapor_{stage}"
        )
    else:
        result = queries.on_duckdb(sql, args.first, args.last)
    table = [result.columns, *[["" if v is None else str(v) for v in row] for row in result.rows]]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(result.columns))]
    for row in table:
        print("  ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True)))
    return 0


def apikey(args: argparse.Namespace) -> int:
    from chalicelib import clock  # noqa: PLC0415
    from chalicelib.store import api_keys  # noqa: PLC0415

    if args.action == "create":
        if not args.name:
            raise SystemExit("apikey create needs --name (who the key is for)")
        key, secret = api_keys.create_key(args.name, clock.now())
        print(f"id {key.id} for {key.name}; the key, shown once, to give the integrator:")
        print(secret)
    elif args.action == "revoke":
        if not args.id:
            raise SystemExit("apikey revoke needs --id")
        api_keys.revoke_key(args.id, clock.now())
        print(f"revoked {args.id}")
    else:
        for key in api_keys.list_keys():
            state = "revoked" if key.revoked else "active"
            print(f"{key.id}  {key.created_at:%Y-%m-%d}  {state:7}  {key.name}")
    return 0


def certificate(args: argparse.Namespace) -> int:
    """Revoking an e-Learning certificate: its check then says so, with the reason."""
    from chalicelib import clock  # noqa: PLC0415
    from chalicelib.domain.errors import InvalidFields  # noqa: PLC0415
    from chalicelib.services import certificates  # noqa: PLC0415
    from chalicelib.services.errors import LearningRefused  # noqa: PLC0415

    try:
        revoked = certificates.revoke(args.code, args.reason, clock.now())
    except InvalidFields:
        raise SystemExit(f"{args.code}: not a certificate code (LPR-XXXX-XXXX-XXXX)") from None
    except LearningRefused:
        raise SystemExit(f"{args.code}: no such certificate") from None
    print(f"revoked {args.code}" if revoked else f"{args.code} was revoked already")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chalicelib.cli",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)

    due = commands.add_parser("deadline", help="when a stage started at --start falls due")
    due.add_argument("--start", type=_aware_instant, required=True)
    due.add_argument("--working-days", type=int, required=True)
    due.add_argument("--tz", type=_zone, default="Asia/Jakarta")
    due.set_defaults(run=deadline)

    seeder = commands.add_parser("seed", help="write categories and agencies to the tables")
    seeder.set_defaults(run=seed)

    exporter = commands.add_parser("export", help="a month's de-identified open data")
    exporter.add_argument("--month", type=_month, required=True)
    exporter.add_argument("--format", choices=("csv", "parquet"), action="append",
                          help="csv, parquet, or both (the default)")  # fmt: skip
    where = exporter.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="a folder: files go to OUT/MONTH/")
    where.add_argument("--publish", action="store_true", help="to the stage's pages bucket")
    exporter.set_defaults(run=export)

    analyst = commands.add_parser("analytics", help="an analysts' query over the event files")
    analyst.add_argument("query", help="a file of analytics/sql/, e.g. follow-up-by-agency")
    analyst.add_argument("--from", dest="first", type=_month, required=True)
    analyst.add_argument("--to", dest="last", type=_month, required=True)
    analyst.add_argument("--engine", choices=("duckdb", "athena"), default="duckdb")
    analyst.set_defaults(run=analytics)

    keys = commands.add_parser("apikey", help="Open311 integrators' API keys")
    keys.add_argument("action", choices=("create", "list", "revoke"))
    keys.add_argument("--name", help="create: who the key is for")
    keys.add_argument("--id", help="revoke: the key's id (from list)")
    keys.set_defaults(run=apikey)

    certificates = commands.add_parser("certificate", help="e-Learning certificates")
    certificates.add_argument("action", choices=("revoke",))
    certificates.add_argument("code", help="the certificate's code, LPR-XXXX-XXXX-XXXX")
    certificates.add_argument("--reason", required=True, help="shown to whoever checks it")
    certificates.set_defaults(run=certificate)

    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
