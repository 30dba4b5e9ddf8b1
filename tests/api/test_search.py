"""The public feed's text search: whole words of the title and description, of public reports
only, at a bounded cost per page."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bench.dynamo_counter import count_dynamodb_calls
from chalicelib.domain.search_terms import report_terms
from chalicelib.store.models import SearchEntryModel
from chalicelib.store.reports import get_report, import_reports
from chalicelib.store.search import SEARCH_SHARDS
from chalicelib.store.shards import shard_of
from tests.api.helpers import as_admin, post_report, valid_report, verified

DAY = timedelta(days=1)


def _file(client, frozen_clock, **overrides) -> str:
    frozen_clock.advance(timedelta(minutes=1))  # newest first: each report a minute later
    return post_report(client, valid_report(**overrides)).json_body["tracking_id"]


def _search(client, query: str, **params) -> dict:
    extra = "".join(f"&{name}={value}" for name, value in params.items())
    response = client.http.get(f"/api/reports?q={query}{extra}")
    assert response.status_code == 200, response.body
    return response.json_body


def _found(client, query: str, **params) -> list[str]:
    return [r["tracking_id"] for r in _search(client, query, **params)["reports"]]


def test_a_public_report_is_found_by_a_word_of_its_title_or_description(client, frozen_clock):
    tid = verified(_file(client, frozen_clock, title="Lampu jalan padam di Gamping"))
    assert _found(client, "gamping") == [tid]
    assert _found(client, "Kaliurang") == [tid]  # from the description


def test_case_and_accents_are_ignored(client, frozen_clock):
    tid = verified(_file(client, frozen_clock, title="Pelayanan Puskesmas lambat"))
    assert _found(client, "PUSKÉSMAS") == [tid]


def test_every_word_of_a_search_must_be_in_the_report(client, frozen_clock):
    lamp = verified(_file(client, frozen_clock, title="Lampu jalan padam di Gamping"))
    verified(_file(client, frozen_clock, title="Sampah menumpuk di Gamping"))
    assert _found(client, "lampu+gamping") == [lamp]


def test_an_unverified_report_is_never_found(client, frozen_clock):
    _file(client, frozen_clock, title="Pungutan liar di kantor kelurahan")
    assert _found(client, "pungutan") == []


def test_a_confidential_report_is_never_found(client, frozen_clock):
    verified(_file(client, frozen_clock, title="Pungutan liar di kantor", confidential=True))
    assert _found(client, "pungutan") == []


def test_a_report_taken_out_of_view_leaves_the_index(client, frozen_clock):
    tid = verified(_file(client, frozen_clock, title="Pungutan liar di kantor kelurahan"))
    assert _found(client, "pungutan") == [tid]
    as_admin(tid, "set_privacy", confidential=True, note="Menyebut nama warga.")
    assert _found(client, "pungutan") == []
    title, description = "Pungutan liar di kantor kelurahan", valid_report()["description"]
    shard = shard_of(tid, SEARCH_SHARDS)
    for term in report_terms(title, description):
        assert not list(SearchEntryModel.query(f"{term}#{shard}")), term


def test_imported_public_reports_are_found_and_the_others_not(client, frozen_clock):
    public = get_report(verified(_file(client, frozen_clock, title="Drainase mampet")))
    hidden = replace(public, tracking_id="7KQ2M-XD4PA", confidential=True)
    moved = replace(public, tracking_id="7KQ2M-XD4PB", created_at=public.created_at - DAY)
    import_reports([hidden, moved])
    assert _found(client, "drainase") == [public.tracking_id, moved.tracking_id]


def test_search_combines_with_the_feeds_filters(client, frozen_clock):
    road = verified(_file(client, frozen_clock, title="Jalan rusak dekat sekolah"))
    school = _file(client, frozen_clock, title="Guru jarang hadir", category="pendidikan")
    verified(school)
    assert _found(client, "sekolah", category="infrastruktur") == [road]


def test_paging_a_search_shows_each_report_once_newest_first(client, frozen_clock):
    filed = [verified(_file(client, frozen_clock, title=f"Banjir di dusun {i}")) for i in range(7)]
    seen, cursor = [], None
    while True:
        page = _search(client, "banjir", limit=3, **({"cursor": cursor} if cursor else {}))
        seen += [r["tracking_id"] for r in page["reports"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == list(reversed(filed))


def test_a_search_page_reads_each_shard_once_and_the_reports_in_one_batch(client, frozen_clock):
    for i in range(30):
        verified(_file(client, frozen_clock, title=f"Banjir di dusun {i}"))
    with count_dynamodb_calls() as calls:
        page = _search(client, "banjir", limit=20)
    assert len(page["reports"]) == 20
    assert calls["Query"] <= 3 and calls["BatchGetItem"] == 1
    assert calls["items_read"] <= 3 * 20 + 20


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [("di", "id", "sedikitnya satu kata"), ("yang", "en", "at least one word"),
     ("x" * 201, "id", "paling banyak 200")],
)  # fmt: skip
def test_a_search_with_nothing_to_search_for_is_a_400_naming_q(client, query, language, message):
    response = client.http.get(f"/api/reports?q={query}", headers={"Accept-Language": language})
    assert response.status_code == 400
    assert message in response.json_body["error"]["fields"]["q"]


def test_a_feed_cursor_is_no_search_cursor(client, frozen_clock):
    for i in range(3):
        verified(_file(client, frozen_clock, title=f"Banjir di dusun {i}"))
    cursor = client.http.get("/api/reports?limit=1").json_body["next_cursor"]
    response = client.http.get(f"/api/reports?q=banjir&limit=1&cursor={cursor}")
    assert response.status_code == 400
    assert response.json_body["error"]["code"] == "invalid_cursor"
