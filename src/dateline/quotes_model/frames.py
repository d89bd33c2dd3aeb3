"""Attribution frames offered by the dependency parse: a cue, its content, its source.

:func:`candidate_frames` walks a spaCy Doc once and offers, for every verb (and
noun with a clause), each place its content could be (a *relation*, see
:mod:`dateline.quotes_model.cues`). The quotes stage keeps those the cue lexicon
accepts; ``dateline eval build-cues`` counts them against PolNeAR to learn it.
Both therefore see exactly the same candidates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: Particles and prepositions that belong to a cue phrase ("point out", "call for").
PARTICLES = frozenset({"out", "up", "down", "back", "on", "off", "over", "in"})
PHRASAL_PREPOSITIONS = frozenset({"for", "on", "about", "of", "to", "against"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
SUBJECTS = frozenset({"nsubj", "csubj"})
#: Children that are not part of a speaker's mention ("Stoltenberg, who asked ...").
NOT_IN_MENTION = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"})
#: Dependents whose subject a verb inherits ("said ... but recalled that").
INHERITS_SUBJECT = frozenset({"conj", "xcomp", "advcl"})
IN_MENTION = frozenset({"appos", "compound", "amod", "nummod", "nmod", "poss"})
_EDGE_PUNCT = frozenset(",.;:-—–()[]")


@dataclass(slots=True)
class Frame:
    """One candidate attribution, in token indices of the Doc."""

    cue: tuple[int, ...]  # the cue's tokens
    phrase: str  # its lexicon key, e.g. "point out"
    relation: str  # where its content is
    content: tuple[int, ...]  # the content's tokens, sorted
    source: tuple[int, int] | None  # the speaker mention: tokens [start, end)
    addressee: tuple[int, int] | None = None

    @property
    def head(self) -> int:
        return self.cue[0]


def phrase_of(token: Token) -> tuple[str, tuple[int, ...]]:
    """The cue phrase a token heads, and its tokens ("pointed out" -> "point out")."""
    lemma = token.lemma_.lower()
    if lemma == "accord" and token.lower_ == "according":
        for child in token.children:
            if child.lower_ == "to":
                return "according to", (token.i, child.i)
    for child in token.children:
        if child.dep_ == "prt" and child.lower_ in PARTICLES:
            return f"{lemma} {child.lower_}", (token.i, child.i)
    return lemma, (token.i,)


def _phrasal_prep(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in PHRASAL_PREPOSITIONS and child.i > token.i:
            return child
    return None


def trim(doc: Doc, tokens: list[int]) -> tuple[int, ...]:
    """Tokens without punctuation and spaces at either edge (quotation marks stay)."""
    start, end = 0, len(tokens)
    while start < end and (doc[tokens[start]].text in _EDGE_PUNCT or doc[tokens[start]].is_space):
        start += 1
    while end > start and (
        doc[tokens[end - 1]].text in _EDGE_PUNCT or doc[tokens[end - 1]].is_space
    ):
        end -= 1
    return tuple(tokens[start:end])


def subtree(token: Token, without: set[int] | None = None) -> list[int]:
    """Token indices of ``token``'s subtree, less the subtrees rooted at ``without``."""
    if not without:
        return list(range(token.left_edge.i, token.right_edge.i + 1))
    result = []
    stack = [token]
    while stack:
        t = stack.pop()
        if t.i in without:
            continue
        result.append(t.i)
        stack.extend(t.children)
    return sorted(result)


def mention_span(token: Token) -> tuple[int, int]:
    """Tokens ``[start, end)`` of the noun phrase headed by ``token``, appositions
    included, relative clauses and trailing punctuation left out."""
    start = end = token.i
    for child in token.lefts:
        if child.dep_ not in NOT_IN_MENTION:
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ == "punct":
            continue
        if child.dep_ in IN_MENTION or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(end, child.right_edge.i)  # "the secretary general of the Alliance, J. S."
            continue
        break
    doc = token.doc
    while end > token.i and doc[end].text in _EDGE_PUNCT:
        end -= 1
    return start, end + 1


