"""Stage 7: who did what to whom, coded in PLOVER (and CAMEO), with where, when and on whose word.

Every clause of the dependency parse is read, inside quotations and reported
speech too. A verb (or an event noun such as "Kiev's request") is a trigger
when the PLOVER lexicon (``dateline/lexicons/plover*.tsv``, data, not code)
has a pattern for its lemma whose words are all present among its objects and
prepositional phrases; the most specific pattern wins. Then:

- **actor**: the subject (the ``by`` agent of a passive; the controller of an
  ``xcomp``; the noun a relative clause hangs on; the possessor of an event
  noun), resolved to an entity of the entities stage;
- **target**: the direct object, else a prepositional object (the subject of a
  passive), resolved likewise;
- **mode**: ``negated`` (not, never, "no allied aircraft"), ``hypothetical``
  (would, could, might, if), ``intended`` (will, "decided to", "plans to"),
  ``requested`` (should, must, an imperative), else ``asserted``;
- **source**: the speaker whose quotation or reported speech holds the trigger
  (``article.quotes``, else the subject of a governing speech verb: "He
  recalled that Russia has already invaded Georgia"), else the journalist;
- **date**: a time expression of the clause, else the publication date for a
  report of something that happens now ("has already", "had" and future or
  hypothetical events get no date);
- **place**: a place named with in/at in the clause, else the dateline's place.

What an agreement, a request or a refusal is *about* (its complement clause)
belongs to that event and is not coded again: "the allies agreed that we should
not have NATO aircraft operating" is one REJECT, not an air operation.
An agreement whose content is negated is a refusal (REJECT).

Rules that reach beyond the trigger's own clause (each documented where it is coded):

- a pronoun argument the entities stage leaves unresolved (or, for an object, resolves to
  the actor or outside the sentence) is the nearest preceding compatible entity: "it",
  "them" → an organisation, country or group; "he", "her" → a person; same sentence first,
  then the previous one, never the actor for an object ("Russia ... intimidate them");
- a class noun after a comma stands for the names before it ("Finland and Sweden,
  countries that attended ..."); "the meeting" someone attends is the previous one's;
- what a topic verb ("discuss") has as object is a topic, not a party, and is not coded;
- a speech verb whose reported clause says what someone must do is a REQUEST of them;
- a speaker calling something an aggression ("it is the worst military aggression")
  ACCUSEs the article's aggressor (the actor of most of its hostile events), who is the
  actor of that aggression; its target is what the copula's subject stands for;
- an agentless passive of a hostile act ("Georgia was also invaded") takes the actor of a
  hostile event of the same sentence, else it is not coded;
- an event with no one it is done to is not coded unless its pattern names its object
  and its actor is a resolved entity (PETRARCH's dyad rule), nouns included; acts "on
  voters" are campaign copy, not events, and neither is a bare "defeat" or "attack" in a
  phrase about an election; the dateline's place is no actor;
- plain statement verbs ("said", "stated") are no events, and "asked whether" is a question,
  not a request; "Asked about X, Trump said" does not make Trump the asker;
- what is pledged or promised, when it is an event, is coded itself (intended), not as an
  AGREE; a protest held "to demand" something is one PROTEST against whom it is demanded of;
- an accusation or protest is against the one accused ("over", "against", "by"), before
  the one it is addressed to ("complained to the UN over Israeli raids" accuses Israel).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.draft import Draft
from dateline.lexicons.plover import Pattern, best_pattern, has_lemma
from dateline.model import Article, Event, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Dependency labels of children that start another clause: their words are not the
# trigger's objects, and their events are coded on their own.
CLAUSAL = frozenset(
    {
        "ccomp",
        "advcl",
        "conj",
        "cc",
        "parataxis",
        "relcl",
        "acl",
        "csubj",
        "punct",
        "mark",
        "appos",
        "dep",
    }
)
FUNCTION_DEPS = frozenset({"aux", "auxpass", "mark", "det", "punct", "cc", "case"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Prepositions whose object may be the target, best first.
TARGET_PREPS = (
    "on",
    "against",
    "with",
    "to",
    "at",
    "into",
    "toward",
    "towards",
    "from",
    "over",
    "of",
    "for",
    "in",
)
# Prepositions of whom an accusation or protest is against ("over", "about" the wrong
# done; "by" the agent of a crime noun), before the addressee's "to".
ACCUSED_PREPS = ("against", "over", "about", "by", "on", "of")
# Verbs that report speech or belief: what their complement says is the subject's claim.
SPEECH_VERBS = frozenset(
    "say tell state recall indicate add note point conclude claim report announce insist argue "
    "warn explain stress believe think write confirm deny allege mention acknowledge admit assert "
    "declare emphasize emphasise reiterate suggest settle told assure charge contend maintain "
    "reveal repeat underline estimate predict hope fear know".split()
)
# Verbs of plain statement: CAMEO.2.0 gives them the patterns of its "say" block ("say
# desire for dialogue" 036), which match words anywhere in a long reported object; in
# PLOVER a statement is no event (CAMEO 01). What is said is coded on its own verbs, and a
# demand ("said X must ...") by its own rule. Reviewed rows of plover_extra.tsv still apply.
STATEMENT_VERBS = frozenset(
    "say state mention add note write report explain indicate recall comment remark "
    "describe reveal".split()
)
# Heads that make their complement intended, requested or hypothetical (mode cues).
INTENTION_HEADS = frozenset(
    "decide choose plan intend want aim seek prepare vow pledge promise "
    "resolve agree hope expect "
    # adjectives: "is willing to withdraw", "is ready to talk", "is committed to opening"
    "willing ready prepared determined committed eager".split()
)
REQUEST_HEADS = frozenset("ask urge call demand request press appeal order instruct tell".split())
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may"})
INTENDED_AUX = frozenset({"will", "shall", "'ll"})
REQUESTED_AUX = frozenset({"should", "must", "ought"})
# Auxiliaries of a reported clause that make its speech verb a demand ("said X must").
OBLIGATION_AUX = frozenset({"must", "should"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "none"})
# Words that put a reported event in the past, away from the publication date.
PAST_MARKERS = frozenset({"already", "previously", "once", "formerly", "earlier", "ago"})
REPORTER_PRONOUNS = frozenset({"he", "she", "it", "they"})
# Pronouns an event argument may be resolved from, with the entity kinds they may stand for.
GROUP_KINDS = frozenset({"organisation", "country", "group"})
PERSON_KINDS = frozenset({"person"})
PRONOUN_KINDS = {
    "it": GROUP_KINDS,
    "its": GROUP_KINDS,
    "they": GROUP_KINDS,
    "them": GROUP_KINDS,
    "their": GROUP_KINDS,
    "he": PERSON_KINDS,
    "him": PERSON_KINDS,
    "his": PERSON_KINDS,
    "she": PERSON_KINDS,
    "her": PERSON_KINDS,
}
# First and second person pronouns: an actor only through a quotation's speaker.
SPEAKER_PRONOUNS = frozenset({"i", "me", "we", "us", "you", "our", "my", "your"})
# Class nouns that stand for the names just before them: "Finland and Sweden, countries that ..."
CLASS_NOUNS = frozenset(
    "country nation state government member ally partner neighbour neighbor group "
    "organisation organization party".split()
)
# Verbs whose object is a topic, not a party: "discussed the need to support Georgia" is
# neither a consultation with Georgia nor support for it. Their counterpart is a "with" object.
TOPIC_VERBS = frozenset("discuss debate consider examine review study address".split())
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
# Event types whose complement clause is their content (coded with them, not again).
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
CONTENT_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "ACCUSE", "THREATEN"})
# Event types of a hostile act that a speaker can call something ("it is an aggression").
HOSTILE_NOUN_TYPES = frozenset({"ASSAULT", "COERCE"})
# Types whose actor is the article's aggressor when an event must take it from context.
AGGRESSION_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})
# The public a campaign addresses: an act "on voters" is no event between political actors.
AUDIENCE_NOUNS = frozenset(
    "voter supporter donor audience consumer customer viewer reader fan follower "
    "constituent electorate".split()
)
# Verbs of promise: what is promised, when it is an event, is coded itself with the mode
# "intended" ("vowed to strike back" is an intended ASSAULT, CAMEO's threat), not an AGREE.
PROMISE_VERBS = frozenset("pledge promise vow swear threaten".split())
# Words of an electoral contest: a bare verb of assault among them ("defeat", "beat",
# "attack" in the primary) is campaigning, not an ASSAULT ("banned candidates from the
# elections" stays a COERCE).
ELECTION_WORDS = frozenset(
    "primary primaries election elections caucus caucuses poll polls ballot vote votes "
    "nomination race debate delegate delegates candidacy campaign".split()
)
# Meetings that a definite article points back to: "attended the meeting".
MEETING_NOUNS = frozenset("meeting talks summit conference session gathering".split())
# spaCy entity labels that make an unlinked noun phrase a plausible actor.
ACTOR_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})
NOT_ACTOR_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERCENT"}
)

# Confidence: set by hand, not fitted (a ranking more than a probability: a specific
# pattern with both parties resolved ranks first). It also picks a sentence's main event
# in the evaluation; re-run `dateline eval events eval-data/events/plover-dev.jsonl` if changed.
CONFIDENCE_BASE = 0.55
CONFIDENCE_SPECIFIC = 0.2  # a pattern that names the object ("impose sanctions")
CONFIDENCE_ACTOR = 0.1  # the actor resolves to an entity
CONFIDENCE_TARGET = 0.1  # the target resolves to an entity
CONFIDENCE_NOUN = -0.1  # event nouns are less sure than verbs


@dataclass(slots=True)
class _Found:
    """An event being built, with the parse tokens it came from."""

    event: Event
    trigger: Token
    absorbed: frozenset[int]  # token indices of its content clause
    meeting: bool = False  # its counterpart is "the meeting" of an earlier consultation
    # "actor" or "target": to be filled with the article's aggressor; "sentence": the actor
    # is the aggressor of the same sentence
    aggressor: str = ""


class _Entities:
    """Entity ids of tokens, by span overlap with the entities stage's mentions."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        mentions = sorted(
            (m.span.start, m.span.end, e.id, m.kind)
            for e in draft.article.entities
            for m in e.mentions
            if m.entity in (None, e.id)
        )
        self.starts = [m[0] for m in mentions]
        self.mentions = mentions
        self.kinds = {e.id: e.kind for e in draft.article.entities}
        self.cache: dict[int, tuple[str, Span] | None] = {}

    def of_token(self, token: Token) -> tuple[str, Span] | None:
        """The entity a token is part of a mention of, with that mention's span."""
        if token.i in self.cache:
            return self.cache[token.i]
        span = self.draft.token_span(token)
        found: tuple[str, Span] | None = None
        if span.end > span.start:
            pos = bisect_right(self.starts, span.start)
            # mentions starting before the token may still cover it: scan back a little
            for start, end, entity_id, _kind in reversed(self.mentions[max(0, pos - 12) : pos + 1]):
                if start < span.end and span.start < end:
                    found = (entity_id, self.draft.article.span(start, end))
                    break
        self.cache[token.i] = found
        return found

    def antecedent(
        self, pronoun: Token, exclude: str | None, this_sentence: bool = False
    ) -> tuple[str, Span] | None:
        """The nearest preceding compatible entity of a pronoun argument, or None.

        Dateline's rule for event arguments only (the entities stage resolves pronouns
        for the article): "it"/"its" and "they"/"them"/"their" → an organisation, country
        or group; "he"/"him"/"she"/"her" → a person. Looked for backwards in the same
        sentence, then (unless ``this_sentence``) in the previous one, skipping ``exclude``
        (the event's actor: an object pronoun is not its own clause's subject, "Russia ...
        intimidate them").
        """
        kinds = PRONOUN_KINDS.get(pronoun.lower_)
        if kinds is None:
            return None
        sent = pronoun.sent
        start = sent.start
        if start > 0 and not this_sentence:
            start = pronoun.doc[start - 1].sent.start
        for i in range(pronoun.i - 1, start - 1, -1):
            token = pronoun.doc[i]
            if token.pos_ == "PRON":
                continue  # another pronoun: its own resolution is no evidence here
            hit = self.of_token(token)
            if hit is not None and hit[0] != exclude and self.kinds.get(hit[0]) in kinds:
                return hit
        return None

    def of_phrase(self, head: Token) -> tuple[str | None, Span | None]:
        """The entity a noun phrase names: its head, an apposition, a compound, a possessor."""
        for token in _phrase_candidates(head):
            hit = self.of_token(token)
            if hit is not None:
                return hit
        if head.pos_ in ("PRON", "DET") or head.tag_ in ("WP", "WDT"):
            return (None, None)
        return (None, self.draft.token_span(_phrase(head)))


