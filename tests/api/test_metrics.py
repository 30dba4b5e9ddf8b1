"""Business metrics leave as CloudWatch embedded-metric log lines, one set per request."""

import json

from tests.api.helpers import post_report, valid_report


def _metrics(output: str) -> dict:
    found = {}
    for line in output.splitlines():
        if '"_aws"' in line:
            document = json.loads(line)
            for definition in document["_aws"]["CloudWatchMetrics"][0]["Metrics"]:
                found[definition["Name"]] = document[definition["Name"]]
    return found


def test_a_filed_report_is_counted_as_received(client, capsys):
    post_report(client, valid_report())
    assert _metrics(capsys.readouterr().out) == {"ReportsReceived": [1.0]}


def test_a_request_that_counts_nothing_writes_no_metrics(client, capsys):
    client.http.get("/api/health")
    assert _metrics(capsys.readouterr().out) == {}
