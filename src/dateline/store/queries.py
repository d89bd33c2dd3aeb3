"""The questions analysts ask across a corpus, answered without SQL.

Each function returns plain records (``to_dict()`` for JSON). Names match
loosely: ``"stoltenberg"`` finds "Jens Stoltenberg"; a country matches by name,
by its ISO code ("RUS") or by the country of a linked actor ("the Kremlin").
Counts are also given per *story*, so that copies of one wire story count once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, func, or_, select
from sqlalchemy.sql.selectable import NamedFromClause

from dateline.store import schema as t
from dateline.store.store import Store


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    article_id: int
    story_id: int | None
    url: str | None
    title: str | None
    published: str | None
    speaker: str | None
    speaker_kb_id: str | None
    kind: str
    text: str
    start: int
    end: int
    cue: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EventRecord:
    article_id: int
    story_id: int | None
    url: str | None
    title: str | None
    date: str | None  # the event's date, else the article's publication date
    type: str
    cameo: str | None
    mode: str
    actor: str | None
    actor_code: str | None
    target: str | None
    target_code: str | None
    place: str | None
    trigger: str
    evidence: str
    evidence_start: int
    evidence_end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class EntityCount:
    name: str
    kind: str
    kb_id: str | None
    code: str | None
    country: str | None
    articles: int
    stories: int
    mentions: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _like(value: str) -> str:
    escaped = value.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@lru_cache(maxsize=256)
def _country_code(name: str) -> str | None:
    """The ISO 3166 alpha-3 code of a country name or code, or None."""
    import pycountry

    try:
        return str(pycountry.countries.lookup(name.strip()).alpha_3)
    except LookupError:
        pass
    matches = [c for c in pycountry.countries if name.strip().lower() in _names(c)]
    return str(matches[0].alpha_3) if len(matches) == 1 else None


def _names(country: Any) -> set[str]:
    names = {country.name.lower()}
    for attribute in ("common_name", "official_name"):
        if value := getattr(country, attribute, None):
            names.add(value.lower())
    names.update(n.split(",")[0].strip() for n in list(names))
    return names


def _entity_matches(entity: NamedFromClause, name: str) -> ColumnElement[bool]:
    pattern = _like(name)
    conditions = [
        entity.c.name.ilike(pattern, escape="\\"),
        entity.c.kb_name.ilike(pattern, escape="\\"),
        entity.c.kb_id == name.strip(),
        func.upper(entity.c.kb_code) == name.strip().upper(),
    ]
    if code := _country_code(name):
        conditions.append(entity.c.kb_country == code)
    return or_(*conditions)


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def find_quotes(
    store: Store, speaker: str | None = None, limit: int | None = None
) -> list[QuoteRecord]:
    """Quotes, oldest article first; ``speaker`` restricts them to a speaker's name."""
    who = t.entities.alias("speaker")
    query = (
        select(
            t.quotes,
            t.articles.c.url,
            t.articles.c.title,
            t.articles.c.published,
            t.articles.c.story_id,
            func.coalesce(who.c.kb_name, who.c.name).label("who"),
            who.c.kb_id.label("who_kb"),
        )
        .join(t.articles, t.articles.c.id == t.quotes.c.article_id)
        .outerjoin(who, who.c.id == t.quotes.c.speaker_id)
        .order_by(t.articles.c.published, t.articles.c.id, t.quotes.c.content_start)
    )
    if speaker:
        query = query.where(_entity_matches(who, speaker))
    if limit:
        query = query.limit(limit)
    with store.reading() as connection:
        rows = connection.execute(query).all()
    return [
        QuoteRecord(
            article_id=r.article_id,
            story_id=r.story_id,
            url=r.url,
            title=r.title,
            published=_iso(r.published),
            speaker=r.who,
            speaker_kb_id=r.who_kb,
            kind=r.kind,
            text=r.content_text,
            start=r.content_start,
            end=r.content_end,
            cue=r.cue_text,
        )
        for r in rows
    ]


def event_date() -> ColumnElement[Any]:
    """The date an event is filed under: its own date, else the article's publication date."""
    return func.coalesce(t.events.c.date, cast(t.articles.c.published, String))


