"""The entities stage: mentions clustered into actors and linked to the knowledge base.

Small hand-written texts, each pinning one rule; then the reference article's actors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from dateline.model import Span
from dateline.stages.entities import code_at, entity_at


def analyze(text: str, published: str = "2022-03-04"):
    return dateline.analyze(text, published=published)


def entity_of(article, text: str, occurrence: int = 1):
    """The entity whose mention covers the ``occurrence``-th ``text`` of the article."""
    start = -1
    for _ in range(occurrence):
        start = article.text.index(text, start + 1)
    for entity in article.entities:
        for mention in entity.mentions:
            if mention.span.start <= start and start + len(text) <= mention.span.end:
                return entity
    return None


def link_id(article, text: str, occurrence: int = 1) -> str | None:
    entity = entity_of(article, text, occurrence)
    return None if entity is None or entity.link is None else entity.link.id


def test_entities_cluster_a_surname_with_the_full_name():
    article = analyze(
        "Jens Stoltenberg arrived in Oslo on Monday. Stoltenberg said the talks went well.")
    assert entity_of(article, "Stoltenberg", 2) is entity_of(article, "Jens Stoltenberg")


def test_entities_keep_relatives_with_the_same_surname_apart():
    article = analyze(
        "Ted Cruz spoke on Monday. Trump attacked his father, Rafael Cruz, last year. "
        "Cruz said he would vote anyway."
    )
    assert entity_of(article, "Rafael Cruz") is not entity_of(article, "Ted Cruz")
    assert entity_of(article, "Cruz", 3) is entity_of(article, "Ted Cruz")


def test_entities_join_an_apposed_title_to_its_person():
    article = analyze(
        "The secretary general of the Alliance, Jens Stoltenberg, spoke to NATO ministers.")
    person = entity_of(article, "Jens Stoltenberg")
    assert person is not None and person.link is not None
    titles = [m for m in person.mentions if m.kind == "title"]
    assert [m.span.text for m in titles] == ["The secretary general of the Alliance"]


def test_entities_resolve_a_former_role_through_the_knowledge_base():
    # In March 2022 Stoltenberg leads NATO and was Norway's prime minister before.
    article = analyze(
        "Jens Stoltenberg met the press in Brussels.\n\n"
        "The former Norwegian prime minister said he understood the worry."
    )
    assert entity_of(article, "The former Norwegian prime minister") is entity_of(
        article, "Jens Stoltenberg")


def test_entities_resolve_a_role_alone_to_its_holder_on_the_date():
    article = analyze("The Russian president spoke on television on Monday.",
                      published="2022-03-01")
    assert link_id(article, "Russian president") == "person:vladimir-putin"


def test_entities_code_a_person_by_the_role_held_on_the_publication_date():
    text = "Jens Stoltenberg spoke in Oslo."
    then = analyze(text, published="2012-05-01")
    now = analyze(text, published="2022-03-04")
    assert entity_of(then, "Jens Stoltenberg").link.code == "NORGOV"
    assert entity_of(now, "Jens Stoltenberg").link.code == "IGOWSTNAT"
    assert "Secretary General of NATO" in entity_of(now, "Jens Stoltenberg").link.roles


def test_entities_link_a_transliteration_by_surname_and_first_name():
    article = analyze("Ukraine's Foreign Minister, Dmitro Kuleba, took part in the meeting "
                      "through a recorded message.")
    entity = entity_of(article, "Dmitro Kuleba")
    assert entity.link.id == "person:dmytro-kuleba"
    assert entity.link.code == "UKRGOV"


@pytest.mark.parametrize(
    "text, mention, kind",
    [
        ("Ukrainian soldiers held the line.", "Ukrainian", "demonym"),  # adjective
        ("The Ukrainians asked for help.", "Ukrainians", "demonym"),  # people as actor
        ("Ukraine asked for help.", "Ukraine", "name"),
    ],
)
def test_entities_read_demonyms_as_their_country(text, mention, kind):
    article = analyze(text)
    entity = entity_of(article, mention)
    assert entity is not None and entity.link.id == "country:UKR"
    assert [m.kind for m in entity.mentions if m.span.text == mention] == [kind]


def test_entities_read_a_capital_that_acts_as_its_government():
    article = analyze("The allies imposed sanctions on Moscow after Kiev's request.")
    assert link_id(article, "Moscow") == "country:RUS"
    assert link_id(article, "Kiev") == "country:UKR"
    assert [m.kind for m in entity_of(article, "Moscow").mentions] == ["metonym"]


def test_entities_read_a_capital_after_in_as_the_city():
    article = analyze("She has lived in Moscow for ten years.")
    assert link_id(article, "Moscow") == "city:524901"


def test_entities_code_a_metonym_as_the_government():
    from dateline.draft import Draft
    from dateline.pipeline import as_article
    from dateline.stages.entities import resolve_entities
    from dateline.stages.nlp import read_language

    text = "The European Union imposed sanctions on Moscow."
    draft = resolve_entities(read_language(Draft(as_article(text, "2022-03-04"), clean=text,
                                                 offsets=_identity(text))))
    start = text.index("Moscow")
    assert code_at(draft, Span(start, start + 6, "Moscow")) == "RUSGOV"


def _identity(text: str):
    from dateline.draft import OffsetMap

    return OffsetMap.identity(len(text))


def test_entities_give_the_alliance_words_to_nato():
    article = analyze("NATO foreign ministers met on Friday. The allies agreed that allied "
                      "aircraft would stay out, and the Alliance will not send troops.")
    nato = entity_of(article, "NATO")
    assert nato.link.code == "IGOWSTNAT"
    for words in ("allies", "allied", "Alliance", "NATO foreign ministers"):
        assert entity_of(article, words) is nato, words


@pytest.mark.parametrize(
    "text, expected",
    [
        # next to Russia and Tbilisi: the country
        ("Russia invaded Georgia in 2008 and its troops stayed near Tbilisi.", "country:GEO"),
        # next to Atlanta and a governor: the US state
        ("The governor of Georgia spoke in Atlanta about the state budget.", "adm1:US-GA"),
    ],
)
def test_entities_decide_namesakes_by_context(text, expected):
    assert link_id(analyze(text), "Georgia") == expected


def test_entities_resolve_he_to_the_last_person_who_was_a_subject():
    article = analyze(
        "Jens Stoltenberg asked the Russian president, Vladimir Putin, to stop the war.\n\n"
        "He said the days to come would be worse."
    )
    assert entity_of(article, "He") is entity_of(article, "Jens Stoltenberg")


def test_entities_resolve_he_and_she_by_what_the_article_says_of_each_person():
    article = analyze("Theresa May met Donald Trump in Washington on Friday. "
                      "She said the talks went well and he agreed.")
    assert entity_of(article, "She") is entity_of(article, "Theresa May")
    he = article.text.index(" he agreed") + 1
    [mention] = [m for e in article.entities for m in e.mentions if m.span.start == he]
    assert mention.entity == entity_of(article, "Donald Trump").id


def test_entities_do_not_read_someones_allies_as_the_alliance():
    article = analyze("NATO met on Friday while Russia's allies and US allies in Asia watched.")
    nato = entity_of(article, "NATO")
    assert entity_of(article, "allies") is not nato
    assert entity_of(article, "allies", 2) is not nato


@pytest.mark.parametrize(
    "text, expected",
    [
        ("NATO ministers met. Brussels said it would send no troops, and NATO agreed.", "igo:NATO"),
        ("The European Union met. Brussels said the EU budget would grow.", "igo:EU"),
    ],
)
def test_entities_read_brussels_as_the_organisation_the_article_names(text, expected):
    assert link_id(analyze(text), "Brussels") == expected


def test_entities_resolve_its_to_the_subject_country():
    article = analyze(
        "Russia has invaded Georgia, where its troops control parts of the territory.")
    assert entity_of(article, "its") is entity_of(article, "Russia")


def test_entity_at_prefers_the_tightest_mention():
    article = analyze("Stoltenberg asked the Russian president, Vladimir Putin, to stop.")
    from dateline.draft import Draft

    draft = Draft(article)
    start = article.text.index("Russian president")
    person = entity_at(draft, Span(start - 4, start + 17, "the Russian president"))
    country = entity_at(draft, Span(start, start + 7, "Russian"))
    assert article.entity(person).link.id == "person:vladimir-putin"
    assert article.entity(country).link.id == "country:RUS"
    assert entity_at(draft, Span(0, 1, "S")) == entity_of(article, "Stoltenberg").id
    assert entity_at(draft, Span(len(article.text) - 1, len(article.text), ".")) is None


def test_entities_keep_unlinked_actors():
    article = analyze("Zebulon Quarrington, a local farmer, said the harvest was poor.")
    entity = entity_of(article, "Zebulon Quarrington")
    assert entity is not None and entity.kind == "person" and entity.link is None


def test_entities_keep_the_datelines_place():
    article = analyze("Brussels – NATO ministers met on Friday.")
    place = article.entity(article.place_entity)
    assert place is not None and place.link.id == "city:2800866"
    assert place.link.lat == pytest.approx(50.85, abs=0.01)


def test_entities_on_an_empty_parse_are_empty():
    assert analyze("nothing here at all, really, nothing.").entities == []


# --- the reference article (tests/conftest.py: `example`) ---------------------------------


def test_example_mentions_point_into_the_original_text(example):
    for entity in example.entities:
        for mention in entity.mentions:
            assert example.text[mention.span.start:mention.span.end] == mention.span.text
            assert mention.entity == entity.id


@pytest.mark.parametrize(
    "mention, kb_id, code",
    [
        ("NATO", "igo:NATO", "IGOWSTNAT"),
        ("Jens Stoltenberg", "person:jens-stoltenberg", "IGOWSTNAT"),
        ("The former Norwegian prime minister", "person:jens-stoltenberg", "IGOWSTNAT"),
        ("The Allied Secretary General", "person:jens-stoltenberg", "IGOWSTNAT"),
        ("Dmitro Kuleba", "person:dmytro-kuleba", "UKRGOV"),
        ("Vladimir Putin", "person:vladimir-putin", "RUSGOV"),
        ("Moscow", "country:RUS", "RUS"),  # the target of sanctions: Russia's government
        ("Kiev", "country:UKR", "UKR"),  # making a request: Ukraine's government
        ("the Ukrainians", "country:UKR", "UKR"),
        ("Georgia", "country:GEO", "GEO"),
        ("Transnistria", "region:transnistria", "MDA"),
        ("Finland", "country:FIN", "FIN"),
        ("Bosnia-Herzegovina", "country:BIH", "BIH"),
    ],
)
def test_example_actors_are_linked(example, mention, kb_id, code):
    entity = entity_of(example, mention.replace("the ", ""))
    assert entity is not None and entity.link is not None
    assert (entity.link.id, entity.link.code) == (kb_id, code)


def test_example_stoltenberg_is_one_actor_with_his_pronouns(example):
    stoltenberg = entity_of(example, "Jens Stoltenberg")
    assert stoltenberg.link.roles[:2] == ["Secretary General of NATO",
                                          "former Prime Minister of Norway"]
    pronouns = [m for m in stoltenberg.mentions if m.kind == "pronoun"]
    assert len(pronouns) >= 5
    assert {m.span.text.lower() for m in pronouns} == {"he"}


def test_example_alliance_words_and_ministers_are_nato(example):
    nato = entity_of(example, "NATO")
    for words in ("NATO foreign ministers", "the Alliance", "the allies", "allied aircraft"):
        first = words.split()[-1] if words.startswith("the ") else words.split()[0]
        assert entity_of(example, first if words != "NATO foreign ministers" else words) is nato


def test_example_places_are_geocoded(example):
    transnistria = entity_of(example, "Transnistria")
    assert transnistria.kind == "place"
    assert transnistria.link.country == "MDA"
    assert transnistria.link.lat == pytest.approx(46.8, abs=0.5)
    assert example.entity(example.place_entity).link.id == "city:2800866"


def test_example_those_countries_are_not_finland_and_sweden(example):
    start = example.text.index("those countries")
    covered = {entity.link.id for entity in example.entities if entity.link
               for m in entity.mentions if m.span.start <= start < m.span.end}
    assert not covered & {"country:FIN", "country:SWE"}


# --- quality gate: the hand-annotated PolNeAR dev linking set ------------------------------

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "eval-data" / "linking" / "gold.jsonl"
# Measured 0.98 when the gate was set (see eval-data/linking/README.md); the floor leaves
# room for spaCy model noise. Re-run `dateline eval linking --errors` if it drops.
LINKING_FLOOR = 0.90


def test_entities_link_the_polnear_gold_set_above_the_floor():
    from dateline.eval.linking import evaluate

    texts = GOLD.parents[2].parent / "shared" / "data" / "polnear" / "dev" / "text"
    if not texts.is_dir():
        pytest.skip(f"the PolNeAR dev texts are not at {texts}")
    score = evaluate(GOLD, texts)
    assert score.total >= 300
    assert score.accuracy >= LINKING_FLOOR, score.errors


def test_title_stands_for_the_person_named_with_it_even_without_a_date() -> None:
    # Without a publication date the knowledge base cannot say who holds the office; the
    # article itself can: the title was first given with the name.
    text = (
        "The secretary general of the Alliance, Jens Stoltenberg, spoke in Brussels.\n\n"
        "The Allied Secretary General also said that NATO would meet again."
    )
    article = dateline.analyze(text)
    [person] = [e for e in article.entities if e.kind == "person"]
    assert person.name == "Jens Stoltenberg"
    assert "The Allied Secretary General" in {m.span.text for m in person.mentions}


@pytest.mark.parametrize(
    ("words", "names", "same"),
    [
        ([], ["Ted Cruz"], False),  # no words at all (a name of punctuation only)
        (["Cruz"], ["", "  "], False),  # empty names in the cluster
        (["Cruz"], ["Ted Cruz"], True),  # a surname stands for the full name
    ],
)
def test_same_person_is_safe_on_empty_names(words: list[str], names: list[str], same: bool) -> None:
    from dateline.stages.entities import _first_names_agree, _same_person

    assert _same_person(words, names) is same
    assert _first_names_agree("—", "Ted") is False


def test_they_after_an_unnamed_plural_is_not_the_group_named_before() -> None:
    # "they" is "those countries", which no entity stands for: better unresolved than NATO.
    text = (
        "NATO foreign ministers met in Brussels on Friday.\n\n"
        "He stated that those countries are very different but that they have much in common."
    )
    article = dateline.analyze(text, published="2022-03-04")
    they = [
        m for e in article.entities for m in e.mentions if m.span.text == "they"
    ]
    assert they == []


def test_they_after_a_named_group_is_that_group() -> None:
    article = dateline.analyze(
        "NATO foreign ministers met in Brussels on Friday. They agreed on sanctions.",
        published="2022-03-04",
    )
    [nato] = [e for e in article.entities if "they" in {m.span.text.lower() for m in e.mentions}]
    assert nato.link is not None and nato.link.code == "IGOWSTNAT"
