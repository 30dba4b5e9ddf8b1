from datetime import timedelta

from tests.api.helpers import post_report, valid_report, verified


def _file_at(client, clock, minutes_later, *, verify=True, **overrides):
    """A report filed ``minutes_later``, verified by an admin unless ``verify`` is False."""
    clock.advance(timedelta(minutes=minutes_later))
    tracking_id = post_report(client, valid_report(**overrides)).json_body["tracking_id"]
    return verified(tracking_id) if verify else tracking_id


def test_the_feed_lists_public_reports_newest_first(client, frozen_clock):
    first = _file_at(client, frozen_clock, 0, title="Pertama")
    second = _file_at(client, frozen_clock, 5, title="Kedua")
    feed = client.http.get("/api/reports").json_body
    assert [r["tracking_id"] for r in feed["reports"]] == [second, first]


def test_confidential_reports_never_appear_in_the_feed(client, frozen_clock):
    public = _file_at(client, frozen_clock, 0)
    _file_at(client, frozen_clock, 1, confidential=True)
    feed = client.http.get("/api/reports").json_body
    assert [r["tracking_id"] for r in feed["reports"]] == [public]


def test_feed_entries_carry_no_identity(client, frozen_clock):
    _file_at(client, frozen_clock, 0)
    entry = client.http.get("/api/reports").json_body["reports"][0]
    assert "reporter" not in entry and "Siti" not in str(entry)


def test_the_feed_filters_by_category(client, frozen_clock):
    health = _file_at(client, frozen_clock, 0, category="kesehatan", agency="kemenkes")
    _file_at(client, frozen_clock, 1, category="pendidikan", agency=None)
    feed = client.http.get("/api/reports?category=kesehatan").json_body
    assert [r["tracking_id"] for r in feed["reports"]] == [health]


def test_the_feed_filters_by_status(client, frozen_clock):
    _file_at(client, frozen_clock, 0)
    assert client.http.get("/api/reports?status=completed").json_body["reports"] == []
    assert len(client.http.get("/api/reports?status=dispositioned").json_body["reports"]) == 1


def test_unverified_reports_never_appear_in_the_feed(client, frozen_clock):
    public = _file_at(client, frozen_clock, 0)
    _file_at(client, frozen_clock, 1, verify=False)
    feed = client.http.get("/api/reports").json_body
    assert [r["tracking_id"] for r in feed["reports"]] == [public]


def test_the_feed_pages_with_an_opaque_cursor_without_repeats(client, frozen_clock):
    filed = [_file_at(client, frozen_clock, 1, title=f"Laporan {i}") for i in range(5)]
    seen, cursor = [], None
    for _ in range(10):
        url = "/api/reports?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.http.get(url).json_body
        seen += [r["tracking_id"] for r in page["reports"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(filed))


def test_the_feed_reaches_back_across_months(client, frozen_clock):
    older = _file_at(client, frozen_clock, 0)
    newer = _file_at(client, frozen_clock, 60 * 24 * 40)  # forty days later: next month
    feed = client.http.get("/api/reports").json_body
    assert [r["tracking_id"] for r in feed["reports"]] == [newer, older]


def test_a_forged_cursor_is_a_400(client):
    response = client.http.get("/api/reports?cursor=bm90LWEtY3Vyc29y")
    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "invalid_cursor"


def test_an_unknown_status_filter_is_a_400_naming_it(client):
    response = client.http.get("/api/reports?status=lost")
    assert response.status_code == 400
    assert "status" in response.json_body["error"]["fields"]


def test_a_limit_out_of_range_is_a_400_naming_it(client):
    response = client.http.get("/api/reports?limit=500")
    assert response.status_code == 400
    assert "limit" in response.json_body["error"]["fields"]


def test_a_cached_feed_page_is_kept_per_language(client, frozen_clock):
    _file_at(client, frozen_clock, 0)
    english = client.http.get("/api/reports", headers={"Accept-Language": "en"})
    indonesian = client.http.get("/api/reports", headers={"Accept-Language": "id"})
    assert english.headers["Vary"] == "Accept-Language"
    labels = {page.json_body["reports"][0]["status_label"] for page in (english, indonesian)}
    assert len(labels) == 2
