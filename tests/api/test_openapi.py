"""The API's OpenAPI description: current with the code, naming every route and no other,
valid OpenAPI 3.1, and served."""

from __future__ import annotations

import json

from openapi_spec_validator import validate

from openapi.build import OUTPUT, render


def test_the_served_description_is_current_with_the_validators_it_derives_from():
    assert OUTPUT.read_text(encoding="utf-8") == render(), "run: python -m openapi.build"


def test_the_description_names_every_route_and_no_other(client):
    from app import app

    routes = {(path, method.lower()) for path, methods in app.routes.items() for method in methods}
    described = {
        (path, method)
        for path, operations in json.loads(OUTPUT.read_text(encoding="utf-8"))["paths"].items()
        for method in operations
    }
    assert described == routes


def test_the_description_is_valid_openapi_3_1():
    document = json.loads(OUTPUT.read_text(encoding="utf-8"))
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_the_api_serves_its_description(client):
    response = client.http.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json_body == json.loads(OUTPUT.read_text(encoding="utf-8"))
