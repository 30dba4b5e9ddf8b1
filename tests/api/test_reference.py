from collections import Counter


def test_categories_include_lapor_topics_with_labels_in_both_languages(client):
    categories = client.http.get("/api/categories").json_body["categories"]
    keys = {c["key"] for c in categories}
    assert len(categories) >= 12
    assert {"kesehatan", "netralitas-asn", "penanganan-covid-19", "dana-desa"} <= keys
    assert all(c["labels"]["id"] and c["labels"]["en"] for c in categories)


def test_the_fast_track_category_is_marked(client):
    categories = client.http.get("/api/categories").json_body["categories"]
    assert [c["key"] for c in categories if c["fast_track"]] == ["penanganan-covid-19"]


def test_agencies_of_many_kinds_span_all_three_time_zones(client):
    agencies = client.http.get("/api/agencies").json_body["agencies"]
    assert len(agencies) >= 8
    zones = Counter(a["timezone"] for a in agencies)
    assert {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"} <= zones.keys()
    kinds = {a["kind"] for a in agencies}
    assert {"ministry", "province", "regency", "city", "state_enterprise", "university"} <= kinds


def test_labels_follow_the_callers_language(client):
    english = client.http.get("/api/categories", headers={"Accept-Language": "en"}).json_body
    assert "Health" in {c["label"] for c in english["categories"]}


def test_agency_contact_addresses_are_not_published(client):
    agencies = client.http.get("/api/agencies").json_body["agencies"]
    assert all("emails" not in a and "coordinator_email" not in a for a in agencies)


def test_health_answers_ok(client):
    response = client.http.get("/api/health")
    assert response.status_code == 200
    assert response.json_body["status"] == "ok"


def test_every_agency_lists_the_work_units_it_may_forward_to(client):
    agencies = client.http.get("/api/agencies").json_body["agencies"]
    assert all(a["units"] for a in agencies)
    [sleman] = [a for a in agencies if a["key"] == "pemkab-sleman"]
    public_works = {"key": "dinas-pu", "label": "Dinas Pekerjaan Umum dan Penataan Ruang"}
    assert public_works in sleman["units"]
