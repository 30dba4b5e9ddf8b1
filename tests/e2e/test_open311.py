"""Through `make run`, over HTTP, as a GeoReport v2 client written by others talks: a
form-encoded POST with the printed demo key, read back in JSON and XML by the specification's
field names, and refusals in its error shapes."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
import requests

pytestmark = pytest.mark.e2e
REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
    "media_url",
}  # fmt: skip


def _key(system) -> str:
    return system.printed(r"demo integrator key (o311\.\S+)\)")


def _request_form(key: str) -> dict[str, str]:
    # The specification's POST example, with Lapor's service code and an Indonesian place.
    return {
        "api_key": key,
        "service_code": "infrastruktur",
        "lat": "-7.7956",
        "long": "110.3695",
        "address_string": "Jl. Malioboro, Yogyakarta",
        "email": "smith@example.id",
        "device_id": "tt222111",
        "account_id": "123456",
        "first_name": "John",
        "last_name": "Smith",
        "phone": "081234567890",
        "description": "Trotoar rusak\nTrotoar di depan toko nomor 12 amblas dan membahayakan.",
        "media_url": "http://example.id/photo.jpg",
    }


def test_a_client_posts_a_form_and_reads_the_request_back_in_json(dev_system):
    url = f"{dev_system.url}/open311/v2"
    posted = requests.post(f"{url}/requests.json", data=_request_form(_key(dev_system)),
                           timeout=10)  # fmt: skip
    assert posted.status_code == 200
    assert posted.headers["Content-Type"].startswith("application/json")
    [answer] = posted.json()
    assert set(answer) == {"service_request_id", "service_notice", "account_id"}
    # Not public before a national admin verifies it: as if it did not exist.
    unread = requests.get(f"{url}/requests/{answer['service_request_id']}.json", timeout=10)
    assert unread.status_code == 404 and unread.json()[0]["code"] == 404

    demo = dev_system.printed(r"Demo report (\S+), verified")
    [request] = requests.get(f"{url}/requests/{demo}.json", timeout=10).json()
    assert set(request) == REQUEST_FIELDS and request["status"] == "open"
    listed = requests.get(f"{url}/requests.json", params={"status": "open"}, timeout=10).json()
    assert demo in [r["service_request_id"] for r in listed]


def test_a_client_posts_and_reads_in_xml(dev_system):
    url = f"{dev_system.url}/open311/v2"
    posted = requests.post(f"{url}/requests.xml", data=_request_form(_key(dev_system)),
                           timeout=10)  # fmt: skip
    assert posted.headers["Content-Type"].startswith("text/xml")
    root = ElementTree.fromstring(posted.content)  # noqa: S314 - our own dev server's answer
    assert root.tag == "service_requests" and root.find("request/service_request_id").text
    demo = dev_system.printed(r"Demo report (\S+), verified")
    read = ElementTree.fromstring(requests.get(f"{url}/requests/{demo}.xml", timeout=10).content)  # noqa: S314
    assert {child.tag for child in read.find("request")} == REQUEST_FIELDS
    services = ElementTree.fromstring(requests.get(f"{url}/services.xml", timeout=10).content)  # noqa: S314
    assert services.find("service/service_code") is not None


def test_refusals_come_in_the_specs_error_shapes(dev_system):
    url = f"{dev_system.url}/open311/v2"
    form = {**_request_form("o311.0000.wrong"), "description": "x"}
    refused = requests.post(f"{url}/requests.json", data=form, timeout=10)
    assert refused.status_code == 403
    assert refused.json() == [{"code": 403, "description": "api_key tidak sah atau sudah dicabut."}]
    xml = requests.post(f"{url}/requests.xml", data=form, timeout=10)
    root = ElementTree.fromstring(xml.content)  # noqa: S314
    assert (root.tag, root.find("error/code").text) == ("errors", "403")
    too_short = {**_request_form(_key(dev_system)), "description": "Rusak."}
    short = requests.post(f"{url}/requests.json", data=too_short, timeout=10)
    assert short.status_code == 400 and short.json()[0]["description"].startswith("description:")
