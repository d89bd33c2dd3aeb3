"""The pipeline reads any text it is given, or says clearly why it cannot."""

from __future__ import annotations

import pytest

import dateline
from dateline import Failure, InputError, OptionError
from dateline.stages.nlp import chunks


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),  # nothing at all
        ("   \n\n\t ", "empty"),  # only whitespace
        ("\x00\x01\x02binary\x00" * 20, "binary"),  # NUL bytes
        ("word " * 1_000_000, "split it into its articles"),  # 5 MB of text
    ],
    ids=["empty", "whitespace", "binary", "5MB"],
)
def test_analyze_refuses_unusable_text(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        dateline.analyze(text)


def test_analyze_rejects_a_wrong_publication_date() -> None:
    with pytest.raises(OptionError, match="2022-03-04"):
        dateline.analyze("The minister spoke.", published="not a date at all")


def test_text_in_another_language_gives_an_empty_result_with_a_warning() -> None:
    article = dateline.analyze(
        "Les ministres des affaires étrangères de l'OTAN ont refusé vendredi la demande "
        "de l'Ukraine, a déclaré le secrétaire général de l'Alliance dans une conférence."
    )
    assert article.language is None
    assert article.quotes == [] and article.events == [] and article.entities == []
    assert any("English" in w for w in article.warnings)


def test_unbalanced_quotation_marks_do_not_stop_the_reading() -> None:
    text = "“We will not give in, the minister said.\n\nThe talks resumed on Friday."
    article = dateline.analyze(text, published="2022-03-04")
    assert len(article.sentences) >= 2
    for quote in article.quotes:
        assert text[quote.content.start : quote.content.end] == quote.content.text


def test_every_span_points_into_the_original_text(example) -> None:
    text = example.text
    spans = [s.span for s in example.sentences] + [t.span for t in example.times]
    for entity in example.entities:
        spans += [m.span for m in entity.mentions]
    for quote in example.quotes:
        spans += [quote.content] + [s for s in (quote.cue, quote.speaker_mention) if s]
    for event in example.events:
        spans += [event.trigger, event.evidence]
    assert spans
    for span in spans:
        assert text[span.start : span.end] == span.text


def test_pipe_keeps_order_and_isolates_a_bad_document() -> None:
    texts = ["The minister spoke on Monday.", "", "The president left on Tuesday."]
    results = list(dateline.pipe(texts, errors="return", published="2022-03-04"))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    assert isinstance(results[1], Failure) and results[1].index == 1
    assert "empty" in results[1].error
    assert len(list(dateline.pipe(texts, errors="skip"))) == 2
    with pytest.raises(InputError):
        list(dateline.pipe(texts, errors="raise"))


def test_pipe_in_two_processes_gives_the_same_articles() -> None:
    texts = [f"Minister {name} met the president on Friday." for name in ("Ames", "Bell", "Cole")]
    serial = [a.to_dict() for a in dateline.pipe(texts, batch_size=1)]
    parallel = [a.to_dict() for a in dateline.pipe(texts, n_process=2, batch_size=1)]
    assert parallel == serial


def test_pipe_and_analyze_agree(example_text: str, example) -> None:
    [piped] = list(dateline.pipe([{"text": example_text, "published": "2022-03-04"}]))
    assert piped.to_dict() == example.to_dict()


def test_long_text_is_parsed_in_pieces_that_join_exactly() -> None:
    text = ("The minister spoke. " * 40 + "\n\n") * 200
    pieces = chunks(text, size=5_000)
    assert len(pieces) > 1 and "".join(pieces) == text
    assert all(len(p) <= 5_000 for p in pieces)


def test_long_article_is_read_whole() -> None:
    text = ("The minister spoke to reporters in Paris on Monday. " * 30 + "\n\n") * 80
    article = dateline.analyze(text, published="2022-03-04")  # over one parse chunk
    assert len(text) > 100_000
    assert article.sentences[-1].span.end == len(text.rstrip())
