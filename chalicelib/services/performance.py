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
from chalicelib.store.performance import CATEGORY_AGENCY, monthly_rows


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


FILTERS = ("agency", "province", "category")
# What each table may be narrowed by: a month's row of one agency, province or category; an
# agency table within a province (from the reference data) or a category (its own rows).
_ALLOWED = {"month": {(), ("agency",), ("province",), ("category",)},
            "agency": {(), ("province",), ("category",), ("province", "category")}}  # fmt: skip


def performance_table(
    first: str | None,
    last: str | None,
    by: str | None,
    *,
    language: str,
    now: datetime,
    filters: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The figures from month ``first`` to ``last`` (this month by default), a row per
    value of ``by``, and the national row; one Query per month and row kind."""
    first, last, by = _checked(first, last, by, now)
    filters = {name: value for name, value in (filters or {}).items() if value}
    chosen = tuple(name for name in FILTERS if name in filters)
    if chosen not in _ALLOWED.get(by, {()}):
        raise InvalidFields({chosen[0] if chosen else "by": ("filter_combination", {})})
    totals: dict[str, dict[str, int]] = defaultdict(dict)
    national: dict[str, int] = {}
    for month in months_between(first, last):
        this_month = monthly_rows(month, "national").get("all", {})
        add_counts(national, this_month)
        for key, counts in _month_rows(month, by, filters, this_month).items():
            add_counts(totals[key], counts)
    rows = [
        {"key": key, "label": _label(by, key, language), **summary(counts)}
        for key, counts in sorted(totals.items())
    ]
    return {"from": first, "to": last, "by": by, **filters, "rows": rows,
            "national": summary(national)}  # fmt: skip


def _month_rows(
    month: str, by: str, filters: dict[str, str], national: dict[str, int]
) -> dict[str, dict[str, int]]:
    """The month's rows of the table (``national``: the month's national row, read already)."""
    if by == "month" and not filters:
        return {month: national}
    if by == "month":
        [(dimension, value)] = filters.items()
        return {month: monthly_rows(month, dimension).get(value, {})}
    if by != "agency" or not filters:
        return monthly_rows(month, by)
    if "category" in filters:
        pairs = monthly_rows(month, CATEGORY_AGENCY, prefix=f"{filters['category']}|")
        rows = {pair.partition("|")[2]: counts for pair, counts in pairs.items()}
    else:
        rows = monthly_rows(month, "agency")
    if "province" in filters:
        agencies = reference.agencies()
        rows = {k: v for k, v in rows.items()
                if k in agencies and agencies[k].region == filters["province"]}  # fmt: skip
    return rows


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
