"""`dateline eval events`: the gold format, the matching of events, and the quality gates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.eval.events import (
    GoldError,
    Scores,
    main_event,
    name_matches,
    plover_items,
    read_gold,
    run_gold,
    score_item,
    split_halves,
)
from dateline.model import Article, Entity, Event, Mention

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "eval-data" / "events"
PLOVER_JSON = ROOT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        ("Russia", ["Russia"], True),  # the same name
        ("Hungarian", ["Senior Hungarian and Romanian officials"], True),  # inside the mention
        ("Israeli military", ["Israel"], True),  # a proper word's first five letters
        ("United States", ["United Nations"], True),  # shares "Unite": loose by design
        ("Russia", ["Ukraine"], False),
        ("Security Council", ["the president"], False),
        ("Russia", [""], False),  # an empty name matches nothing
    ],
)
def test_name_matches(gold: str, predicted: list[str], matches: bool) -> None:
    assert name_matches(gold, predicted) is matches


def write(tmp_path: Path, *items: dict) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_read_gold_maps_old_type_names_and_keeps_alternatives(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "id": "a",
            "text": "x",
            "events": [
                {"actor": "Russia", "type": "FIGHT", "target": ["Georgia"]},
                {"actor": ["Russia"], "type": ["THREATEN", "COERCE"], "target": []},
            ],
        },
    )
    [item] = read_gold(path)
    assert [e.type for e in item.events] == ["ASSAULT", "THREATEN"]
    assert item.events[0].actor == ["Russia"]
    assert item.events[1].accepts("COERCE")
    assert item.coding == "all"


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('{"id": "a", "text": "x", "events": [{"type": "INVADE"}]}', "unknown PLOVER type"),
        ('{"id": "a", "events": []}', "'text'"),
        ("not json", "line 1"),
        ('{"id": "a", "text": "x", "coding": "some", "events": []}', "coding"),
    ],
)
def test_read_gold_says_which_line_is_wrong(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=says):
        read_gold(path)


def article_with(events: list[tuple[str, str, str | None]]) -> Article:
    """An article whose entities are Russia (E1), Georgia (E2), NATO (E3), with these events."""
    text = "Russia and Georgia and NATO."
    article = Article(text=text)
    for i, word in enumerate(["Russia", "Georgia", "NATO"], 1):
        start = text.index(word)
        entity = Entity(f"E{i}", "country", word, [Mention(article.span(start, start + len(word)))])
        article.entities.append(entity)
    for n, (actor, kind, target) in enumerate(events, 1):
        article.events.append(
            Event(
                f"V{n}",
                kind,
                article.span(0, 6),
                article.span(0, len(text)),
                actor=actor,
                target=target,
                confidence=0.5 + n / 10,
            )
        )
    return article


def gold_item(tmp_path: Path, events: list[dict], coding: str = "all"):
    [item] = read_gold(
        write(tmp_path, {"id": "a", "text": "x", "coding": coding, "events": events})
    )
    return item


def test_score_item_counts_triples_and_type_accuracy(tmp_path: Path) -> None:
    item = gold_item(
        tmp_path,
        [
            {
                "actor": "Russia",
                "type": "ASSAULT",
                "target": "Georgia",
                "mode": "asserted",
                "source": "journalist",
            },
            {"actor": "NATO", "type": "SANCTION", "target": "Russia"},
        ],
    )
    article = article_with([("E1", "ASSAULT", "E2"), ("E3", "COERCE", "E1"), ("E2", "AID", "E3")])
    scores, rows = score_item(item, article)
    assert (scores.gold, scores.predicted, scores.aligned, scores.correct) == (2, 3, 2, 1)
    assert scores.precision == pytest.approx(1 / 3)
    assert scores.recall == pytest.approx(1 / 2)
    assert scores.type_accuracy == pytest.approx(1 / 2)
    assert (scores.mode_accuracy, scores.source_accuracy) == (1.0, 1.0)
    assert [r["result"] for r in rows] == ["correct", "type COERCE", "spurious"]


def test_score_item_gold_without_target_does_not_score_the_target(tmp_path: Path) -> None:
    item = gold_item(tmp_path, [{"actor": "Russia", "type": "ASSAULT", "target": []}])
    scores, _ = score_item(item, article_with([("E1", "ASSAULT", "E3")]))
    assert scores.correct == 1


def test_score_item_main_coding_compares_one_main_event(tmp_path: Path) -> None:
    item = gold_item(
        tmp_path, [{"actor": "Russia", "type": "ASSAULT", "target": "Georgia"}], coding="main"
    )
    article = article_with([("E1", "ASSAULT", "E2"), ("E3", "SANCTION", "E1")])
    assert main_event(article.events) is article.events[1]  # confidence 0.7 > 0.6
    scores, _ = score_item(item, article)
    assert (scores.predicted, scores.correct) == (1, 0)


def test_scores_are_zero_not_errors_when_empty() -> None:
    scores = Scores()
    assert (scores.precision, scores.recall, scores.f1, scores.type_accuracy) == (0, 0, 0, 0)
    assert scores.mode_accuracy is None


@pytest.mark.skipif(not PLOVER_JSON.exists(), reason="../shared/data/plover is not beside the repo")
def test_plover_gold_halves_are_the_shipped_files_and_disjoint() -> None:
    dev, test = split_halves(plover_items(PLOVER_JSON))
    assert (len(dev), len(test)) == (161, 161)
    assert not {i["id"] for i in dev} & {i["id"] for i in test}
    shipped = [json.loads(line) for line in (GOLD / "plover-test.jsonl").read_text().splitlines()]
    assert shipped == test
    types = {e["type"] for i in dev + test for e in i["events"]}
    assert not types & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT"}


def test_eval_events_command_prints_the_figures(tmp_path: Path) -> None:
    from dateline.eval.commands import eval_group

    path = write(
        tmp_path,
        {
            "id": "a",
            "text": "Russia invaded Georgia in 2008 and the war was short.",
            "published": "2022-03-04",
            "events": [{"actor": "Russia", "type": "ASSAULT", "target": "Georgia"}],
        },
    )
    result = CliRunner().invoke(eval_group, ["events", str(path), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert (figures["file"], figures["gold"], figures["correct"]) == (str(path), 1, 1)


def test_eval_events_command_explains_a_bad_gold_file(tmp_path: Path) -> None:
    from dateline.cli import main

    path = tmp_path / "bad.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "events", str(path)])
    if "No such command 'eval'" in result.output:
        pytest.skip("the eval group is not registered in dateline.cli yet")
    assert result.exit_code == 2
    assert "line 1" in result.output


# --- quality gates -------------------------------------------------------------------
# Floors a little below what Dateline reaches (eval-data/events/README.md has the figures);
# raise them when the coding improves, never lower them to make a change pass.


def test_quality_gate_plover_held_out_half() -> None:
    # reached 2026-11-25: precision 0.710, recall 0.547, type accuracy 0.800 (161 sentences)
    scores, _ = run_gold(GOLD / "plover-test.jsonl")
    assert scores.precision >= 0.69
    assert scores.recall >= 0.53
    assert scores.type_accuracy >= 0.78


def test_quality_gate_reference_example() -> None:
    # reached 2026-11-25: 12 of 12 events right, precision 1.000
    scores, _ = run_gold(GOLD / "nato-no-fly-zone.jsonl")
    assert scores.correct >= 12
    assert scores.precision >= 0.90


def test_reference_example_refusal_is_not_an_air_operation(example) -> None:
    """ "should not have NATO aircraft operating" is part of a REJECT, not an air operation."""
    types = {(e.type, e.trigger.text) for e in example.events}
    assert ("REJECT", "agreement") in types
    assert not [e for e in example.events if e.trigger.text in ("operating", "fly", "have")]
    assert not [
        e
        for e in example.events
        if e.type == "ASSAULT" and e.cameo == "19" and "aircraft" in e.evidence.text
    ]


def test_reference_example_claims_are_stoltenbergs(example) -> None:
    """ "He recalled that Russia has already invaded Georgia": his claim, not of this week."""
    stoltenberg = next(e.id for e in example.entities if "Stoltenberg" in e.name)
    [invasion] = [e for e in example.events if e.trigger.text == "invaded"]
    assert invasion.type == "ASSAULT"
    assert invasion.source == stoltenberg
    assert invasion.date is None
