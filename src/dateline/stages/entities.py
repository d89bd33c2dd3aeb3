"""Stage 4: who and where: mentions clustered into entities, linked to the knowledge base.

Reads ``draft.doc`` (spaCy) and ``article.published``; fills ``article.entities``
and ``article.place_entity``. In order:

1. **Names**: multi-word names the knowledge base knows, spaCy's named entities,
   and, where spaCy missed them, capitalised phrases the knowledge base knows
   (countries, organisations, places, demonyms, capitals, office holders). Each
   gets its KB candidates.
2. **Readings**: each name is read as the candidate that fits best: the spaCy
   label, the type (a country before a city before a person of the same name),
   the population, and the article's other places (Georgia the country next to
   Russia or Tbilisi; the US state next to Atlanta or a governor). A capital used
   as an actor ("Kiev's request", "sanctions on Moscow") is read as its country's
   government (a *metonym*); used as a place ("in Moscow") as the city. A small
   town is read only where its state or country is named too.
3. **People**: full and partial names are clustered ("Stoltenberg" joins "Jens
   Stoltenberg"; a bare surname goes to the person of that name mentioned most);
   a cluster is linked by its fullest name, or by surname plus a compatible first
   name ("Dmitro Kuleba" → Dmytro Kuleba).
4. **Nominals**: "the Alliance", "the allies", "allied" name the alliance the
   article mentions; "NATO foreign ministers", "Russian troops" act for NATO or
   Russia.
5. **Titles**: a role phrase ("the secretary general of the Alliance") joins the
   person it stands in apposition to; alone ("The former Norwegian prime
   minister"), it is resolved through the knowledge base's dated roles, first
   among the article's people, then among the role's holders on that date.
6. **Pronouns**: he/she/him/his/her go to the last person of that gender (as far
   as the article tells) who was a subject: in the same sentence, else the
   nearest sentence before that has one; "its" to the last country or
   organisation that was a subject.

:func:`entity_at` answers which entity a span of the original text refers to;
:func:`code_at` gives the CAMEO-style code of the actor there ("Moscow" → RUSGOV).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dateline.draft import Draft
from dateline.kb.lookup import Candidate, KnowledgeBase, load_kb
from dateline.kb.names import fold, normal
from dateline.kb.roles import ROLE_HEADS, role_key
from dateline.model import Entity, EntityKind, KBLink, Mention, MentionKind, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Longest capitalised phrase looked up in the knowledge base when spaCy found nothing there.
MAX_GAZETTEER_TOKENS = 4
# A city found only by the gazetteer (not by spaCy) must be at least this large: small towns
# share names with too many common capitalised words.
GAZETTEER_MIN_CITY_POPULATION = 100_000
# Towns smaller than this are only read where their state or country is named too.
# Calibrated on the linking gold set (eval-data/linking): re-run `dateline eval linking`.
SMALL_CITY_POPULATION = 50_000
# Sentences back that a pronoun looks for its antecedent.
PRONOUN_WINDOW = 5

_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_FEMININE = frozenset({"she", "her", "hers", "herself"})
_HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "madam": "f", "sir": "m"}
_THING_PRONOUNS = frozenset({"its"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_ALLIANCE_WORDS = frozenset({"alliance", "allies", "allied", "ally"})
# Plural nouns naming people who act for the organisation or country that modifies them.
_GROUP_NOUNS = frozenset(
    "ministers leaders officials diplomats members forces troops soldiers authorities "
    "negotiators delegates envoys lawmakers representatives".split()
)
# Prepositions after which a capital is an actor ("sanctions on Moscow", "talks with Kiev");
# after any other ("in Moscow", "to Moscow") it is a place.
_ACTOR_PREPS = frozenset("on against with by between for".split())
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
_TYPE_RANK = {"country": 3.0, "igo": 3.0, "organisation": 2.0, "adm1": 2.2, "region": 2.4,
              "continent": 2.5, "person": 2.0, "city": 1.0}
_LABEL_TYPES = {
    "PERSON": {"person"},
    "ORG": {"igo", "organisation", "country"},
    "GPE": {"country", "adm1", "city", "region"},
    "LOC": {"region", "continent", "city", "country", "adm1"},
    "NORP": {"country", "organisation"},
    "FAC": {"city", "region", "organisation", "country"},
}
_KIND_OF_TYPE: dict[str, EntityKind] = {
    "person": "person", "igo": "organisation", "organisation": "organisation",
    "country": "country", "adm1": "place", "city": "place", "region": "place",
    "continent": "place",
}
_US_STATE_WORDS = frozenset("governor state county primary primaries senator caucus caucuses "
                            "legislature voters ballot".split())


@dataclass(slots=True)
class _Mention:
    """A mention while the stage works on it (clean-text offsets)."""

    start: int
    end: int
    text: str
    kind: MentionKind
    label: str | None
    sent: int
    head: int  # token index of the mention's syntactic head
    first: int  # token index of the mention's first token
    cands: tuple[Candidate, ...] = ()
    reading: Candidate | None = None
    key: str | None = None  # entity key: a KB id, "local:..." or "alliance?"
    local_kind: EntityKind | None = None
    subject: bool = False
    nested: bool = False  # inside a title or group phrase
    sector: str | None = None  # GOV for "Moscow" read as Russia's government, MIL for troops


@dataclass(slots=True)
class _Cluster:
    key: str
    kind: EntityKind
    names: list[str] = field(default_factory=list)
    mentions: list[_Mention] = field(default_factory=list)


def resolve_entities(draft: Draft) -> Draft:
    """Fill ``article.entities`` (with every mention and KB link) and ``article.place_entity``."""
    if draft.doc is None:
        return draft
    _Reader(draft, load_kb()).run()
    return draft


def entity_at(draft: Draft, span: Span) -> str | None:
    """Id of the entity whose mention covers or overlaps ``span`` (original text), or None.

    Of several, the tightest mention wins: for "the Russian president" the
    person, not Russia; for "Russian" alone, Russia.
    """
    best: tuple[int, int, str] | None = None
    for entity in draft.article.entities:
        for mention in entity.mentions:
            m = mention.span
            if not (m.start < span.end and span.start < m.end):
                continue
            if m.start <= span.start and span.end <= m.end:
                rank = (0, (m.end - m.start) - (span.end - span.start))  # covers: tightest
            elif span.start <= m.start and m.end <= span.end:
                rank = (1, (span.end - span.start) - (m.end - m.start))  # inside: largest
            else:
                rank = (2, -(min(m.end, span.end) - max(m.start, span.start)))
            candidate = (rank[0], rank[1], entity.id)
            if best is None or candidate < best:
                best = candidate
    return None if best is None else best[2]


def code_at(draft: Draft, span: Span) -> str | None:
    """The CAMEO-style actor code of the mention at ``span`` on the article's date.

    The entity's code, with the sector the mention adds for a country: "Moscow"
    (Russia's government) is ``RUSGOV``, "Russian troops" ``RUSMIL``, "Russia" ``RUS``.
    """
    entity = draft.article.entity(entity_at(draft, span))
    if entity is None or entity.link is None:
        return None
    codes: dict[tuple[int, int], str] = draft.extras.get("entity_codes", {})
    best: tuple[int, str | None] | None = None
    for mention in entity.mentions:
        if mention.span.overlaps(span):
            size = mention.span.end - mention.span.start
            if best is None or size < best[0]:
                best = (size, codes.get((mention.span.start, mention.span.end)))
    return best[1] if best is not None and best[1] else entity.link.code


class _Reader:
    def __init__(self, draft: Draft, kb: KnowledgeBase) -> None:
        assert draft.doc is not None
        self.draft = draft
        self.kb = kb
        self.doc: Doc = draft.doc
        published = draft.article.published
        self.on = (published or dt.date.today()).isoformat()
        # Without a publication date, roles cannot be dated: a title then stands only for
        # a person of the article known to have held it, never for today's holder.
        self.dated = published is not None
        self.titled: dict[tuple[str, str | None], str] = {}  # (role, of) -> person named with it
        self.mentions: list[_Mention] = []
        self.people: dict[str, _Cluster] = {}
        self.sent_of: list[int] = [0] * len(self.doc)
        for index, sent in enumerate(self.doc.sents):
            for tok in sent:
                self.sent_of[tok.i] = index
        self.skip: list[tuple[int, int]] = []  # clean ranges not read (the byline)
        byline = draft.article.byline
        if byline is not None:
            self.skip.append(self._clean_range(byline))
        place = draft.article.place
        self.dateline = self._clean_range(place) if place is not None else None

    def _clean_range(self, span: Span) -> tuple[int, int]:
        starts = self.draft.offsets.starts
        return bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)

    def run(self) -> None:
        self.find_names()
        self.find_alliance_words()
        self.read_names()
        self.cluster_people()
        self.resolve_alliances()
        self.find_groups()
        self.find_titles()
        self.resolve_pronouns()
        self.emit()

    # --- 1. names ----------------------------------------------------------------------
    def _skipped(self, start: int, end: int) -> bool:
        return any(s <= start < e for s, e in self.skip)

    def _add(self, start_tok: int, end_tok: int, kind: MentionKind, label: str | None,
             cands: tuple[Candidate, ...] = (), keep_det: bool = False) -> _Mention | None:
        doc = self.doc
        while not keep_det and start_tok < end_tok and doc[start_tok].lower_ in _DETERMINERS:
            start_tok += 1
        while end_tok > start_tok and doc[end_tok - 1].lower_ in ("'s", "’s", "'", "’"):
            end_tok -= 1
        if start_tok >= end_tok:
            return None
        span = doc[start_tok:end_tok]
        start, end = span.start_char, span.end_char
        if self._skipped(start, end):
            return None
        mention = _Mention(start, end, span.text, kind, label, self.sent_of[start_tok],
                           span.root.i, start_tok, cands)
        mention.subject = span.root.dep_ in _SUBJECT_DEPS
        self.mentions.append(mention)
        return mention

    def find_names(self) -> None:
        doc = self.doc
        covered = [False] * len(doc)
        # Multi-word names the knowledge base knows win over spaCy's shorter pieces
        # ("Islamic" NORP inside "the Islamic State").
        for start, end, cands in self._gazetteer(covered, min_size=2):
            if self._add(start, end, "name", None, cands) is not None:
                for j in range(start, end):
                    covered[j] = True
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS or any(covered[i] for i in range(ent.start, ent.end)):
                continue
            start, end = ent.start, ent.end
            while start < end and doc[start].lower_ in _DETERMINERS:
                start += 1
            if {t.lower_ for t in doc[start:end]} <= _ALLIANCE_WORDS:
                continue  # "the Alliance": a nominal, read below
            cands = self.kb.lookup(doc[start:end].text)
            while not cands and ent.label_ != "PERSON" and start + 1 < end and \
                    not doc[start].text[:1].isupper():
                start += 1  # "northern Europe" → "Europe"
                cands = self.kb.lookup(doc[start:end].text)
            kind: MentionKind = "name"
            if any(c.kind.startswith("demonym") for c in cands) and not any(
                    c.kind == "name" for c in cands):
                kind = "demonym"
            if self._add(start, end, kind, ent.label_, cands) is not None:
                for i in range(ent.start, ent.end):
                    covered[i] = True
        # The gazetteer: capitalised names spaCy did not label.
        for start, end, cands in self._gazetteer(covered, min_size=1):
            kind = "demonym" if all(c.kind.startswith("demonym") for c in cands) else "name"
            if self._add(start, end, kind, None, cands) is not None:
                for j in range(start, end):
                    covered[j] = True

    def _gazetteer(
        self, covered: list[bool], min_size: int
    ) -> Iterator[tuple[int, int, tuple[Candidate, ...]]]:
        """Longest capitalised token runs (``min_size`` or more) the knowledge base knows."""
        doc = self.doc
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if covered[i] or not tok.text[:1].isupper() or not tok.is_alpha:
                i += 1
                continue
            hit = None
            for size in range(min(MAX_GAZETTEER_TOKENS, n - i), min_size - 1, -1):
                if any(covered[j] for j in range(i, i + size)):
                    continue
                if not doc[i + size - 1].text[:1].isupper():
                    continue
                cands = tuple(c for c in self.kb.lookup(doc[i:i + size].text)
                              if self._gazetteer_ok(c, tok)
                              and (c.type in ("country", "igo") or c.kind != "name"
                                   or self._whole_name(i, i + size)))
                if cands:
                    hit = (i, i + size, cands)
                    break
            if hit is None:
                i += 1
                continue
            yield hit
            i = hit[1]

    def _whole_name(self, start: int, end: int) -> bool:
        """False inside a longer capitalised name ("House" of "House Oversight Committee")."""
        doc = self.doc
        after = doc[end] if end < len(doc) else None
        if after is not None and after.is_alpha and after.text[:1].isupper():
            return False
        before = doc[start - 1] if start > 0 else None
        return not (before is not None and before.is_alpha and before.text[:1].isupper()
                    and not doc[start].is_sent_start)

    def _gazetteer_ok(self, cand: Candidate, first: Token) -> bool:
        if cand.kind == "surname":
            return False
        if cand.type == "city":
            in_dateline = self.dateline is not None and \
                self.dateline[0] <= first.idx < self.dateline[1]
            # A dateline opens its paragraph, often in capitals: "BRUSSELS -".
            return cand.population >= GAZETTEER_MIN_CITY_POPULATION and (
                in_dateline or not first.is_sent_start or (first.is_upper and len(first) > 2))
        if cand.type == "organisation":
            return not cand.id.startswith("org:phx-")
        if cand.type == "person":
            return not first.is_sent_start or first.pos_ == "PROPN"
        return True

    def find_alliance_words(self) -> None:
        """"the Alliance", "the allies", "allied": placeholders resolved once names are read."""
        taken = {(m.start, m.end) for m in self.mentions}
        for tok in self.doc:
            if tok.lower_ not in _ALLIANCE_WORDS:
                continue
            if tok.lower_ == "alliance" and not tok.text[0].isupper() and not any(
                    c.lower_ == "the" for c in tok.children):
                continue  # "an alliance of ..."
            if tok.lower_ in ("allies", "ally") and any(
                    c.dep_ in ("poss", "compound") or c.ent_type_ for c in tok.children):
                continue  # "Russia's allies", "US allies" are not the Alliance
            if (tok.idx, tok.idx + len(tok)) in taken:
                continue
            mention = self._add(tok.i, tok.i + 1, "nominal", None)
            if mention is not None:
                mention.key = "alliance?"

    # --- 2. readings -----------------------------------------------------------------
    def read_names(self) -> None:
        context = self._context()
        for m in self.mentions:
            if m.key == "alliance?" or not m.cands:
                continue
            m.reading = self._choose(m, context)
            if m.reading is None:
                continue
            if m.reading.kind in ("metonym", "seat"):
                m.kind = "metonym"
                m.sector = m.reading.sector
            elif m.reading.kind.startswith("demonym"):
                m.kind = "demonym"
            if m.reading.type != "person":
                m.key = m.reading.id

    def _context(self) -> dict[str, float]:
        """What the article's unambiguous names point to: countries, US states, IGOs."""
        weights: dict[str, float] = {}

        def add(key: str) -> None:
            weights[key] = weights.get(key, 0.0) + 1.0

        for m in self.mentions:
            for c in m.cands:
                if c.type == "igo" and c.kind == "name":
                    add(c.id)
            places = {c.id: c for c in m.cands if c.type in ("country", "city", "adm1", "region")}
            if len(places) != 1:
                continue
            cand = next(iter(places.values()))
            if cand.country:
                add(cand.country)
            category = cand.category or ""
            if cand.type == "city" and category.startswith("US-"):
                add(category)
            if cand.type == "adm1":
                add("US-STATES")
                add(cand.id.split(":", 1)[1])
        return weights

    def _choose(self, m: _Mention, context: dict[str, float]) -> Candidate | None:
        allowed = _LABEL_TYPES.get(m.label or "", None)
        in_dateline = self.dateline is not None and self.dateline[0] <= m.start < self.dateline[1]
        actor_use = self._actor_use(self.doc[m.head])
        places = {c.id for c in m.cands if c.type in ("country", "city", "adm1", "region")}
        own = 1.0 if len(places) == 1 else 0.0  # this mention's own share of the context
        surname_of_person = m.label == "PERSON" and any(
            o is not m and o.label == "PERSON" and len(o.text.split()) > 1
            and o.text.split()[-1] == m.text for o in self.mentions)
        best: tuple[float, str] | None = None
        choice: Candidate | None = None
        for c in m.cands:
            if c.kind == "surname":
                continue
            if m.label == "PERSON" and c.type != "person" and c.kind not in ("metonym", "seat"):
                # spaCy says a person: only a well-known name may overrule it ("Kiev")
                if surname_of_person or not (
                        c.type in ("country", "igo")
                        or (c.type == "organisation" and not c.id.startswith("org:phx-"))
                        or (c.type == "city" and (c.category == "capital"
                                                  or c.population >= 1_000_000))):
                    continue
            if c.type == "city" and c.population < SMALL_CITY_POPULATION:
                # A small town needs its state (US) or country named elsewhere in the article.
                category = c.category or ""
                region = category if category.startswith("US-") else (c.country or "")
                if not region or context.get(region, 0.0) - own <= 0:
                    continue
            score = _TYPE_RANK.get(c.type, 1.0)
            if allowed is not None and c.type in allowed:
                score += 1.0
            if m.label == "PERSON" and c.type == "person":
                score += 1.5
            if m.label not in (None, "PERSON") and c.type == "person":
                score -= 1.5
            if c.type == "city":
                score += min(1.5, math.log10(max(c.population, 1)) / 5)
                if c.category == "capital":
                    score += 0.6
            if c.type == "organisation" and c.id.startswith("org:phx-"):
                score -= 0.8
            if c.kind in ("metonym", "seat"):
                if in_dateline:
                    continue
                score += 2.5 if (c.kind == "seat" or actor_use) else -2.5
            score += self._context_score(c, m, context)
            key = (score, c.id)
            if best is None or key > best:
                best, choice = key, c
        return choice

    def _actor_use(self, head: Token) -> bool:
        """True where a place name acts: subject, possessor, object of "on"/"against"."""
        if head.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
            return True
        if head.dep_ == "pobj":
            return head.head.lower_ in _ACTOR_PREPS
        return head.dep_ in ("dobj", "conj") and head.head.pos_ == "VERB"

    def _context_score(self, c: Candidate, m: _Mention, context: dict[str, float]) -> float:
        score = 0.0
        if c.type == "country" and c.country:
            neighbours = self.kb.neighbours(c.country)
            near = sum(w for k, w in context.items() if k in neighbours)
            score += min(1.5, 0.75 * near)
        elif c.type == "adm1":
            states = context.get("US-STATES", 0.0) - 1.0  # this very mention counts once
            cities = sum(w for k, w in context.items()
                         if k.startswith("US-") and k != "US-STATES")
            score += min(2.0, 0.75 * (max(states, 0.0) + cities))
            if any(t.lower_ in _US_STATE_WORDS for t in self.doc[m.head].sent):
                score += 1.5
        elif c.type in ("city", "region") and c.country:
            score += min(1.0, 0.5 * context.get(c.country, 0.0))
        elif c.type == "igo" and c.kind in ("metonym", "seat"):
            # "Brussels": the EU or NATO, whichever the article names more
            igos = sum(w for k, w in context.items() if k.startswith("igo:"))
            score += context.get(c.id, 0.0) / igos if igos else 0.0
        return score

    # --- 3. people -----------------------------------------------------------------------
    def cluster_people(self) -> None:
        people = [m for m in self.mentions
                  if m.key is None and (
                      (m.label == "PERSON" and (m.reading is None or m.reading.type == "person"))
                      or (m.reading is not None and m.reading.type == "person"))]
        clusters: list[_Cluster] = []
        for m in sorted(people, key=lambda x: x.start):
            words = _name_words(m.text)
            if not words:
                continue
            # A bare surname goes to the person of that name mentioned most (the article's
            # main one: "Cruz" is Ted Cruz, not his father Rafael mentioned once).
            matching = [c for c in clusters if _same_person(words, c.names)]
            if len(words) == 1:
                target = max(matching, key=lambda c: (len(c.mentions), -clusters.index(c)),
                             default=None)
            else:
                target = matching[-1] if matching else None
            if target is None:
                target = _Cluster(key=f"local:person:{len(clusters)}", kind="person")
                clusters.append(target)
            target.names.append(" ".join(words))
            target.mentions.append(m)
        # spaCy sometimes labels a bare surname ORG or GPE: it is the person named in full.
        chosen = {id(m) for m in people}
        for m in self.mentions:
            if m.key is not None or m.reading is not None or m.label == "PERSON" \
                    or id(m) in chosen:
                continue
            words = _name_words(m.text)
            matching = [c for c in clusters if any(len(n.split()) > 1 for n in c.names)
                        and _same_person(words, c.names)]
            if words and matching:
                max(matching, key=lambda c: len(c.mentions)).mentions.append(m)
        merged: dict[str, _Cluster] = {}
        for cluster in clusters:
            key = self._link_person(cluster) or cluster.key
            if key in merged:
                merged[key].mentions.extend(cluster.mentions)
                continue
            cluster.key = key
            merged[key] = cluster
        for cluster in merged.values():
            for m in cluster.mentions:
                m.key = cluster.key
                m.local_kind = "person"
        self.people = merged

    def _link_person(self, cluster: _Cluster) -> str | None:
        names = sorted(set(cluster.names), key=lambda n: (-len(n.split()), -len(n)))
        for name in names:
            found = [c for c in self.kb.lookup(name) if c.type == "person" and c.kind == "name"]
            if found:
                return self._prefer_active(found)
        full = names[0].split()
        if len(full) >= 2:
            found = [c for c in self.kb.lookup(full[-1]) if c.type == "person"
                     and c.kind == "surname" and _first_names_agree(full[0], c.name)]
            if found:
                return self._prefer_active(found)
        return None

    def _prefer_active(self, found: list[Candidate]) -> str:
        ids = sorted({c.id for c in found})
        if len(ids) == 1:
            return ids[0]
        active = [i for i in ids if any(r.active(self.on) for r in self.kb.roles(i))]
        if active:
            return active[0]
        curated = [i for i in ids if self.kb.roles(i)]
        return (curated or ids)[0]

    # --- 4. nominals ---------------------------------------------------------------------
    def resolve_alliances(self) -> None:
        alliances = [m for m in self.mentions if m.reading is not None
                     and m.reading.type == "igo" and m.reading.category == "alliance"]
        for m in self.mentions:
            if m.key != "alliance?":
                continue
            before = [a for a in alliances if a.start < m.start]
            after = [a for a in alliances if a.start > m.start]
            source = before[-1] if before else (after[0] if after else None)
            m.key = source.key if source is not None else None

    def find_groups(self) -> None:
        """"NATO foreign ministers", "Russian troops": people acting for what modifies them."""
        by_token: dict[int, _Mention] = {}
        for m in self.mentions:
            if m.key is not None and m.local_kind != "person":
                by_token[m.head] = m
        for tok in self.doc:
            if tok.lower_ not in _GROUP_NOUNS:
                continue
            modifiers = [c.i for c in tok.children
                         if c.i in by_token and c.dep_ in ("compound", "amod", "poss", "nmod")]
            if not modifiers:
                continue
            owner = by_token[modifiers[0]]
            mention = self._add(min(modifiers), tok.i + 1, "nominal", None)
            if mention is not None:
                mention.key = owner.key
                mention.sector = self.kb.agent(tok.lower_)
                mention.subject = tok.dep_ in _SUBJECT_DEPS

    # --- 5. titles -----------------------------------------------------------------------
    def find_titles(self) -> None:
        doc = self.doc
        seen: set[int] = set()
        person_at = {m.head: m for m in self.mentions if m.local_kind == "person"}
        for tok in doc:
            if tok.i in seen or tok.lower_ not in ROLE_HEADS or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.head.lower_ in ROLE_HEADS and tok.dep_ == "compound":
                continue  # "Secretary" of "Secretary General": the phrase is read at its head
            if tok.i in person_at or any(m.start <= tok.idx < m.end and m.local_kind == "person"
                                         for m in self.mentions):
                continue
            start, end = self._title_extent(tok)
            seen.update(range(start, end))
            phrase = doc[start:end]
            key = role_key(phrase.text)
            if key is None:
                continue
            nested = [m for m in self.mentions if phrase.start_char <= m.start
                      and m.end <= phrase.end_char and m.local_kind != "person"]
            for m in nested:
                m.nested = True
            person = self._apposed_person(tok, phrase, person_at)
            if person is not None and person.key:
                # "The secretary general of the Alliance, Jens Stoltenberg": later uses of
                # the same title in this article stand for him, whatever the date.
                self.titled.setdefault((key, self._title_of(nested)), person.key)
            target = person.key if person is not None else self._title_holder(
                key, phrase, nested)
            if target is None:
                continue
            mention = self._add(start, end, "title", None, keep_det=True)
            if mention is not None:
                mention.key = target
                mention.local_kind = "person"
                mention.subject = tok.dep_ in _SUBJECT_DEPS

    def _title_extent(self, head: Token) -> tuple[int, int]:
        doc = self.doc
        start = head.i
        for child in head.lefts:
            if child.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod"):
                start = min(start, child.left_edge.i)
        end = head.i + 1
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                end = max(end, child.right_edge.i + 1)
            elif child.dep_ == "compound" or (child.dep_ == "appos" and child.lower_ in ROLE_HEADS):
                end = max(end, child.i + 1)
        # Never run over a comma or into a person's name.
        for i in range(head.i + 1, end):
            if doc[i].text in (",", ";", "(") or doc[i].ent_type_ == "PERSON":
                end = i
                break
        for i in range(head.i - 1, start - 1, -1):
            if doc[i].ent_type_ == "PERSON" or doc[i].text in (",", ";", ")"):
                start = i + 1
                break
        return start, end

    def _apposed_person(
        self, head: Token, phrase: SpacySpan, person_at: dict[int, _Mention]
    ) -> _Mention | None:
        # "The secretary general of the Alliance, Jens Stoltenberg" / "Kuleba, Ukraine's FM"
        for child in head.children:
            if child.dep_ in ("appos", "compound") and child.i in person_at:
                return person_at[child.i]
        if head.dep_ in ("appos", "compound") and head.head.i in person_at:
            return person_at[head.head.i]
        # Directly before a name: "Foreign Minister Dmitro Kuleba",
        # "the Russian president, Vladimir Putin"
        doc = self.doc
        nxt = phrase.end
        if nxt < len(doc) and doc[nxt].text == ",":
            nxt += 1
        if nxt >= len(doc):
            return None
        for m in self.mentions:
            if m.local_kind == "person" and m.kind == "name" and m.start == doc[nxt].idx:
                return m
        return None

    @staticmethod
    def _title_of(nested: list[_Mention]) -> str | None:
        places = [m.key for m in nested if m.key and not m.key.startswith("local:")]
        return places[0] if places else None

    def _title_holder(self, key: str, phrase: SpacySpan, nested: list[_Mention]) -> str | None:
        former = any(t.lower_ in ("former", "ex", "then") for t in phrase)
        of = self._title_of(nested)
        if not former:
            named = self.titled.get((key, of))
            if named is not None:
                return named
        # Among the article's people first: the most recently mentioned who fits.
        fitting: list[tuple[int, str]] = []
        for person_key, cluster in self.people.items():
            if person_key.startswith("local:") or not cluster.mentions:
                continue
            first = min(m.start for m in cluster.mentions)
            if first > phrase.start_char + 200:
                continue  # named only much later: not whom the title stands for
            for role in self.kb.roles(person_key):
                if role.key != key or (of is not None and role.of != of):
                    continue
                if not self.dated or (role.end <= self.on if former else role.active(self.on)):
                    last = max((m.start for m in cluster.mentions if m.start < phrase.start_char),
                               default=-1)
                    fitting.append((last, person_key))
        if fitting:
            return max(fitting)[1]
        if former or of is None or not self.dated:
            return None
        holders = self.kb.holders(key, of, self.on)
        if len(holders) == 1:
            self.people.setdefault(holders[0], _Cluster(holders[0], "person"))
            return holders[0]
        return None

    # --- 6. pronouns ---------------------------------------------------------------------
    def resolve_pronouns(self) -> None:
        people = sorted((m for m in self.mentions if m.local_kind == "person" and m.key),
                        key=lambda m: m.start)
        things = sorted((m for m in self.mentions if m.key and m.local_kind != "person"
                         and m.reading is not None and m.reading.type in
                         ("country", "igo", "organisation")), key=lambda m: m.start)
        # "they" only for a group named as such: "the allies", "the Ukrainians", "Republicans".
        groups = sorted((m for m in self.mentions if m.key and m.key != "alliance?"
                         and self._plural_group(m)), key=lambda m: m.start)
        # Gender is known only from evidence in the article: an honorific ("Mrs. May")
        # or a pronoun already resolved to the person.
        gender: dict[str, str] = {}
        for m in people:
            before = self.doc[m.first - 1] if m.first > 0 else None
            guess = _HONORIFIC_GENDER.get(before.lower_.rstrip(".")) if before is not None \
                else None
            if guess and m.key:
                gender.setdefault(m.key, guess)
        for tok in self.doc:
            lower = tok.lower_
            if lower in _PERSON_PRONOUNS and tok.pos_ == "PRON":
                wanted = "f" if lower in _FEMININE else "m"
                pool = [m for m in people if gender.get(m.key or "", wanted) == wanted]
                target = self._antecedent(tok, pool)
                if target is not None:
                    gender.setdefault(target, wanted)
            elif lower in _PLURAL_PRONOUNS and tok.pos_ == "PRON":
                target = self._antecedent(tok, groups, window=1)
                if target is not None and self._unnamed_plural_between(tok, groups):
                    target = None  # "those countries … they": not the group named before
            elif lower in _THING_PRONOUNS:
                target = self._parallel_owner(tok, things) or self._antecedent(
                    tok, things, window=1)
            else:
                continue
            if target is None:
                continue
            mention = self._add(tok.i, tok.i + 1, "pronoun", None)
            if mention is not None:
                mention.key = target
                if lower in _PERSON_PRONOUNS:
                    mention.local_kind = "person"
                    people.append(mention)
                    people.sort(key=lambda m: m.start)

    def _unnamed_plural_between(self, tok: Token, groups: list[_Mention]) -> bool:
        """A plural noun phrase that is no group of ours ("those countries") stands, in the
        pronoun's sentence, after the last group mention: the nearer antecedent is it."""
        sent = self.doc[tok.i].sent
        last_group = max((m.start for m in groups if m.start < tok.idx), default=-1)
        covered = [(m.start, m.end) for m in groups]
        for cand in sent:
            if cand.i >= tok.i:
                break
            if cand.idx <= last_group or cand.tag_ != "NNS":
                continue
            if cand.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos"):
                continue
            if not any(s <= cand.idx < e for s, e in covered):
                return True
        return False

    def _plural_group(self, m: _Mention) -> bool:
        if m.local_kind == "person":
            return False
        if m.kind == "nominal":
            return m.text.lower().endswith("s")  # "the allies", "NATO foreign ministers"
        if m.reading is not None and m.reading.kind == "demonym_plural":
            return True  # "the Ukrainians"
        return m.reading is not None and m.reading.type == "organisation" and \
            self.doc[m.head].tag_ in ("NNS", "NNPS")  # "Democrats", "Republicans"

    def _parallel_owner(self, tok: Token, things: list[_Mention]) -> str | None:
        """"the Ukrainian people and its armed forces": "its" owns what its parallel noun's
        modifier names."""
        noun = tok.head
        if noun.dep_ != "conj":
            return None
        by_head = {m.head: m for m in things}
        for child in noun.head.children:
            if child.dep_ in ("amod", "compound", "poss") and child.i in by_head:
                return by_head[child.i].key
        return None

    def _antecedent(
        self, tok: Token, pool: list[_Mention], window: int = PRONOUN_WINDOW
    ) -> str | None:
        sent = self.sent_of[tok.i]
        before = [m for m in pool if m.start < tok.idx and sent - m.sent <= window]
        if not before:
            return None
        same = [m for m in before if m.sent == sent]
        subjects = [m for m in same if m.subject]
        if subjects:
            return subjects[-1].key
        for back in range(1, window + 1):
            subj = [m for m in before if m.sent == sent - back and m.subject]
            if subj:
                return subj[-1].key
        if same:
            return same[-1].key
        return before[-1].key

    # --- output --------------------------------------------------------------------------
    def emit(self) -> None:
        article = self.draft.article
        groups: dict[str, list[_Mention]] = {}
        for m in sorted(self.mentions, key=lambda x: (x.start, -x.end)):
            if m.key is None or m.key == "alliance?":
                if m.kind == "name" and m.label in NER_LABELS:
                    m.key = f"local:{m.label}:{normal(m.text)}"
                else:
                    continue
            groups.setdefault(m.key, []).append(m)
        entities: list[Entity] = []
        codes: dict[tuple[int, int], str] = {}
        for key, mentions in sorted(groups.items(), key=lambda kv: kv[1][0].start):
            entity_id = f"E{len(entities) + 1}"
            link = None if key.startswith("local:") else self.kb.link(key, self.on)
            names = [m.text for m in mentions if m.kind == "name"]
            name = link.name if link is not None else (
                max(names, key=len) if names else mentions[0].text)
            entity = Entity(
                id=entity_id, kind=self._entity_kind(key, mentions, link), name=name, link=link,
                mentions=[Mention(self.draft.span(m.start, m.end), m.kind, entity_id, m.label)
                          for m in mentions],
            )
            entities.append(entity)
            if link is not None and link.code:
                for mention, m in zip(entity.mentions, mentions, strict=True):
                    code = link.code
                    if m.sector and link.type == "country" and len(code) == 3:
                        code += m.sector
                    codes[(mention.span.start, mention.span.end)] = code
        article.entities = entities
        self.draft.extras["entity_codes"] = codes
        if article.place is not None:
            article.place_entity = self._place_entity(entities)

    def _entity_kind(self, key: str, mentions: list[_Mention], link: KBLink | None) -> EntityKind:
        if link is not None:
            return _KIND_OF_TYPE.get(link.type, "organisation")
        if any(m.local_kind == "person" for m in mentions) or ":PERSON:" in key:
            return "person"
        if ":NORP:" in key:
            return "group"
        if ":ORG:" in key:
            return "organisation"
        return "place"

    def _place_entity(self, entities: list[Entity]) -> str | None:
        place = self.draft.article.place
        assert place is not None
        for entity in entities:
            for mention in entity.mentions:
                if mention.span.overlaps(place):
                    return entity.id
        # spaCy did not see the dateline's place: look it up alone.
        cands = [c for c in self.kb.lookup(place.text)
                 if c.type in ("city", "adm1", "region", "country") and c.kind == "name"]
        if not cands:
            return None
        best = max(cands, key=lambda c: (c.population, c.id))
        entity_id = f"E{len(entities) + 1}"
        entities.append(Entity(id=entity_id, kind=_KIND_OF_TYPE.get(best.type, "place"),
                               name=best.name, link=self.kb.link(best.id, self.on),
                               mentions=[Mention(place, "name", entity_id, None)]))
        return entity_id


def _name_words(text: str) -> list[str]:
    words = [w for w in fold(text).replace(".", " ").replace("’", "'").split()
             if w not in ("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "'s")]
    return [w[:-2] if w.endswith("'s") else w for w in words]


def _same_person(words: list[str], names: list[str]) -> bool:
    if not words:
        return False
    full = [n for n in names if len(n.split()) > 1]
    if len(words) > 1 and full:
        names = full  # "Rafael Cruz" is compared with "Ted Cruz", not with a bare "Cruz"
    for name in names:
        other = name.split()
        if not other:
            continue
        if words == other:
            return True
        if len(words) < len(other) and other[-len(words):] == words:
            return True  # "de Blasio" in "Bill de Blasio"
        if len(words) == 1 and words[0] in (other[-1], other[0]) and len(other) > 1:
            return True
        if len(other) == 1 and other[0] == words[-1] and len(words) > 1:
            return True
        if len(words) > 1 and len(other) > 1 and words[-1] == other[-1] and (
                words[0] == other[0] or _first_names_agree(words[0], other[0])):
            return True
    return False


def _first_names_agree(a: str, b: str) -> bool:
    """"Dmitro" and "Dmytro" agree (same initial, similar); "Bill" and "Hillary" do not."""
    a_words, b_words = fold(a).split(), fold(b).split()
    if not a_words or not b_words:
        return False
    a, b = a_words[0], b_words[0]
    if a == b:
        return True
    if a[:1] != b[:1]:
        return False
    if len(a) <= 2 or len(b) <= 2:  # an initial: "J. Stoltenberg"
        return True
    common = sum(1 for x, y in zip(a, b, strict=False) if x == y)
    return common >= min(len(a), len(b)) - 2 and abs(len(a) - len(b)) <= 2