def _phrase_candidates(head: Token) -> list[Token]:
    candidates = [head]
    candidates += [c for c in head.children if c.dep_ == "appos"]
    candidates += [c for c in head.children if c.dep_ in ("compound", "poss", "amod", "nmod")]
    candidates += [
        t
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for t in c.children
        if t.dep_ == "pobj"
    ]
    candidates += [
        t
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in ("in", "from", "throughout", "across", "for")
        for t in c.children
        if t.dep_ == "pobj"
    ]
    if head.dep_ == "appos":
        candidates.append(head.head)
    return candidates


def _phrase(head: Token):  # type: ignore[no-untyped-def]
    """The noun phrase of ``head`` without its relative clauses and prepositional phrases."""
    doc = head.doc
    start = head.left_edge.i
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("compound", "amod", "nummod", "flat"):
            end = max(end, child.right_edge.i + 1)
        else:
            break
    return doc[start:end]


def _words(tokens) -> set[str]:  # type: ignore[no-untyped-def]
    words: set[str] = set()
    for t in tokens:
        if t.dep_ in FUNCTION_DEPS:
            continue  # "to" of an infinitive is not the preposition of "(TO BORDER)"
        words.add(t.lower_)
        words.add(t.lemma_.lower())
    return words


def _object_tokens(trigger: Token, whole: bool = True) -> list[Token]:
    """Tokens after the trigger in its own clause: its objects and prepositional phrases
    (``whole=False``: less the clauses hung on their nouns)."""
    out: list[Token] = []
    for child in trigger.children:
        if child.i < trigger.i or child.dep_ in CLAUSAL or child.dep_ in SUBJECTS:
            continue
        if whole:
            out.extend(t for t in child.subtree if t.dep_ not in ("relcl", "punct"))
        else:
            out.extend(_without_clauses(child))
    return out


