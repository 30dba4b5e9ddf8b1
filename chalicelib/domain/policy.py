"""Service levels as data: how many working days each stage gets, per type and category."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# "citizen_hold" is how long a hold waits for the citizen's answer before it ends by itself.
STAGES = ("verification", "follow_up", "unit_follow_up", "citizen_response", "citizen_hold")


@dataclass(frozen=True)
class ServiceLevels:
    default: dict[str, int]
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)
    by_type: dict[str, dict[str, int]] = field(default_factory=dict)
    extension_tiers: dict[str, int] = field(default_factory=dict)
    # Working days after a missed deadline at which escalation levels 1, 2 and 3 fire.
    escalation_after_working_days: tuple[int, ...] = (0, 2, 5)
    # Perpres 76/2013: no stage's deadline passes this many calendar days after it began.
    stage_cap_calendar_days: int = 60

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ServiceLevels:
        return cls(
            default=dict(data["default"]),
            by_category={k: dict(v) for k, v in data.get("by_category", {}).items()},
            by_type={k: dict(v) for k, v in data.get("by_type", {}).items()},
            extension_tiers=dict(data.get("extension_tiers_calendar_days", {})),
            escalation_after_working_days=tuple(
                data.get("escalation_after_working_days", (0, 2, 5))
            ),
            stage_cap_calendar_days=int(data.get("stage_cap_calendar_days", 60)),
        )

    def working_days(self, stage: str, *, category: str, report_type: str) -> int:
        """The most specific rule wins: category, then report type, then the default.
        A unit's own stage falls back to the agency's follow-up time."""
        if stage not in STAGES:
            raise ValueError(f"unknown stage {stage!r}")
        names = (stage, "follow_up") if stage == "unit_follow_up" else (stage,)
        layers = (
            self.by_category.get(category, {}),
            self.by_type.get(report_type, {}),
            self.default,
        )
        for name in names:
            for rules in layers:
                if name in rules:
                    return rules[name]
        raise KeyError(stage)
