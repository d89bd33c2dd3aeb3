"""Stage 1: repair the damage that scraping and translation do to news text.

The repaired (*clean*) text is what the language model reads; an
:class:`~dateline.draft.OffsetMap` keeps, for every clean character, the
original characters it came from, so nothing downstream loses its place.

Repairs, in order:

* mojibake (``â€™`` for ``’``) and other encoding damage, line by line, with ftfy;
* straight double quotes turned into opening/closing curly ones by context;
* a quotation glued to the word before it (``Putin“Stop``) gets a colon and a space;
* a stray full stop after a closing quote (``Europe.” .``) is dropped;
* non-breaking and zero-width spaces become plain spaces or nothing.

Each repair is a list of edits ``(start, end, replacement)`` on the current text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

import ftfy

from dateline.draft import Draft, OffsetMap

Edit = tuple[int, int, str]

OPENING = "“"
CLOSING = "”"


def apply_edits(text: str, offsets: OffsetMap, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits to ``text``, carrying the offset map along."""
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for start, end, replacement in sorted(edits):
        if start < pos:
            continue  # overlaps an earlier edit: keep the first
        pieces.append(text[pos:start])
        starts.extend(offsets.starts[pos:start])
        ends.extend(offsets.ends[pos:start])
        if len(replacement) == end - start:
            starts.extend(offsets.starts[start:end])
            ends.extend(offsets.ends[start:end])
        elif end == start:  # insertion: zero-width, where the next character starts
            anchor = (
                offsets.starts[start]
                if start < len(offsets.starts)
                else (offsets.ends[-1] if offsets.ends else 0)
            )
            starts.extend([anchor] * len(replacement))
            ends.extend([anchor] * len(replacement))
        elif replacement:
            starts.extend([offsets.starts[start]] * len(replacement))
            ends.extend([offsets.ends[end - 1]] * len(replacement))
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    starts.extend(offsets.starts[pos:])
    ends.extend(offsets.ends[pos:])
    return "".join(pieces), OffsetMap(starts, ends)


def _aligned_edits(before: str, after: str, base: int) -> list[Edit]:
    """Edits that turn ``before`` into ``after``, as found by difflib."""
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    edits: list[Edit] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            edits.append((base + i1, base + i2, after[j1:j2]))
    return edits


def fix_encoding(text: str) -> list[Edit]:
    """ftfy, applied line by line so that each change can be aligned cheaply."""
    edits: list[Edit] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        fixed = ftfy.fix_text(
            body,
            uncurl_quotes=False,
            fix_line_breaks=False,
            normalization="NFC",
            explain=False,
        )
        if fixed != body:
            if len(body) > 20_000:  # too long to align: only same-length fixes are safe
                if len(fixed) == len(body):
                    edits.extend(
                        (pos + i, pos + i + 1, b)
                        for i, (a, b) in enumerate(zip(body, fixed, strict=True))
                        if a != b
                    )
            else:
                edits.extend(_aligned_edits(body, fixed, pos))
        pos += len(line)
    return edits


_SPACES = re.compile("[\u00a0\u2007\u202f]|[\u200b\u200c\u200d\ufeff]")


def fix_spaces(text: str) -> list[Edit]:
    """Non-breaking spaces become spaces; zero-width characters disappear."""
    return [
        (m.start(), m.end(), " " if m.group() in "\u00a0\u2007\u202f" else "")
        for m in _SPACES.finditer(text)
    ]


_STRAIGHT = re.compile(r'"')


def curl_quotes(text: str) -> list[Edit]:
    """Straight double quotes become opening or closing ones, judged by their neighbours.

    A quote with a space (or line start, or opening punctuation) before it and a word
    after it opens; one with a word before it and a space or punctuation after it
    closes. A quote standing between two spaces (``'above the president,' "``) is
    decided by what is open: it closes a quotation left open in its paragraph, else
    opens one. Already curly quotes are left as they are.
    """
    edits: list[Edit] = []
    open_quote = False
    pos = 0
    for m in _STRAIGHT.finditer(text):
        i = m.start()
        if "\n\n" in text[pos:i]:
            open_quote = False  # a new paragraph: nothing is open
        pos = i
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        space_before = before.isspace() or before in "([{—–-/:"
        space_after = after.isspace() or after in ".,;:!?)]}—–"
        if space_before and not space_after:
            opens = True
        elif space_after and not space_before:
            opens = False
        else:
            opens = not open_quote
        open_quote = opens
        edits.append((i, i + 1, OPENING if opens else CLOSING))
    return edits


# A letter or digit glued to an opening quote that starts a capitalised quotation:
# "asked the Russian president, Vladimir Putin“Stop that war" lost its colon and space.
_GLUED_OPENING = re.compile(r"(?<=[\w])“(?=[A-Z])")


def unglue_quotes(text: str) -> list[Edit]:
    """Insert the colon and space that scraping removed before a quotation."""
    return [(m.start(), m.start(), ": ") for m in _GLUED_OPENING.finditer(text)]


# "...in Europe.” ." : a full stop standing alone after a quotation that already ended one.
_STRAY_STOP = re.compile(r"(?<=[.!?][”’]) +\.(?=\s|$)")


def drop_stray_stops(text: str) -> list[Edit]:
    """Remove a lone full stop that follows a quotation ending in its own stop."""
    return [(m.start(), m.end(), "") for m in _STRAY_STOP.finditer(text)]


REPAIRS: list[Callable[[str], list[Edit]]] = [
    fix_encoding,
    fix_spaces,
    curl_quotes,
    unglue_quotes,
    drop_stray_stops,
]

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")


def normalize(draft: Draft) -> Draft:
    """Fill ``draft.clean`` and ``draft.offsets`` from the article's original text."""
    text = draft.article.text
    offsets = OffsetMap.identity(len(text))
    for repair in REPAIRS:
        edits = repair(text)
        if edits:
            text, offsets = apply_edits(text, offsets, edits)
    draft.clean = text
    draft.offsets = offsets
    draft.paragraph_starts = paragraph_starts(text)
    return draft


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (blank-line separated; single lines if none) begin."""
    separators = list(_PARAGRAPH_BREAK.finditer(text))
    if not separators and "\n" in text.strip():
        separators = list(re.finditer(r"\n+", text))
    starts = [0]
    starts.extend(m.end() for m in separators if m.end() < len(text))
    return starts
