"""The quotes stage: quotation marks paired, cues found, speakers named.

First the pairing of marks (no language model), then one small hand-written text
per rule, then the reference article's 14 quotations and its reported speech.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import dateline
from dateline.quotes_model.cues import read_lexicon
from dateline.stages.quotes import find_quotations

EXAMPLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "nato-no-fly-zone.txt"


def quoted(text: str, paragraph_starts: list[int] | None = None) -> list[list[str]]:
    """The pieces of each quotation found in ``text``."""
    return [
        [text[s:e] for s, e in q.pieces]
        for q in find_quotations(text, paragraph_starts or [0])
    ]


# --- pairing quotation marks -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “yes” and “no”.", [["yes"], ["no"]]),
        # a closing mark with no opener is ignored: the quotation ends at the first close
        ("in “we see danger for unity.” of that state.”", [["we see danger for unity."]]),
        # doubled apostrophes, as some archives write quotation marks
        ("''We won,'' she said.", [["We won,"]]),
        # a single quotation inside a double one closes before it: ''Kosovo is special,'''
        ("''We are told, 'Kosovo is special,''' he said.", [["We are told, 'Kosovo is special,'"]]),
        # a new opening mark before any close ends the open quotation there
        ("“one two “three four”", [["one two"], ["three four"]]),
    ],
)
def test_quotes_pair_marks(text, expected):
    assert quoted(text) == expected


def test_quotes_an_unclosed_quotation_ends_with_its_paragraph():
    text = "He said “we will win.\n\nThe vote is on Sunday."
    assert quoted(text, [0, text.index("The")]) == [["we will win."]]


def test_quotes_a_quotation_goes_on_into_a_paragraph_that_opens_with_a_mark():
    text = "“We will win.\n\n“And we will win big,” he said."
    assert quoted(text, [0, text.index("“And")]) == [["We will win.", "And we will win big,"]]


# --- the cue lexicon ---------------------------------------------------------------------


def test_quotes_cue_lexicon_lists_speech_and_thought_with_lemmas():
    lexicon = read_lexicon(learned=False)
    assert lexicon.cues["say"].kind == "speech"
    assert lexicon.cues["point out"].kind == "speech"
    assert lexicon.cues["believe"].kind == "thought"
    assert lexicon.accepts("according to", "host")
    assert not lexicon.accepts("eat", "dobj")


# --- one rule at a time --------------------------------------------------------------------


def analyze(text: str):
    return dateline.analyze(text, published="2022-03-04")


def only(quotes, kind: str | None = None):
    chosen = [q for q in quotes if kind is None or q.kind == kind]
    assert len(chosen) == 1, [(q.kind, q.content.text) for q in quotes]
    return chosen[0]


def test_quotes_direct_with_the_speaker_after():
    article = analyze("“We will not send troops,” Smith said on Monday.")
    quote = only(article.quotes)
    assert quote.kind == "direct"
    assert quote.content.text == "We will not send troops,"
    assert quote.cue.text == "said"
    assert quote.speaker_mention.text == "Smith"


def test_quotes_direct_with_the_speaker_before_a_colon():
    article = analyze("The minister told reporters: “The talks have failed.”")
    quote = only(article.quotes, "direct")
    assert quote.content.text == "The talks have failed."
    assert quote.cue.text == "told"
    assert quote.speaker_mention.text == "The minister"


def test_quotes_speaker_inside_the_quotation_joins_both_halves():
    article = analyze("“We will win,” said Anna Berg, “and we will win soon.”")
    quote = only(article.quotes)
    assert [s.text for s in quote.segments] == ["We will win,", "and we will win soon."]
    assert quote.speaker_mention.text == "Anna Berg"


def test_quotes_multi_sentence_quotation_is_one_quote():
    article = analyze("“Prices are rising. Wages are not,” the union leader said.")
    quote = only(article.quotes)
    assert quote.content.text == "Prices are rising. Wages are not,"
    assert quote.speaker_mention.text == "the union leader"


def test_quotes_indirect_speech_with_that():
    article = analyze("The spokesman stated that the talks had failed.")
    quote = only(article.quotes)
    assert quote.kind == "indirect"
    assert quote.content.text == "that the talks had failed"
    assert quote.cue.text == "stated"
    assert quote.speaker_mention.text == "The spokesman"


def test_quotes_according_to_names_the_source():
    article = analyze("The economy grew by two percent last year, according to officials.")
    quote = only(article.quotes)
    assert quote.cue.text == "according to"
    assert quote.speaker_mention.text == "officials"
    assert quote.content.text.startswith("The economy grew by two percent")


def test_quotes_partial_quotation_inside_reported_speech_is_mixed():
    article = analyze("Smith said the plan was “a disaster” for the city.")
    mixed = only(article.quotes, "mixed")
    partial = only(article.quotes, "partial")
    assert mixed.content.text == "the plan was “a disaster” for the city"
    assert partial.content.text == "a disaster"
    assert partial.cue == mixed.cue and partial.speaker_mention.text == "Smith"


def test_quotes_a_phrase_in_marks_without_a_cue_is_not_a_quote():
    article = analyze("The so-called “Gang of Eight” met again on Monday in Washington.")
    assert article.quotes == []


def test_quotes_a_cue_inside_a_quotation_does_not_claim_the_quotation():
    article = analyze("“The allies agreed that we must stay out,” Smith said.")
    quote = only(article.quotes, "direct")
    assert quote.speaker_mention.text == "Smith"


def test_quotes_addressee_of_a_question():
    article = analyze("Smith asked the minister, John Brown: “Stop the war now.”")
    quote = only(article.quotes, "direct")
    assert quote.cue.text == "asked"
    assert "John Brown" in quote.addressee_mention.text


def test_quotes_resolve_pronoun_to_the_last_speaker():
    article = analyze(
        "“We will win,” Jens Stoltenberg said.\n\nHe added that the allies were united."
    )
    first, second = article.quotes
    assert second.speaker_mention.text == "He"
    assert first.speaker is not None and second.speaker == first.speaker


def test_quotes_a_paragraph_of_quotation_alone_continues_the_last_speaker():
    article = analyze(
        "“We will win,” Jens Stoltenberg said.\n\n“There is no other way for us to act now.”"
    )
    first, second = article.quotes
    assert second.cue is None and second.rule == "convention"
    assert second.speaker == first.speaker


def test_quotes_spans_point_into_the_original_text():
    text = 'He said "we  will win" - and left.'
    article = analyze(text)
    for quote in article.quotes:
        for span in [quote.content, quote.cue, quote.speaker_mention, *quote.segments]:
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_quotes_empty_without_a_parse():
    from dateline.draft import Draft
    from dateline.model import Article
    from dateline.stages.quotes import extract_quotes

    draft = extract_quotes(Draft(Article(text="“Nothing parsed,” he said.")))
    assert draft.article.quotes == []


# --- the reference article -------------------------------------------------------------------

# The 14 quotations of nato-no-fly-zone.expected.md: how each starts, who said it, the cue.
EXPECTED = [
    ("was mentioned", "Jens Stoltenberg", "indicated"),
    ("at the same time, the allies agreed", "Jens Stoltenberg", "indicated"),
    ("We do not want to be part of the conflict", "Jens Stoltenberg", "settled"),
    ("desperation", "Jens Stoltenberg", "said"),
    ("could mean war in Europe.", "Jens Stoltenberg", "recalled"),
    ("more suffering and more civilian deaths", "Jens Stoltenberg", "pointed out"),
    ("solidarity and deep respect for the courage", "NATO", "expressed"),
    ("What is happening in Ukraine is horrible", "Jens Stoltenberg", "said"),
    ("Stop that war immediately", "Jens Stoltenberg", "asked"),
    ("the worst military aggression in Europe for decades", "Jens Stoltenberg", "said"),
    ("partners that may be at risk", "NATO", "discussed"),
    ("Russia is exercising its power to intimidate them", "Jens Stoltenberg", "stated"),
    ("we see a very fragile and unstable situation", "Jens Stoltenberg", "recalled"),
    ("Russia’s aggression has created a new normal", "Jens Stoltenberg", "concluded"),
]
ENDINGS = {  # where the quotations with damaged marks must end
    "the worst military aggression": "The days to come are likely to be worse.",
    "we see a very fragile": "serious dangers for unity.",
    "Russia’s aggression has created": "the threat of conflict for years to come,",
}


@pytest.fixture(scope="module")
def example():
    if not EXAMPLE.is_file():
        pytest.skip(f"the reference article is not at {EXAMPLE}")
    return dateline.analyze(EXAMPLE.read_text(encoding="utf-8"), published="2022-03-04")


def speaker_name(article, quote) -> str | None:
    entity = article.entity(quote.speaker)
    if entity is None:
        return None
    name = entity.name
    return "NATO" if "NATO" in name or "North Atlantic" in name else name


def quotations(article):
    return [q for q in article.quotes if q.kind in ("direct", "partial")]


def test_quotes_example_has_exactly_the_fourteen_quotations(example):
    found = [q.content.text for q in quotations(example)]
    assert len(found) == len(EXPECTED), found
    for text, (start, _, _) in zip(found, EXPECTED, strict=True):
        assert text.startswith(start)
        assert "”" not in text and "“" not in text  # no quotation spans two


@pytest.mark.parametrize("start, speaker, cue", EXPECTED, ids=[e[0][:20] for e in EXPECTED])
def test_quotes_example_quotation_speaker_and_cue(example, start, speaker, cue):
    [quote] = [q for q in quotations(example) if q.content.text.startswith(start)]
    assert speaker_name(example, quote) == speaker
    assert quote.cue is not None and quote.cue.text == cue
    for head, end in ENDINGS.items():
        if start.startswith(head):
            assert quote.content.text.endswith(end)


def test_quotes_example_putin_is_addressed(example):
    [quote] = [q for q in quotations(example) if q.content.text.startswith("Stop that war")]
    assert "Vladimir Putin" in quote.addressee_mention.text
    assert example.entity(quote.addressee).name.endswith("Putin")


@pytest.mark.parametrize(
    "paragraph_start, content_start",
    [
        ("The former Norwegian prime minister said", "he understood the “desperation”"),
        ("He pointed out that", "that, if NATO became directly involved"),
        ("The Allied Secretary General also said", "that NATO has decided to strengthen"),
        ("He stated that", "that those countries are very different"),
        ("He recalled that", "that Russia has already invaded Georgia"),
    ],
)
def test_quotes_example_reported_speech_is_stoltenbergs(example, paragraph_start, content_start):
    start = example.text.index(paragraph_start)
    end = example.text.index("\n", start) if "\n" in example.text[start:] else len(example.text)
    [quote] = [
        q for q in example.quotes
        if q.kind in ("indirect", "mixed") and start <= q.content.start < end
        and q.content.text.startswith(content_start)
    ]
    assert speaker_name(example, quote) == "Jens Stoltenberg"
    assert start <= quote.speaker_mention.start < end
