"""Fixtures of the store tests: every test that takes ``db_url`` runs on SQLite and on
PostgreSQL (the PostgreSQL cases skip unless ``DATELINE_TEST_POSTGRES_URL`` names a
server; ``scripts/start-postgres.sh`` starts one, and the CI does)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest

from dateline.model import Article, Entity, Event, KBLink, Mention, Quote, Span, TimeExpression
from dateline.store import Store, open_store

POSTGRES_URL = os.environ.get("DATELINE_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(
    params=[
        "sqlite",
        pytest.param("postgresql", marks=pytest.mark.postgres),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """An empty database: a SQLite file, or the test PostgreSQL emptied."""
    if request.param == "sqlite":
        return str(tmp_path / "dateline.db")
    if not POSTGRES_URL:
        pytest.skip(
            "no PostgreSQL: set DATELINE_TEST_POSTGRES_URL, e.g. "
            'eval "$(bash scripts/start-postgres.sh)"'
        )
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    yield opened
    opened.close()


def span_of(text: str, part: str, occurrence: int = 1) -> Span:
    """The span of the ``occurrence``-th ``part`` in ``text``."""
    start = -1
    for _ in range(occurrence):
        start = text.index(part, start + 1)
    return Span(start, start + len(part), part)


SANCTION_TEXT = (
    "Brussels – The European Union imposed new sanctions on Russia on Monday, "
    "targeting its central bank. \u201cWe will not stand by,\u201d said Ursula von der Leyen.\n\n"
    "Moscow called the measures illegal."
)


def sanction_article(
    text: str = SANCTION_TEXT,
    published: dt.date | None = dt.date(2022, 3, 7),
    url: str | None = "https://example.org/eu-sanctions",
    event_type: str = "SANCTION",
) -> Article:
    """An analysed article built by hand: two linked actors, a quote, an event, a date."""
    eu = Entity(
        "E1",
        "organisation",
        "European Union",
        [Mention(span_of(text, "The European Union"), "name", "E1", "ORG")],
        KBLink("Q458", "European Union", "organisation", None, "EUR", wikidata="Q458"),
    )
    russia = Entity(
        "E2",
        "country",
        "Russia",
        [
            Mention(span_of(text, "Russia"), "name", "E2", "GPE"),
            Mention(span_of(text, "Moscow"), "metonym", "E2", "GPE"),
        ],
        KBLink("Q159", "Russia", "country", "RUS", "RUS", lat=61.5, lon=105.3, wikidata="Q159"),
    )
    leyen = Entity(
        "E3",
        "person",
        "Ursula von der Leyen",
        [Mention(span_of(text, "Ursula von der Leyen"), "name", "E3", "PERSON")],
        KBLink("Q60772", "Ursula von der Leyen", "person", "DEU", "EURGOV"),
    )
    brussels = Entity(
        "E4",
        "place",
        "Brussels",
        [Mention(span_of(text, "Brussels"), "name", "E4", "GPE")],
        KBLink("Q239", "Brussels", "place", "BEL", None, lat=50.85, lon=4.35),
    )
    return Article(
        text=text,
        title="EU sanctions Russia",
        source="test",
        url=url,
        published=published,
        language="en",
        place=span_of(text, "Brussels"),
        place_entity="E4",
        entities=[eu, russia, leyen, brussels],
        quotes=[
            Quote(
                "Q1",
                "direct",
                span_of(text, "We will not stand by,"),
                cue=span_of(text, "said"),
                speaker_mention=span_of(text, "Ursula von der Leyen"),
                speaker="E3",
                rule="test",
            )
        ],
        events=[
            Event(
                "V1",
                event_type,
                trigger=span_of(text, "imposed new sanctions"),
                evidence=span_of(text, text.split(". ")[0]),
                cameo="163",
                actor="E1",
                actor_mention=span_of(text, "The European Union"),
                target="E2",
                target_mention=span_of(text, "Russia"),
                date="2022-03-07",
                date_span=span_of(text, "Monday"),
                place="E4",
                rule="test",
            )
        ],
        times=[TimeExpression(span_of(text, "Monday"), "date", "2022-03-07")],
    )
