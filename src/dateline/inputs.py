"""Acquire articles: files, directories and standard input, as :class:`Document` records.

Text files are decoded as UTF-8 (with a BOM or not), falling back to
cp1252/latin-1 only when UTF-8 fails; HTML is reduced to the article's text
with trafilatura. A file that cannot be read becomes a :class:`Failure`
naming the file and the problem; the others are still read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from dateline.errors import InputError
from dateline.pipeline import Failure

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Files larger than this are refused before reading (bytes).
MAX_FILE_BYTES = 100_000_000


@dataclass(slots=True)
class Document:
    """An article as read from its container, before analysis."""

    text: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None


def decode(data: bytes, name: str = "<input>") -> str:
    """Text from bytes: UTF-8 first, then the legacy encodings of Western news sites."""
    if b"\x00" in data[:4096]:
        raise InputError("the file looks like binary data, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def html_to_document(html: str, source: str | None = None) -> Document:
    """The article text, title, URL and date that trafilatura finds in a page."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        raise InputError("no article text could be found in the HTML")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    if not text.strip():
        raise InputError("no article text could be found in the HTML")
    return Document(
        text=text,
        source=source,
        title=data.get("title"),
        url=data.get("url"),
        published=data.get("date"),
    )


def read_file(path: Path) -> Document:
    """One article from a .txt or .html file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"the file has {size:,} bytes, more than {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or exc})") from exc
    text = decode(data, str(path))
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        return html_to_document(text, str(path))
    return Document(text=text, source=str(path))


def expand_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files named, and every .txt/.html file inside directories named (sorted)."""
    for name in paths:
        if name == "-":
            yield "-"
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES:
                    yield child
        else:
            yield path


def read_paths(paths: Iterable[str], stdin: IO[str] | None = None) -> Iterator[Document | Failure]:
    """Documents from files, directories and ``-`` (standard input), in order."""
    for index, item in enumerate(expand_paths(paths)):
        if item == "-":
            if stdin is None:
                yield Failure(index, "-", "no standard input to read")
                continue
            raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read()
            try:
                text = decode(raw) if isinstance(raw, bytes) else raw
                doc = html_to_document(text, "-") if looks_like_html(text) else Document(text, "-")
            except InputError as exc:
                yield Failure(index, "-", str(exc))
                continue
            yield doc
            continue
        assert isinstance(item, Path)
        if not item.exists():
            yield Failure(index, str(item), "no such file or directory")
            continue
        try:
            yield read_file(item)
        except InputError as exc:
            yield Failure(index, str(item), str(exc))
