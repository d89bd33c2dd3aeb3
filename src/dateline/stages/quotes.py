"""Stage 5: who said what. Quotations and reported speech, each with its cue and speaker.

Reads the parse of the clean text and writes ``article.quotes``, in reading order.

1. **Quotation marks** are paired over the clean text (normalisation has already
   curled straight quotes): an opening mark waits for its closing one; a closing
   mark with no opener is ignored (``for unity.” of that state.”``); a paragraph
   that ends inside a quotation ends it there, unless the next paragraph opens
   with a mark, the wire convention for a quotation that goes on. No quotation
   spans two others.
2. **Frames**: every cue the lexicon accepts (``lexicons/cues.tsv`` and the table
   learned from PolNeAR train), with its content where the parse puts it
   ("said *that ...*", "*...*, he said", "according to X, *...*") and its source
   (the subject, inherited through "and", relative clauses and participles).
3. **Quotations meet frames**: a quotation that *is* a frame's content makes
   it ``direct``; one inside a larger content makes that frame ``mixed`` and is
   kept as a ``partial`` quote of the same speaker. A quotation no frame holds
   finds its cue by the parse (walking up from the quotation), by a colon
   ("asked X: “...”") or nearby in its sentence ("“...,” she said"). A quotation
   with no cue at all follows wire convention: it continues the previous
   quotation of its paragraph, or, opening a paragraph, the previous speaker's.
   Frames holding no quotation are ``indirect``.
4. **Speakers**: the mention is where the text names the source; the speaker is
   the entity the entities stage put there. "He"/"she" with no entity goes to the
   last person who spoke, "they" to the last group; otherwise it stays unknown.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.draft import Draft
from dateline.model import Quote, Span
from dateline.quotes_model.cues import Lexicon, lexicon
from dateline.quotes_model.frames import (
    RELATIVE_PRONOUNS,
    Frame,
    addressee_of,
    candidate_frames,
    mention_span,
    phrase_of,
    source_of,
    trim,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

OPENING = "“"
CLOSING = "”"

#: A frame whose content is at least this share quotation is a direct quote, not mixed.
#: Counted in characters outside the marks, punctuation and spaces excluded.
DIRECT_SHARE = 0.8
#: How far (tokens) after a closing mark or before an opening one a cue may stand
#: and still introduce the quotation ("“...,” the senator from Ohio said").
NEARBY_TOKENS = 12
#: Hops up the parse from a quotation to its cue.
MAX_HOPS = 8
HE_SHE = frozenset({"he", "she", "him", "her"})
THEY = frozenset({"they", "them"})


@dataclass(slots=True)
class Quotation:
    """Characters between a pair of marks (clean text), possibly over paragraphs."""

    pieces: list[tuple[int, int]]  # [start, end) inside the marks, one per paragraph
    closed: bool

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


# Marks: curly double quotes, and the doubled apostrophe some archives use for them
# (''Like this,'' he said). A straight quote left over is judged by its neighbours.
_MARKS = re.compile(r"[“”\"]|'{2,3}")


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """(mark start, mark end, opens) for each quotation mark of ``text[start:end]``."""
    for m in _MARKS.finditer(text, start, end):
        mark = m.group()
        before = text[m.start() - 1] if m.start() > 0 else "\n"
        opens_by_context = before.isspace() or before in "([{—–-/:"
        if mark == OPENING:
            yield m.start(), m.end(), True
        elif mark == CLOSING:
            yield m.start(), m.end(), False
        elif mark == '"':
            yield m.start(), m.end(), opens_by_context
        elif opens_by_context:  # an opening run of apostrophes: the first two
            yield m.start(), m.start() + 2, True
        else:  # a closing run: the last two (a single quote may close just before)
            yield m.end() - 2, m.end(), False


def find_quotations(text: str, paragraph_starts: list[int]) -> list[Quotation]:
    """Pair the quotation marks of ``text``; see the module docstring."""
    ends = [*paragraph_starts[1:], len(text)]
    result: list[Quotation] = []
    pending: list[tuple[int, int]] = []  # pieces of a quotation carried over paragraphs
    for p_start, p_end in zip(paragraph_starts, ends, strict=True):
        para = text[p_start:p_end]
        body_end = p_start + len(para.rstrip())
        opened: int | None = None
        marks = list(_marks(text, p_start, p_end))
        if pending and not (marks and marks[0][2] and not text[p_start : marks[0][0]].strip()):
            result.append(Quotation(pending, closed=False))
            pending = []
        for m_start, m_end, opens in marks:
            if opens:
                if opened is not None:  # a new opening before a close: end the open one here
                    piece = _stripped(text, opened, m_start)
                    if piece:
                        result.append(Quotation([*pending, piece], closed=False))
                    pending = []
                opened = m_end
            elif opened is not None:
                result.append(Quotation([*pending, (opened, m_start)], closed=True))
                pending = []
                opened = None
        if opened is not None:
            piece = _stripped(text, opened, body_end)
            if piece:
                pending = [*pending, piece]
    if pending:
        result.append(Quotation(pending, closed=False))
    return [q for q in result if all(e > s for s, e in q.pieces)]


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


@dataclass(slots=True)
class Attribution:
    """A quote being assembled (token indices and clean offsets)."""

    kind: str
    pieces: list[tuple[int, int]]  # clean [start, end) of the content
    frame: Frame | None
    rule: str
    held: list[Quotation] = field(default_factory=list)  # quotations in its content
    partials: list[Quotation] = field(default_factory=list)  # ... that are only part of it
    frame_pieces: list[tuple[int, int]] = field(default_factory=list)
    cue_chars: tuple[int, int] | None = None  # clean [start, end) of the cue
    speaker_mention: Span | None = None
    speaker: str | None = None
    inherited_from: Attribution | None = None

    @property
    def start(self) -> int:
        return self.pieces[0][0]


class _Index:
    """Lookups over one Doc, built once: token at a character, quotation of a token."""

    def __init__(self, doc: Doc, quotations: list[Quotation], paragraph_starts: list[int]) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]
        self.paragraph = [bisect.bisect_right(paragraph_starts, i) - 1 for i in self.starts]
        self.in_quote: list[int] = [-1] * len(doc)
        for number, quotation in enumerate(quotations):
            for start, end in quotation.pieces:
                for i in range(self.token_at(start), len(doc)):
                    if doc[i].idx >= end:
                        break
                    if doc[i].idx >= start:
                        self.in_quote[i] = number

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def tokens(self, start: int, end: int) -> range:
        first = self.token_at(start)
        if first < len(self.starts) and self.starts[first] < start:
            first += 1
        last = bisect.bisect_left(self.starts, end)
        return range(first, last)


def extract_quotes(draft: Draft) -> Draft:
    """Fill ``draft.article.quotes``: quotations and reported speech, attributed."""
    doc = draft.doc
    if doc is None or len(doc) == 0:
        return draft
    lex = lexicon()
    quotations = find_quotations(draft.clean, draft.paragraph_starts or [0])
    index = _Index(doc, quotations, draft.paragraph_starts or [0])
    frames = _best_per_cue([
        clipped for f in candidate_frames(doc)
        if lex.accepts(f.phrase, f.relation) and (clipped := _clip(f, index)) is not None
    ], lex)
    attributions = _assemble(draft, index, quotations, frames, lex)
    mentions = _Mentions(draft)
    _resolve_speakers(draft, attributions, mentions)
    quotes = [_quote(draft, n, a, mentions) for n, a in enumerate(_flatten(attributions), 1)]
    draft.article.quotes = _without_nested_repeats(quotes)
    return draft


def _without_nested_repeats(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote that repeats, inside it, another of the same cue and kind family.

    Two frames of one cue (its clausal complement, and the wider argument that runs on
    into a second quotation) can both survive assembly; PolNeAR counts one attribution
    per cue, and so does a reader. Partial quotes are compared only with partial ones.
    """
    kept: list[Quote] = []
    for quote in quotes:
        partial = quote.kind == "partial"
        repeated = any(
            other is not quote
            and other.cue == quote.cue
            and (other.kind == "partial") == partial
            and other.content.contains(quote.content)
            and (other.content != quote.content or quotes.index(other) < quotes.index(quote))
            for other in quotes
        )
        if not repeated:
            kept.append(quote)
    for number, quote in enumerate(kept, 1):
        quote.id = f"Q{number}"
    return kept


