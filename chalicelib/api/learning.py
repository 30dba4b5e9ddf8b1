"""e-Learning LAPOR! over HTTP: a learner registers, then acts with the token of the link they
were mailed (header X-Learner-Token)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Blueprint, Response

from chalicelib import clock
from chalicelib.api.requests import json_body, language_of
from chalicelib.api.routing import api_route
from chalicelib.auth.errors import AuthError

blueprint = Blueprint(__name__)
_PRIVATE = {"Cache-Control": "private, no-store", "Vary": "X-Learner-Token, Accept-Language"}


def _learning() -> Any:
    # Loaded on first use: the learning routes' Markdown and validators stay out of the
    # report API's cold start.
    from chalicelib.services import learning  # noqa: PLC0415

    return learning


def _as_learner(act: Callable[[Any, Any], Any]) -> Response:
    """``act(service, learner)`` for the learner whose token came: a request without one is
    refused (401) before its body is validated."""
    request = blueprint.current_request
    token = request.headers.get("x-learner-token")
    if not token:
        raise AuthError(401, "credentials_required")
    service = _learning()
    learner = service.learner_of(token, clock.now())
    return Response(body=act(service, learner), headers=_PRIVATE)


def _body(parse: Callable[[Any], Any]) -> Any:
    """The request's JSON, parsed: called inside ``act``, so a caller without a token learns
    nothing about what a body should be, malformed or not."""
    return parse(json_body(blueprint.current_request)[0])


@api_route(blueprint, "/learning/learners", methods=["POST"])
def register_learner() -> Response:
    from chalicelib.services.schemas import parse_learner  # noqa: PLC0415 - see _learning

    raw, _ = json_body(blueprint.current_request)
    _learning().register(parse_learner(raw), clock.now())
    return Response(body={"sent": True}, status_code=202)


@api_route(blueprint, "/learning/me", methods=["GET"])
def my_catalogue() -> Response:
    language = language_of(blueprint.current_request)
    return _as_learner(lambda service, learner: service.catalogue(learner, language))


@api_route(blueprint, "/learning/agency", methods=["GET"])
def agency_learners() -> Response:
    """A supervisor's view of their agency's learners, a page at a time (?cursor=)."""
    request = blueprint.current_request
    language = language_of(request)
    cursor = (request.query_params or {}).get("cursor")
    return _as_learner(lambda service, learner: service.agency_view(learner, language, cursor))


@api_route(blueprint, "/learning/modules/{module_id}", methods=["GET"])
def read_module(module_id: str) -> Response:
    language = language_of(blueprint.current_request)
    return _as_learner(lambda service, learner: service.read_module(learner, module_id, language))


@api_route(blueprint, "/learning/modules/{module_id}/attempts", methods=["POST"])
def submit_attempt(module_id: str) -> Response:
    from chalicelib.services.schemas import parse_attempt  # noqa: PLC0415 - see _learning

    language = language_of(blueprint.current_request)
    return _as_learner(lambda service, learner: service.attempt(
        learner, module_id, _body(parse_attempt), language, clock.now()))  # fmt: skip


@api_route(blueprint, "/certificates/{code}", methods=["GET"])
def check_certificate(code: str) -> Response:
    """Anyone may check a certificate: whose, for what, valid or revoked (404: unknown). Never
    from a cache: a revocation shows at once."""
    from chalicelib.services import certificates  # noqa: PLC0415 - see _learning

    language = language_of(blueprint.current_request)
    return Response(
        body=certificates.check(code, language),
        headers={"Cache-Control": "no-cache", "Vary": "Accept-Language"},
    )


def _practice() -> Any:
    from chalicelib.services import practice  # noqa: PLC0415 - see _learning

    return practice


@api_route(blueprint, "/learning/practice", methods=["POST"])
def start_practice() -> Response:
    """A fresh practice desk (LATIHAN), replacing the learner's last one."""
    language = language_of(blueprint.current_request)
    response = _as_learner(lambda _, learner: _practice().start(learner, language, clock.now()))
    response.status_code = 201
    return response


@api_route(blueprint, "/learning/practice", methods=["GET"])
def practice_desk() -> Response:
    language = language_of(blueprint.current_request)
    return _as_learner(lambda _, learner: _practice().view(learner, language))


@api_route(blueprint, "/learning/practice/reports/{tracking_id}/actions", methods=["POST"])
def practice_action(tracking_id: str) -> Response:
    from chalicelib.services.schemas import parse_command  # noqa: PLC0415 - see _learning

    language = language_of(blueprint.current_request)
    return _as_learner(
        lambda _, learner: _practice().act(
            learner, tracking_id, _body(parse_command), language, clock.now()
        )
    )


@api_route(blueprint, "/learning/practice/clock", methods=["POST"])
def move_practice_clock() -> Response:
    from chalicelib.services.schemas import parse_clock_move  # noqa: PLC0415 - see _learning

    language = language_of(blueprint.current_request)
    return _as_learner(
        lambda _, learner: _practice().advance(
            learner, _body(parse_clock_move).hours, language, clock.now()
        )
    )
