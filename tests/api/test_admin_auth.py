"""National admins: real Cognito tokens, checked by the app itself."""

from datetime import UTC, datetime, timedelta

from chalicelib import clock
from local.provision import create_user, sign_in
from tests.api.helpers import bearer, post_report, valid_report


def _queue(client, headers):
    return client.http.get("/api/admin/queue", headers=headers)


def test_an_admin_token_from_the_user_pool_opens_the_verification_queue(client, admin_token):
    filed = post_report(client, valid_report()).json_body
    response = _queue(client, bearer(admin_token))
    assert response.status_code == 200
    assert [r["tracking_id"] for r in response.json_body["reports"]] == [filed["tracking_id"]]


def test_an_access_token_works_as_well_as_an_id_token(client, admin_pool):
    from local.provision import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME

    tokens = sign_in(admin_pool, DEMO_ADMIN_USERNAME, DEMO_ADMIN_PASSWORD)
    assert _queue(client, bearer(tokens["access_token"])).status_code == 200


def test_a_user_outside_the_admins_group_is_forbidden(client, admin_pool):
    create_user(admin_pool, "tamu", "Tamu-Password-2026!", admin=False)
    token = sign_in(admin_pool, "tamu", "Tamu-Password-2026!")["id_token"]
    response = _queue(client, bearer(token))
    assert response.status_code == 403
    assert response.json_body["error"]["code"] == "not_admin"


def test_a_tampered_token_is_refused(client, admin_token):
    header, payload, signature = admin_token.split(".")
    tampered = f"{header}.{payload[:-4]}AAAA.{signature}"
    response = _queue(client, bearer(tampered))
    assert response.status_code == 401
    assert response.json_body["error"]["code"] == "token_invalid"


def test_an_expired_token_is_refused_as_expired(client, admin_token, frozen_clock):
    frozen_clock.set(datetime.now(UTC) + timedelta(hours=2))  # moto's tokens last one hour
    response = _queue(client, bearer(admin_token))
    assert response.status_code == 401
    assert response.json_body["error"]["code"] == "token_expired"
    assert "masuk kembali" in response.json_body["error"]["message"]


def test_a_token_for_another_app_client_is_refused(client, admin_pool, admin_token, monkeypatch):
    from chalicelib.settings import get_settings

    monkeypatch.setenv("LAPOR_COGNITO_CLIENT_ID", "some-other-client")
    get_settings.cache_clear()
    try:
        assert _queue(client, bearer(admin_token)).status_code == 401
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_a_non_bearer_authorization_header_is_refused(client, admin_token):
    assert _queue(client, {"Authorization": f"Basic {admin_token}"}).status_code == 401


def test_no_credentials_at_all_is_a_401(client):
    response = _queue(client, {})
    assert response.status_code == 401
    assert response.json_body["error"]["code"] == "credentials_required"


def test_moving_the_dev_clock_forward_never_signs_an_admin_out(client, admin_token):
    # The dev runner's time travel moves the reports' clock; sign-in tokens keep real time.
    travelling = clock.OffsetClock()
    travelling.advance(timedelta(days=30))
    clock.use_clock(travelling)
    try:
        assert _queue(client, bearer(admin_token)).status_code == 200
    finally:
        clock.use_clock(clock.system_clock)
