"""Performance figures: a step's, with what the rules' context and the reference data know;
and the public table of them, by month, agency, province, category or type."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain.errors import FieldProblems, InvalidFields
from chalicelib.domain.performance import NONE, Figures, add_counts, figures_for, summary
from chalicelib.domain.report import Event, Report
from chalicelib.domain.workflow import Context
from chalicelib.i18n import translate
from chalicelib.settings import get_settings
from chalicelib.store import reference
from chalicelib.store.performance import monthly_rows


def step_figures(before: Report | None, after: Report, event: Event, ctx: Context) -> Figures:
    agency = reference.agencies().get(after.agency or "")
    return figures_for(
        before,
        after,
        event,
        national_timezone=ctx.national_timezone,
        agency_timezone=agency.timezone if agency else ctx.national_timezone,
        province=agency.region if agency else None,
        calendar=ctx.calendar,
    )


BY = ("month", "agency", "province", "category", "type")
MAX_MONTHS = 36
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def months_between(first: str, last: str) -> list[str]:
    (y1, m1), (y2, m2) = (tuple(map(int, m.split("-"))) for m in (first, last))
    return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(y1 * 12 + m1 - 1, y2 * 12 + m2)]


def _checked(first: str | None, last: str | None, by: str | None, now: datetime) -> tuple:
    this_month = now.astimezone(ZoneInfo(get_settings().national_timezone)).strftime("%Y-%m")
    first, last, by = first or this_month, last or first or this_month, by or "month"
    problems: FieldProblems = {
        name: ("month", {}) for name, value in (("from", first), ("to", last))
        if not _MONTH.match(value)
    }  # fmt: skip
    if by not in BY:
        problems["by"] = ("enum", {"expected": ", ".join(BY)})
    if not problems and not 1 <= len(months_between(first, last)) <= MAX_MONTHS:
        problems["to"] = ("month_range", {"max": MAX_MONTHS})
    if problems:
        raise InvalidFields(problems)
    return first, last, by


def performance_table(
    first: str | None, last: str | None, by: str | None, language: str, now: datetime
) -> dict[str, Any]:
    """The figures from month ``first`` to ``last`` (this month by default), a row per
    value of ``by``, and the national row; one Query per month and dimension."""
    first, last, by = _checked(first, last, by, now)
    months = months_between(first, last)
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    national: dict[str, int] = {}
    for month in months:
        national_rows = monthly_rows(month, "national")
        add_counts(national, national_rows.get("all", {}))
        if by == "month":
            add_counts(totals[month], national_rows.get("all", {}))
            continue
        for value, counts in monthly_rows(month, by).items():
            add_counts(totals[value], counts)
    rows = [
        {"key": key, "label": _label(by, key, language), **summary(counts)}
        for key, counts in sorted(totals.items())
    ]
    return {"from": first, "to": last, "by": by, "rows": rows, "national": summary(national)}


def _label(by: str, key: str, language: str) -> str:
    if key == NONE:
        return translate("performance.none", language)
    if by == "agency" and key in reference.agencies():
        return reference.agencies()[key].labels[language]
    if by == "category" and key in reference.categories():
        return reference.categories()[key].labels[language]
    if by == "type":
        return translate(f"type.{key}", language)
    return key  # a month, a province
