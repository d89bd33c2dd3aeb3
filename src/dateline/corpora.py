"""Acquire many articles at once: JSONL and CSV corpora, RSS and Atom feeds.

Extends :mod:`dateline.inputs` (single .txt/.html files, directories, stdin):
:func:`read_corpus` reads any mix of those and of

- JSONL (``.jsonl``, ``.ndjson``): one JSON object per line;
- CSV (``.csv``; ``.tsv`` tab-separated): one article per row, with a header;
- RSS/Atom feeds (``.rss``, ``.atom``, ``.xml``), read with feedparser.

A record's fields are ``text`` (or ``content``/``body``), ``title``, ``url`` (or
``link``), ``published`` (or ``date``/``published_at``) and ``source``; other
fields are ignored. A line, row or entry that cannot be read (invalid JSON, no
text, not UTF-8, binary) becomes a :class:`~dateline.pipeline.Failure` naming
the file and line; the rest of the file is still read.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dateline.errors import InputError
from dateline.inputs import HTML_SUFFIXES, TEXT_SUFFIXES, Document, read_paths
from dateline.pipeline import Failure

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
CORPUS_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + FEED_SUFFIXES

TEXT_FIELDS = ("text", "content", "body")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link")
DATE_FIELDS = ("published", "date", "published_at", "pubdate")


def read_corpus(paths: Iterable[str], stdin: IO[str] | None = None) -> Iterator[Document | Failure]:
    """Documents from every file named or found in the directories named, in order."""
    index = 0
    for item in expand_corpus(paths):
        for result in _read_one(item, stdin):
            if isinstance(result, Failure):
                result = Failure(index, result.source, result.error)
            yield result
            index += 1


def expand_corpus(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and every readable file inside directories named (sorted)."""
    for name in paths:
        path = Path(name)
        if name != "-" and path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in CORPUS_SUFFIXES:
                    yield str(child)
        else:
            yield name


def count_records(paths: Iterable[str]) -> int:
    """How many documents :func:`read_corpus` will yield (cheaply, without analysing)."""
    total = 0
    for name in expand_corpus(paths):
        suffix = Path(name).suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                with open(name, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix in CSV_SUFFIXES or suffix in FEED_SUFFIXES:
                total += sum(1 for _ in _read_one(name, None))
            else:
                total += 1
        except OSError:
            total += 1
    return total


def _read_one(name: str, stdin: IO[str] | None) -> Iterator[Document | Failure]:
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(Path(name))
    elif suffix in CSV_SUFFIXES:
        yield from read_csv(Path(name))
    elif suffix in FEED_SUFFIXES:
        yield from read_feed(Path(name))
    else:
        yield from read_paths([name], stdin=stdin)


def _field(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def document_from_record(record: dict[str, Any], where: str) -> Document:
    """A Document from one JSON object or CSV row; InputError says what is missing."""
    text = _field(record, TEXT_FIELDS)
    if text is None:
        raise InputError(f"no text: the record needs a field {' or '.join(TEXT_FIELDS)}")
    if not isinstance(text, str):
        raise InputError(f"the text field holds a {type(text).__name__}, not text")
    title = _field(record, TITLE_FIELDS)
    url = _field(record, URL_FIELDS)
    published = _field(record, DATE_FIELDS)
    source = _field(record, ("source",))
    return Document(
        text=text,
        source=str(source) if source is not None else where,
        title=None if title is None else str(title),
        url=None if url is None else str(url),
        published=None if published is None else str(published),
    )


def _open_failure(path: Path) -> Failure | None:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        return Failure(0, str(path), f"cannot read the file ({exc.strerror or exc})")
    if b"\x00" in head:
        return Failure(0, str(path), "the file looks like binary data, not text")
    return None


def read_jsonl(path: Path) -> Iterator[Document | Failure]:
    """One Document per line of a JSONL file (blank lines are skipped)."""
    if failure := _open_failure(path):
        yield failure
        return
    try:
        with open(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    yield Failure(
                        0,
                        where,
                        f"line {number} is not UTF-8 ({exc.reason} at "
                        f"byte {exc.start}); re-encode the file as UTF-8",
                    )
                    continue
                if "\x00" in line:
                    yield Failure(0, where, f"line {number} holds binary data, not text")
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Failure(
                        0,
                        where,
                        f"line {number} is not valid JSON ({exc.msg} at column {exc.colno})",
                    )
                    continue
                if not isinstance(record, dict):
                    yield Failure(
                        0,
                        where,
                        f"line {number} is a JSON {type(record).__name__}, "
                        "not an object with a 'text' field",
                    )
                    continue
                try:
                    yield document_from_record(record, where)
                except InputError as exc:
                    yield Failure(0, where, f"line {number}: {exc}")
    except OSError as exc:
        yield Failure(0, str(path), f"cannot read the file ({exc.strerror or exc})")


def read_csv(path: Path) -> Iterator[Document | Failure]:
    """One Document per row of a CSV (or, for .tsv, tab-separated) file with a header."""
    if failure := _open_failure(path):
        yield failure
        return
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles are longer than 128 KB
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with open(path, "rb") as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.DictReader(handle, delimiter=delimiter)
            row_number = 1
            try:
                for row_number, row in enumerate(reader, start=2):
                    where = f"{path}:{reader.line_num}"
                    try:
                        yield document_from_record(
                            {k: v for k, v in row.items() if k is not None}, where
                        )
                    except InputError as exc:
                        yield Failure(0, where, f"row {row_number - 1}: {exc}")
            except UnicodeDecodeError as exc:
                yield Failure(
                    0,
                    f"{path}:{reader.line_num + 1}",
                    f"the file is not UTF-8 from here on ({exc.reason}); re-encode it as UTF-8",
                )
            except csv.Error as exc:
                yield Failure(0, f"{path}:{reader.line_num}", f"broken CSV ({exc})")
    except OSError as exc:
        yield Failure(0, str(path), f"cannot read the file ({exc.strerror or exc})")


_BLOCK_END = re.compile(r"(?i)</(p|div|h[1-6]|li|blockquote)\s*>|<br\s*/?>")


def html_fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content), paragraphs on their own lines."""
    if "<" not in html:
        return html.strip()
    import lxml.html

    marked = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", html)
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # lxml's errors for broken markup are many and not worth telling apart
        text = re.sub(r"<[^>]+>", " ", marked)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in text.splitlines())).strip()


def read_feed(path: Path) -> Iterator[Document | Failure]:
    """One Document per entry of an RSS or Atom feed (its content, else its summary)."""
    if failure := _open_failure(path):
        yield failure
        return
    import feedparser

    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(0, str(path), f"cannot read the file ({exc.strerror or exc})")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = feed.get("bozo_exception") or "no entries"
        yield Failure(0, str(path), f"not an RSS or Atom feed with entries ({reason})")
        return
    for number, entry in enumerate(feed.entries, start=1):
        where = f"{path}#{number}"
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = html_fragment_text(html or "")
        if not text:
            yield Failure(0, where, f"entry {number} has no content or summary")
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        yield Document(
            text=text,
            source=where,
            title=entry.get("title"),
            url=entry.get("link"),
            published=published,
        )
