"""How names are compared: one normal form for every alias, mention and import.

``normal("the U.S.")`` and ``normal("US")`` are both ``"us"``; accents, case,
dots, hyphens and a leading "the" do not count.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
_DROP = re.compile(r"[.\"()]")
_SPACES = re.compile(r"[\s_\-]+")
_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents (``"Støre"`` → ``"store"``)."""
    text = text.translate(_APOSTROPHES).replace("ø", "o").replace("Ø", "O").replace("ß", "ss")
    text = text.replace("ı", "i").replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def normal(text: str) -> str:
    """The form under which aliases are stored and looked up."""
    text = _DROP.sub("", fold(text))
    if text.endswith("'s"):
        text = text[:-2]
    text = _SPACES.sub(" ", text).strip(" ,;:'")
    if text.startswith("the "):
        text = text[4:]
    return text


def slug(text: str) -> str:
    """An identifier-safe form of a name: ``"Jens Stoltenberg"`` → ``"jens-stoltenberg"``."""
    return _SLUG.sub("-", fold(text)).strip("-")
