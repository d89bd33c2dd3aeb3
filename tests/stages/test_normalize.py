"""Normalisation repairs scraped text and never loses its place in the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.draft import Draft
from dateline.model import Article
from dateline.stages.normalize import normalize


def clean(text: str) -> Draft:
    return normalize(Draft(Article(text=text)))


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        # a quotation glued to the name before it gets its colon and space back
        ("asked Vladimir Putin“Stop that war.”", "asked Vladimir Putin: “Stop that war.”"),
        # a stray full stop after a quotation that ended its sentence is dropped
        ("could mean war in Europe.” .\n\nHe", "could mean war in Europe.”\n\nHe"),
        # straight quotes become opening and closing curly ones by context
        ('He said "we will" and left.', "He said “we will” and left."),
        ('"Yes," she said.', "“Yes,” she said."),
        # a quote between spaces closes what is open in its paragraph, else opens
        ("He said \"above all, ' \" and left.", "He said “above all, ' ” and left."),
        ('He wrote " and then "', "He wrote “ and then ”"),
        # a new paragraph closes nothing left open in the one before
        ('"Never.\n\n" Yes," he said.', "“Never.\n\n“ Yes,” he said."),
        # mojibake from a UTF-8 page read as Windows-1252
        ("Ukraineâ€™s airspace", "Ukraine’s airspace"),
        # non-breaking spaces become spaces, zero-width ones disappear
        ("NATO\u00a0allies\u200b met", "NATO allies met"),
        # a glued quote that opens in lower case is left alone (may be a word in quotes)
        ("the“desperation”", "the“desperation”"),
    ],
)
def test_normalize_repairs(raw: str, repaired: str) -> None:
    assert clean(raw).clean == repaired


def test_normalize_maps_repaired_text_back_to_original() -> None:
    raw = "asked Vladimir Putin“Stop that war.” Ukraineâ€™s airspace"
    draft = clean(raw)
    start = draft.clean.index("Stop")
    span = draft.span(start, start + len("Stop that war."))
    assert span.text == "Stop that war."
    assert raw[span.start : span.end] == span.text
    start = draft.clean.index("Ukraine’s")
    assert draft.span(start, start + len("Ukraine’s")).text == "Ukraineâ€™s"


def test_normalize_paragraph_index() -> None:
    draft = clean("One.\n\nTwo.\n\n\nThree.")
    assert [draft.paragraph_of(draft.clean.index(w)) for w in ("One", "Two", "Three")] == [0, 1, 2]


text_chars = st.text(
    alphabet=st.sampled_from(list('ab AZ."“”\u00a0\n.,:â€™')), min_size=0, max_size=60
)


@settings(max_examples=300, deadline=None)
@given(raw=text_chars)
def test_every_clean_span_points_into_the_original(raw: str) -> None:
    draft = clean(raw)
    for start in range(len(draft.clean)):
        for end in range(start, min(len(draft.clean), start + 6) + 1):
            span = draft.span(start, end)
            assert 0 <= span.start <= span.end <= len(raw)
            assert raw[span.start : span.end] == span.text


@given(
    before=st.text(alphabet="abc .,", max_size=20),
    said=st.text(alphabet="abc xyz,", min_size=1, max_size=20),
    after=st.text(alphabet="abc .", max_size=20),
)
def test_quoted_text_is_recovered_exactly(before: str, said: str, after: str) -> None:
    raw = f"{before} “{said}”{after}"
    draft = clean(raw)
    start = draft.clean.index("“") + 1
    end = draft.clean.index("”", start)
    assert draft.span(start, end).text == said
