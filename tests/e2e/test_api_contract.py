"""The API keeps the promises of its own description: schemathesis generates requests from
/api/openapi.json (a bounded run: 25 cases an operation, a few hundred in all) and sends them to
`make run`; no answer may be a 5xx, break its declared schema or content type, or carry a
status the description does not list."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from openapi.build import OUTPUT

pytestmark = pytest.mark.e2e
schema = schemathesis.openapi.from_dict(json.loads(OUTPUT.read_text(encoding="utf-8")))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]  # fmt: skip


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_answer_keeps_the_description(case, own_dev_system):
    case.call_and_validate(base_url=own_dev_system.url, checks=CHECKS, timeout=30)