def _without_clauses(head: Token) -> list[Token]:
    """The tokens of a phrase, less the clauses hung on its nouns: "a resolution that
    aims to tighten sanctions" is about a resolution, not about sanctions."""
    out: list[Token] = []
    todo = [head]
    while todo:
        token = todo.pop()
        if token.dep_ == "punct":
            continue
        out.append(token)
        todo.extend(
            c
            for c in token.children
            if not (c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX"))
        )
    return out


def _subject(trigger: Token) -> tuple[Token | None, bool]:
    """The actor's head token, and whether the trigger is passive (its subject is the target)."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
    if passive:
        for child in trigger.children:
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj, True
        return None, True
    for child in trigger.children:
        if child.dep_ == "nsubj":
            if child.tag_ == "WP" and trigger.dep_ == "relcl":
                return _predicated(trigger.head), False  # "Stoltenberg, who asked ..."
            if child.tag_ == "WDT" and trigger.dep_ == "relcl":
                # "countries that attended" act; "airspace, which could mean war" does not
                if trigger.head.ent_type_ in ACTOR_LABELS:
                    return trigger.head, False
                return _named_before(trigger.head), False
            return child, False
    if trigger.dep_ == "relcl":
        return trigger.head, False
    if _is_imperative(trigger):
        return None, False  # "Stop that war": the actor is the addressee, not named here
    if (
        trigger.dep_ == "acl"
        and trigger.head.head.pos_ in ("VERB", "AUX")
        and any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children)
    ):
        return _subject(trigger.head.head)[
            0
        ], False  # "Russia is exercising its power to intimidate"
    if trigger.dep_ == "xcomp":
        head = trigger.head
        while (
            head.pos_ in ("ADJ", "AUX")
            and head.dep_ in ("acomp", "xcomp", "ccomp")
            and (not any(c.dep_ in SUBJECTS for c in head.children))
        ):
            head = head.head  # "is prepared to lift", "is willing to withdraw"
        if head.lemma_ in REQUEST_HEADS:
            for child in head.children:
                if child.dep_ in ("dobj", "dative"):
                    return child, False  # "asked Putin to withdraw": Putin withdraws
        return _subject(head)[0], False
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBN":
        # "Asked whether ..., Mr. Trump said": a passive participle; its head's subject
        # undergoes it, and who acts is not named
        return None, True
    if trigger.dep_ in ("conj", "advcl") and trigger.head.pos_ in ("VERB", "AUX"):
        return _subject(trigger.head)[0], False
    return None, False


def _predicated(noun: Token) -> Token:
    """Who a predicate noun is said of: "Trump is a xenophobe and birther who ..." → Trump."""
    head = noun
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    if head.dep_ == "attr" and head.head.lemma_ == "be":
        subject, _ = _subject(head.head)  # "Trump incites violence and is a liar ..."
        if subject is not None:
            return subject
    return noun


def _named_before(noun: Token) -> Token | None:
    """The names a class noun stands for: "Finland and Sweden, countries that ..." → Finland.

    The parser hangs such a noun anywhere (apposition, conjunct); the names are the
    noun phrase just before its comma.
    """
    if noun.lemma_.lower() not in CLASS_NOUNS or noun.i < 2:
        return None
    first = noun.left_edge
    comma = noun.doc[first.i - 1] if first.i > 0 else None
    if comma is None or comma.text != ",":
        return None
    name = noun.doc[comma.i - 1]
    if name.ent_type_ not in ACTOR_LABELS and name.pos_ != "PROPN":
        return None
    while name.dep_ == "conj" and name.head.i < name.i:
        name = name.head  # the first of "Finland and Sweden"
    return name


def _is_imperative(verb: Token) -> bool:
    """A bare verb with no subject, auxiliary or infinitive marker, heading its own clause."""
    if verb.tag_ != "VB" or any(c.dep_ in SUBJECTS or c.dep_ == "aux" for c in verb.children):
        return False
    if verb.dep_ == "conj" or (verb.dep_ == "dep" and verb.head.pos_ == "VERB"):
        return _is_imperative(verb.head)  # "Stop that war, withdraw your forces"
    # it opens its sentence or its quotation: '... said: "Stop that war"'
    before = verb.doc[verb.sent.start : verb.i]
    opens = all(t.is_punct or t.is_space or t.dep_ in ("advmod", "intj", "cc") for t in before)
    after_quote = verb.i > 0 and verb.nbor(-1).is_quote
    return (opens or after_quote) and verb.dep_ in ("ROOT", "ccomp", "parataxis", "dep", "xcomp")


def _targets(trigger: Token, passive: bool, plover: str = "") -> list[Token]:
    """Candidate target heads of a verb, best first.

    Whom an accusation or a protest is against comes before whom it is addressed to:
    "complained to the United Nations over Israeli air raids" accuses Israel, and
    "investigating crimes by Croatian extremists" the extremists.
    """
    out: list[Token] = []
    if passive:
        out += [c for c in trigger.children if c.dep_ == "nsubjpass"]
    out += [c for c in trigger.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
    preps = [c for c in trigger.children if c.dep_ == "prep"]
    for child in trigger.children:
        if child.dep_ in ("dobj", "xcomp"):
            preps += [c for c in child.children if c.dep_ == "prep"]
    order = ACCUSED_PREPS + TARGET_PREPS if plover in ("ACCUSE", "PROTEST") else TARGET_PREPS
    for prep in dict.fromkeys(order):
        for p in preps:
            if p.lower_ == prep and (prep != "by" or p.head.i != trigger.i):
                out += [c for c in p.children if c.dep_ == "pobj"]
    if plover in HOSTILE_NOUN_TYPES:
        # "opened fire to disperse demonstrators": whom the purpose clause acts on
        for child in trigger.children:
            if child.dep_ in ("advcl", "xcomp") and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in child.children
            ):
                out += [c for c in child.children if c.dep_ == "dobj"]
    return out


def _noun_actor(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in ("poss", "compound") and child.i < noun.i:
            return child
    for child in noun.children:
        if child.dep_ == "amod" and child.ent_type_ in ("NORP", "GPE"):
            return child
    return None


def _noun_targets(noun: Token) -> list[Token]:
    out: list[Token] = []
    for prep in TARGET_PREPS:
        for p in noun.children:
            if p.dep_ == "prep" and p.lower_ == prep:
                out += [c for c in p.children if c.dep_ == "pobj"]
    return out


def _content_clause(trigger: Token) -> Token | None:
    """The clause an agreement, request or refusal is about ("agreed that ...", "asked X to ...").

    For an event noun that is an object ("showed their agreement that ..."), the parser
    often hangs the clause on the verb: it is taken from there.
    """
    for child in trigger.children:
        if child.dep_ in ("ccomp", "xcomp") or (trigger.pos_ == "NOUN" and child.dep_ == "acl"):
            return child
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        for child in trigger.head.children:
            if child.dep_ == "ccomp" and child.i > trigger.i:
                return child
    return None


def _is_question(content: Token) -> bool:
    """A reported question: "whether ...", "if ...", "why ...", "which county ..."."""
    for child in content.children:
        if child.dep_ == "mark" and child.lower_ in ("whether", "if"):
            return True
    first = content.left_edge
    return first.tag_ in ("WP", "WRB", "WDT", "WP$") and first.i < content.i


def _content_events(content: Token) -> frozenset[int]:
    """Tokens of a content clause that are coded with the event, not again: its verbs and
    their object nouns ("asked Putin to stop the war"), not adjuncts ("after Kiev's request")."""
    verbs: list[Token] = []
    todo = [content]
    while todo:
        verb = todo.pop()
        verbs.append(verb)
        todo.extend(
            c
            for c in verb.children
            if c.pos_ in ("VERB", "AUX")
            and c.dep_ in ("xcomp", "ccomp", "conj", "advcl", "dep", "acl")
        )
    out = {v.i for v in verbs}
    out |= {c.i for v in verbs for c in v.children if c.dep_ in ("dobj", "nsubjpass")}
    return frozenset(out)


def _is_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
            return True
        if child.dep_ in SUBJECTS or child.dep_ == "dobj":
            if any(d.dep_ == "det" and d.lower_ in NEGATIONS for d in child.children):
                return True  # "no allied aircraft should fly"
        if child.dep_ in ("conj",) and child.pos_ in ("VERB", "AUX"):
            continue
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _is_negated(verb.head)  # "should not fly ... or allow"
    return False


def _auxiliaries(verb: Token) -> set[str]:
    words = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        words |= {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
    return words


def _mode(verb: Token) -> str:
    if _is_negated(verb):
        return "negated"
    aux = _auxiliaries(verb)
    node = verb
    for _ in range(6):  # a clause under "if", or a complement of "decided to"
        if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in node.children):
            return "hypothetical"
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_ in INTENTION_HEADS:
            return "intended"
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_ in REQUEST_HEADS:
            return "requested"
        if node.dep_ not in ("conj", "xcomp", "advcl") or node.head is node:
            break
        node = node.head
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical"
    if aux & REQUESTED_AUX:
        return "requested"
    if aux & INTENDED_AUX or ({"going"} <= aux):
        return "intended"
    if _is_imperative(verb):
        return "requested"  # an imperative: "Stop that war immediately"
    return "asserted"


class _Sources:
    """Who vouches for what: quotations first, then reported speech found in the parse."""

    def __init__(self, draft: Draft, entities: _Entities) -> None:
        self.draft = draft
        self.entities = entities
        self.quotes = [
            (q, seg)
            for q in draft.article.quotes
            if q.speaker
            for seg in (q.segments or [q.content])
        ]

    def of(self, trigger: Token) -> tuple[str, str | None]:
        span = self.draft.token_span(trigger)
        for quote, segment in self.quotes:
            if segment.start <= span.start and span.end <= segment.end:
                return quote.speaker or "journalist", quote.id
        node = trigger
        for _ in range(8):
            if node.head is node:
                break
            dep, node = node.dep_, node.head
            if dep in ("ccomp", "parataxis", "advcl", "conj") and node.lemma_ in SPEECH_VERBS:
                subject, _ = _subject(node)
                if subject is None:
                    continue
                entity_id, _m = self.entities.of_phrase(subject)
                if entity_id is not None:
                    return entity_id, None
                return "unknown", None
        return "journalist", None


def _clause_tokens(head: Token) -> list[Token]:
    out = [head]
    for child in head.children:
        if child.dep_ in ("ccomp", "relcl", "parataxis") or (
            child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")
        ):
            continue
        out.extend(child.subtree)
    return out


def _date(
    draft: Draft, clause: list[Token], mode: str, verb: Token
) -> tuple[str | None, Span | None]:
    first = min(t.idx for t in clause)
    last = max(t.idx + len(t) for t in clause)
    span = draft.span(first, last)
    for time in draft.article.times:
        if span.start <= time.span.start and time.span.end <= span.end:
            if time.kind == "period":
                return None, time.span
            return time.value, time.span
    if mode in ("hypothetical", "intended", "requested"):
        return None, None
    words = {t.lower_ for t in clause} | _auxiliaries(verb)
    if words & PAST_MARKERS or "had" in _auxiliaries(verb):
        return None, None
    published = draft.article.published
    return (published.isoformat() if published else None), None


def _place(draft: Draft, clause: list[Token], entities: _Entities, exclude: set[str]) -> str | None:
    for token in clause:
        if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            entity_id, _ = entities.of_phrase(token)
            if (
                entity_id
                and entity_id not in exclude
                and entities.kinds.get(entity_id) in ("place", "country")
            ):
                return entity_id
    return draft.article.place_entity


def _is_actor(entities: _Entities, head: Token | None) -> tuple[str | None, Span | None, bool]:
    """(entity id, mention, plausible): an unresolved pronoun, date or common noun is no actor."""
    if head is not None and head.ent_type_ in NOT_ACTOR_LABELS:
        # "Thousands of Iraqi Kurds", "one third of the guerrillas": the group counted
        head = next(
            (
                t
                for c in head.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for t in c.children
                if t.dep_ == "pobj"
            ),
            None,
        )
    if head is None or head.ent_type_ in NOT_ACTOR_LABELS:
        return None, None, False
    entity_id, mention = entities.of_phrase(head)
    if entity_id is not None:
        return entity_id, mention, True
    if mention is None:
        return None, None, False
    for token in _phrase_candidates(head):
        if token.ent_type_ in NOT_ACTOR_LABELS:
            continue
        phrase = _phrase(token)
        if any(
            t.ent_type_ in ACTOR_LABELS or (t.pos_ == "PROPN" and not t.ent_type_) for t in phrase
        ):
            return None, entities.draft.token_span(phrase), True
    return None, mention, False


def _trigger_pattern(token: Token) -> Pattern | None:
    pos = "VERB" if token.pos_ == "VERB" else "NOUN" if token.pos_ == "NOUN" else ""
    lemma = token.lemma_.lower()
    if not pos or not has_lemma(lemma, pos):
        return None
    before = _words(t for c in token.children if c.i < token.i for t in c.subtree)
    after = _words(_object_tokens(token, whole=False))
    after |= {
        "@" + c.lower_
        for c in token.children
        if c.dep_ in ("prep", "prt", "agent", "dative") and c.i > token.i
    }
    if token.i + 1 < len(token.doc) and token.nbor().dep_ in ("prt", "prep"):
        after.add("@" + token.nbor().lower_)
    pattern = best_pattern(lemma, pos, after, before)
    if pattern is None or not pattern.is_event:
        return None
    if lemma in STATEMENT_VERBS and pattern.origin != "extra":
        return None  # "the Democrat said ... Planned Parenthood": a statement, not an AGREE
    return pattern


def _demand_pattern(verb: Token) -> Pattern | None:
    """A speech verb whose reported clause says what someone must do is a demand.

    "declared that China must drop barriers", "reiterated that Libya must hand over":
    the speaker REQUESTs it of the clause's subject (CAMEO 10, demand); what is demanded
    is the request's content, not coded again.
    """
    if verb.pos_ != "VERB" or verb.lemma_ not in SPEECH_VERBS:
        return None
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i > verb.i and _auxiliaries(child) & OBLIGATION_AUX:
            if _is_negated(child):
                return None  # "must not": a demand too, but whose type depends on the act
            return Pattern(verb.lemma_, "VERB", (), (), "100", "REQUEST", "rule", 0)
    return None


def _reporter(trigger: Token) -> Token | None:
    """The subject of the clause that reports this one: "Syria says it will not accept ..." → Syria.

    A third-person pronoun subject of a reported clause most often is the reporter itself.
    """
    node = trigger
    for _ in range(6):
        if node.head is node:
            return None
        dep, node = node.dep_, node.head
        if dep == "ccomp" and node.lemma_ in SPEECH_VERBS:
            subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
            return subject if subject is not None and subject.pos_ != "PRON" else None
        if dep not in ("xcomp", "conj", "ccomp", "acomp"):
            return None
    return None


def _code_trigger(
    draft: Draft, token: Token, pattern: Pattern, entities: _Entities, sources: _Sources
) -> _Found | list[_Found] | None:
    is_noun = pattern.pos == "NOUN"
    if is_noun:
        actor_head = _noun_actor(token)
        governor = token.head
        if (actor_head is None or actor_head.pos_ == "PRON") and token.dep_ == "dobj":
            actor_head = _subject(governor)[0]  # "ministers showed their agreement"
        if actor_head is None:
            return _code_characterisation(draft, token, pattern, entities, sources)
        target_heads = _noun_targets(token)
        clause_head = governor if token.dep_ in ("dobj", "pobj", "nsubj") else token
        if clause_head.pos_ == "ADP":
            clause_head = clause_head.head
        passive = False
    else:
        actor_head, passive = _subject(token)
        target_heads = _targets(token, passive, pattern.plover)
        if token.lemma_ in TOPIC_VERBS:
            target_heads = [t for t in target_heads if t.head.lower_ == "with"]
        # then any name among its objects, in reading order ("denounced Serbia's suppression")
        target_heads += (
            []
            if token.lemma_ in TOPIC_VERBS
            else [
                t
                for t in _object_tokens(token)
                if t.pos_ in ("PROPN", "NOUN", "ADJ") and t not in target_heads
            ]
        )
        clause_head = token
    if (
        actor_head is not None
        and actor_head.lower_ in REPORTER_PRONOUNS
        and (entities.of_token(actor_head) is None)
    ):
        actor_head = _reporter(token) or actor_head
    actor, actor_mention, plausible = _is_actor(entities, actor_head)
    if (
        actor is not None
        and actor_head is not None
        and actor_head.pos_ == "PRON"
        and entities.kinds.get(actor) == "place"
    ):
        # a pronoun that acts stands for people or an institution, not a town or region
        actor, actor_mention, plausible = None, None, False
    if not plausible and actor_head is not None and actor_head.pos_ == "PRON":
        hit = entities.antecedent(actor_head, None)
        if hit is not None:
            actor, actor_mention, plausible = hit[0], hit[1], True
    # an agentless passive of a hostile act ("hospitals were bombed"): its actor is the
    # aggressor of the same sentence, filled in once the sentence's events are known
    agentless = (
        not is_noun and passive and actor_head is None and pattern.plover in HOSTILE_NOUN_TYPES
    )
    if not plausible and not agentless:
        return None
    if pattern.plover == "ASSAULT" and not pattern.size and _about_elections(token):
        return None  # "defeated Cruz in the Indiana primary": a contest, not an assault
    dateline = draft.article.place
    if actor_mention is not None and dateline is not None and actor_mention.overlaps(dateline):
        return None  # "CLEVELAND — The party told ...": the dateline names where, not who
    plover, cameo = pattern.plover, pattern.cameo
    content = _content_clause(token)
    absorbed: frozenset[int] = frozenset()
    if plover in CONTENT_TYPES:
        absorbed = frozenset(
            i
            for c in token.children
            if c.dep_ not in SUBJECTS and c.dep_ not in ("conj", "cc") and c.i > token.i
            for i in _content_events(c)
        )
    if pattern.origin == "rule" and content is not None:
        # a demand in reported speech is made of whom the speaker addresses, else of the
        # reported clause's subject: "said the United States should reduce its patrols"
        target_heads = [c for c in token.children if c.dep_ in ("dobj", "dative")] + [
            c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")
        ]
    if content is not None and plover == "REQUEST" and _is_question(content):
        return None  # "asked whether he had thoughts": a question, not a request
    if content is not None and plover in CONTENT_TYPES:
        absorbed |= _content_events(content)
        if plover == "AGREE" and _is_negated(content):
            plover, cameo = "REJECT", "120"  # an agreement not to act is a refusal
        if pattern.origin != "rule" and not any(
            entities.of_phrase(t)[0] not in (None, actor) for t in target_heads
        ):
            target_heads = target_heads + _content_targets(content)
    target: str | None = None
    target_mention: Span | None = None
    if actor_head is not None and plover in RECIPROCAL_TYPES:
        # "The United States and Jordan have agreed": each is the other's counterpart
        target_heads = target_heads + [c for c in actor_head.children if c.dep_ == "conj"]
    fallback: Span | None = None  # a named phrase no entity covers: kept as the mention
    where: tuple[str, Span | None] | None = None  # a place the act happened in
    for head in target_heads:
        if head.lemma_.lower() in AUDIENCE_NOUNS and head.dep_ in ("dobj", "nsubjpass"):
            return None  # "targeting Republican voters": campaign copy, not an act on a party
        entity_id, mention, plausible = _is_actor(entities, head)
        if head.pos_ == "PRON" and head.lower_ in PRONOUN_KINDS:
            # an object pronoun: the nearest compatible name before it that is not the actor
            hit = entities.antecedent(head, actor, this_sentence=True)
            if hit is None and entity_id in (None, actor):
                hit = entities.antecedent(head, actor)
            if hit is not None:
                entity_id, mention, plausible = hit[0], hit[1], True
        if (
            entity_id is not None
            and head.head.lower_ in LOCATIVE_PREPS
            and (entities.kinds.get(entity_id) == "place")
        ):
            if where is None:
                where = (entity_id, mention)
            continue  # "in Kabul": where it happened, not to whom (unless no one else)
        if entity_id is not None and entity_id != actor:
            target, target_mention = entity_id, mention
            break
        if (
            entity_id is None
            and plausible
            and fallback is None
            and (actor_mention is None or mention is None or not mention.overlaps(actor_mention))
        ):
            fallback = mention
    if target is None and fallback is None and where is not None and plover in HOSTILE_NOUN_TYPES:
        target, target_mention = where  # "fired shells at targets in Jericho": Jericho
    elif target is None:
        target_mention = fallback
    if (
        target is None
        and target_mention is None
        and (not pattern.size or actor is None or actor_head is None or actor_head.pos_ == "PRON")
    ):
        # a bare verb's or noun's code needs someone it is done to (PETRARCH's dyad rule);
        # so does any event whose actor is only a pronoun or a name no entity covers
        return None
    mode = "asserted" if is_noun else _mode(token)
    if is_noun and token.dep_ == "dobj" and _is_negated(clause_head):
        mode = "negated"  # "did not make a request"
    if mode == "negated" and plover == "AGREE":
        plover, cameo, mode = "REJECT", "120", "asserted"  # "will not accept": a refusal
    clause = _clause_tokens(clause_head)
    date, date_span = _date(
        draft, clause, mode, clause_head if clause_head.pos_ in ("VERB", "AUX") else token
    )
    source, quote_id = sources.of(token)
    place = _place(draft, clause, entities, {x for x in (actor, target) if x})
    confidence = CONFIDENCE_BASE
    confidence += CONFIDENCE_SPECIFIC if pattern.size else 0
    confidence += CONFIDENCE_ACTOR if actor else 0
    confidence += CONFIDENCE_TARGET if target else 0
    confidence += CONFIDENCE_NOUN if is_noun else 0
    tokens = list(clause) + ([actor_head] if actor_head is not None else [])
    start = min(min(t.idx for t in tokens), token.idx)
    end = max(max(t.idx + len(t) for t in tokens), token.idx + len(token))
    evidence = draft.span(start, end)
    event = Event(
        id="",
        type=plover,
        trigger=draft.token_span(token),
        evidence=evidence,
        mode=mode,  # type: ignore[arg-type]
        cameo=cameo[:2],  # the CAMEO root; the full code is in ``rule``
        actor=actor,
        actor_mention=actor_mention,
        target=target,
        target_mention=target_mention,
        source=source,
        source_quote=quote_id,
        date=date,
        date_span=date_span,
        place=place,
        confidence=round(min(confidence, 0.95), 2),
        rule=f"{pattern.origin}: {pattern.describe()} [{cameo}]",
    )
    if agentless and target is None:
        return None  # "civilians were killed": no one named on either side
    return _Found(
        event,
        token,
        absorbed,
        meeting=plover == "CONSULT" and _the_meeting(token),
        aggressor="sentence" if agentless else "",
    )


def _about_elections(trigger: Token) -> bool:
    """The trigger's own phrase speaks of an election: "beat him in the primary"."""
    return any(t.lemma_.lower() in ELECTION_WORDS for t in trigger.subtree)


def _the_meeting(verb: Token) -> bool:
    """Its object is "the meeting" (or talks, summit ...) with no named party."""
    for child in verb.children:
        objects = [child] if child.dep_ == "dobj" else []
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "to"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
        for obj in objects:
            if (
                obj.lemma_.lower() in MEETING_NOUNS
                and any(c.dep_ == "det" and c.lower_ == "the" for c in obj.children)
                and not any(t.ent_type_ in ACTOR_LABELS for t in obj.subtree)
            ):
                return True
    return False


def _protests_with_demands(found: list[_Found]) -> list[_Found]:
    """A protest held "to demand" something is one PROTEST against whom the demand is of.

    "Algerians blocked roads to press their demands ... from President Bouteflika's
    government": PROTEST Algerians → Bouteflika, not a PROTEST and a REQUEST.
    """
    by_trigger = {f.trigger.i: f for f in found}
    merged: set[int] = set()
    for item in found:
        if item.event.type != "PROTEST" or item.trigger.pos_ != "VERB":
            continue
        heads = [item.trigger] + [c for c in item.trigger.children if c.dep_ == "dobj"]
        for head in heads:
            for child in head.children:
                demand = by_trigger.get(child.i)
                if (
                    demand is None
                    or demand.event.type != "REQUEST"
                    or child.dep_ not in ("advcl", "xcomp", "acl", "relcl")
                    or demand.event.target in (None, item.event.actor)
                ):
                    continue
                item.event.target = demand.event.target
                item.event.target_mention = demand.event.target_mention
                item.absorbed = item.absorbed | demand.absorbed  # what is demanded
                merged.add(child.i)
    return [f for f in found if f.trigger.i not in merged]


def _fill_from_context(found: list[_Found]) -> list[_Found]:
    """Arguments that only the rest of the article gives, and events that still lack them.

    - "the meeting" that someone attends is the meeting of the previous consultation
      with a counterpart: its counterpart again ("Kuleba participated in the meeting" of
      the allies; "Finland and Sweden attended the meeting as guests");
    - the aggressor of an aggression told without one ("it is the worst aggression") is
      the article's aggressor: the actor of most of its hostile events (ASSAULT, COERCE,
      THREATEN), the earliest on a tie. With none, the event is left out.
    """
    counts: dict[str, int] = {}
    for item in found:
        event = item.event
        if event.type in AGGRESSION_TYPES and event.actor and not item.aggressor:
            counts[event.actor] = counts.get(event.actor, 0) + 1
    aggressor = max(counts, key=lambda a: counts[a]) if counts else None  # first on ties
    kept: list[_Found] = []
    counterpart: str | None = None
    for item in found:
        event = item.event
        if item.meeting and counterpart and counterpart != event.actor:
            event.target, event.target_mention = counterpart, None
        elif item.meeting and event.target:
            counterpart = event.target
        if item.aggressor == "sentence":
            sentence = item.trigger.sent
            event.actor = next(
                (
                    f.event.actor
                    for f in found
                    if f.trigger.sent == sentence
                    and f.event.type in AGGRESSION_TYPES
                    and f.event.actor not in (None, event.target)
                    and f.aggressor != "sentence"
                ),
                None,
            )
            if event.actor is None:
                continue
        elif item.aggressor:
            if aggressor is None:
                continue
            if item.aggressor == "actor":
                event.actor = aggressor
            else:
                event.target = aggressor
            if event.actor == event.target:
                continue
        kept.append(item)
    return kept


def _code_characterisation(
    draft: Draft, noun: Token, pattern: Pattern, entities: _Entities, sources: _Sources
) -> list[_Found] | None:
    """A speaker calls something an aggression: "it is the worst military aggression".

    The hostile act is coded with the article's aggressor as its actor (filled in once
    every event of the article is known) and what the copula's subject stands for as its
    target ("it" → Ukraine); the speaker, when it is not the journalist, ACCUSEs the
    aggressor. Only for the predicate noun of a copula with a hostile event type.
    """
    if not (
        noun.dep_ == "attr"
        and noun.head.lemma_ == "be"
        and pattern.plover in HOSTILE_NOUN_TYPES
        and not _is_negated(noun.head)
    ):
        return None
    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    target: tuple[str, Span] | None = None
    if subject is not None and subject.pos_ == "PRON":
        target = entities.antecedent(subject, None)
    elif subject is not None:
        entity_id, mention = entities.of_phrase(subject)
        target = (entity_id, mention) if entity_id is not None and mention is not None else None
    source, quote_id = sources.of(noun)
    clause = _clause_tokens(noun.head)
    date, date_span = _date(draft, clause, "asserted", noun.head)
    start = min(t.idx for t in clause)
    end = max(t.idx + len(t) for t in clause)
    evidence = draft.span(start, end)
    place = _place(draft, clause, entities, {target[0]} if target else set())
    act = Event(
        id="",
        type=pattern.plover,
        trigger=draft.token_span(noun),
        evidence=evidence,
        cameo=pattern.cameo[:2],
        target=target[0] if target else None,
        target_mention=target[1] if target else None,
        source=source,
        source_quote=quote_id,
        date=date,
        date_span=date_span,
        place=place,
        confidence=CONFIDENCE_BASE + CONFIDENCE_NOUN + (CONFIDENCE_TARGET if target else 0),
        rule=f"{pattern.origin}: be {pattern.describe()} [{pattern.cameo}], actor: the aggressor",
    )
    found = [_Found(act, noun, frozenset(), aggressor="actor")]
    if source not in ("journalist", "unknown"):
        accusation = Event(
            id="",
            type="ACCUSE",
            trigger=draft.token_span(noun),
            evidence=evidence,
            cameo="11",
            actor=source,
            source=source,
            source_quote=quote_id,
            date=date,
            date_span=date_span,
            place=place,
            confidence=CONFIDENCE_BASE + CONFIDENCE_NOUN + CONFIDENCE_ACTOR,
            rule=f"rule: the speaker calls it {noun.lemma_} [112], target: the aggressor",
        )
        found.append(_Found(accusation, noun, frozenset(), aggressor="target"))
    return found


def _content_targets(content: Token) -> list[Token]:
    """Noun heads inside an event's content clause, in reading order (target candidates)."""
    subjects = [c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects + [
        t
        for t in content.subtree
        if t.pos_ in ("PROPN", "NOUN", "ADJ", "PRON") and t not in subjects
    ]


def code_events(draft: Draft) -> Draft:
    """Fill ``article.events`` from the parse, in reading order, one event per trigger."""
    doc = draft.doc
    if doc is None:
        return draft
    entities = _Entities(draft)
    sources = _Sources(draft, entities)
    found: list[_Found] = []
    for token in doc:
        if token.pos_ not in ("VERB", "NOUN"):
            continue
        pattern = _trigger_pattern(token) or _demand_pattern(token)
        if pattern is None:
            continue
        coded = _code_trigger(draft, token, pattern, entities, sources)
        if isinstance(coded, list):
            found.extend(coded)
        elif coded is not None:
            found.append(coded)
    found = _fill_from_context(found)
    triggers = {f.trigger.i for f in found if f.trigger.pos_ == "VERB"}
    found = [
        f
        for f in found
        if not (
            f.trigger.lemma_ in PROMISE_VERBS
            and f.event.type == "AGREE"
            and (f.absorbed - {f.trigger.i}) & triggers
        )
    ]  # "pledged to ban all Muslims": the ban is coded (intended), not an agreement
    found = _protests_with_demands(found)
    absorbed = set().union(*(f.absorbed for f in found)) if found else set()
    for token in doc:
        if token.lemma_ in TOPIC_VERBS and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "dobj":
                    absorbed |= _content_events(child)  # "discussed the need to support X"
    verbs = {f.trigger.i for f in found if f.trigger.pos_ == "VERB" and f.trigger.i not in absorbed}
    for item in found:
        noun = item.trigger
        if (
            noun.pos_ == "NOUN"
            and noun.dep_ in ("dobj", "nsubjpass", "attr")
            and noun.head.i in verbs
        ):
            absorbed.add(noun.i)  # "imposed sanctions": one event, coded on the verb
    events: list[Event] = []
    seen: set[tuple[str, str, str, str | None]] = set()
    for item in found:
        if item.trigger.i in absorbed:
            continue  # the content of an agreement, request or refusal, coded with it
        event = item.event
        actor = event.actor or (event.actor_mention.text if event.actor_mention else None)
        target = event.target or (event.target_mention.text if event.target_mention else None)
        if actor and target:
            key = (actor, event.type, target, event.date)
            if key in seen:
                continue  # the same event told twice in one article
            seen.add(key)
        event.id = f"V{len(events) + 1}"
        events.append(event)
    draft.article.events = events
    return draft


def _name(article: Article, entity_id: str | None, mention: Span | None) -> str:
    entity = article.entity(entity_id)
    if entity is not None:
        return entity.name
    if mention is not None:
        return f"{mention.text} (unresolved)"
    return "?"


def describe_event(article: Article, event: Event) -> str:
    """One line for the terminal report.

    "NATO —SANCTION→ Russia, 2022-03-04, reported by the journalist"
    """
    actor = _name(article, event.actor, event.actor_mention)
    parts = [
        f"{actor} —{event.type}→ {_name(article, event.target, event.target_mention)}"
        if event.target or event.target_mention
        else f"{actor} —{event.type}"
    ]
    if event.mode != "asserted":
        parts.append(event.mode)
    if event.date:
        parts.append(event.date)
    place = article.entity(event.place)
    if place is not None:
        parts.append(f"in {place.name}")
    if event.source == "journalist":
        parts.append("reported by the journalist")
    elif event.source == "unknown":
        parts.append("claimed by an unnamed speaker")
    else:
        parts.append(f"claimed by {_name(article, event.source, None)}")
    return ", ".join(parts)
