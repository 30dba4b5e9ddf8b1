"""The answers API Gateway gives by itself, as the stack configures them."""

from __future__ import annotations

import json

import pytest

from chalicelib.api.gateway_responses import GATEWAY_RESPONSES, gateway_body
from chalicelib.i18n import LANGUAGES, translate


@pytest.mark.parametrize("answer", GATEWAY_RESPONSES, ids=lambda a: a.response_type)
def test_each_gateway_answer_has_its_message_in_every_language(answer):
    for language in LANGUAGES:
        assert translate(f"error.{answer.code}", language) != f"error.{answer.code}"


@pytest.mark.parametrize("answer", GATEWAY_RESPONSES, ids=lambda a: a.response_type)
def test_a_gateway_answer_is_the_apis_error_shape_in_indonesian_then_english(answer):
    error = json.loads(gateway_body(answer.code, request_id="req-1"))["error"]
    assert error["code"] == answer.code
    indonesian, english = error["message"].split(" / ")
    assert indonesian == translate(f"error.{answer.code}", "id", request_id="req-1")
    assert english == translate(f"error.{answer.code}", "en", request_id="req-1")
