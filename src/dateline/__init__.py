"""Dateline reads news and writes down, with proof, what it says.

Who said what, who did what to whom, where and when: every record points to
the exact characters of the article that support it.

>>> import dateline
>>> article = dateline.analyze(text, published="2022-03-04")
>>> for quote in article.quotes: ...
"""

from dateline.errors import DatelineError, InputError, OptionError
from dateline.model import (
    SCHEMA,
    Article,
    Entity,
    Event,
    KBLink,
    Mention,
    Quote,
    Sentence,
    Span,
    TimeExpression,
)
from dateline.pipeline import Failure, analyze, pipe

__version__ = "0.1.0"


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    # The database layer loads SQLAlchemy: only when it is asked for.
    if name == "open_store":
        from dateline.store import open_store

        return open_store
    raise AttributeError(f"module 'dateline' has no attribute {name!r}")


__all__ = [
    "SCHEMA",
    "Article",
    "DatelineError",
    "Entity",
    "Event",
    "Failure",
    "InputError",
    "KBLink",
    "Mention",
    "OptionError",
    "Quote",
    "Sentence",
    "Span",
    "TimeExpression",
    "analyze",
    "open_store",
    "pipe",
]
