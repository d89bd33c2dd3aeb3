"""Analyse articles on a Dask cluster: the pipeline mapped, unchanged, over partitions.

>>> from distributed import Client
>>> client = Client("tcp://scheduler:8786")                # an existing cluster
>>> for result in pipe_distributed(texts, client, partitions=64):
...     ...                                                  # Article or Failure, in order

Each partition is analysed by :func:`dateline.pipeline.run_batch` on a worker, which
loads the spaCy model once per worker process; results come back in input order,
with a :class:`~dateline.pipeline.Failure` in place of each document that could not
be read, as :func:`dateline.pipe` gives them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from dateline.errors import OptionError, ResourceError
from dateline.model import Article
from dateline.pipeline import ArticleInput, Failure, run_batch

if TYPE_CHECKING:  # pragma: no cover
    import dask.bag


def _require_dask() -> Any:
    try:
        import dask.bag as bag
    except ImportError as exc:
        raise ResourceError(
            "Dask is not installed; install it with: pip install 'dateline[dask]'"
        ) from exc
    return bag


def analyze_partition(
    numbered: Sequence[tuple[int, ArticleInput]], published: Any = None
) -> list[dict[str, Any]]:
    """Analyse one partition of ``(index, text)`` pairs into JSON-ready records.

    An article becomes ``{"index": i, "article": Article.to_dict()}``, a failure
    ``{"index": i, "source": ..., "error": ...}``: plain data, cheap to ship back.
    """
    records: list[dict[str, Any]] = []
    for (index, _), result in zip(numbered, run_batch(list(numbered), published), strict=True):
        if isinstance(result, Failure):
            records.append({"index": index, "source": result.source, "error": result.error})
        else:
            records.append({"index": index, "article": result.to_dict()})
    return records


def analyze_bag(bag: dask.bag.Bag, published: Any = None) -> dask.bag.Bag:
    """A bag of ``(index, text or record)`` pairs mapped to a bag of result records."""
    return bag.map_partitions(analyze_partition, published=published)


def from_record(record: dict[str, Any]) -> Article | Failure:
    """An :class:`Article` or :class:`Failure` from a record of :func:`analyze_partition`."""
    if "article" in record:
        return Article.from_dict(record["article"])
    return Failure(record["index"], record.get("source"), record["error"])


def pipe_distributed(
    texts: Iterable[ArticleInput],
    client: Any = None,
    partitions: int | None = None,
    published: Any = None,
) -> Iterator[Article | Failure]:
    """Analyse ``texts`` on Dask (``client``'s cluster, else Dask's default scheduler).

    Results come back in input order. ``partitions`` defaults to four per worker.
    """
    bag_module = _require_dask()
    numbered = list(enumerate(texts))
    if not numbered:
        return
    if partitions is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 2
        partitions = max(1, 4 * max(1, workers))
    if partitions < 1:
        raise OptionError(f"partitions must be 1 or more, got {partitions}")
    bag = bag_module.from_sequence(numbered, npartitions=min(partitions, len(numbered)))
    results = analyze_bag(bag, published)
    if client is not None:
        records = client.compute(results, sync=True)
    else:
        records = results.compute()
    for record in sorted(records, key=lambda r: r["index"]):
        yield from_record(record)
