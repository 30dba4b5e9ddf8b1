"""The e-Learning modules: three or more a level in both languages, each quiz of five or more
questions whose answers exist, the two languages alike question by question, every re-read
section a heading of the text, and no deadline quoted that the service levels do not have."""

from __future__ import annotations

import re

import pytest

from chalicelib.domain.learning import LEVELS
from chalicelib.store.learning_content import modules
from chalicelib.store.reference import load_reference_file

LANGUAGES = ("id", "en")
# "5 hari kerja", "5 working days", "14 hari kalender", "60 calendar days"
QUOTED = re.compile(r"(?<![\d.:,])(\d+) (hari kerja|working days?|hari kalender|calendar days?)")


def _deadlines_in_the_data() -> dict[str, set[int]]:
    levels = load_reference_file()["service_levels"]
    working = set(levels["default"].values()) | set(levels["escalation_after_working_days"])
    for category in levels["by_category"].values():
        working |= set(category.values())
    calendar = set(levels["extension_tiers_calendar_days"].values())
    calendar.add(levels["stage_cap_calendar_days"])
    return {"working": working, "calendar": calendar}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_level_has_three_modules_or_more_each_with_a_quiz_of_five(language):
    found = modules(language)
    for level in LEVELS:
        assert len([m for m in found if m.level == level]) >= 3, level
    for module in found:
        assert len(module.quiz) >= 5, module.id
        for question in module.quiz:
            assert question.answer and question.answer <= set(question.options), question.id
            assert question.type in {"single", "multiple"}
            assert question.type == "multiple" or len(question.answer) == 1, question.id


def test_both_languages_ask_the_same_questions_with_the_same_answers():
    indonesian, english = ({m.id: m for m in modules(language)} for language in LANGUAGES)
    assert indonesian.keys() == english.keys()
    for module_id, module in indonesian.items():
        other = english[module_id]
        assert (module.level, module.order, module.minutes) == (other.level, other.order,
                                                                other.minutes)  # fmt: skip
        assert [(q.id, q.type, set(q.options), q.answer, q.section) for q in module.quiz] == [
            (q.id, q.type, set(q.options), q.answer, q.section) for q in other.quiz
        ], module_id


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_to_re_read_is_a_heading_of_the_module(language):
    for module in modules(language):
        anchors = set(re.findall(r"^#+ .*\{#([a-z0-9-]+)\}\s*$", module.text, re.MULTILINE))
        assert {q.section for q in module.quiz} <= anchors, module.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_module_teaches_a_deadline_the_service_levels_do_not_have(language):
    """In the text, the explanations and the right answers (a wrong option may be wrong)."""
    allowed = _deadlines_in_the_data()
    for module in modules(language):
        taught = (
            [module.text]
            + [q.explanation for q in module.quiz]
            + [q.options[key] for q in module.quiz for key in q.answer]
        )
        for number, unit in QUOTED.findall("\n".join(taught)):
            kind = "working" if ("kerja" in unit or "working" in unit) else "calendar"
            assert int(number) in allowed[kind], f"{module.id}: {number} {unit}"


def test_every_practice_scenario_is_a_report_the_real_rules_can_take():
    from chalicelib.domain.report import ReportType
    from chalicelib.domain.workflow import ArchiveReason
    from chalicelib.store.learning_content import scenarios

    data = load_reference_file()
    categories = {c["key"] for c in data["categories"]}
    agencies = {a["key"] for a in data["agencies"]}
    found = scenarios()
    assert len(found) >= 4 and len({s.id for s in found}) == len(found)
    for scenario in found:
        assert ReportType(scenario.type) and scenario.category in categories, scenario.id
        # Either routed to an agency of the reference data, or archived for a real reason.
        assert (scenario.agency in agencies) != (scenario.archive is not None), scenario.id
        assert scenario.archive is None or ArchiveReason(scenario.archive), scenario.id
        for text in (scenario.title, scenario.description):
            assert set(text) == set(LANGUAGES) and all(len(t) >= 10 for t in text.values())
