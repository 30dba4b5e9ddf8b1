"""Through `make run`: the demo admin signs in with a real token from the embedded Cognito
and routes a report, the printed agency link follows up, the citizen responds."""

import pytest
import requests

pytestmark = pytest.mark.e2e


def test_admin_agency_and_citizen_move_a_report_to_completion(dev_system):
    url = dev_system.url
    admin = {"Authorization": f"Bearer {dev_system.admin_token()}"}
    filed = dev_system.file_report(
        title="Sampah menumpuk",
        category="lingkungan",
        description="Sampah di Pasar Terong belum diangkut selama seminggu penuh.",
        reporter={"name": "Andi", "email": "andi@example.id"},
    )
    tid, citizen = filed["tracking_id"], {"X-Access-Token": filed["access_token"]}

    routed = requests.post(
        f"{url}/api/reports/{tid}/actions",
        headers=admin,
        timeout=10,
        json={"action": "verify", "agency": "pemkot-makassar"},
    )
    assert routed.status_code == 200
    agency = {"X-Agency-Token": routed.json()["agency_link"].split("#token=")[1]}
    answered = requests.post(
        f"{url}/api/reports/{tid}/actions",
        headers=agency,
        timeout=10,
        json={"action": "follow_up", "note": "Sampah sudah diangkut."},
    )
    assert answered.status_code == 200
    done = requests.post(
        f"{url}/api/reports/{tid}/actions",
        headers=citizen,
        timeout=10,
        json={"action": "respond", "satisfied": True},
    )
    assert done.json()["report"]["status"] == "completed"

    timeline = requests.get(f"{url}/api/reports/{tid}", headers=citizen, timeout=10).json()[
        "timeline"
    ]
    assert [e["action"] for e in timeline] == ["submit", "verify", "follow_up", "respond"]


def test_the_printed_agency_link_acts_on_the_demo_report(dev_system):
    url = dev_system.url
    token = dev_system.printed(r"agency link \(follow up from here\):\s+\S+#token=(\S+)")
    tid = dev_system.printed(r"Demo report (\S+), verified")
    response = requests.post(
        f"{url}/api/reports/{tid}/actions",
        timeout=10,
        headers={"X-Agency-Token": token},
        json={"action": "follow_up", "note": "Lubang sudah ditambal."},
    )
    assert response.status_code == 200
    assert response.json()["report"]["status"] == "followed_up"


def test_a_tampered_agency_link_is_refused_over_http(dev_system):
    token = dev_system.printed(r"agency link \(follow up from here\):\s+\S+#token=(\S+)")
    tid = dev_system.printed(r"Demo report (\S+), verified")
    response = requests.get(
        f"{dev_system.url}/api/reports/{tid}",
        timeout=10,
        headers={"X-Agency-Token": token[:-2] + "xx"},
    )
    assert response.status_code == 401