def find_events(
    store: Store,
    type: str | None = None,
    actor: str | None = None,
    target: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
) -> list[EventRecord]:
    """Events, by date; each filter given narrows them (``type`` is a PLOVER type)."""
    who = t.entities.alias("actor")
    whom = t.entities.alias("target")
    where = t.entities.alias("place")
    when = event_date()
    query = (
        select(
            t.events,
            t.articles.c.url,
            t.articles.c.title,
            t.articles.c.story_id,
            when.label("when"),
            func.coalesce(who.c.kb_name, who.c.name).label("actor_name"),
            who.c.kb_code.label("actor_code"),
            func.coalesce(whom.c.kb_name, whom.c.name).label("target_name"),
            whom.c.kb_code.label("target_code"),
            func.coalesce(where.c.kb_name, where.c.name).label("place_name"),
        )
        .join(t.articles, t.articles.c.id == t.events.c.article_id)
        .outerjoin(who, who.c.id == t.events.c.actor_id)
        .outerjoin(whom, whom.c.id == t.events.c.target_id)
        .outerjoin(where, where.c.id == t.events.c.place_id)
        .order_by(when, t.events.c.article_id, t.events.c.trigger_start)
    )
    conditions: list[ColumnElement[bool]] = []
    if type:
        conditions.append(func.upper(t.events.c.type) == type.strip().upper())
    if actor:
        conditions.append(_entity_matches(who, actor))
    if target:
        conditions.append(_entity_matches(whom, target))
    if date_from:
        conditions.append(when >= date_from.isoformat())
    if date_to:
        conditions.append(when <= date_to.isoformat())
    if conditions:
        query = query.where(and_(*conditions))
    if limit:
        query = query.limit(limit)
    with store.reading() as connection:
        rows = connection.execute(query).all()
    return [
        EventRecord(
            article_id=r.article_id,
            story_id=r.story_id,
            url=r.url,
            title=r.title,
            date=r.when,
            type=r.type,
            cameo=r.cameo,
            mode=r.mode,
            actor=r.actor_name,
            actor_code=r.actor_code,
            target=r.target_name,
            target_code=r.target_code,
            place=r.place_name,
            trigger=r.trigger_text,
            evidence=r.evidence_text,
            evidence_start=r.evidence_start,
            evidence_end=r.evidence_end,
        )
        for r in rows
    ]


def top_entities(store: Store, n: int = 20, kind: str | None = None) -> list[EntityCount]:
    """The entities found in the most stories (then articles, then mentions)."""
    key = func.coalesce(t.entities.c.kb_id, t.entities.c.name)  # one row per KB entry, else name
    mention_counts = (
        select(t.mentions.c.entity_id, func.count().label("n"))
        .group_by(t.mentions.c.entity_id)
        .subquery()
    )
    stories = func.count(func.distinct(t.articles.c.story_id)).label("stories")
    articles = func.count(func.distinct(t.entities.c.article_id)).label("articles")
    mentions = func.coalesce(func.sum(mention_counts.c.n), 0).label("mentions")
    query = (
        select(
            func.max(func.coalesce(t.entities.c.kb_name, t.entities.c.name)).label("name"),
            func.max(t.entities.c.kind).label("kind"),
            func.max(t.entities.c.kb_id).label("kb_id"),
            func.max(t.entities.c.kb_code).label("code"),
            func.max(t.entities.c.kb_country).label("country"),
            stories,
            articles,
            mentions,
        )
        .join(t.articles, t.articles.c.id == t.entities.c.article_id)
        .outerjoin(mention_counts, mention_counts.c.entity_id == t.entities.c.id)
        .group_by(key)
        .order_by(stories.desc(), articles.desc(), mentions.desc(), key)
        .limit(n)
    )
    if kind:
        query = query.where(t.entities.c.kind == kind)
    with store.reading() as connection:
        rows = connection.execute(query).all()
    return [
        EntityCount(
            name=r.name,
            kind=r.kind,
            kb_id=r.kb_id,
            code=r.code,
            country=r.country,
            articles=int(r.articles),
            stories=int(r.stories),
            mentions=int(r.mentions),
        )
        for r in rows
    ]