# --- assembling ----------------------------------------------------------------------------


def _best_per_cue(frames: list[Frame], lex: Lexicon) -> list[Frame]:
    """Of a cue's frames whose contents overlap, the one train says is most often right."""
    by_head: dict[int, list[Frame]] = {}
    for frame in frames:
        by_head.setdefault(frame.head, []).append(frame)
    kept: list[Frame] = []
    for group in by_head.values():
        group.sort(key=lambda f: -lex.precision(f.phrase, f.relation))
        chosen: list[Frame] = []
        for frame in group:
            tokens = set(frame.content)
            if not any(tokens & set(other.content) for other in chosen):
                chosen.append(frame)
        kept.extend(chosen)
    kept.sort(key=lambda f: (f.head, f.content[0]))
    return kept


def _clip(frame: Frame, index: _Index) -> Frame | None:
    """The frame kept within its cue's paragraph (the parse can run across a blank line)."""
    para = index.paragraph[frame.head]
    content = tuple(i for i in frame.content if index.paragraph[i] == para)
    if not content:
        return None
    source = frame.source
    if source is not None and index.paragraph[source[0]] != para:
        source = None
    if content == frame.content and source == frame.source:
        return frame
    return Frame(frame.cue, frame.phrase, frame.relation, content, source, frame.addressee)


