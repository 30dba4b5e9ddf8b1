"""e-Learning LAPOR!: modules with quizzes, scored here (pure). A quiz is passed at 80 %; a
passed module unlocks the next of its level; a wrong answer points to its explanation and the
section to read again. What a browser sees of a quiz never holds its answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

LEVELS = ("operator", "supervisor", "policy")
PASS_MARK = 0.8


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # "single" or "multiple"
    question: str
    options: dict[str, str]
    answer: frozenset[str]
    explanation: str
    section: str  # the heading's anchor in the module's text


@dataclass(frozen=True)
class Module:
    id: str
    level: str
    order: int
    minutes: int
    title: str
    objectives: tuple[str, ...]
    text: str  # Markdown
    quiz: tuple[Question, ...]


@dataclass(frozen=True)
class Result:
    score: float  # 0–1
    passed: bool
    wrong: dict[str, dict[str, str]]  # question id → explanation and section to re-read


def quiz_without_answers(module: Module) -> list[dict[str, Any]]:
    return [
        {"id": q.id, "type": q.type, "question": q.question,
         "options": [{"key": k, "text": v} for k, v in q.options.items()]}
        for q in module.quiz
    ]  # fmt: skip


def score(module: Module, answers: dict[str, list[str]]) -> Result:
    """Each question is right only when exactly its answers are chosen."""
    wrong = {
        q.id: {"explanation": q.explanation, "section": q.section}
        for q in module.quiz
        if frozenset(answers.get(q.id, ())) != q.answer
    }
    right = len(module.quiz) - len(wrong)
    value = right / len(module.quiz)
    return Result(score=value, passed=value >= PASS_MARK, wrong=wrong)


def unlocked(modules: list[Module], passed: set[str]) -> set[str]:
    """A level's first module, and each one after a passed module."""
    ordered = sorted(modules, key=lambda m: (m.level, m.order))
    open_ids = set()
    for level in LEVELS:
        previous_passed = True
        for module in (m for m in ordered if m.level == level):
            if previous_passed:
                open_ids.add(module.id)
            previous_passed = module.id in passed
    return open_ids
