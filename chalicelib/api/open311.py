"""Open311 GeoReport v2 over HTTP: `/open311/v2/<resource>.json|.xml`, answers and errors in the
shapes the specification gives, so that any GeoReport client works unchanged.

API Gateway matches whole path segments, so `services.json` is one segment: each route reads
its format from the segment's extension."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

from chalice import Blueprint, Response

from chalicelib import clock
from chalicelib.api.requests import language_of
from chalicelib.i18n import translate
from chalicelib.services.errors import Open311Error
from chalicelib.settings import get_settings

blueprint = Blueprint(__name__)
FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
FORM = "application/x-www-form-urlencoded"
# XML element names: a list's root, and each of its items.
_LISTS = {"services": ("services", "service"), "requests": ("service_requests", "request"),
          "errors": ("errors", "error")}  # fmt: skip


def _split(segment: str) -> tuple[str, str]:
    """``services.json`` → ("services", "json"); an unknown format is a 404 in JSON."""
    name, _, extension = segment.rpartition(".")
    if extension not in FORMATS or not name:
        raise Open311Error(404, "open311.error.format")
    return name, extension


def _answer(extension: str, kind: str, body: Any, status: int = 200) -> Response:
    payload = json.dumps(body, ensure_ascii=False) if extension == "json" else _xml(kind, body)
    return Response(body=payload, status_code=status,
                    headers={"Content-Type": FORMATS[extension]})  # fmt: skip


def _georeport() -> ModuleType:
    # Loaded on a GeoReport request's first use: the API's other routes start without it.
    from chalicelib.services import open311  # noqa: PLC0415

    return open311


def _xml(kind: str, body: Any) -> str:
    from xml.etree import ElementTree  # noqa: PLC0415 - only XML answers need it

    if kind in _LISTS:
        root_name, item_name = _LISTS[kind]
        root = ElementTree.Element(root_name)
        for item in body:
            _fill(_child(root, item_name), item)
    else:
        root = ElementTree.Element(kind)
        _fill(root, body)
    return '<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(root, "unicode")


def _child(parent: Any, name: str) -> Any:
    child = parent.makeelement(name, {})
    parent.append(child)
    return child


def _fill(element: Any, value: Any) -> None:
    """Dicts become child elements; lists of dicts repeat their singular element
    (``attributes`` → ``attribute``, ``values`` → ``value``, ``endpoints`` → ``endpoint``)."""
    for name, item in value.items():
        child = _child(element, name)
        if isinstance(item, list):
            for entry in item:
                if isinstance(entry, dict):
                    _fill(_child(child, name[:-1]), entry)
                else:
                    _child(child, name[:-1]).text = str(entry)
        elif isinstance(item, bool):
            child.text = "true" if item else "false"
        elif item is not None:
            child.text = str(item)


def open311_route(path: str, **options: Any) -> Callable:
    """A route whose refusals are Open311 errors: ``[{"code", "description"}]``, in the format
    its path segment asks for (JSON when the segment names none we know)."""

    def register(view: Callable) -> Callable:
        def answered(**params: str) -> Response:
            language = language_of(blueprint.current_request)
            try:
                return view(language=language, **params)
            except Open311Error as error:
                extension = next(iter(params.values()), "").rpartition(".")[2]
                extension = extension if extension in FORMATS else "json"
                message = translate(error.key, language, **error.params)
                return open311_errors(error.status, message, extension)

        answered.__name__ = view.__name__
        blueprint.route(path, **options)(answered)
        return view

    return register


def open311_errors(status: int, description: str, extension: str = "json") -> Response:
    """An error as GeoReport gives it: ``[{"code", "description"}]``, with its HTTP status."""
    return _answer(extension, "errors", [{"code": status, "description": description}], status)


@open311_route("/{document}", methods=["GET"])
def read_document(document: str, language: str) -> Response:
    name, extension = _split(document)
    params = blueprint.current_request.query_params or {}
    readers: dict[str, tuple[str, Callable[[], Any]]] = {
        "discovery": ("discovery", lambda: _georeport().discovery(language)),
        "services": ("services", lambda: _georeport().services(language)),
        "requests": (
            "requests",
            lambda: _georeport().find_requests(dict(params), clock.now(), language),
        ),
    }
    if name not in readers:
        raise Open311Error(404, "open311.error.not_found")
    kind, read = readers[name]
    return _answer(extension, kind, read())


@open311_route("/services/{service}", methods=["GET"])
def read_service(service: str, language: str) -> Response:
    code, extension = _split(service)
    definition = _georeport().service_definition(code, language)
    return _answer(extension, "service_definition", definition)


@open311_route("/requests/{request}", methods=["GET"])
def read_request(request: str, language: str) -> Response:
    tracking_id, extension = _split(request)
    found = _georeport().get_request(tracking_id, language)
    return _answer(extension, "requests", [found])


@open311_route("/{document}", methods=["POST"], content_types=[FORM])
def post_request(document: str, language: str) -> Response:
    name, extension = _split(document)
    if name != "requests":
        raise Open311Error(404, "open311.error.not_found")
    raw = blueprint.current_request.raw_body or b""
    if len(raw) > get_settings().max_body_bytes:
        raise Open311Error(413, "open311.error.too_large")
    form = dict(parse_qsl(raw.decode("utf-8", errors="replace"), keep_blank_values=True))
    filed = _georeport().file_request(form, clock.now(), language)
    return _answer(extension, "requests", [filed])
