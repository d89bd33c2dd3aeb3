"""The Dask adapter maps the same pipeline over partitions and gives what `pipe` gives."""

from __future__ import annotations

import pytest

import dateline
from dateline import Failure

distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")

TEXTS = [
    "The foreign minister met the president in Kyiv on Friday.",
    "",  # fails alone
    "“We will not sign,” the minister told reporters on Tuesday.",
    "NATO imposed sanctions on Russia this week.",
]


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    # An in-process cluster: one worker, one thread (spaCy is not shared across threads).
    with distributed.Client(
        processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None
    ) as running:
        yield running


def test_dask_gives_what_pipe_gives(client) -> None:  # type: ignore[no-untyped-def]
    from dateline.scale.dask import pipe_distributed

    expected = list(dateline.pipe(TEXTS, errors="return", published="2022-03-04"))
    got = list(pipe_distributed(TEXTS, client, partitions=3, published="2022-03-04"))
    assert [type(r).__name__ for r in got] == ["Article", "Failure", "Article", "Article"]
    assert isinstance(got[1], Failure) and got[1].index == 1 and "empty" in got[1].error
    assert [r.to_dict() for r in got if not isinstance(r, Failure)] == [
        r.to_dict() for r in expected if not isinstance(r, Failure)
    ]


def test_dask_cli_reaches_the_cluster(client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from dateline.cli import main

    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    address = client.scheduler.address
    result = CliRunner().invoke(
        main, ["analyze", str(path), "--jsonl", "--dask-scheduler", address]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == TEXTS[0]


def test_dask_cli_names_an_unreachable_cluster(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from dateline.cli import main

    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    result = CliRunner().invoke(
        main, ["analyze", str(path), "--dask-scheduler", "tcp://127.0.0.1:9"]
    )
    assert result.exit_code == 2
    assert "cannot reach tcp://127.0.0.1:9" in result.stderr
