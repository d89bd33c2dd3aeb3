"""Stage 6: dates and periods the text names, resolved against the publication date.

Relative expressions of news writing ("today", "this Friday", "on Tuesday",
"last week", "two days ago") are resolved against ``Article.published``
here, by wire-copy convention: a bare weekday is the latest such day on or
before the publication date ("this Friday", filed on a Friday, is that day),
unless "next" says otherwise. Absolute dates ("March 3", "3 March 2022") go
to dateparser, with the publication date as the base for missing years.
Durations ("for decades", "since World War II", "for years to come") are
periods: kept, but not resolved to a date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateline.draft import Draft
from dateline.model import TimeExpression

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7}
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "a": 1,
    "an": 1,
    "several": None,
    "few": None,
}

# Extra patterns besides spaCy's DATE entities: spaCy misses some bare relative words.
_RELATIVE = re.compile(
    r"\b(?:(?:this|last|next|on|early|late)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:today|yesterday|tomorrow|tonight)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"^(?:for|since|during|over|in|within|throughout)\b|\b(?:decades?|centuries|years to come|"
    r"months to come|days to come|years|months|weeks|days)$",
    re.IGNORECASE,
)
_ISO_LIKE = re.compile(r"\d{4}")


def resolve_relative(expression: str, published: dt.date) -> str | None:
    """The ISO date a relative expression names, or None if it names none."""
    words = expression.lower().split()
    if not words:
        return None
    last = words[-1]
    if last in ("today", "tonight"):
        return published.isoformat()
    if last == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat()
    if last == "tomorrow":
        return (published + dt.timedelta(days=1)).isoformat()
    if last in WEEKDAYS:
        target = WEEKDAYS.index(last)
        back = (published.weekday() - target) % 7
        if words[0] == "next":
            ahead = (target - published.weekday()) % 7 or 7
            return (published + dt.timedelta(days=ahead)).isoformat()
        if words[0] == "last" and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat()
    if len(words) >= 2 and words[-1] == "ago" and words[-2] in _UNITS:
        count = 1 if len(words) < 3 else _NUMBERS.get(words[-3], None)
        if count is None and len(words) >= 3 and words[-3].isdigit():
            count = int(words[-3])
        if count is not None:
            return (published - dt.timedelta(days=count * _UNITS[words[-2]])).isoformat()
    if words[-2:] in (["last", "week"], ["this", "week"], ["next", "week"]):
        return None  # a week, not a day
    return None


@lru_cache(maxsize=4096)
def _dateparse(expression: str, published: dt.date | None) -> str | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day"]}
    if published is not None:
        base = dt.datetime.combine(published, dt.time(12))
        settings["RELATIVE_BASE"] = base  # type: ignore[assignment]
    try:
        parsed = dateparser.parse(expression, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    if published is None and not _ISO_LIKE.search(expression):
        return None  # no year and nothing to take it from
    return parsed.date().isoformat()


def classify(expression: str) -> str:
    """``relative``, ``period``, or ``date``."""
    if _RELATIVE.fullmatch(expression.strip()) or re.search(r"\bago$", expression):
        return "relative"
    if _PERIOD.search(expression.strip()):
        return "period"
    return "date"


def find_times(draft: Draft) -> Draft:
    """Fill ``article.times`` from spaCy's DATE entities and the relative patterns."""
    if draft.doc is None:
        return draft
    published = draft.article.published
    found: dict[tuple[int, int], str] = {}
    for ent in draft.doc.ents:
        if ent.label_ == "DATE":
            found[(ent.start_char, ent.end_char)] = ent.text
    for m in _RELATIVE.finditer(draft.clean):
        if not any(s <= m.start() < e for s, e in found):
            found[(m.start(), m.end())] = m.group()
    times: list[TimeExpression] = []
    for (start, end), text in sorted(found.items()):
        kind = classify(text)
        value: str | None = None
        if kind == "relative":
            value = resolve_relative(text, published) if published else None
        elif kind == "date":
            if re.fullmatch(r"(?:early|late|mid)?\s*\d{4}s?|the \d{4}s", text.strip()):
                kind = "period"  # a year or a decade: a period, not a day
            else:
                value = _dateparse(text, published)
        times.append(TimeExpression(draft.span(start, end), kind, value))  # type: ignore[arg-type]
    draft.article.times = times
    return draft
