"""Reading the knowledge base: names to candidates, dated roles, codes and memberships.

The artefact (``kb/data/kb.sqlite``) is opened read-only and queried through its
indexes; answers are cached per process. Office holders that ``dateline kb
import`` merged live in a small *overlay* CSV (see :mod:`dateline.kb.overlay`)
that is read into memory and consulted beside the artefact.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dateline.errors import KnowledgeBaseError
from dateline.kb.build import ARTEFACT
from dateline.kb.dates import LATEST
from dateline.kb.names import normal, slug
from dateline.kb.overlay import overlay_path, read_overlay
from dateline.kb.roles import role_key
from dateline.model import KBLink

# When a person holds several roles at once, the first of these names the code.
_ROLE_ORDER = ["president", "monarch", "supreme_leader", "prime_minister", "secretary_general",
               "foreign_minister", "defence_minister", "vice_president", "director_general"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity that a name may refer to, and how the name refers to it."""

    id: str
    name: str
    type: str  # country, adm1, city, region, continent, igo, organisation, person
    country: str | None
    kind: str  # name, surname, demonym, demonym_plural, metonym, seat
    sector: str | None = None
    population: int = 0
    category: str | None = None
    code: str | None = None
    lat: float | None = None
    lon: float | None = None
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    entity: str
    role: str
    key: str | None
    of: str  # entity id: country:UKR, igo:NATO
    start: str
    end: str
    code: str | None
    source: str

    def active(self, on: str) -> bool:
        return self.start <= on < self.end


def _iso(on: dt.date | str | None) -> str:
    if on is None:
        return dt.date.today().isoformat()
    return on if isinstance(on, str) else on.isoformat()


