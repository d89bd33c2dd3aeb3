"""Read a corpus into a Dateline database: idempotent, resumable, one writer.

::

    read_corpus ─ check ─ skip known ─▶ pipe (N worker processes) ─▶ write (this process)
                    │          │                                      one transaction
                    ▼          ▼                                      per article
                 failures   duplicates

An article is identified by its content hash (its URL, when it has one, and its
text). Hashes already in the database are skipped before any analysis, so
running the same ingest twice adds nothing, and running it again after the
process was killed (even with ``kill -9``) continues where it stopped: every
article was committed whole, or not at all. Near-duplicate copies of one wire
story are linked to one story (:mod:`dateline.dedup`).
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from dateline.dedup import StoryIndex, from_bytes, signature, to_bytes
from dateline.errors import InputError, OptionError
from dateline.model import Article
from dateline.pipeline import Failure, check_text, parse_date, pipe
from dateline.store.store import Store, content_hash

PublishedFrom = Literal["metadata", "filename", "none"]
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")


class DocumentLike(Protocol):
    text: str
    source: str | None
    title: str | None
    url: str | None
    published: Any


@dataclass(slots=True)
class IngestSummary:
    """What a run did. ``failures`` lists (source, reason) of everything that failed."""

    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    linked: int = 0  # ingested articles found to be a copy of a stored story
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicates + self.failed


#: Called after each input is handled: (summary so far, what happened: "ingested", ...).
ProgressCallback = Callable[[IngestSummary, str], None]


@dataclass(slots=True)
class _Pending:
    """One input on its way through the pipeline, in input order."""

    kind: Literal["analyse", "duplicate", "failure"]
    key: str | None = None
    article: Article | None = None
    source: str | None = None
    reason: str | None = None
    stage: str = "read"


def published_date(document: DocumentLike, published_from: PublishedFrom) -> Any:
    """The publication date to anchor the analysis, from where the user said to take it."""
    if published_from == "none":
        return None
    if published_from == "filename":
        match = _DATE_IN_NAME.search((document.source or "").rsplit("/", 1)[-1])
        return None if match is None else "-".join(match.groups())
    return document.published


def ingest(
    store: Store,
    documents: Iterable[DocumentLike | Failure],
    *,
    workers: int = 1,
    published_from: PublishedFrom = "metadata",
    batch_size: int = 32,
    on_progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Analyse every new document and store it with everything derived from it.

    Failures (unreadable inputs, texts that are not articles, analyses that
    failed) are recorded in the database and the summary; the run goes on.
    A database that goes away stops the run with ``StoreUnavailableError``;
    what was committed stays, and running again continues.
    """
    if workers < 1:
        raise OptionError(f"--workers must be 1 or more, got {workers}")
    if published_from not in ("metadata", "filename", "none"):
        raise OptionError("--published-from must be one of metadata, filename, none")
    summary = IngestSummary()
    known = store.known_hashes()
    stories = load_story_index(store)
    pending: deque[_Pending] = deque()
    window = threading.Semaphore(batch_size * (2 * workers + 2))
    stop = threading.Event()
    read = [0]  # inputs taken from `documents`, to check that each one was settled

    def records() -> Iterator[dict[str, Any]]:
        """What the pipeline analyses; runs in a pool thread when workers > 1: no writes here."""
        dispatched: set[str] = set()
        for item in documents:
            if stop.is_set():
                return
            read[0] += 1
            if isinstance(item, Failure):
                pending.append(_Pending("failure", source=item.source, reason=item.error))
                continue
            entry = _check(item, published_from)
            if entry.kind == "analyse":
                assert entry.key is not None and entry.article is not None
                if entry.key in known or entry.key in dispatched:
                    pending.append(_Pending("duplicate", key=entry.key))
                    continue
                while not window.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                dispatched.add(entry.key)
                pending.append(entry)
                yield _as_record(entry.article)
            else:
                pending.append(entry)

    def settle(entry: _Pending, result: Article | Failure | None) -> None:
        if entry.kind == "duplicate":
            summary.duplicates += 1
            _report(on_progress, summary, "duplicate")
        elif entry.kind == "failure":
            store.add_failure(entry.source, entry.reason or "", entry.stage, entry.key)
            summary.failed += 1
            summary.failures.append((entry.source or "?", entry.reason or ""))
            _report(on_progress, summary, "failed")
        else:
            _write(store, entry, result, stories, summary)
            assert entry.key is not None
            known.add(entry.key)
            _report(on_progress, summary, "failed" if isinstance(result, Failure) else "ingested")

    results = pipe(records(), n_process=workers, batch_size=batch_size, errors="return")
    try:
        for result in results:
            while pending and pending[0].kind != "analyse":
                settle(pending.popleft(), None)
            settle(pending.popleft(), result)
            window.release()
        while pending:
            settle(pending.popleft(), None)
        if summary.seen != read[0]:
            raise RuntimeError(
                f"internal error: {read[0]} inputs read but {summary.seen} accounted for; "
                "please report it (running the command again stores what is missing)"
            )
    finally:
        stop.set()
        close = getattr(results, "close", None)  # stops the worker pool early on an error
        if close is not None:
            close()
    return summary