def _content_chars(doc: Doc, tokens: tuple[int, ...]) -> list[tuple[int, int]]:
    """Clean-text character ranges of the runs of consecutive tokens."""
    pieces: list[tuple[int, int]] = []
    previous = -2
    for i in tokens:
        start, end = doc[i].idx, doc[i].idx + len(doc[i])
        if pieces and i == previous + 1:
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
        previous = i
    return pieces


def _assemble(draft: Draft, index: _Index, quotations: list[Quotation], frames: list[Frame],
              lex: Lexicon) -> list[Attribution]:
    doc = index.doc
    text = draft.clean
    frame_pieces = [_content_chars(doc, f.content) for f in frames]
    frame_ranges = [(p[0][0], p[-1][1]) for p in frame_pieces]
    # Frames by their cue's first token, for the quotations that find a cue on their own.
    by_cue: dict[int, list[int]] = {}
    for n, frame in enumerate(frames):
        by_cue.setdefault(frame.head, []).append(n)
    owned: dict[int, Attribution] = {}  # frame number -> its attribution
    consumed: set[int] = set()  # frames a quotation replaced

    def own(n: int, quotation: Quotation) -> Attribution:
        attribution = owned.get(n)
        if attribution is None:
            frame = frames[n]
            attribution = Attribution("indirect", frame_pieces[n], frame, f"frame:{frame.relation}")
            attribution.frame_pieces = frame_pieces[n]
            cue_tokens = sorted(frame.cue)
            attribution.cue_chars = (doc[cue_tokens[0]].idx,
                                     doc[cue_tokens[-1]].idx + len(doc[cue_tokens[-1]]))
            owned[n] = attribution
            attributions.append(attribution)
        attribution.held.append(quotation)
        _settle(text, attribution)
        return attribution

    attributions: list[Attribution] = []
    previous: Attribution | None = None
    for number, quotation in enumerate(quotations):
        q_start, q_end = quotation.start, quotation.end
        # 1. "asked the Russian president, Vladimir Putin: “Stop ...”": the cue before a colon.
        cue: tuple[int, str, int | None] | None = _colon_cue(index, quotation, lex)
        # 2. A frame whose content holds the quotation (innermost speech frame first);
        # a cue inside a quotation holds nothing outside it.
        if cue is None:
            holders = [
                n for n, (s, e) in enumerate(frame_ranges)
                if s <= q_start and q_end <= e + 1 and index.in_quote[frames[n].head] < 0
            ]
            holder = _innermost(holders, frames, frame_ranges, lex)
            if holder is not None:
                previous = own(holder, quotation)
                continue
        # 3. A cue found from the quotation itself.
        if cue is None:
            cue = _cue_for(index, quotation, number, lex)
        if cue is not None:
            head, rule, argument_root = cue
            if previous is not None and previous.frame is not None and previous.frame.head == head \
                    and previous.kind in ("direct", "partial"):
                _add_quotation(text, previous, quotation)  # "“A,” he said, “B.”"
                continue
            same_cue = [
                n for n in by_cue.get(head, [])
                if frame_ranges[n][0] < q_end and q_start < frame_ranges[n][1]
            ]
            if same_cue and rule == "quote+colon":
                consumed.update(same_cue)  # the colon, not the parse, says where it is
            elif same_cue:  # the cue's content runs on past where the parse ended it
                previous = own(same_cue[0], quotation)
                continue
            frame = _cue_frame(doc, head, index, lex)
            argument = None if argument_root is None else _argument(index, head, argument_root)
            if argument:  # "called the judge a “hater”": the content is what the cue governs
                attribution = Attribution("indirect", argument, frame, rule)
                attribution.frame_pieces = argument
                attribution.cue_chars = (doc[head].idx, doc[head].idx + len(doc[head]))
                attribution.held.append(quotation)
                _settle(text, attribution)
                attributions.append(attribution)
                previous = attribution
                continue
            kind = "partial" if _is_embedded(text, index, quotation, head) else "direct"
            attribution = Attribution(kind, list(quotation.pieces), frame, rule)
            attribution.held.append(quotation)
            attributions.append(attribution)
            previous = attribution
            continue
        # 4. No cue: wire convention, or a phrase the writer only puts in marks.
        if previous is not None and previous.kind == "direct" and _same_paragraph(
            draft, previous.pieces[-1][1], q_start
        ):
            _add_quotation(text, previous, quotation)
            continue
        if _is_scare_quote(text, index, quotation):
            continue
        attribution = Attribution("direct", list(quotation.pieces), None, "convention")
        attribution.held.append(quotation)
        if previous is not None and _opens_paragraph(draft, q_start):
            attribution.inherited_from = previous
        attributions.append(attribution)
        previous = attribution
    # Frames that hold no quotation: reported speech. A frame whose content is a quotation
    # that went to another cue is a rival reading of it, not a report of its own.
    given = [p for a in attributions for q in a.held for p in q.pieces]
    for n, frame in enumerate(frames):
        if n in owned or n in consumed:
            continue
        if given and _quoted_share(text, frame_pieces[n], given) >= DIRECT_SHARE:
            continue
        if any(index.in_quote[i] >= 0 for i in frame.cue) and _inside_quote_only(index, frame):
            continue
        attributions.append(
            Attribution("indirect", frame_pieces[n], frame, f"frame:{frame.relation}")
        )
    attributions.sort(key=lambda a: a.start)
    return _drop_duplicates(attributions)


