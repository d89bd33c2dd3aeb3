"""The working record that flows through the stages of one analysis.

A :class:`Draft` holds the :class:`~dateline.model.Article` being filled in,
the *clean* text that the language model reads (quotation marks and spacing
repaired, mojibake fixed) and the map from each clean character back to the
original characters, so that every record points into the original text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateline.model import Article, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


@dataclass(slots=True)
class OffsetMap:
    """For clean character ``i``: it came from original ``[starts[i], ends[i])``.

    An inserted character has ``starts[i] == ends[i]``.
    """

    starts: list[int]
    ends: list[int]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls(list(range(length)), list(range(1, length + 1)))

    def original(self, start: int, end: int, text_length: int) -> tuple[int, int]:
        """The original ``[start, end)`` that clean ``[start, end)`` came from."""
        if not self.starts:
            return (0, 0)
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else text_length
            return (pos, pos)
        return (self.starts[start], max(self.starts[start], self.ends[end - 1]))


@dataclass(slots=True)
class Draft:
    """An article on its way through the pipeline."""

    article: Article
    clean: str = ""
    offsets: OffsetMap = field(default_factory=lambda: OffsetMap([], []))
    doc: Doc | None = None
    paragraph_starts: list[int] = field(default_factory=list)  # clean offsets
    skip_language: bool = False  # True: not English, skip the language stages
    extras: dict[str, Any] = field(default_factory=dict)  # stage-to-stage notes

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` of the original text for clean ``[start, end)``."""
        o_start, o_end = self.offsets.original(start, end, len(self.article.text))
        return Span(o_start, o_end, self.article.text[o_start:o_end])

    def token_span(self, tokens: SpacySpan | Token) -> Span:
        """The original-text span of a spaCy token or span of the clean text."""
        if hasattr(tokens, "idx") and not hasattr(tokens, "start_char"):
            start = tokens.idx  # type: ignore[union-attr]
            return self.span(start, start + len(tokens))  # type: ignore[arg-type]
        return self.span(tokens.start_char, tokens.end_char)  # type: ignore[union-attr]

    def paragraph_of(self, clean_offset: int) -> int:
        """Index of the paragraph holding this clean offset."""
        import bisect

        return max(0, bisect.bisect_right(self.paragraph_starts, clean_offset) - 1)