def source_of(verb: Token, hops: int = 0) -> Token | None:
    """The head token of whoever the verb's clause attributes to, or None."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child  # a relative pronoun ("who") is resolved with its antecedent later
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if any(child.dep_ == "nsubjpass" for child in verb.children):
        return None  # "it was reported that": no source named
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "officials speaking on condition of anonymity"
    if hops < 3 and verb.head.i != verb.i and (
        verb.dep_ in INHERITS_SUBJECT or (verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "advcl"))
    ):
        head = verb.head
        while head.pos_ == "ADP" and head.head.i != head.i:  # "before saying", "by telling"
            head = head.head
        return source_of(head, hops + 1)
    return None


def _noun_source(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in ("PROPN", "PRON", "NOUN"):
                    return grandchild
    return None


#: Cues whose object is the person spoken to ("told reporters", "asked the president").
ADDRESSING = frozenset({"tell", "ask", "urge", "warn", "inform", "assure", "remind", "advise",
                        "beg", "implore", "call on", "appeal", "promise", "order", "instruct"})


def addressee_of(verb: Token, content: set[int]) -> tuple[int, int] | None:
    if phrase_of(verb)[0] not in ADDRESSING:
        return None
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and child.i not in content and child.pos_ in (
            "PROPN", "NOUN", "PRON"
        ):
            return mention_span(child)
    return None


def candidate_frames(doc: Doc) -> Iterator[Frame]:
    """Every (cue, relation) the parse offers, with its content and source."""
    line_start = 0
    for token in doc:
        pos = token.pos_
        if "\n" in token.text_with_ws:
            line_start = token.i + 1
        if pos == "VERB" or (pos == "AUX" and token.dep_ == "ROOT"):
            yield from _verb_frames(doc, token)
        elif pos == "NOUN":
            yield from _noun_frames(doc, token)
        elif token.text == ":" and 0 < token.i - line_start <= COLON_SPEAKER_TOKENS:
            frame = _colon_frame(doc, token, line_start)
            if frame:
                yield frame


def _frame(doc: Doc, cue: tuple[int, ...], phrase: str, relation: str, tokens: list[int],
           source: Token | None, verb: Token | None = None) -> Frame | None:
    content = trim(doc, tokens)
    if not content:
        return None
    span = None if source is None else mention_span(source)
    addressee = None if verb is None else addressee_of(verb, set(content))
    return Frame(cue, phrase, relation, content, span, addressee)


def _verb_frames(doc: Doc, verb: Token) -> Iterator[Frame]:
    phrase, cue = phrase_of(verb)
    if phrase == "according to":
        frame = _according_frame(doc, verb, cue)
        if frame:
            yield frame
        return
    source = source_of(verb)
    prep = _phrasal_prep(verb)
    if prep is not None:
        with_prep = f"{phrase} {prep.lower_}"
        for child in prep.children:
            if child.dep_ in ("pobj", "pcomp"):
                frame = _frame(doc, cue + (prep.i,), with_prep, "prep", subtree(child), source,
                               verb)
                if frame:
                    yield frame
    for child in verb.children:
        dep = child.dep_
        relation = None
        if dep == "ccomp":
            relation = "ccomp"
        elif dep == "xcomp":
            relation = "xcomp"
        elif dep == "dobj":
            relation = "dobj"
        if relation is None:
            continue
        tokens = subtree(child, _own_reports(child))
        frame = _frame(doc, cue, phrase, relation, tokens, source, verb)
        if frame:
            yield frame
            if relation == "ccomp" and child.i > verb.i:
                rest = _rest_of_sentence(doc, tokens[-1] + 1, child.sent.end)
                if rest:
                    longer = _frame(doc, cue, phrase, "ccomp+rest", tokens + rest, source, verb)
                    if longer:
                        yield longer
    yield from _xcomp_variants(doc, verb, cue, phrase, source)
    if not any(c.dep_ == "ccomp" for c in verb.children):
        frame = _misattached_that(doc, verb, cue, phrase, source)
        if frame:
            yield frame
    if verb.dep_ == "parataxis" or (
        verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    ):
        host = verb.head
        frame = _frame(doc, cue, phrase, "host", subtree(host, {verb.i}), source)
        if frame:
            yield frame


#: How far after its cue a "that" may open a clause the parse hung elsewhere.
THAT_WINDOW = 12


def _xcomp_variants(doc: Doc, verb: Token, cue: tuple[int, ...], phrase: str,
                    source: Token | None) -> Iterator[Frame]:
    """ "pressed *Yanukovych to sign*" (obj+xcomp), "*Enthusiasm* appears *to have
    plummeted*" (subj+xcomp, no source) and "called *him a liar*" (obj+pred): the
    complement with the one it is about."""
    predicate = next((c for c in verb.children if c.dep_ in ("oprd", "acomp")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if predicate is not None and obj is not None and obj.i < predicate.i:
        frame = _frame(doc, cue, phrase, "obj+pred",
                       list(range(obj.left_edge.i, predicate.right_edge.i + 1)), source, verb)
        if frame:
            yield frame
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is None:
        return
    rest = subtree(xcomp, _own_reports(xcomp))
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
    if obj is not None:
        frame = _frame(doc, cue, phrase, "obj+xcomp", sorted(subtree(obj) + rest), source, verb)
        if frame:
            yield frame
    subject = next(
        (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None
    )
    if subject is not None:
        frame = _frame(doc, cue, phrase, "subj+xcomp", sorted(subtree(subject) + rest), None)
        if frame:
            yield frame


def _according_frame(doc: Doc, according: Token, cue: tuple[int, ...]) -> Frame | None:
    """ "X did Y, according to Z": the content is the clause, up to the sentence's root
    (the parse often hangs the phrase on a conjunct) and after any colon before it."""
    host = according.head
    while host.dep_ in ("conj", "advcl", "ccomp") and host.head.i != host.i and (
        host.head.sent.start == according.sent.start
    ):
        host = host.head
    if host.i == according.i:
        return None
    tokens = subtree(host, {according.i})
    colons = [i for i in tokens if doc[i].text in (":", ";") and i < according.i]
    if colons:
        tokens = [i for i in tokens if i > colons[-1]]
    source = next((c for c in doc[cue[1]].children if c.dep_ == "pobj"), None)
    return _frame(doc, cue, "according to", "host", tokens, source)


def _rest_of_sentence(doc: Doc, start: int, end: int) -> list[int]:
    """Tokens from ``start`` to the sentence's end that may continue a content ("said
    polls could be “way off,” and have been unreliable"): up to a semicolon or a verb
    of saying, which opens an attribution of its own."""
    from dateline.quotes_model.cues import hand_lexicon

    lex = hand_lexicon()
    rest = []
    for i in range(start, end):
        token = doc[i]
        if token.text == ";" or "\n" in token.text:
            break
        if token.pos_ == "VERB" and lex.is_speech(phrase_of(token)[0]):
            break
        rest.append(i)
    while rest and (doc[rest[-1]].pos_ in ("CCONJ", "PUNCT") and not doc[rest[-1]].is_quote):
        rest.pop()  # "..., but" before the next attribution
    return rest


def _own_reports(root: Token) -> set[int]:
    """Trailing verbs inside a content that report on their own ("..., claiming that",
    "... and insisted that"): the parse hung them on the content; they are attributions
    of their own."""
    from dateline.quotes_model.cues import hand_lexicon

    lex = hand_lexicon()
    return {
        child.i for child in root.rights
        if (
            (child.dep_ == "advcl" and child.tag_ == "VBG")
            or (child.dep_ == "conj" and child.pos_ == "VERB")
        )
        and lex.is_cue(phrase_of(child)[0])
        and any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in child.children)
    }


def _misattached_that(doc: Doc, verb: Token, cue: tuple[int, ...], phrase: str,
                      source: Token | None) -> Frame | None:
    """ "said in one of a series of messages *that the truck was carrying arms*": the
    parse hung the clause on the nearest noun; take it back for the cue."""
    sent_end = verb.sent.end
    for i in range(verb.i + 1, min(sent_end, verb.i + THAT_WINDOW)):
        token = doc[i]
        if token.lower_ == "that" and token.dep_ == "mark" and token.head.i > i:
            return _frame(doc, cue, phrase, "that", list(range(i, token.head.right_edge.i + 1)),
                          source, verb)
        if (token.pos_ in ("VERB", "AUX") and token.dep_ != "aux") or token.pos_ == "CCONJ" or (
            token.is_quote
        ):
            return None
    return None


#: "Carson: Cruz taking 'Benghazi' approach": at most this many tokens name the speaker.
COLON_SPEAKER_TOKENS = 6
_NAME_POS = frozenset({"PROPN", "NOUN", "DET", "ADJ", "NUM", "PUNCT", "CCONJ", "ADP"})


def _colon_frame(doc: Doc, colon: Token, line_start: int) -> Frame | None:
    """A line that opens with its speaker and a colon (headlines, interviews)."""
    speaker = doc[line_start : colon.i]
    if not speaker[0].is_title and not speaker[0].is_upper:
        return None
    if any(t.pos_ not in _NAME_POS for t in speaker) or not any(
        t.pos_ in ("PROPN", "NOUN") for t in speaker
    ):
        return None
    end = colon.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    content = trim(doc, list(range(colon.i + 1, end)))
    if not content:
        return None
    return Frame((colon.i,), ":", "colon", content, (line_start, colon.i))


def _noun_frames(doc: Doc, noun: Token) -> Iterator[Frame]:
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            frame = _frame(doc, (noun.i,), noun.lemma_.lower(), "noun", subtree(child),
                           _noun_source(noun))
            if frame:
                yield frame