class KnowledgeBase:
    """One opened knowledge base (artefact plus overlay)."""

    def __init__(self, path: Path = ARTEFACT, overlay: Path | None = None) -> None:
        if not Path(path).exists():
            raise KnowledgeBaseError(
                f"the knowledge base {path} is missing; rebuild it with `dateline kb build` "
                "or reinstall dateline"
            )
        self.path = Path(path)
        self._db = self._connect()
        self._lock = threading.Lock()
        self.candidates = lru_cache(maxsize=65536)(self._candidates)
        self.roles = lru_cache(maxsize=8192)(self._roles)
        self._extra_aliases: dict[str, list[Candidate]] = {}
        self._extra_roles: dict[str, list[Role]] = {}
        self._extra_entities: dict[str, Candidate] = {}
        self.overlay = overlay
        if overlay is not None and overlay.exists():
            for row in read_overlay(overlay):
                self._merge_office(row)

    # --- raw queries -----------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        self._pid = os.getpid()
        uri = f"file:{self.path}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        with self._lock:
            if self._pid != os.getpid():  # a forked worker: SQLite handles must not cross fork
                self._db = self._connect()
            return self._db.execute(sql, args).fetchall()

    def _candidates(self, key: str) -> tuple[Candidate, ...]:
        found = [
            Candidate(id=r[0], name=r[1], type=r[2], country=r[3], kind=r[4], sector=r[5],
                      population=r[6] or 0, category=r[7], code=r[8], lat=r[9], lon=r[10],
                      wikidata=r[11])
            for r in self._query(
                "SELECT e.id, e.name, e.type, e.country, a.kind, a.sector, e.population, "
                "e.category, e.code, e.lat, e.lon, e.wikidata FROM alias a "
                "JOIN entity e ON e.id = a.entity WHERE a.alias = ? ORDER BY e.id, a.kind",
                (key,),
            )
        ]
        extra = self._extra_aliases.get(key, [])
        known = {(c.id, c.kind) for c in found}
        return tuple(found + [c for c in extra if (c.id, c.kind) not in known])

    def lookup(self, text: str) -> tuple[Candidate, ...]:
        """Every entity that ``text`` names, by its normal form."""
        return self.candidates(normal(text))

    def entity(self, entity_id: str) -> Candidate | None:
        """The entity with this id (``kind`` is ``"id"``)."""
        rows = self._query(
            "SELECT id, name, type, country, population, category, code, lat, lon, wikidata "
            "FROM entity WHERE id = ?", (entity_id,))
        if not rows:
            return self._extra_entities.get(entity_id)
        r = rows[0]
        wikidata = r[9]
        extra = self._extra_entities.get(entity_id)
        if extra is not None and extra.wikidata:
            wikidata = extra.wikidata
        return Candidate(id=r[0], name=r[1], type=r[2], country=r[3], kind="id",
                         population=r[4] or 0, category=r[5], code=r[6], lat=r[7], lon=r[8],
                         wikidata=wikidata)

    def _roles(self, entity_id: str) -> tuple[Role, ...]:
        found = [Role(*r) for r in self._query(
            'SELECT entity, role, role_key, of, start, "end", code, source FROM role '
            "WHERE entity = ? ORDER BY start", (entity_id,))]
        found.extend(self._extra_roles.get(entity_id, []))
        return tuple(sorted(set(found), key=lambda r: (r.start, r.role)))

    def holders(self, key: str, of: str, on: dt.date | str | None) -> list[str]:
        """Ids of the persons holding role ``key`` of ``of`` on that date."""
        day = _iso(on)
        ids = [r[0] for r in self._query(
            'SELECT entity FROM role WHERE role_key = ? AND of = ? AND start <= ? AND "end" > ?',
            (key, of, day, day))]
        for roles in self._extra_roles.values():
            ids.extend(r.entity for r in roles if r.key == key and r.of == of and r.active(day))
        return sorted(set(ids))

    def members(self, igo: str, on: dt.date | str | None) -> set[str]:
        """Country ids that are members of ``igo`` on that date."""
        day = _iso(on)
        return {r[0] for r in self._query(
            'SELECT country FROM membership WHERE igo = ? AND start <= ? AND "end" > ?',
            (igo, day, day))}

    @lru_cache(maxsize=1024)  # noqa: B019 - one KnowledgeBase per process
    def neighbours(self, iso3: str) -> frozenset[str]:
        return frozenset(r[0] for r in self._query(
            "SELECT neighbour FROM neighbour WHERE country = ?", (iso3,)))

    @lru_cache(maxsize=4096)  # noqa: B019
    def agent(self, term: str) -> str | None:
        """The CAMEO sector of a common noun ("troops" → MIL), or None."""
        rows = self._query("SELECT sector FROM agent WHERE term = ?", (term.lower(),))
        return rows[0][0] if rows else None

    def phoenix_codes(self, entity_id: str) -> list[tuple[str, str, str, bool]]:
        return [(r[0], r[1], r[2], bool(r[3])) for r in self._query(
            'SELECT code, start, "end", dated FROM pcode WHERE entity = ?', (entity_id,))]

    # --- dated answers -----------------------------------------------------------------
    def code_on(self, entity_id: str, on: dt.date | str | None) -> str | None:
        """The CAMEO-style actor code of an entity on that date."""
        entity = self.entity(entity_id)
        if entity is None:
            return None
        if entity.type != "person":
            return entity.code
        day = _iso(on)
        roles = self.roles(entity_id)
        if roles and day >= roles[0].start:
            current = self._ranked(r for r in roles if r.active(day))
            if current:
                return current[0].code
            return f"{entity.country}ELI" if entity.country else None
        codes = self.phoenix_codes(entity_id)
        dated = [c for c in codes if c[3] and c[1] <= day < c[2]]
        if dated:
            return sorted(dated, key=lambda c: c[1])[-1][0]
        undated = [c for c in codes if not c[3]]
        return undated[0][0] if undated else None

    def role_titles(self, entity_id: str, on: dt.date | str | None) -> list[str]:
        """Current roles first, then up to three former ones ("former Prime Minister of Norway")."""
        day = _iso(on)
        roles = self.roles(entity_id)
        current = [self.describe(r) for r in self._ranked(r for r in roles if r.active(day))]
        former = [f"former {self.describe(r)}" for r in reversed(roles) if r.end <= day]
        seen: list[str] = []
        for title in current + former[:3]:
            if title not in seen:
                seen.append(title)
        return seen

    def describe(self, role: Role) -> str:
        of = self.entity(role.of)
        name = of.name if of is not None else role.of.split(":", 1)[-1]
        if of is not None and of.type == "igo" and of.id.startswith("igo:"):
            short = of.id.split(":", 1)[1]
            name = short if short.isupper() and len(short) <= 5 else of.name
        igo_role = of is not None and of.type != "country" and " of " in role.role
        if " from " in role.role or " to " in role.role or igo_role:
            return f"{role.role} ({name})"
        return f"{role.role} of {name}"

    @staticmethod
    def _ranked(roles) -> list[Role]:
        def rank(r: Role) -> int:
            return _ROLE_ORDER.index(r.key) if r.key in _ROLE_ORDER else len(_ROLE_ORDER)
        return sorted(roles, key=rank)

    def link(self, entity_id: str, on: dt.date | str | None) -> KBLink | None:
        """What the knowledge base says about the entity on that date."""
        entity = self.entity(entity_id)
        if entity is None:
            return None
        return KBLink(
            id=entity.id, name=entity.name, type=entity.type, country=entity.country,
            code=self.code_on(entity_id, on),
            roles=self.role_titles(entity_id, on) if entity.type == "person" else [],
            lat=entity.lat, lon=entity.lon, wikidata=entity.wikidata,
        )

    # --- overlay -----------------------------------------------------------------------
    def _merge_office(self, row) -> None:
        person_id = f"person:{slug(row.person)}"
        known = self.entity(person_id)
        of = self.entity(row.of)
        country = of.country if of is not None and of.type == "country" else None
        if known is None:
            entity = Candidate(id=person_id, name=row.person, type="person", country=country,
                               kind="id", wikidata=row.qid or None)
            self._extra_entities[person_id] = entity
        else:
            entity = known
            if row.qid:
                self._extra_entities[person_id] = Candidate(
                    id=known.id, name=known.name, type=known.type, country=known.country,
                    kind="id", wikidata=row.qid)
        names = [(row.person, "name"), (row.person.split()[-1], "surname")]
        names += [(a, "name") for a in row.aliases]
        for text, kind in names:
            key = normal(text)
            bucket = self._extra_aliases.setdefault(key, [])
            cand = Candidate(id=person_id, name=entity.name, type="person",
                             country=entity.country or country, kind=kind,
                             wikidata=row.qid or entity.wikidata)
            if cand not in bucket:
                bucket.append(cand)
        code = row.code or None
        if code is None and of is not None:
            code = f"{of.code}GOV" if of.type == "country" and of.code else of.code
        self._extra_roles.setdefault(person_id, []).append(Role(
            person_id, row.role, role_key(row.role), row.of, row.start, row.end or LATEST, code,
            row.source or "kb import"))


_LOADED: dict[tuple[str, str | None, float], KnowledgeBase] = {}


def load_kb(overlay: Path | str | None = None) -> KnowledgeBase:
    """The shipped knowledge base with the user's overlay, opened once per process.

    ``overlay`` defaults to ``$DATELINE_KB_OVERLAY`` or
    ``~/.local/share/dateline/kb-overlay.csv``.
    """
    path = Path(overlay) if overlay is not None else overlay_path()
    mtime = path.stat().st_mtime if path.exists() else 0.0
    key = (str(ARTEFACT), str(path), mtime)
    kb = _LOADED.get(key)
    if kb is None:
        _LOADED.clear()
        kb = KnowledgeBase(ARTEFACT, path)
        _LOADED[key] = kb
    return kb