def _report(callback: ProgressCallback | None, summary: IngestSummary, what: str) -> None:
    if callback is not None:
        callback(summary, what)


def _check(document: DocumentLike, published_from: PublishedFrom) -> _Pending:
    """An input ready to analyse, or the reason it cannot be an article."""
    source = document.source
    text = document.text
    if not isinstance(text, str):
        return _Pending("failure", source=source, reason="the record's text is not text")
    key = content_hash(text, document.url)
    try:
        check_text(text)
    except InputError as exc:
        return _Pending("failure", key=key, source=source, reason=str(exc), stage="check")
    try:
        published = parse_date(published_date(document, published_from))
    except OptionError:
        published = None  # an unreadable date in the metadata: read the article without it
    article = Article(
        text=text, title=document.title, source=source, url=document.url, published=published
    )
    return _Pending("analyse", key=key, article=article, source=source)


def _as_record(article: Article) -> dict[str, Any]:
    return {
        "text": article.text,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
    }


def _write(
    store: Store,
    entry: _Pending,
    result: Article | Failure | None,
    stories: StoryIndex,
    summary: IngestSummary,
) -> None:
    assert entry.key is not None and entry.article is not None
    minhash = signature(entry.article.text)
    if isinstance(result, Failure) or result is None:
        reason = result.error if isinstance(result, Failure) else "no result from the pipeline"
        store.add_failed_article(entry.article, entry.key, reason, to_bytes(minhash))
        summary.failed += 1
        summary.failures.append((entry.source or "?", reason))
        return
    story = stories.find(minhash)
    article_id = store.add_article(result, entry.key, story_id=story, minhash=to_bytes(minhash))
    if article_id is None:  # stored meanwhile by another process
        summary.duplicates += 1
        return
    stories.add(article_id, story or article_id, minhash)
    summary.ingested += 1
    if story is not None:
        summary.linked += 1


def load_story_index(store: Store) -> StoryIndex:
    """The stories of the stored articles (computing signatures the database lacks)."""
    index = StoryIndex()
    for article_id, story_id, stored, text in store.stories():
        if stored is None:
            minhash = signature(text)
            store.set_minhash(article_id, to_bytes(minhash))
        else:
            minhash = from_bytes(stored)
        index.add(article_id, story_id or article_id, minhash)
    return index


@dataclass(slots=True)
class ReanalyzeSummary:
    reanalysed: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def reanalyze(
    store: Store,
    *,
    everything: bool = False,
    workers: int = 1,
    batch_size: int = 32,
    on_progress: Callable[[ReanalyzeSummary], None] | None = None,
) -> ReanalyzeSummary:
    """Analyse stored articles again with this version and replace their derived rows.

    By default only articles analysed by another version of Dateline, or whose
    analysis failed; ``everything`` for all. Each article's rows are replaced in
    one transaction: a reader sees the old analysis or the new one, never a mix.
    """
    summary = ReanalyzeSummary()
    stored = list(store.stored_articles(only_outdated=not everything))
    records = (
        {
            "text": a.text,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "published": a.published,
        }
        for a in stored
    )
    for row, result in zip(
        stored,
        pipe(records, n_process=workers, batch_size=batch_size, errors="return"),
        strict=True,
    ):
        if isinstance(result, Failure):
            store.replace_analysis(row.id, None, error=result.error)
            summary.failed += 1
            summary.failures.append((row.source or row.url or str(row.id), result.error))
        else:
            store.replace_analysis(row.id, result)
            summary.reanalysed += 1
        if on_progress is not None:
            on_progress(summary)
    return summary


def count_outdated(store: Store, everything: bool = False) -> int:
    return sum(1 for _ in store.stored_articles(only_outdated=not everything))
