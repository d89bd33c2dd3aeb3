"""Reading corpora: JSONL, CSV and feeds become Documents; bad lines become Failures."""

from __future__ import annotations

from dateline.corpora import count_records, html_fragment_text, read_corpus
from dateline.inputs import Document
from dateline.pipeline import Failure

RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title>
<item><title>NATO rules out no-fly zone</title><link>https://example.org/nato</link>
<pubDate>Fri, 04 Mar 2022 12:00:00 GMT</pubDate>
<description>&lt;p&gt;NATO said no.&lt;/p&gt;
&lt;p&gt;Ukraine asked again.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
<entry><title>Sanctions</title><link href="https://example.org/s"/>
<updated>2022-03-07T09:00:00Z</updated>
<content type="html">&lt;p&gt;The EU imposed sanctions.&lt;/p&gt;</content></entry></feed>"""


def test_jsonl_records_become_documents_and_bad_lines_failures(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(
        b'{"text": "One.", "title": "T", "url": "https://x/1", "date": "2022-03-04"}\n'
        b"\n"
        b"[1, 2]\n"
        b'{"body": "Two.", "source": "Reuters"}\n'
    )
    items = list(read_corpus([str(path)]))
    assert items[0] == Document("One.", f"{path}:1", "T", "https://x/1", "2022-03-04")
    assert isinstance(items[1], Failure) and items[1].source == f"{path}:3"
    assert "JSON list" in items[1].error
    assert items[2] == Document("Two.", "Reuters")
    assert count_records([str(path)]) == 3


def test_csv_rows_become_documents_even_with_long_texts(tmp_path):
    path = tmp_path / "c.csv"
    long_text = "word " * 40_000  # longer than the csv module's default field limit
    path.write_text(
        f'Title,Text,URL\nA,"Line one\nline two",https://x/a\nB,{long_text},\nC,,\n',
        encoding="utf-8",
    )
    items = list(read_corpus([str(path)]))
    assert items[0] == Document("Line one\nline two", f"{path}:3", "A", "https://x/a")
    assert items[1].text == long_text
    assert isinstance(items[2], Failure) and "no text" in items[2].error
    assert count_records([str(path)]) == 3


def test_feeds_rss_and_atom_entries_become_documents(tmp_path):
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "desk.atom").write_text(ATOM, encoding="utf-8")
    items = list(read_corpus([str(tmp_path)]))
    atom, rss, empty = items
    assert (atom.text, atom.url, atom.published) == (
        "The EU imposed sanctions.",
        "https://example.org/s",
        "2022-03-07",
    )
    assert (rss.title, rss.text, rss.published) == (
        "NATO rules out no-fly zone",
        "NATO said no.\n\nUkraine asked again.",
        "2022-03-04",
    )
    assert isinstance(empty, Failure) and "no content" in empty.error


def test_a_file_that_is_not_a_feed_is_one_failure(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("this is not xml", encoding="utf-8")
    (item,) = read_corpus([str(path)])
    assert isinstance(item, Failure) and "not an RSS or Atom feed" in item.error


def test_directories_mix_text_files_and_corpora_in_sorted_order(tmp_path):
    (tmp_path / "a.txt").write_text("Plain article.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "From JSONL."}\n', encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00\x01")  # not a corpus file: not read
    assert [d.text for d in read_corpus([str(tmp_path)])] == ["Plain article.", "From JSONL."]
    assert count_records([str(tmp_path)]) == 2


def test_failures_are_numbered_in_reading_order(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "ok"}\nbroken\n', encoding="utf-8")
    items = list(read_corpus([str(path), str(tmp_path / "missing.txt")]))
    assert [item.index for item in items if isinstance(item, Failure)] == [1, 2]


def test_html_fragments_keep_paragraphs():
    assert html_fragment_text("<p>One <b>bold</b></p><p>Two</p>") == "One bold\n\nTwo"
    assert html_fragment_text("plain") == "plain"
