#!/usr/bin/env python
"""Write the PLOVER gold halves of eval-data/events/ from PLOVER_GSR_CAMEO.json (CC BY-SA 4.0).

The 322 human-coded sentences (the CAMEO manual's examples, coded in an early PLOVER
draft) are converted to Dateline's gold format, their old type names mapped to today's,
and split deterministically: in id order, items 0, 2, 4 ... are the development half
(``plover-dev.jsonl``), items 1, 3, 5 ... the held-out half (``plover-test.jsonl``).

    python scripts/build_events_gold.py [--plover PATH]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.eval.events import plover_items, split_halves

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plover", type=Path, default=DEFAULT)
    parser.add_argument("--out", type=Path, default=ROOT / "eval-data" / "events")
    args = parser.parse_args()
    dev, test = split_halves(plover_items(args.plover))
    args.out.mkdir(parents=True, exist_ok=True)
    for name, items in (("plover-dev.jsonl", dev), ("plover-test.jsonl", test)):
        with open(args.out / name, "w", encoding="utf-8") as out:
            for item in items:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(items)} items written to {args.out / name}")


if __name__ == "__main__":
    main()