def _add_quotation(text: str, attribution: Attribution, quotation: Quotation) -> None:
    attribution.held.append(quotation)
    if attribution.frame_pieces:
        _settle(text, attribution)
    else:
        attribution.pieces.extend(quotation.pieces)


def _settle(text: str, a: Attribution) -> None:
    """Direct when its quotations make up the content, mixed when they are part of it."""
    quoted = [p for q in a.held for p in q.pieces]
    union = _union([*a.frame_pieces, *quoted])
    inside = sum(_letters(text, s, e) for s, e in quoted)
    total = sum(_letters(text, s, e) for s, e in union)
    relation = a.frame.relation if a.frame else ""
    if relation == "quote":  # a cue found from the quotation, its content from the parse
        relation = "argument"
    if total and inside / total >= DIRECT_SHARE:
        a.kind = "partial" if _follows_a_word(text, a) else "direct"
        a.pieces = sorted(quoted)
        a.partials = []
        a.rule = f"quote+frame:{relation}"
    else:
        a.kind = "mixed"
        a.pieces = union
        a.partials = list(a.held)
        a.rule = f"frame:{relation}"


def _follows_a_word(text: str, a: Attribution) -> bool:
    """True when the first quotation continues the writer's words ("their “solidarity")."""
    pos = a.held[0].start - 1  # its opening mark
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    if pos <= 0 or not text[pos - 1].isalnum():
        return False
    return not (a.cue_chars and a.cue_chars[0] <= pos - 1 < a.cue_chars[1])


