"""Orders the stages, streams documents through them, isolates failures.

::

    text ─ normalize ─ find_dateline ─ read_language ─ resolve_entities
         ─ extract_quotes ─ find_times ─ code_events ─▶ Article

:func:`analyze` reads one article; :func:`pipe` reads many, parsing them in
batches (and, with ``n_process > 1``, in worker processes that each run the
whole pipeline), and keeps going past a bad document.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, Literal

from dateline.draft import Draft
from dateline.errors import DatelineError, InputError, OptionError
from dateline.model import Article
from dateline.stages.dateline import find_dateline
from dateline.stages.entities import resolve_entities
from dateline.stages.events import code_events
from dateline.stages.nlp import load_nlp, read_language
from dateline.stages.normalize import normalize
from dateline.stages.quotes import extract_quotes
from dateline.stages.times import find_times

Stage = Callable[[Draft], Draft]

#: Stages before the parse, and after it, in order.
BEFORE_PARSE: list[Stage] = [normalize, find_dateline]
AFTER_PARSE: list[Stage] = [resolve_entities, extract_quotes, find_times, code_events]

#: Articles larger than this are refused (characters): no news article is this long; a
#: text that is has several articles in it, and should be split first.
MAX_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class Failure:
    """A document of a batch that could not be analysed, and why."""

    index: int
    source: str | None
    error: str


ArticleInput = str | Article | dict[str, Any]


def parse_date(value: str | dt.date | dt.datetime | None) -> dt.date | None:
    """A publication date from an ISO string, a date or a datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"])
    if parsed is None:
        raise OptionError(f"cannot read {value!r} as a date; give an ISO date such as 2022-03-04")
    return parsed.date()


def as_article(item: ArticleInput, published: Any = None, title: str | None = None) -> Article:
    """An unanalysed :class:`Article` from a text, a dict or an Article."""
    if isinstance(item, Article):
        return Article(
            text=item.text,
            title=item.title,
            source=item.source,
            url=item.url,
            published=item.published,
        )
    if isinstance(item, dict):
        if "text" not in item or not isinstance(item["text"], str):
            raise InputError("the record has no 'text' field holding the article's text")
        return Article(
            text=item["text"],
            title=item.get("title") or title,
            source=item.get("source"),
            url=item.get("url"),
            published=parse_date(item.get("published") or published),
        )
    if isinstance(item, bytes):
        raise InputError("the article is bytes, not text: decode it first")
    if not isinstance(item, str):
        raise InputError(f"cannot analyse a {type(item).__name__}: give the article's text")
    return Article(text=item, title=title, published=parse_date(published))


def check_text(text: str) -> None:
    """Raise :class:`InputError` for a text that cannot be an article."""
    if not text.strip():
        raise InputError("the article is empty")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"the article has {len(text):,} characters, more than the {MAX_CHARS:,} of the "
            "longest article Dateline reads; split it into its articles first"
        )
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if "\x00" in sample or controls > len(sample) * 0.05:
        raise InputError("the article looks like binary data, not text")


def _prepare(article: Article) -> Draft:
    check_text(article.text)
    draft = Draft(article)
    for stage in BEFORE_PARSE:
        draft = stage(draft)
    return draft


def _finish(draft: Draft, doc: Any = None) -> Article:
    draft = read_language(draft, doc)
    if not draft.skip_language:
        for stage in AFTER_PARSE:
            draft = stage(draft)
    return draft.article


def analyze(text: ArticleInput, published: Any = None, title: str | None = None) -> Article:
    """Read one article: entities, quotes, dates and events, each with its evidence.

    ``published`` (an ISO date string, a date or a datetime) anchors relative
    dates ("this Friday") and dated roles in the knowledge base.
    """
    return _finish(_prepare(as_article(text, published, title)))


