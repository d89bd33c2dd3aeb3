"""Turn annotations.txt (hand-written while reading the texts) into gold.jsonl with offsets.

Usage: python eval-data/linking/make_gold.py [--show]
Reads the PolNeAR dev texts from ../shared/data/polnear/dev/text (relative to the
repository root). ``--show`` prints each mention in its context for checking.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE.parents[1].parent / "shared" / "data" / "polnear" / "dev" / "text"


def main() -> None:
    show = "--show" in sys.argv
    out = []
    for number, line in enumerate((HERE / "annotations.txt").read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        doc, mention, occurrence, expected = (part.strip() for part in line.split("|"))
        text = (TEXTS / doc).read_text(encoding="utf-8")
        # Occurrences count whole words only: "Russia" is not counted inside "Russian".
        found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(mention)}(?!\w)", text)]
        if len(found) < int(occurrence):
            raise SystemExit(f"annotations.txt line {number}: {mention!r} #{occurrence} "
                             f"not in {doc}")
        start = found[int(occurrence) - 1]
        end = start + len(mention)
        out.append({"doc": doc, "start": start, "end": end, "text": mention,
                    "expected": None if expected == "NIL" else expected})
        if show:
            context = text[max(0, start - 50):end + 30].replace("\n", " ")
            print(f"{number:4d} {expected:28s} …{context}…")
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as handle:
        for record in out:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(out)} mentions written to gold.jsonl", file=sys.stderr)


if __name__ == "__main__":
    main()
