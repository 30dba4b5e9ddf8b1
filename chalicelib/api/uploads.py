"""Upload forms for attachments: the browser then posts the file straight to S3."""

from __future__ import annotations

from chalice import Blueprint, Response

from chalicelib import clock
from chalicelib.api.auth import caller_of, uploader_of
from chalicelib.api.requests import json_body
from chalicelib.api.routing import api_route

blueprint = Blueprint(__name__)


@api_route(blueprint, "/uploads", methods=["POST"])
def new_upload() -> Response:
    from chalicelib import attachments  # noqa: PLC0415 - boto3's S3 client on first use
    from chalicelib.services.schemas import parse_upload  # noqa: PLC0415

    request = blueprint.current_request
    now = clock.now()
    caller = caller_of(request, now)
    raw, _ = json_body(request)
    upload = parse_upload(raw)
    form = attachments.upload_form(
        upload.filename, upload.content_type, upload.size, owner=uploader_of(caller), now=now
    )
    return Response(
        body={
            "url": form.url,
            "fields": form.fields,
            "key": form.key,
            "max_bytes": attachments.MAX_BYTES,
        },
        status_code=201,
        headers={"Cache-Control": "no-store"},
    )