def _quoted_share(text: str, pieces: list[tuple[int, int]],
                  quoted: list[tuple[int, int]]) -> float:
    """Share of the letters of ``pieces`` that lie inside the ``quoted`` ranges."""
    total = inside = 0
    for start, end in pieces:
        total += _letters(text, start, end)
        for q_start, q_end in quoted:
            if q_start < end and start < q_end:
                inside += _letters(text, max(start, q_start), min(end, q_end))
    return inside / total if total else 0.0


def _union(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges merged where they overlap or touch (across a mark and spaces)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


#: A quotation with no cue, set inside the writer's sentence and this short, is a
#: phrase in marks (a title, a nickname, a scare quote), not something said.
SCARE_QUOTE_WORDS = 4


def _is_scare_quote(text: str, index: _Index, quotation: Quotation) -> bool:
    words = sum(len(text[s:e].split()) for s, e in quotation.pieces)
    if words <= SCARE_QUOTE_WORDS:
        return True
    pos = quotation.start - 1
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos > 0 and text[pos - 1].isalnum() and words <= 2 * SCARE_QUOTE_WORDS


def quoted_frame_filter(draft: Draft):  # type: ignore[no-untyped-def]
    """A test that is False for a frame wholly inside one quotation (the quoted speaker's
    own report, which the stage does not keep); for learning the cue lexicon."""
    quotations = find_quotations(draft.clean, draft.paragraph_starts or [0])
    assert draft.doc is not None
    index = _Index(draft.doc, quotations, draft.paragraph_starts or [0])

    def keep(frame: Frame) -> bool:
        return not (
            any(index.in_quote[i] >= 0 for i in frame.cue) and _inside_quote_only(index, frame)
        )

    return keep


def _inside_quote_only(index: _Index, frame: Frame) -> bool:
    """True when the whole frame, cue and content, lies inside one quotation."""
    number = index.in_quote[frame.head]
    return all(index.in_quote[i] == number for i in frame.content)


def _drop_duplicates(attributions: list[Attribution]) -> list[Attribution]:
    """One attribution per (cue, content): the parse can offer the same one twice."""
    seen: set[tuple[int | None, tuple[tuple[int, int], ...]]] = set()
    kept = []
    for a in attributions:
        key = (None if a.frame is None else a.frame.head, tuple(a.pieces))
        if key in seen:
            continue
        seen.add(key)
        kept.append(a)
    return kept


def _innermost(holders: list[int], frames: list[Frame], ranges: list[tuple[int, int]],
               lex: Lexicon) -> int | None:
    if not holders:
        return None
    speech = [n for n in holders if lex.is_speech(frames[n].phrase)]
    pool = speech or holders
    return min(pool, key=lambda n: (ranges[n][1] - ranges[n][0], -frames[n].head))


def _letters(text: str, start: int, end: int) -> int:
    return sum(1 for c in text[start:end] if c.isalnum())


def _is_embedded(text: str, index: _Index, quotation: Quotation, cue_head: int) -> bool:
    """True when the quotation continues a sentence of the writer's ("the “desperation”")."""
    pos = quotation.start - 1  # the opening mark
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    if pos <= 0 or not text[pos - 1].isalnum():
        return False
    before = index.token_at(pos - 1)
    cue_tokens = {cue_head, *(c.i for c in index.doc[cue_head].children if c.dep_ == "prt")}
    return before not in cue_tokens


def _same_paragraph(draft: Draft, a: int, b: int) -> bool:
    return draft.paragraph_of(a) == draft.paragraph_of(b)


def _opens_paragraph(draft: Draft, quote_start: int) -> bool:
    para = draft.paragraph_of(quote_start)
    starts = draft.paragraph_starts or [0]
    return not draft.clean[starts[para] : quote_start - 1].strip()


def _is_cue_token(index: _Index, i: int, lex: Lexicon) -> bool:
    token = index.doc[i]
    if token.pos_ not in ("VERB", "AUX") and token.lower_ != "according":
        return False
    if token.dep_ in ("amod", "compound") or (i > 0 and index.doc[i - 1].lower_ == "so"):
        return False  # "the so-called “Gang of Eight”": a participle describing a noun
    if index.in_quote[i] >= 0:
        return False
    return lex.is_cue(phrase_of(token)[0])


def _colon_cue(index: _Index, quotation: Quotation, lex: Lexicon) -> tuple[int, str, None] | None:
    """The nearest speech cue before a colon that introduces the quotation."""
    doc = index.doc
    text = doc.text
    colon = quotation.start - 2
    while colon >= 0 and text[colon].isspace():
        colon -= 1
    if colon < 0 or text[colon] != ":":
        return None
    colon_token = index.token_at(colon)
    sent_start = doc[colon_token].sent.start
    for i in range(colon_token - 1, max(sent_start, colon_token - 40) - 1, -1):
        if _is_cue_token(index, i, lex) and lex.is_speech(phrase_of(doc[i])[0]):
            return i, "quote+colon", None
    return None


def _cue_for(index: _Index, quotation: Quotation, number: int, lex: Lexicon
             ) -> tuple[int, str, int | None] | None:
    """The cue token of a quotation no frame holds, the rule that found it, and (found
    through the parse) the token under the cue whose subtree holds the quotation."""
    doc = index.doc
    tokens = [i for s, e in quotation.pieces for i in index.tokens(s, e)]
    if not tokens:
        return None
    first, last = tokens[0], tokens[-1]
    # Up the parse from the quotation's tokens whose heads lie outside it.
    chain: list[int] = []
    below: dict[int, int] = {}  # cue -> the node under it on the way up
    paragraphs = {index.paragraph[first], index.paragraph[last]}
    for i in tokens:
        head = doc[i].head
        if index.in_quote[head.i] == number:
            continue
        hops = 0
        node, prev = head, i
        while hops < MAX_HOPS and index.paragraph[node.i] in paragraphs:
            if _is_cue_token(index, node.i, lex) and node.i not in chain:
                chain.append(node.i)
                below[node.i] = prev
            if node.head.i == node.i:
                break
            node, prev = node.head, node.i
            hops += 1
    if chain:
        cue = _reporting_cue(doc, chain, lex)
        return cue, "quote+parse", below[cue]
    # Nearby in the writer's sentence: after the closing mark, then before the opening one.
    # The parser's sentences are not trusted here: it often ends one at a closing mark.
    para = index.paragraph[last]
    for i in range(last + 1, min(len(doc), last + 1 + NEARBY_TOKENS)):
        if index.in_quote[i] >= 0 or index.paragraph[i] != para or doc[i].text in _SENTENCE_END:
            break
        if _is_cue_token(index, i, lex):
            return i, "quote+after", None
    para = index.paragraph[first]
    for i in range(first - 1, max(0, first - NEARBY_TOKENS) - 1, -1):
        if index.in_quote[i] >= 0 or index.paragraph[i] != para or doc[i].text in _SENTENCE_END:
            break
        if _is_cue_token(index, i, lex):
            return i, "quote+before", None
    return None


_SENTENCE_END = frozenset({".", "!", "?"})


#: Relations under a cue whose subtree is the content of a quotation found through the parse.
ARGUMENTS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "pobj", "prep", "advcl"})


