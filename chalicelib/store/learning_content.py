"""The e-Learning modules, read from chalicelib/data/learning/<level>/<nn>-<slug>.<lang>.md:
YAML front matter (id, level, order, minutes, title, objectives, quiz) and a Markdown text;
and the practice desk's synthetic reports, from chalicelib/data/learning/practice.yaml."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from chalicelib.domain.learning import Module, Question
from chalicelib.domain.practice import Scenario

CONTENT = Path(__file__).resolve().parent.parent / "data" / "learning"


def _module(path: Path) -> Module:
    import frontmatter  # noqa: PLC0415 - only the learning routes read modules

    post = frontmatter.load(str(path))
    meta = post.metadata
    return Module(
        id=meta["id"],
        level=meta["level"],
        order=int(meta["order"]),
        minutes=int(meta["minutes"]),
        title=meta["title"],
        objectives=tuple(meta["objectives"]),
        text=post.content,
        quiz=tuple(
            Question(
                id=q["id"],
                type=q["type"],
                question=q["question"],
                options=dict(q["options"]),
                answer=frozenset(q["answer"]),
                explanation=q["explanation"],
                section=q["section"],
            )
            for q in meta["quiz"]
        ),
    )


@lru_cache(maxsize=2)
def modules(language: str) -> tuple[Module, ...]:
    """Every module in ``language``, by level and order."""
    found = [_module(path) for path in CONTENT.glob(f"*/*.{language}.md")]
    return tuple(sorted(found, key=lambda m: (m.level, m.order)))


def module(module_id: str, language: str) -> Module | None:
    return next((m for m in modules(language) if m.id == module_id), None)


@lru_cache(maxsize=1)
def scenarios() -> tuple[Scenario, ...]:
    import yaml  # noqa: PLC0415 - only the practice desk reads its scenarios

    entries = yaml.safe_load((CONTENT / "practice.yaml").read_text(encoding="utf-8"))
    return tuple(
        Scenario(id=e["id"], type=e["type"], category=e["category"], agency=e.get("agency"),
                 archive=e.get("archive"), title=e["title"], description=e["description"])
        for e in entries
    )  # fmt: skip
