"""Lapor's Lambda entry points: the Chalice app with its blueprints and middleware, and the
scheduled and event-driven functions. Each handler only hands over to chalicelib."""

from typing import Any

# The AWS SDK is imported first, from the top: on Python 3.11, code that recurses around a
# frame-stack chunk boundary allocates and frees a chunk on every call, and urllib3's regular
# expressions, compiled at the depth of our nested imports, took 22 ms instead of 4 (bench.intake).
import botocore.session  # noqa: F401
from chalice import Chalice, Cron, Rate

from chalicelib import clock
from chalicelib.api import desks, learning, open311, reference, reports, uploads
from chalicelib.api.middleware import handle_errors

app = Chalice(app_name="lapor")
app.register_middleware(handle_errors, "http")
app.register_blueprint(reports.blueprint, url_prefix="/api")
app.register_blueprint(reference.blueprint, url_prefix="/api")
app.register_blueprint(desks.blueprint, url_prefix="/api")
app.register_blueprint(uploads.blueprint, url_prefix="/api")
app.register_blueprint(learning.blueprint, url_prefix="/api")
app.register_blueprint(open311.blueprint, url_prefix="/open311/v2")


@app.schedule(Rate(15, unit=Rate.MINUTES), name="sweeper")
def sweeper(event: Any) -> dict:
    """On the schedule: the last cycle's digests, then one invocation of this function per
    shard of the due-work index. On a shard (the fan-out, or a continuation): escalate what is
    overdue, close silent response windows, end expired holds."""
    from chalicelib.jobs import sweep_fanout  # noqa: PLC0415 - jobs load only what they use
    from chalicelib.services.metrics import flush  # noqa: PLC0415

    detail = event.to_dict().get("detail") or {}
    function_name = event.context.function_name
    if "shard" not in detail:
        result = sweep_fanout.fan_out(function_name, clock.now())
    else:
        result = sweep_fanout.sweep_one_shard(
            detail, function_name, sweep_fanout.lambda_budget(event.context)
        )
    flush()
    return {"items_read": result.items_read, "digests": result.digests, "failed": result.failed}


@app.schedule(Cron(0, 1, "*", "*", "?", "*"), name="referral_digest")
def referral_digest(event: Any) -> dict:
    """08:00 WIB daily: the national admins' digest of reports flagged for the Ombudsman."""
    from chalicelib.jobs.sweep import DAILY_DIGESTS, gather_digests  # noqa: PLC0415
    from chalicelib.services.metrics import flush  # noqa: PLC0415

    result = gather_digests(clock.now(), DAILY_DIGESTS)
    flush()
    return {"digests": result.made, "failed": result.failed}


@app.schedule(Cron(0, 1, 1, "*", "?", "*"), name="open_data")
def open_data(event: Any) -> dict:
    """08:00 WIB on the 1st: last month's de-identified open data, beside the pages, and its
    timeline events compacted for the analysts (Athena, DuckDB)."""
    from chalicelib.services.open_data import (  # noqa: PLC0415
        compact_events,
        previous_month,
        publish_month,
    )

    month = previous_month(clock.now())
    return {"month": month, "files": [*publish_month(month), compact_events(month)]}


@app.lambda_function(name="notifier")
def notifier(event: dict, context: Any) -> dict:
    """The outbox table's stream: send each new mail intent at once."""
    from chalicelib.services.delivery import deliver_ids  # noqa: PLC0415
    from chalicelib.services.metrics import flush  # noqa: PLC0415

    ids = [
        record["dynamodb"]["Keys"]["id"]["S"]
        for record in event.get("Records", [])
        if record.get("eventName") == "INSERT"
    ]
    result = deliver_ids(ids, clock.now())
    flush()
    return {"sent": len(result.sent), "retrying": len(result.retrying)}


@app.lambda_function(name="performance")
def performance(event: dict, context: Any) -> dict:
    """The timeline's stream: add each new event's figures to the monthly performance rows."""
    from chalicelib.jobs.performance import add_stream_figures  # noqa: PLC0415

    return {"added": add_stream_figures(event.get("Records", []), clock.now())}


@app.schedule(Rate(1, unit=Rate.MINUTES), name="notifier_retry")
def notifier_retry(event: Any) -> dict:
    """Mail whose earlier attempt failed, once its back-off has passed."""
    from chalicelib.services.delivery import deliver_due  # noqa: PLC0415
    from chalicelib.services.metrics import flush  # noqa: PLC0415

    result = deliver_due(clock.now())
    flush()
    return {"sent": len(result.sent), "parked": len(result.parked)}


@app.lambda_function(name="ses_events")
def ses_events(event: dict, context: Any) -> dict:
    """SES bounces and complaints, through the configuration set's SNS topic."""
    from chalicelib.jobs.ses_events import handle_ses_event, sns_messages  # noqa: PLC0415

    now = clock.now()
    blocked = [a for message in sns_messages(event) for a in handle_ses_event(message, now)]
    return {"blocked": len(blocked)}


@app.lambda_function(name="inbound")
def inbound(event: dict, context: Any) -> dict:
    """Mail received by SES: a report to the intake address, or a reply to a mail about one."""
    from chalicelib.jobs.inbound_mail import handle_ses_receipt  # noqa: PLC0415
    from chalicelib.services.metrics import flush  # noqa: PLC0415

    outcomes = handle_ses_receipt(event, clock.now(), context)
    flush()
    return {"outcomes": outcomes}
