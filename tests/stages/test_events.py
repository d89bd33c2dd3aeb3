"""Event coding: who did what to whom, in PLOVER, with mode, source, date and evidence.

The sentences are parsed by the real spaCy model; the entities are written by hand
here (surface text → entity), so that these tests say what the events stage does
whatever the entities stage finds.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.draft import Draft
from dateline.lexicons.plover import PREFIX_MAX_EXTRA, best_pattern, lexicon
from dateline.model import Article, Entity, Event, Mention, Quote
from dateline.stages.dateline import find_dateline
from dateline.stages.events import code_events, describe_event
from dateline.stages.nlp import read_language
from dateline.stages.normalize import normalize
from dateline.stages.times import find_times

PLOVER_TYPES = set(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)

# surface text → (entity name, kind); every occurrence of the surface text is a mention
NAMES = {
    "NATO": ("NATO", "organisation"),
    "the allies": ("NATO", "organisation"),
    "The allies": ("NATO", "organisation"),
    "Russia": ("Russia", "country"),
    "Moscow": ("Russia", "country"),
    "Ukraine": ("Ukraine", "country"),
    "Kiev": ("Ukraine", "country"),
    "Georgia": ("Georgia", "country"),
    "Finland": ("Finland", "country"),
    "China": ("China", "country"),
    "Taiwan": ("Taiwan", "country"),
    "Japan": ("Japan", "country"),
    "North Korea": ("North Korea", "country"),
    "The United States": ("United States", "country"),
    "Iran": ("Iran", "country"),
    "Moldova": ("Moldova", "country"),
    "Georgian": ("Georgia", "country"),
    "Russian": ("Russia", "country"),
    "Stoltenberg": ("Jens Stoltenberg", "person"),
    "He": ("Jens Stoltenberg", "person"),
    "Putin": ("Vladimir Putin", "person"),
    "Brussels": ("Brussels", "place"),
    "Kabul": ("Kabul", "place"),
}


def code(
    text: str, published: str | None = "2022-03-04", quotes: list[Quote] | None = None
) -> Article:
    """Parse ``text``, add the hand-made entities, find times, code events."""
    article = Article(text=text, published=dt.date.fromisoformat(published) if published else None)
    draft = read_language(find_dateline(normalize(Draft(article))))
    entities: dict[str, Entity] = {}
    for surface, (name, kind) in NAMES.items():
        for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
            if name not in entities:
                entities[name] = Entity(f"E{len(entities) + 1}", kind, name)  # type: ignore[arg-type]
            entity = entities[name]
            entity.mentions.append(Mention(article.span(m.start(), m.end()), entity=entity.id))
    article.entities = list(entities.values())
    article.quotes = quotes or []
    return code_events(find_times(draft)).article


def name(article: Article, entity_id: str | None) -> str | None:
    entity = article.entity(entity_id)
    return entity.name if entity is not None else None


def triples(article: Article) -> list[tuple[str | None, str, str | None]]:
    return [(name(article, e.actor), e.type, name(article, e.target)) for e in article.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb pattern with its object: "impose sanctions on X" is SANCTION
        ("NATO imposed sanctions on Moscow.", [("NATO", "SANCTION", "Russia")]),
        # an invasion is the use of military force (ASSAULT), not an occupation
        ("Russia invaded Georgia.", [("Russia", "ASSAULT", "Georgia")]),
        # a passive: the agent acts, the subject undergoes
        ("Georgia was invaded by Russia.", [("Russia", "ASSAULT", "Georgia")]),
        # a threat is a threat, not an attack
        ("China threatened Taiwan with military action.", [("China", "THREATEN", "Taiwan")]),
        # an accusation
        ("Japan accused North Korea of recklessness.", [("Japan", "ACCUSE", "North Korea")]),
        # a request: what is asked for belongs to the request and is not coded again
        ("Kiev asked NATO to impose a no-fly zone.", [("Ukraine", "REQUEST", "NATO")]),
        # an event noun needs someone it is addressed to, like a bare verb (the dyad rule)
        ("The meeting came after Kiev's request for help.", []),
        # an event noun with its possessor; "it" is the nearest name before it that is
        # not the actor: "Kiev's request that it help" asks NATO
        (
            "NATO's answer came after Kiev's request that it help impose a no-fly zone.",
            [("Ukraine", "REQUEST", "NATO")],
        ),
        # an object pronoun is not its own clause's subject: "them" is Moldova, not Russia
        (
            "Georgia is like Moldova: Russia wants to intimidate them.",
            [("Russia", "THREATEN", "Moldova")],
        ),
        # a class noun after a comma stands for the names before it
        (
            "NATO will work with Finland, countries that attended talks with Russia.",
            [("Finland", "CONSULT", "Russia")],
        ),
        # what is discussed is a topic: neither a consultation with Georgia nor support
        ("The allies discussed the need to support Georgia.", []),
        # a speech verb whose clause says what someone must do is a demand of them
        (
            "Stoltenberg said that Russia must withdraw.",
            [("Jens Stoltenberg", "REQUEST", "Russia")],
        ),
        # campaign copy: acting "on voters" is no event between political actors
        ("Russia targeted Georgian voters.", []),
        # an agentless passive: the aggressor of the same sentence acts, else no one known
        (
            "When Russia attacked Ukraine, Georgia was also invaded.",
            [("Russia", "ASSAULT", "Ukraine"), ("Russia", "ASSAULT", "Georgia")],
        ),
        ("Georgia was invaded.", []),
        # "Asked whether ...": the subject is the one asked, and asking a question is no request
        ("Asked whether NATO would help, Stoltenberg said nothing.", []),
        ("Stoltenberg asked Putin whether Russia would withdraw.", []),
        # a plain statement is no event; what is stated is coded on its own verbs
        ("Stoltenberg said Russia invaded Georgia.", [("Russia", "ASSAULT", "Georgia")]),
        # what is pledged is coded itself, intended; the pledge is no agreement
        ("Russia pledged to invade Georgia.", [("Russia", "ASSAULT", "Georgia")]),
        # a protest held to demand something is one PROTEST against whom the demand is of
        (
            "Ukraine blocked the border crossing to demand aid from NATO.",
            [("Ukraine", "PROTEST", "NATO")],
        ),
        # a contest at the polls is no assault
        ("Russia defeated Georgia in the election.", []),
        # an accusation is against the one accused, not the one complained to
        (
            "Ukraine complained to NATO over Russian air raids.",
            [("Ukraine", "ACCUSE", "Russia")],
        ),
        # an agreement not to act is a refusal; the negated flight is no air operation
        (
            "The allies agreed that NATO aircraft should not fly over Ukraine.",
            [("NATO", "REJECT", "Ukraine")],
        ),
        # cooperation decided: coded as COOPERATE (its mode says it is intended)
        (
            "NATO has decided to strengthen cooperation with Finland.",
            [("NATO", "COOPERATE", "Finland")],
        ),
        # sentences without a political event give none
        ("The weather in Brussels was fine on Friday.", []),
        ("Stoltenberg said the meeting was long.", []),
        # a verb of the lexicon without a named actor is not coded ("they" unresolved)
        ("They imposed sanctions.", []),
    ],
)
def test_events_code_actor_type_target(
    text: str, expected: list[tuple[str | None, str, str | None]]
) -> None:
    assert triples(code(text)) == expected


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("NATO imposed sanctions on Russia.", "asserted"),
        # negation of the verb
        ("The United States did not impose sanctions on China.", "negated"),
        # a conditional
        ("NATO would impose sanctions on Russia if it invaded.", "hypothetical"),
        # a decision: intended
        ("NATO decided to impose sanctions on Russia.", "intended"),
        # a future
        ("NATO will impose sanctions on Russia.", "intended"),
        # an obligation someone asks for
        ("NATO should impose sanctions on Russia.", "requested"),
        # a readiness: intended, not done
        ("NATO is ready to impose sanctions on Russia.", "intended"),
        ("NATO is willing to impose sanctions on Russia.", "intended"),
    ],
)
def test_events_mode(text: str, mode: str) -> None:
    [event] = code(text).events
    assert (event.type, event.mode) == ("SANCTION", mode)


def test_events_reported_speech_is_the_speakers_claim_and_not_dated_this_week() -> None:
    article = code("Stoltenberg recalled that Russia has already invaded Georgia.")
    [event] = article.events
    assert (name(article, event.actor), event.type, name(article, event.target)) == (
        "Russia",
        "ASSAULT",
        "Georgia",
    )
    assert name(article, event.source) == "Jens Stoltenberg"
    assert event.date is None  # "has already invaded": not an event of the publication week


def test_events_inside_a_quotation_take_the_quotes_speaker() -> None:
    text = "“NATO will impose sanctions on Moscow,” an official said."
    start = text.index("NATO")
    end = text.index(",”")
    article = Article(text=text)
    quote = Quote("Q1", "direct", article.span(start, end), speaker="E9")
    coded = code(text, quotes=[quote])
    [event] = coded.events
    assert (event.source, event.source_quote) == ("E9", "Q1")


def test_events_a_speaker_calling_it_an_aggression_accuses_the_articles_aggressor() -> None:
    """The aggressor is the actor of most hostile events; "it" is what was named before."""
    text = (
        "Russia invaded Georgia. Russia threatened Ukraine. "
        "Stoltenberg said: “It is the worst military aggression in Europe.”"
    )
    start = text.index("It is")
    end = text.index(".”")
    article = Article(text=text)
    quote = Quote("Q1", "direct", article.span(start, end), speaker="E4")
    coded = code(text, quotes=[quote])
    speaker = name(coded, "E4")
    assert speaker == "Jens Stoltenberg"
    found = {
        (name(coded, e.actor), e.type, name(coded, e.target), e.source)
        for e in coded.events
        if e.trigger.text == "aggression"
    }
    assert found == {
        ("Russia", "ASSAULT", "Ukraine", "E4"),
        ("Jens Stoltenberg", "ACCUSE", "Russia", "E4"),
    }


def test_events_journalist_is_the_source_of_plain_reports() -> None:
    [event] = code("NATO imposed sanctions on Moscow.").events
    assert event.source == "journalist"
    assert event.source_quote is None


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a time expression of the clause
        ("NATO imposed sanctions on Russia on Friday.", "2022-03-04"),
        ("NATO imposed sanctions on Russia yesterday.", "2022-03-03"),
        # none: a report of the day, dated by the publication
        ("NATO imposes sanctions on Russia.", "2022-03-04"),
        # a past already over, and a future: no date of this week
        ("Russia had invaded Georgia.", None),
        ("NATO will impose sanctions on Russia.", None),
    ],
)
def test_events_date(text: str, date: str | None) -> None:
    [event] = code(text).events
    assert event.date == date


def test_events_place_from_the_sentence_else_the_dateline() -> None:
    article = code("Brussels – NATO imposed sanctions on Moscow.")
    [event] = article.events
    assert name(article, event.place) is None or name(article, event.place) == "Brussels"
    article = code("Iran attacked Taiwan in Kabul.")
    [event] = article.events
    assert name(article, event.place) == "Kabul"


def test_events_codes_are_plover_with_their_cameo_root() -> None:
    [event] = code("NATO imposed sanctions on Moscow.").events
    assert (event.type, event.cameo) == ("SANCTION", "16")
    assert "impose sanctions" in event.rule


def test_events_spans_point_into_the_original_text() -> None:
    text = (
        "NATO  imposed sanctions on Moscow in the spring.\n\n"
        "Then Russia invaded Georgia with its army."
    )
    article = code(text)
    assert len(article.events) == 2
    for event in article.events:
        for span in (event.trigger, event.evidence, event.actor_mention, event.target_mention):
            assert span is not None
            assert article.text[span.start : span.end] == span.text
        assert event.evidence.contains(event.trigger)
    assert [e.trigger.text for e in article.events] == ["imposed", "invaded"]
    assert [e.id for e in article.events] == ["V1", "V2"]


def test_events_same_event_told_twice_is_coded_once() -> None:
    article = code("NATO imposed sanctions on Moscow. Later NATO imposed sanctions on Moscow.")
    assert len(article.events) == 1


def test_events_without_a_parse_leave_the_article_alone() -> None:
    draft = Draft(Article(text="Bonjour"))
    assert code_events(draft).article.events == []


def test_describe_event_reads_as_a_sentence() -> None:
    article = code("NATO imposed sanctions on Moscow.")
    [event] = article.events
    assert describe_event(article, event) == (
        "NATO —SANCTION→ Russia, 2022-03-04, reported by the journalist"
    )
    claim = code("Stoltenberg recalled that Russia has already invaded Georgia.")
    assert describe_event(claim, claim.events[0]) == (
        "Russia —ASSAULT→ Georgia, claimed by Jens Stoltenberg"
    )


def test_describe_event_names_unresolved_actors_by_their_mention() -> None:
    article = Article(text="Rebels attacked.")
    event = Event(
        "V1",
        "ASSAULT",
        article.span(7, 15),
        article.span(0, 16),
        actor_mention=article.span(0, 6),
        mode="negated",
    )
    assert describe_event(article, event) == (
        "Rebels (unresolved) —ASSAULT, negated, reported by the journalist"
    )


# --- the lexicon ---------------------------------------------------------------------


def test_lexicon_rows_are_plover_types_with_cameo_codes() -> None:
    for patterns in lexicon().values():
        for pattern in patterns:
            assert pattern.plover in PLOVER_TYPES or pattern.plover == ""
            assert pattern.cameo == "" or pattern.cameo.isdigit()


@pytest.mark.parametrize(
    ("lemma", "after", "cameo"),
    [
        ("impose", {"sanctions"}, "163"),  # the most specific pattern wins
        ("impose", {"curfew"}, "1723"),
        ("impose", {"tax"}, "170"),  # no pattern: the verb's own code
        ("invade", {"georgia"}, "190"),  # Dateline's reviewed row overrides CAMEO.2.0's 192
        ("create", {"fundamental"}, ""),  # "fund" does not match "fundamental"
    ],
)
def test_lexicon_best_pattern(lemma: str, after: set[str], cameo: str) -> None:
    pattern = best_pattern(lemma, "VERB", after, set())
    assert (pattern.cameo if pattern is not None and pattern.is_event else "") == cameo
    assert PREFIX_MAX_EXTRA == 3


ROOT = Path(__file__).resolve().parents[2]
CAMEO = ROOT.parent / "shared" / "data" / "kb" / "phoenix" / "CAMEO.2.0.txt"


@pytest.mark.skipif(not CAMEO.exists(), reason="../shared/data is not beside the repository")
def test_lexicon_rebuilds_exactly_from_its_sources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_plover_lexicon.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    shipped = ROOT / "src" / "dateline" / "lexicons"
    for name in ("plover_verbs.tsv", "plover_patterns.tsv"):
        assert (tmp_path / name).read_text() == (shipped / name).read_text(), name
