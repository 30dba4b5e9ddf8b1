"""Quizzes are scored on the server: exactly the right choices, 80 % to pass, every wrong
answer pointing to its explanation and section; a pass opens the next module of the level."""

from __future__ import annotations

from chalicelib.domain.learning import quiz_without_answers, score, unlocked
from chalicelib.store.learning_content import modules

MODULES = modules("id")
FIRST = next(m for m in MODULES if m.id == "operator-1")


def _right_answers(module):
    return {q.id: sorted(q.answer) for q in module.quiz}


def test_all_right_passes_with_nothing_to_re_read():
    result = score(FIRST, _right_answers(FIRST))
    assert (result.score, result.passed, result.wrong) == (1.0, True, {})


def test_one_wrong_of_five_still_passes_at_80_percent_and_says_what_to_re_read():
    answers = _right_answers(FIRST) | {"q1": ["a"]}
    result = score(FIRST, answers)
    assert result.passed and result.score == 0.8
    assert result.wrong == {"q1": {"explanation": FIRST.quiz[0].explanation,
                                   "section": "verifikasi"}}  # fmt: skip


def test_two_wrong_fail_and_a_partly_right_multiple_choice_is_wrong():
    answers = _right_answers(FIRST) | {"q1": ["a"], "q4": ["a", "b"]}  # q4 wants a, b and c
    result = score(FIRST, answers)
    assert not result.passed and set(result.wrong) == {"q1", "q4"}


def test_unanswered_questions_are_wrong():
    assert not score(FIRST, {}).passed


def test_what_the_browser_gets_of_a_quiz_holds_no_answer():
    text = repr(quiz_without_answers(FIRST))
    for question in FIRST.quiz:
        assert question.explanation not in text
    assert "answer" not in text and "section" not in text


def test_a_pass_opens_the_next_module_of_its_level_only():
    assert unlocked(list(MODULES), set()) == {"operator-1", "supervisor-1", "policy-1"}
    assert "operator-2" in unlocked(list(MODULES), {"operator-1"})
    assert "operator-3" not in unlocked(list(MODULES), {"operator-1"})
