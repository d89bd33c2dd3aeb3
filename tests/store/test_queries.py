"""Queries without SQL: quotes by speaker, events by type/target/date, top entities."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

from dateline.cli import main
from dateline.store import content_hash
from dateline.store.queries import find_events, find_quotes, top_entities

from .conftest import SANCTION_TEXT, sanction_article


def fill(store) -> None:  # type: ignore[no-untyped-def]
    """Three articles: one story in two outlets (March 7), and an older report (Feb 1)."""
    first = sanction_article()
    copy = sanction_article(text=SANCTION_TEXT + " ", url="https://example.com/copy")
    older = sanction_article(
        published=dt.date(2022, 2, 1), url="https://example.net/feb", event_type="COERCE"
    )
    older.events[0].date = None  # filed under the article's date
    first_id = store.add_article(first, content_hash(first.text, first.url))
    store.add_article(copy, content_hash(copy.text, copy.url), story_id=first_id)
    store.add_article(older, content_hash(older.text, older.url))


def test_quotes_by_speaker_match_part_of_the_name_in_any_case(store):
    fill(store)
    quotes = find_quotes(store, speaker="von der leyen")
    assert [q.text for q in quotes] == ["We will not stand by,"] * 3
    assert quotes[0].speaker == "Ursula von der Leyen"
    assert find_quotes(store, speaker="Stoltenberg") == []


def test_quotes_like_wildcards_in_a_name_are_taken_literally(store):
    fill(store)
    assert find_quotes(store, speaker="%") == []


def test_events_by_type_target_and_date(store):
    fill(store)
    march = find_events(store, type="sanction", target="Russia", date_from=dt.date(2022, 3, 1))
    assert [(e.type, e.target, e.date) for e in march] == [("SANCTION", "Russia", "2022-03-07")] * 2
    assert find_events(store, type="SANCTION", target="Russia", date_from=dt.date(2022, 3, 8)) == []


def test_events_target_matches_a_country_code_and_an_actor_code(store):
    fill(store)
    assert len(find_events(store, target="RUS")) == 3
    assert len(find_events(store, actor="EUR")) == 3
    assert find_events(store, target="France") == []


def test_events_without_a_date_are_filed_under_the_article_date(store):
    fill(store)
    february = find_events(store, date_to=dt.date(2022, 2, 28))
    assert [(e.type, e.date) for e in february] == [("COERCE", "2022-02-01")]


def test_top_entities_count_stories_so_that_wire_copies_count_once(store):
    fill(store)
    top = top_entities(store, 2)
    assert [(e.name, e.stories, e.articles) for e in top][0][1:] == (2, 3)
    russia = next(e for e in top_entities(store, 10) if e.name == "Russia")
    assert (russia.stories, russia.articles, russia.mentions, russia.country) == (2, 3, 6, "RUS")
    assert [e.kind for e in top_entities(store, 10, kind="person")] == ["person"]


def test_cli_query_prints_a_table_or_json_lines(db_url):
    from dateline.store import open_store

    store = open_store(db_url)
    fill(store)
    store.close()
    runner = CliRunner()
    table = runner.invoke(
        main, ["query", "quotes", "--speaker", "Leyen", "--db", db_url], env={"COLUMNS": "200"}
    )
    lines = runner.invoke(
        main,
        [
            "query",
            "events",
            "--type",
            "SANCTION",
            "--target",
            "Russia",
            "--from",
            "2022-03-01",
            "--json",
            "--db",
            db_url,
        ],
    )
    top = runner.invoke(main, ["query", "entities", "--top", "20", "--json", "--db", db_url])
    assert table.exit_code == 0, table.output
    assert "Quotes (3)" in table.output and "We will not stand by" in table.output
    assert lines.exit_code == 0, lines.output
    assert [json.loads(line)["target"] for line in lines.output.splitlines()] == ["Russia"] * 2
    assert len(top.output.splitlines()) == 4


def test_cli_query_a_wrong_date_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(
        main, ["query", "events", "--from", "someday soon", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 2 and "ISO date" in result.output
