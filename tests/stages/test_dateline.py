"""The dateline's place and the byline are read from the story's opening."""

from __future__ import annotations

import pytest

from dateline.draft import Draft
from dateline.model import Article
from dateline.stages.dateline import find_dateline
from dateline.stages.normalize import normalize


def opening(text: str) -> Article:
    return find_dateline(normalize(Draft(Article(text=text)))).article


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Brussels – NATO foreign ministers agreed.", "Brussels"),  # en dash, translated copy
        ("WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON"),  # agency in brackets
        ("KYIV, Ukraine — Sirens sounded.", "KYIV, Ukraine"),  # place, country
        ("LONDON, March 3 (AP) -- Ministers met.", "LONDON"),  # date in the dateline
        ("San Francisco: The city voted.", "San Francisco"),  # colon
        ("The minister said on Friday that talks failed.", None),  # no dateline
        ("Update – the vote is delayed.", None),  # a label, not a place
    ],
)
def test_dateline_place(text: str, place: str | None) -> None:
    article = opening(text)
    assert (article.place.text if article.place else None) == place
    if article.place:
        assert text[article.place.start : article.place.end] == place


def test_byline_and_dateline_after_it() -> None:
    article = opening("By Jane Doe\n\nGENEVA (AFP) - Talks resumed.")
    assert article.byline is not None and article.byline.text == "Jane Doe"
    assert article.place is not None and article.place.text == "GENEVA"