def _argument(index: _Index, cue: int, root: int) -> list[tuple[int, int]]:
    """Characters of the cue's argument that holds the quotation ("the judge a “hater”")."""
    doc = index.doc
    node = doc[root]
    if node.dep_ not in ARGUMENTS or node.head.i != cue:
        return []
    tokens = set(range(node.left_edge.i, node.right_edge.i + 1))
    if node.dep_ in ("oprd", "xcomp", "ccomp", "attr", "advcl", "prep"):
        for child in doc[cue].children:
            if child.dep_ == "dobj" and cue < child.i < node.i:
                tokens.update(range(child.left_edge.i, child.right_edge.i + 1))
    para = index.paragraph[cue]
    kept = trim(doc, sorted(i for i in tokens if index.paragraph[i] == para))
    return _content_chars(doc, kept)


def _reporting_cue(doc: Doc, chain: list[int], lex: Lexicon) -> int:
    """The innermost cue, unless it is a thought reported by a speech cue above it:
    in "said he understood the “desperation”" the marked words are what was *said*."""
    inner = chain[0]
    if lex.is_speech(phrase_of(doc[inner])[0]):
        return inner
    for outer in chain[1:]:
        if not lex.is_speech(phrase_of(doc[outer])[0]):
            continue
        for child in doc[outer].children:
            if child.dep_ in ("ccomp", "xcomp") and (
                child.left_edge.i <= inner <= child.right_edge.i
            ):
                return outer
        break
    return inner


