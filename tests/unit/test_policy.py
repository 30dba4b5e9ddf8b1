from chalicelib.domain.policy import ServiceLevels
from chalicelib.store.reference import load_reference_file


def levels() -> ServiceLevels:
    return ServiceLevels.from_data(load_reference_file()["service_levels"])


def test_default_stages_follow_lapor_service_levels():
    policy = levels()
    ask = {"category": "kesehatan", "report_type": "pengaduan"}
    assert policy.working_days("verification", **ask) == 3
    assert policy.working_days("follow_up", **ask) == 5
    assert policy.working_days("citizen_response", **ask) == 10


def test_fast_track_category_shortens_the_agency_stages():
    policy = levels()
    ask = {"category": "penanganan-covid-19", "report_type": "pengaduan"}
    assert policy.working_days("follow_up", **ask) == 1
    assert policy.working_days("unit_follow_up", **ask) == 2


def test_a_units_stage_defaults_to_the_agency_follow_up_time():
    assert (
        levels().working_days("unit_follow_up", category="kesehatan", report_type="aspirasi") == 5
    )


def test_a_rule_for_a_report_type_applies_when_the_category_has_none():
    policy = ServiceLevels(
        default={"follow_up": 5}, by_type={"permintaan_informasi": {"follow_up": 10}}
    )
    assert policy.working_days("follow_up", category="x", report_type="permintaan_informasi") == 10
    assert policy.working_days("follow_up", category="x", report_type="pengaduan") == 5
