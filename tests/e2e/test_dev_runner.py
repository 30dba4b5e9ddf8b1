"""Smoke test: the system `make run` starts answers over real HTTP."""

import pytest
import requests

pytestmark = pytest.mark.e2e

REPORT = {
    "type": "pengaduan",
    "title": "Lampu jalan padam",
    "description": "Sudah dua minggu lampu jalan di Jl. Gajah Mada padam setiap malam.",
    "category": "infrastruktur",
    "agency": "pemkot-makassar",
    "reporter": {"name": "Andi", "email": "andi@example.id"},
}


def test_a_report_filed_over_http_is_public_once_routed_and_never_with_identity(dev_system):
    waiting = requests.post(f"{dev_system.url}/api/reports", json=REPORT, timeout=10).json()
    unverified = requests.get(f"{dev_system.url}/api/reports/{waiting['tracking_id']}", timeout=10)
    assert unverified.status_code == 404  # not public until a national admin verifies it
    fast_track = {**REPORT, "category": "penanganan-covid-19", "agency": None}
    filed = requests.post(f"{dev_system.url}/api/reports", json=fast_track, timeout=10)
    assert filed.status_code == 201
    tracking_id = filed.json()["tracking_id"]
    shown = requests.get(f"{dev_system.url}/api/reports/{tracking_id}", timeout=10)
    assert shown.status_code == 200
    assert "Andi" not in shown.text and "andi@example.id" not in shown.text


def test_a_confidential_report_needs_its_token_over_http(dev_system):
    filed = requests.post(
        f"{dev_system.url}/api/reports", json={**REPORT, "confidential": True}, timeout=10
    ).json()
    url = f"{dev_system.url}/api/reports/{filed['tracking_id']}"
    assert requests.get(url, timeout=10).status_code == 404
    private = requests.get(url, headers={"X-Access-Token": filed["access_token"]}, timeout=10)
    assert private.status_code == 200
    assert private.json()["reporter"]["name"] == "Andi"


def test_the_web_page_is_served_on_the_same_origin_with_security_headers(dev_system):
    page = requests.get(f"{dev_system.url}/", timeout=10)
    assert page.status_code == 200
    assert '<html lang="id">' in page.text
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]


def test_paths_outside_the_web_folder_are_not_served(dev_system):
    response = requests.get(f"{dev_system.url}/..%2F..%2Fapp.py", timeout=10)
    assert response.status_code == 404


def test_sixty_four_clients_at_once_are_all_answered(dev_system):
    import threading

    start, answers = threading.Barrier(64, timeout=30), []

    def client():
        start.wait()
        try:
            answers.append(requests.get(f"{dev_system.url}/api/health", timeout=30).status_code)
        except requests.ConnectionError as error:
            answers.append(repr(error))

    threads = [threading.Thread(target=client) for _ in range(64)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [200] * 64


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/health"),
        ("GET", "/api/categories"),
        ("GET", "/"),
        ("GET", "/dev/mail.json"),
        ("GET", "/nowhere.html"),
        ("DELETE", "/index.html"),
        ("GET", "/api/nowhere"),
    ],
)
def test_every_response_says_what_it_carries(dev_system, method, path):
    response = requests.request(method, f"{dev_system.url}{path}", timeout=10)
    assert response.headers.get("Content-Type")


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}])
@pytest.mark.parametrize(("method", "path"), [("GET", "/api/no/such/thing"),
                                              ("DELETE", "/api/categories")])  # fmt: skip
def test_an_address_or_method_the_api_does_not_have_is_a_404_in_the_apis_error_shape(
    dev_system, headers, method, path
):
    # API Gateway routes by path and method together: a method a path does not take never
    # reaches the app, as locally, where Chalice would have answered 405.
    response = requests.request(method, f"{dev_system.url}{path}", headers=headers, timeout=10)
    assert response.status_code == 404  # API Gateway's own answer is a 403; the stack maps it
    assert response.headers["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == "route_not_found"
    assert error["message"] == "Alamat tidak ditemukan. / No such address."  # no negotiation
    assert "not-a-token" not in response.text


def _raw(dev_system, request: bytes) -> bytes:
    import socket

    host, port = dev_system.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def test_a_body_sent_to_a_page_is_not_run_as_a_second_request(dev_system):
    smuggled = b"GET /api/categories HTTP/1.1\r\nHost: x\r\n\r\n"
    request = (
        b"POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: "
        + str(len(smuggled)).encode()
        + b"\r\n\r\n"
        + smuggled
        + b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    received = _raw(dev_system, request)
    assert received.count(b"HTTP/1.1 ") == 2  # the 405 for the POST, then the health check
    assert b"kesehatan" not in received  # the body was never taken for a request


@pytest.mark.parametrize("length", [b"-1", b"abc", b"1e3"])
def test_a_bad_content_length_is_a_400(dev_system, length):
    request = b"POST /api/reports HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + b"\r\n\r\n{}"
    assert _raw(dev_system, request).startswith(b"HTTP/1.1 400")


@pytest.mark.parametrize("move", [{"days": -1}, {"hours": -5}, {"days": 100000}, {"days": "inf"}])
def test_the_clock_refuses_backward_or_absurd_moves(dev_system, move):
    response = requests.post(f"{dev_system.url}/dev/clock", json=move, timeout=10)
    assert response.status_code == 400
