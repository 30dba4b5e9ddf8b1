"""`make run`: the whole of Lapor on this machine, on an embedded moto server.

python -m local.run [--port 8000] [--host 127.0.0.1]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import socket
import sys
from typing import TYPE_CHECKING

from moto.server import ThreadedMotoServer

from local.provision import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

if TYPE_CHECKING:
    from local.demo import Demo

REGION = "ap-southeast-3"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _aws_environment(moto_url: str) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": REGION,
        "LAPOR_STAGE": "local",
    }


def cli_environment(moto_url: str) -> str:
    """The variables that point the operators' command line at this system's moto server."""
    return " ".join(f"{name}={value}" for name, value in _aws_environment(moto_url).items())


def configure_environment(moto_url: str, public_url: str) -> None:
    """Point every AWS client of this process at the embedded moto server."""
    os.environ.update(
        {
            **_aws_environment(moto_url),
            "LAPOR_SES_CONFIGURATION_SET": "lapor-local-events",
            "LAPOR_PUBLIC_BASE_URL": public_url,
            "POWERTOOLS_SERVICE_NAME": "lapor",
            "POWERTOOLS_METRICS_NAMESPACE": "Lapor",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_LOG_LEVEL": os.environ.get("POWERTOOLS_LOG_LEVEL", "WARNING"),
        }
    )
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
        os.environ.pop(name, None)


def banner(url: str, demo: Demo, moto_url: str) -> str:
    agency_token = demo.agency_link.split("#token=")[1]
    login = json.dumps({"username": DEMO_ADMIN_USERNAME, "password": DEMO_ADMIN_PASSWORD})
    return f"""
  Lapor is running at {url}

  Web page:    {url}/
  API health:  {url}/api/health

  Demo admin (embedded Cognito): {DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD}
    token:   curl -s -X POST {url}/dev/login -d '{login}'

  Demo report {demo.tracking_id}, verified and routed to {demo.agency}:
    agency link (follow up from here):  {demo.agency_link}
    agency desk link (its inbox):       {demo.desk_link}
    as the agency:
      curl -s {url}/api/reports/{demo.tracking_id} \\
        -H 'X-Agency-Token: {agency_token}'
    as the citizen:
      curl -s {url}/api/reports/{demo.tracking_id} -H 'X-Access-Token: {demo.access_token}'

  File a report:
    curl -s -X POST {url}/api/reports -H 'Content-Type: application/json' \\
      -H 'Idempotency-Key: demo-0001' -d '{{"type": "pengaduan",
      "title": "Jalan berlubang", "category": "infrastruktur", "agency": "pemkab-sleman",
      "description": "Lubang besar di Jalan Kaliurang km 5 membahayakan pengendara.",
      "reporter": {{"name": "Siti", "email": "siti@example.id"}}}}'

  By SMS instead (a reporter with a phone number and no email): the same, with
      "reporter": {{"name": "Siti", "phone": "0812 3456 7890"}}

  By mail (SES receiving, embedded): POST the raw message to /dev/inbound
    printf '%s\\r\\n' 'From: Siti <siti@example.id>' 'To: {demo.intake_address}' \\
      'Subject: Lampu jalan mati' '' 'Lampu jalan di depan SD Negeri 2 mati sejak sepekan.' \\
      | curl -s -X POST {url}/dev/inbound --data-binary @-
  The agency answers the demo report by replying to its mail: a draft, published from the
  link in the confirmation mail:
    printf '%s\\r\\n' 'From: {demo.desk_address}' 'Subject: Re: laporan' \\
      'To: {demo.desk_reply_to}' \\
      '' 'Jalan sudah kami tambal pada 27 November.' \\
      | curl -s -X POST {url}/dev/inbound --data-binary @-
    (add ?dkim=FAIL, or spf, dmarc, spam, virus, to see a failing check refused or flagged)

  Open311 GeoReport v2 (any GeoReport client; demo integrator key {demo.open311_key}):
    curl -s {url}/open311/v2/services.json
    curl -s -X POST {url}/open311/v2/requests.xml -d api_key={demo.open311_key} \
      -d service_code=infrastruktur -d lat=-7.75 -d long=110.38 -d email=budi@example.id \
      -d first_name=Budi -d 'description=Lampu jalan di depan SD Negeri 2 mati sejak sepekan.'
    curl -s '{url}/open311/v2/requests.json?status=open'

  e-Learning LAPOR! (modules, quizzes, certificates, the practice desk):  {url}/belajar.html
    register there; the sign-in link arrives in the mailbox below (the coordinator of
    pemkab-sleman, koordinator@slemankab.example, sees its learners as a supervisor)

  The operators' command line against this system (README, "Operating it"), e.g.:
    {cli_environment(moto_url)} \
      .venv/bin/python -m chalicelib.cli certificate revoke LPR-… --reason "diterbitkan keliru"

  Mail and SMS sent (SES and SNS, embedded):  {url}/dev/mail
  Move the clock forward:     curl -s -X POST {url}/dev/clock -d '{{"days": 7}}'
    (the sweep and the notifier run every 2 seconds, and at once after a move)

  Everything lives in memory (moto); stop with Ctrl-C and it is gone.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log is noise here
    moto_port = free_port(args.host)
    moto = ThreadedMotoServer(ip_address=args.host, port=moto_port, verbose=False)
    moto.start()
    url = f"http://{args.host}:{args.port}"
    moto_url = f"http://{args.host}:{moto_port}"
    configure_environment(moto_url, url)

    # Imported only now, so that settings and clients see the local environment.
    from app import app
    from chalicelib import clock
    from chalicelib.clock import OffsetClock
    from local.demo import create_demo
    from local.provision import provision
    from local.server import DevServer
    from local.worker import Worker

    clock.use_clock(OffsetClock())
    pool = provision("local", jwks_base_url=moto_url)
    demo = create_demo(clock.now())
    worker = Worker()
    worker.start()
    server = DevServer(
        (args.host, args.port),
        app,
        admin_pool=pool,
        worker=worker,
        region=REGION,
        upload_origin=moto_url,
    )
    print(banner(url, demo, moto_url), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\n  Stopping Lapor.")
    finally:
        worker.stop()
        server.server_close()
        moto.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
