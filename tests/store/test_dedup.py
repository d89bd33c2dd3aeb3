"""Near-duplicates: copies of one wire story are one story; different stories are not."""

from __future__ import annotations

from dateline.dedup import StoryIndex, from_bytes, shingles, signature, to_bytes

from .corpus import article_text

WIRE = (
    "BRUSSELS (Reuters) - NATO Secretary General Jens Stoltenberg said on Friday the alliance "
    "would not impose a no-fly zone over Ukraine, warning that doing so could lead to a "
    "full-fledged war in Europe involving many more countries. Stoltenberg was speaking after "
    "a meeting of NATO foreign ministers in Brussels. He said allies agreed they should not "
    "have NATO planes operating over Ukrainian airspace or NATO troops on Ukrainian territory."
)


def test_shingles_are_lower_cased_word_runs():
    assert shingles("The cat sat on the mat", 4) == {
        b"the cat sat on",
        b"cat sat on the",
        b"sat on the mat",
    }
    assert shingles("Two words", 4) == {b"two words"}
    assert shingles("", 4) == set()


def test_signatures_survive_the_database_round_trip():
    minhash = signature(WIRE)
    assert from_bytes(to_bytes(minhash)).jaccard(minhash) == 1.0


def test_an_edited_copy_of_a_wire_story_is_found():
    index = StoryIndex()
    index.add(1, 1, signature(WIRE))
    copy = "NATO rejects no-fly zone\nBy Staff Writer\n" + WIRE.replace("(Reuters) ", "")
    assert index.find(signature(copy)) == 1


def test_a_copy_joins_the_story_of_the_first_copy():
    index = StoryIndex()
    index.add(1, 1, signature(WIRE))
    index.add(5, 1, signature(WIRE + " More."))
    assert index.find(signature("Breaking: " + WIRE + " More.")) == 1


def test_different_articles_are_different_stories():
    index = StoryIndex()
    for n in range(20):
        index.add(n + 1, n + 1, signature(article_text(n)))
    assert index.find(signature(WIRE)) is None
    assert [index.find(signature(article_text(n))) for n in range(20)] == list(range(1, 21))