def _cue_frame(doc: Doc, head: int, index: _Index, lex: Lexicon) -> Frame:
    """A frame for a cue found from a quotation: its phrase, source and addressee."""
    token = doc[head]
    phrase, cue = phrase_of(token)
    if phrase == "according to":
        pobj = next((c for c in doc[cue[1]].children if c.dep_ == "pobj"), None)
        source = None if pobj is None else mention_span(pobj)
    else:
        subject = source_of(token)
        source = None if subject is None else mention_span(subject)
    return Frame(cue, phrase, "quote", (), source, addressee_of(token, set()))


# --- speakers ------------------------------------------------------------------------------


class _Mentions:
    """Entity mentions of the article by position, for speaker lookups."""

    def __init__(self, draft: Draft) -> None:
        self.items: list[tuple[int, int, str, str]] = []  # start, end, entity id, kind
        self.kinds: dict[str, str] = {}
        for entity in draft.article.entities:
            self.kinds[entity.id] = entity.kind
            for mention in entity.mentions:
                self.items.append((mention.span.start, mention.span.end, entity.id, mention.kind))
        self.items.sort()
        self.starts = [m[0] for m in self.items]

    def entity_at(self, span: Span, head: Span | None = None) -> str | None:
        """The entity of the mention that best covers ``span`` (its head first)."""
        for target in (head, span):
            if target is None:
                continue
            hits = []
            i = bisect.bisect_right(self.starts, target.end) - 1
            while i >= 0 and self.items[i][0] < target.end:
                start, end, entity, _ = self.items[i]
                if start < target.end and target.start < end:
                    hits.append((min(end, target.end) - max(start, target.start), -start, entity))
                if target.start - start > 400:
                    break
                i -= 1
            if hits:
                return max(hits)[2]
        return None


