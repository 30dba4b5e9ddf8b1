"""Reference data and health."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from chalice import Blueprint, Response

from chalicelib import clock
from chalicelib.api.requests import language_of
from chalicelib.api.routing import api_route
from chalicelib.settings import get_settings
from chalicelib.store import reference

blueprint = Blueprint(__name__)
_CACHEABLE = {"Cache-Control": "public, max-age=300", "Vary": "Accept-Language"}


@blueprint.route("/categories", methods=["GET"])
def categories() -> Response:
    language = language_of(blueprint.current_request)
    items = sorted(reference.categories().values(), key=lambda c: c.labels[language])
    return Response(
        body={
            "categories": [
                {
                    "key": c.key,
                    "label": c.labels[language],
                    "labels": c.labels,
                    "default_agency": c.default_agency,
                    "fast_track": c.fast_track,
                }
                for c in items
            ]
        },
        headers=_CACHEABLE,
    )


@blueprint.route("/agencies", methods=["GET"])
def agencies() -> Response:
    language = language_of(blueprint.current_request)
    items = sorted(reference.agencies().values(), key=lambda a: a.labels[language])
    return Response(
        body={
            "agencies": [
                {
                    "key": a.key,
                    "label": a.labels[language],
                    "labels": a.labels,
                    "kind": a.kind,
                    "level": a.level,
                    "region": a.region,
                    "timezone": a.timezone,
                    "units": [{"key": u.key, "label": u.labels[language]} for u in a.units],
                }
                for a in items
            ]
        },
        headers=_CACHEABLE,
    )


_DESCRIPTION = Path(__file__).resolve().parent.parent / "data" / "openapi.json"


@cache
def _description() -> str:
    """Read once per container: the file is part of the deployed bundle."""
    return _DESCRIPTION.read_text(encoding="utf-8")


@blueprint.route("/openapi.json", methods=["GET"])
def openapi() -> Response:
    """The API's OpenAPI 3.1 description (written by `python -m openapi.build`)."""
    return Response(
        body=_description(),
        headers={"Content-Type": "application/json", "Cache-Control": "public, max-age=3600"},
    )


@blueprint.route("/health", methods=["GET"])
def health() -> dict[str, str]:
    return {"status": "ok", "stage": get_settings().stage}


@api_route(blueprint, "/stats", methods=["GET"])
def stats() -> Response:
    """Performance figures from ``from`` to ``to`` (YYYY-MM, this month by default), a row
    per value of ``by`` (month, agency, province, category, type), and the national row;
    narrowed by ``agency``, ``province`` or ``category`` where the table allows."""
    from chalicelib.services.performance import performance_table  # noqa: PLC0415

    request = blueprint.current_request
    params = request.query_params or {}
    table = performance_table(
        params.get("from"),
        params.get("to"),
        params.get("by"),
        language=language_of(request),
        now=clock.now(),
        filters={name: params.get(name, "") for name in ("agency", "province", "category")},
    )
    return Response(body=table, headers=_CACHEABLE)