def pipe(
    texts: Iterable[ArticleInput],
    n_process: int = 1,
    batch_size: int = 32,
    published: Any = None,
    errors: Literal["raise", "skip", "return"] = "raise",
) -> Iterator[Article | Failure]:
    """Read many articles, in order.

    ``errors`` says what a bad document does: ``"raise"`` stops with its
    error, ``"skip"`` leaves it out, ``"return"`` yields a :class:`Failure`
    in its place. With ``n_process > 1`` each worker process runs the whole
    pipeline on its share of the batches.
    """
    if n_process < 1:
        raise OptionError(f"n_process must be 1 or more, got {n_process}")
    if batch_size < 1:
        raise OptionError(f"batch_size must be 1 or more, got {batch_size}")
    if errors not in ("raise", "skip", "return"):
        raise OptionError("errors must be one of 'raise', 'skip', 'return'")
    numbered = enumerate(texts)
    if n_process == 1:
        results = _pipe_serial(numbered, batch_size, published)
    else:
        results = _pipe_parallel(numbered, n_process, batch_size, published)
    for result in results:
        if isinstance(result, Failure):
            if errors == "raise":
                raise InputError(result.error)
            if errors == "skip":
                continue
        yield result


def _source(item: ArticleInput) -> str | None:
    if isinstance(item, Article):
        return item.source
    if isinstance(item, dict):
        return item.get("source")
    return None


def _batches(
    numbered: Iterable[tuple[int, ArticleInput]], size: int
) -> Iterator[list[tuple[int, ArticleInput]]]:
    iterator = iter(numbered)
    while batch := list(islice(iterator, size)):
        yield batch


def run_batch(batch: list[tuple[int, ArticleInput]], published: Any) -> list[Article | Failure]:
    """Analyse one batch, parsing its documents together; a bad one fails alone."""
    nlp = load_nlp()
    slots: list[Article | Failure | Draft] = []
    for index, item in batch:
        try:
            slots.append(_prepare(as_article(item, published)))
        except DatelineError as exc:
            slots.append(Failure(index, _source(item), str(exc)))
    drafts = [s for s in slots if isinstance(s, Draft)]
    english = [d for d in drafts if _is_english_short(d)]
    docs = dict(zip(map(id, english), nlp.pipe([d.clean for d in english]), strict=True))
    results: list[Article | Failure] = []
    for (index, item), slot in zip(batch, slots, strict=True):
        if not isinstance(slot, Draft):
            results.append(slot)  # type: ignore[arg-type]
            continue
        try:
            # Not parsed in the batch (too long, or not English): read_language decides.
            results.append(_finish(slot, docs.get(id(slot))))
        except DatelineError as exc:
            results.append(Failure(index, _source(item), str(exc)))
        except Exception as exc:  # a bug on one document must not lose the batch
            results.append(
                Failure(
                    index,
                    _source(item),
                    f"internal error ({type(exc).__name__}: {exc}); "
                    "please report it with the article",
                )
            )
    return results


def _is_english_short(draft: Draft) -> bool:
    from dateline.stages.nlp import CHUNK_CHARS, looks_english

    return len(draft.clean) <= CHUNK_CHARS and looks_english(draft.clean)


def _pipe_serial(
    numbered: Iterable[tuple[int, ArticleInput]], batch_size: int, published: Any
) -> Iterator[Article | Failure]:
    for batch in _batches(numbered, batch_size):
        yield from run_batch(batch, published)


_WORKER_PUBLISHED: Any = None


def _worker_init(published: Any) -> None:
    global _WORKER_PUBLISHED
    _WORKER_PUBLISHED = published
    load_nlp()


def _worker_batch(batch: list[tuple[int, ArticleInput]]) -> list[Article | Failure]:
    return run_batch(batch, _WORKER_PUBLISHED)


def _pipe_parallel(
    numbered: Iterable[tuple[int, ArticleInput]], n_process: int, batch_size: int, published: Any
) -> Iterator[Article | Failure]:
    load_nlp()  # load before forking: the workers share the model's memory
    context = multiprocessing.get_context("fork")
    with context.Pool(n_process, initializer=_worker_init, initargs=(published,)) as pool:
        for results in pool.imap(_worker_batch, _batches(numbered, batch_size)):
            yield from results
