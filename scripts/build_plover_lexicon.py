#!/usr/bin/env python
"""Build Dateline's PLOVER verb lexicon from public sources.

Reads PETRARCH2's CAMEO verb dictionary (``CAMEO.2.0.txt``, MIT) and the
CAMEO→PLOVER conversion table (``CAMEO2PLOVER-2021.txt``, CC BY-SA 4.0) and
writes, under ``src/dateline/lexicons/``:

``plover_verbs.tsv``
    one row per verb lemma: the pattern block it belongs to and its default
    CAMEO code (the code PETRARCH gives the bare verb), with the PLOVER type.
``plover_patterns.tsv``
    one row per pattern of a block: the words required before the verb (in
    the subject) and after it (its objects and prepositional phrases), with
    the CAMEO code and PLOVER type the pattern gives.

Synonym sets (``&CURRENCY``) are expanded into ``a|b|c`` alternatives; the
source/target markers (``$ + % ^``) are dropped: Dateline finds actor and
target in the dependency parse, not by position. The reviewed table
``plover_extra.tsv`` (written by hand) is read by the stage itself and takes
priority; it is not touched here.

Run from the repository root; the output is deterministic (sorted)::

    python scripts/build_plover_lexicon.py [--cameo PATH] [--plover PATH]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_CAMEO = SHARED / "kb" / "phoenix" / "CAMEO.2.0.txt"
DEFAULT_PLOVER = SHARED / "plover" / "CAMEO2PLOVER-2021.txt"
OUT = ROOT / "src" / "dateline" / "lexicons"

# CAMEO roots the 2021 table does not list. 01 (public statement) is no PLOVER event;
# 02 (appeal) is folded into REQUEST, as PLOVER's REQUEST definition covers appeals.
# 163 (impose embargo, boycott or sanctions) is listed under COERCE in the 2021 table;
# the PLOVER manual's SANCTION type covers sanctions imposed on another state, and so
# does Dateline (see lexicons/README.md).
ROOT_DEFAULTS = {"01": "", "02": "REQUEST"}
OVERRIDES = {"163": "SANCTION"}

_CODE = re.compile(r"\[([0-9]{2,4}|---)(?::[0-9-]*)?\]")
_SYNSET_NAME = re.compile(r"^&[A-Z_0-9]+$")


def read_plover_table(path: Path) -> dict[str, str]:
    """CAMEO code → PLOVER type, from the official conversion table."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*([0-9]{2,4}):\s*([A-Z]+)", line)
        if m and m.group(1) not in table:
            table[m.group(1)] = m.group(2)
    table.update(ROOT_DEFAULTS)
    table.update(OVERRIDES)
    return table


def plover_type(code: str, table: dict[str, str]) -> str:
    """The PLOVER type of a CAMEO code: exact entry, else the nearest parent's."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return ""


def _word(raw: str) -> str:
    """A dictionary word as a lower-case matching key (``_`` ends an exact word)."""
    word = raw.strip().lower().replace("_", " ").strip()
    if raw.strip().endswith("_"):
        word += "="  # exact: no prefix matching
    return word


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if "VERB PATTERNS" in line:
            break
        if _SYNSET_NAME.match(text):
            current = text
            sets[current] = []
        elif current and text.startswith("+"):
            # Dateline matches single words: multi-word members ("CEASE_FIRE") are left out,
            # their one-word spellings ("CEASEFIRE", "CEASE-FIRE") are members of their own
            member = _word(text[1:]).split()
            if len(member) == 1:
                sets[current].append(member[0])
        elif not text:
            current = None
    return sets


def _items(words: str, synsets: dict[str, list[str]]) -> list[str]:
    """Required words of one side of a pattern, each a ``|``-joined alternative set."""
    items: list[str] = []
    for raw in re.sub(r"[(){}]", " ", words).split():
        if raw in ("$", "+", "%", "^", "*", "-"):
            continue
        if raw.startswith("&"):
            name = raw.rstrip("_")
            members = synsets.get(name) or synsets.get(name + "_") or []
            if members:
                items.append("|".join(sorted(set(members))))
            continue
        word = _word(raw)
        if word and re.match(r"^[a-z0-9'=-]+$", word.replace(" ", "")):
            items.extend(word.split())
    return items


def read_verbs(
    path: Path,
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str, str]]]:
    """(lemma, block, after, code) verb rows and (block, before, after, code) patterns."""
    lines = path.read_text(encoding="latin-1").splitlines()
    synsets = read_synsets(lines)
    verbs: list[tuple[str, str, str, str]] = []
    patterns: list[tuple[str, str, str, str]] = []
    in_verbs = False
    block = ""
    block_code = ""
    for line in lines:
        if "VERB PATTERNS" in line:
            in_verbs = True
            continue
        if "TRANSFORMATIONS" in line:
            break
        if not in_verbs:
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        head = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", stripped)
        if head:
            block = head.group(1).lower()
            code = head.group(2).split(":")[0]
            block_code = code if code.isdigit() else ""
            continue
        body = stripped.split("#", 1)[0]
        code_match = _CODE.search(body)
        code = code_match.group(1) if code_match else ""
        code = code if code.isdigit() else ""
        if stripped.startswith("- "):
            if not code:
                continue
            pattern = _CODE.sub(" ", body[2:])
            if "*" not in pattern:
                continue
            before, after = pattern.split("*", 1)
            patterns.append(
                (block, " ".join(_items(before, synsets)), " ".join(_items(after, synsets)), code)
            )
            continue
        # a verb line: WORD or +MULTI_WORD, optional {forms}, optional [code]
        name = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", body)).split(";")[0].strip()
        if not name or " " in name:
            continue
        words = _word(name.lstrip("+")).rstrip("=").split()
        if not words or not re.match(r"^[a-z][a-z'-]*$", words[0]):
            continue
        verbs.append((words[0], block, " ".join(words[1:]), code or block_code))
    return verbs, patterns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cameo", type=Path, default=DEFAULT_CAMEO)
    parser.add_argument("--plover", type=Path, default=DEFAULT_PLOVER)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    table = read_plover_table(args.plover)
    verbs, patterns = read_verbs(args.cameo)
    args.out.mkdir(parents=True, exist_ok=True)
    header = (
        "# Generated by scripts/build_plover_lexicon.py from PETRARCH2 CAMEO.2.0.txt (MIT)\n"
        "# and CAMEO2PLOVER-2021.txt (CC BY-SA 4.0); see README.md. Do not edit: edit\n"
        "# plover_extra.tsv or the script.\n"
    )
    with open(args.out / "plover_verbs.tsv", "w", encoding="utf-8") as out:
        out.write(header)
        out.write("lemma\tblock\tafter\tcameo\tplover\n")
        for lemma, block, after, code in sorted(set(verbs)):
            out.write(
                f"{lemma}\t{block}\t{after}\t{code}\t{plover_type(code, table) if code else ''}\n"
            )
    with open(args.out / "plover_patterns.tsv", "w", encoding="utf-8") as out:
        out.write(header)
        out.write("block\tbefore\tafter\tcameo\tplover\n")
        for block, before, after, code in sorted(set(patterns)):
            out.write(f"{block}\t{before}\t{after}\t{code}\t{plover_type(code, table)}\n")
    print(f"{len(set(verbs))} verb rows, {len(set(patterns))} pattern rows written to {args.out}")


if __name__ == "__main__":
    main()
