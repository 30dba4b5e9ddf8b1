"""One HTTP server for the dev system: /api/* goes to the Chalice app through Chalice's own
local API Gateway emulation; everything else is a static file from web/, with the same
security headers CloudFront adds in production."""

from __future__ import annotations

import base64
import json
import mimetypes
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from botocore.exceptions import ClientError
from chalice.app import Chalice
from chalice.config import Config
from chalice.local import LocalGateway, LocalGatewayException, RouteMatcher

from chalicelib import clock
from chalicelib.api.gateway_responses import NOT_FOUND, gateway_body
from chalicelib.store import open_data_files
from local import devpages
from local.provision import AdminPool, sign_in
from local.ses_receiving import CHECKS
from local.ses_receiving import receive as receive_mail
from local.worker import Worker

JSON = {"Content-Type": "application/json"}
TEXT = {"Content-Type": "text/plain; charset=utf-8"}
WEB_DIR = Path(__file__).resolve().parent.parent / "web"


def security_headers(upload_origin: str) -> dict[str, str]:
    """The headers CloudFront adds in production; uploads go to the attachments bucket, and
    attached images are shown from it."""
    return {
        "Content-Security-Policy": (
            f"default-src 'self'; img-src 'self' data: blob: {upload_origin}; style-src 'self'; "
            f"script-src 'self'; connect-src 'self' {upload_origin}; frame-ancestors 'none'; "
            "base-uri 'self'; form-action 'self'"
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
    }


class DevServer(ThreadingHTTPServer):
    daemon_threads = True
    # Pages open many connections at once (and tests more): the default backlog of 5 resets
    # the sixth client that arrives while the others are being accepted.
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        app: Chalice,
        *,
        admin_pool: AdminPool,
        worker: Worker,
        region: str,
        upload_origin: str,
        web_dir: Path = WEB_DIR,
    ) -> None:
        self.headers = security_headers(upload_origin)
        self.admin_pool = admin_pool
        self.worker = worker
        self.region = region
        self.gateway = LocalGateway(app, Config.create(chalice_stage="dev", app_name=app.app_name))
        self.routes = app.routes
        self.route_matcher = RouteMatcher(list(app.routes))
        # A Lambda handles one request at a time; the Chalice app object assumes as much.
        self.gateway_lock = threading.Lock()
        self.web_dir = web_dir.resolve()
        super().__init__(address, DevRequestHandler)


MAX_BODY_BYTES = 10 * 1024 * 1024  # far above the API's own limit, which answers 413 itself
MAX_CLOCK_MOVE = timedelta(days=400)


class BadRequestBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class DevRequestHandler(BaseHTTPRequestHandler):
    server: DevServer
    protocol_version = "HTTP/1.1"
    body: bytes = b""

    def _read_body(self) -> bytes:
        """The whole body, read before any route so that none is left on a kept-alive
        connection to be taken for the next request."""
        if "Transfer-Encoding" in self.headers:
            raise BadRequestBody(411, "Send a Content-Length; chunked bodies are not accepted.")
        text = (self.headers.get("Content-Length") or "0").strip()
        if not text.isdigit():
            raise BadRequestBody(400, "Content-Length must be a whole number of bytes.")
        if int(text) > MAX_BODY_BYTES:
            raise BadRequestBody(413, "Request body too large.")
        return self.rfile.read(int(text)) if int(text) else b""

    def _handle(self) -> None:
        try:
            self.body = self._read_body()
        except BadRequestBody as refused:
            self.close_connection = True  # a length we cannot trust: the stream ends here
            self._send(refused.status, TEXT, str(refused))
            return
        path = urlsplit(self.path).path
        if path.startswith(("/api/", "/open311/")):
            self._api()
        elif path == "/config.json":
            # What the admin page needs to sign in: here the embedded pool behind /dev/login.
            self._send(200, JSON, b'{"loginUrl": "/dev/login"}')
        elif path == "/dev/login" and self.command == "POST":
            self._login()
        elif path.startswith("/dev/"):
            self._dev(path)
        elif path.startswith("/open-data/") and self.command in {"GET", "HEAD"}:
            self._open_data(path)
        elif self.command in {"GET", "HEAD"}:
            self._static()
        else:
            self._send(405, TEXT, b"Method not allowed")

    def __getattr__(self, name: str) -> Any:
        # Every method, the unusual ones too (TRACE, QUERY…), is routed: the API answers 405
        # for what it does not take, as API Gateway does, never the base class's bare 501.
        if name.startswith("do_"):
            return self._handle
        raise AttributeError(name)

    def _gateway_has_route(self) -> bool:
        """Whether API Gateway has this path with this method (OPTIONS: its CORS answer)."""
        try:
            resource = self.server.route_matcher.match_route(self.path).route
        except ValueError:
            return False
        return self.command == "OPTIONS" or self.command in self.server.routes[resource]

    def _api(self) -> None:
        if not self._gateway_has_route():
            # Answered as the stack makes API Gateway answer a path or method it does not have:
            # the app's 404, not "Missing Authentication Token" (nor Chalice's own 405).
            self._send(NOT_FOUND.status, JSON, gateway_body(NOT_FOUND.code))
            return
        try:
            with self.server.gateway_lock:
                response = self.server.gateway.handle_request(
                    method=self.command,
                    path=self.path,
                    headers=dict(self.headers),
                    body=self.body or None,
                )
        except LocalGatewayException as error:
            self._send(error.CODE, dict(error.headers), error.body or b"")
            return
        headers: dict[str, Any] = {**response["headers"], **response["multiValueHeaders"]}
        if not any(name.lower() == "content-type" for name in headers):
            headers.update(JSON)  # the API answers JSON; Chalice leaves 2xx dict bodies untyped
        payload = response.get("body") or b""
        if response.get("isBase64Encoded"):
            payload = base64.b64decode(payload)
        self._send(response["statusCode"], headers, payload)

    def _login(self) -> None:
        """Dev only: sign in to the embedded user pool, as the admin page does with Cognito
        in production, and hand back real tokens."""
        try:
            credentials = json.loads(self.body or b"{}")
            tokens = sign_in(
                self.server.admin_pool, credentials["username"], credentials["password"]
            )
        except (ValueError, KeyError, TypeError, ClientError):
            self._send(401, JSON, b'{"error": {"code": "login_failed"}}')
            return
        self._send(200, JSON, json.dumps(tokens))

    def _dev(self, path: str) -> None:
        region = self.server.region
        page_type = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/dev/clock" and self.command == "POST":
            self._move_clock()
        elif path == "/dev/inbound" and self.command == "POST":
            self._inbound()
        elif path == "/dev/mail" and self.command == "GET":
            self._send(200, page_type, devpages.mailbox_page(region))
        elif path == "/dev/mail.json" and self.command == "GET":
            self._send(200, JSON, devpages.mailbox_json(region))
        elif path.startswith("/dev/mail/") and path.rsplit("/", 1)[1].isdigit():
            body = devpages.message_page(region, int(path.rsplit("/", 1)[1]))
            self._send(200 if body else 404, page_type, body or b"No such message")
        else:
            self._send(404, TEXT, b"Not found")

    def _inbound(self) -> None:
        """POST a raw RFC 822 message: what SES receiving would do with it (stored in the
        local inbound bucket, then the inbound function), then one worker tick so that its
        answer is in the mailbox. ?dkim=FAIL (spf, dmarc, spam, virus) sets a verdict."""
        query = {k: v[0].upper() for k, v in parse_qs(urlsplit(self.path).query).items()}
        verdicts = {k: v for k, v in query.items() if k in CHECKS}
        if not self.body:
            self._send(400, JSON, json.dumps({"error": "POST the raw message as the body"}))
            return
        with self.server.gateway_lock:  # the app's code, one invocation at a time
            outcome = receive_mail(self.body, clock.now(), **verdicts)
        self.server.worker.tick()
        self._send(200, JSON, json.dumps(outcome))

    def _move_clock(self) -> None:
        """POST {"days": 3} (JSON) or days=3 (the mailbox page's form), then one worker tick
        so that what the new time calls for is swept and mailed at once."""
        raw = self.body.decode(errors="replace")
        form = not raw.lstrip().startswith("{")  # the mailbox page's form, else JSON
        try:
            fields = (
                {k: v[0] for k, v in parse_qs(raw).items()} if form else json.loads(raw or "{}")
            )
            move = timedelta(days=float(fields.get("days", 0)), hours=float(fields.get("hours", 0)))
            if not timedelta(0) <= move <= MAX_CLOCK_MOVE:
                raise ValueError("move the clock forward, by at most 400 days at a time")
            moved = devpages.advance_clock(move)
        except (ValueError, TypeError, AttributeError, OverflowError) as error:
            self._send(400, JSON, json.dumps({"error": str(error)}))
            return
        self.server.worker.tick()
        if form:
            self._send(303, {"Location": "/dev/mail", **TEXT}, b"")
        else:
            self._send(200, JSON, json.dumps(moved))

    def _open_data(self, path: str) -> None:
        """As CloudFront serves them in AWS: the export's files from the pages' bucket."""
        found = open_data_files.read(unquote(path).lstrip("/"))
        if found is None:
            self._send(404, TEXT, b"Not found")
            return
        body, content_type = found
        self._send(200, {"Content-Type": content_type, **self.server.headers}, body)

    def _static(self) -> None:
        relative = unquote(urlsplit(self.path).path).lstrip("/") or "index.html"
        target = (self.server.web_dir / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.server.web_dir) or not target.is_file():
            self._send(404, TEXT, b"Not found")
            return
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type.endswith("javascript"):
            content_type += "; charset=utf-8"
        headers = {"Content-Type": content_type, "Cache-Control": "no-cache", **self.server.headers}
        self._send(200, headers, target.read_bytes())

    def _send(self, status: int, headers: dict[str, Any], body: str | bytes) -> None:
        payload = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() == "content-length":
                continue
            for item in value if isinstance(value, list) else [value]:
                self.send_header(name, item)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        # Request lines only: no bodies, no headers, so no personal data in the console.
        print(f"  {self.command} {urlsplit(self.path).path} -> {args[1] if len(args) > 1 else ''}")