def _resolve_speakers(draft: Draft, attributions: list[Attribution], mentions: _Mentions) -> None:
    doc = draft.doc
    assert doc is not None
    shared = _shared_entity_at()
    last_person: str | None = None
    last_group: str | None = None
    for a in attributions:
        if a.frame is not None and a.frame.source is not None:
            start, end = a.frame.source
            span = draft.token_span(doc[start:end])
            head = _head_span(draft, doc, start, end)
            a.speaker_mention = span
            if (end - start == 1 and doc[start].lower_ in RELATIVE_PRONOUNS
                    and doc[start].head.dep_ == "relcl"):
                # "Stoltenberg, who asked": the speaker is the relative pronoun's antecedent
                start, end = mention_span(doc[start].head.head)
                span = draft.token_span(doc[start:end])
                head = _head_span(draft, doc, start, end)
            a.speaker = (shared(draft, head) if shared else None) or mentions.entity_at(span, head)
            words = span.text.lower()
            if a.speaker is None and words in HE_SHE:
                a.speaker = last_person
            elif a.speaker is None and words in THEY:
                a.speaker = last_group
        elif a.inherited_from is not None or a.frame is None:
            source = a.inherited_from
            if source is None:
                continue
            a.speaker_mention = source.speaker_mention
            a.speaker = source.speaker
        if a.speaker is not None:
            kind = mentions.kinds.get(a.speaker)
            if kind == "person":
                last_person = a.speaker
            elif kind in ("organisation", "group", "country"):
                last_group = a.speaker


def _head_span(draft: Draft, doc: Doc, start: int, end: int) -> Span:
    """The original span of a mention's syntactic head ("Stoltenberg" in "J. Stoltenberg")."""
    span = doc[start:end]
    return draft.token_span(span.root)


def _shared_entity_at():  # type: ignore[no-untyped-def]
    """The entities stage's own ``entity_at(draft, span)``, where it provides one."""
    try:
        from dateline.stages import entities
    except ImportError:  # pragma: no cover
        return None
    return getattr(entities, "entity_at", None)


# --- output --------------------------------------------------------------------------------


def _flatten(attributions: list[Attribution]) -> list[Attribution]:
    """Attributions with their partial quotations as quotes of their own, in order."""
    result: list[Attribution] = []
    for a in attributions:
        result.append(a)
        for quotation in a.partials:
            partial = Attribution("partial", list(quotation.pieces), a.frame,
                                  "partial-in-" + a.rule, [quotation])
            partial.speaker_mention = a.speaker_mention
            partial.speaker = a.speaker
            result.append(partial)
    return result


def _quote(draft: Draft, number: int, a: Attribution, mentions: _Mentions) -> Quote:
    doc = draft.doc
    assert doc is not None
    segments = [draft.span(s, e) for s, e in a.pieces]
    content = draft.span(a.pieces[0][0], a.pieces[-1][1])
    cue = addressee = None
    if a.frame is not None:
        cue_tokens = sorted(a.frame.cue)
        cue = draft.span(doc[cue_tokens[0]].idx, doc[cue_tokens[-1]].idx + len(doc[cue_tokens[-1]]))
        if a.frame.addressee is not None:
            addressee = draft.token_span(doc[a.frame.addressee[0] : a.frame.addressee[1]])
    addressee_id = None if addressee is None else mentions.entity_at(addressee)
    return Quote(
        id=f"Q{number}",
        kind=a.kind,  # type: ignore[arg-type]
        content=content,
        cue=cue,
        speaker_mention=a.speaker_mention,
        speaker=a.speaker,
        addressee_mention=addressee,
        addressee=addressee_id,
        segments=segments if len(segments) > 1 else [],
        rule=a.rule,
    )
