"""Shared fixtures: the reference article, its analysis (made once), golden-file updates."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "nato-no-fly-zone.txt"
POLNEAR = SHARED / "data" / "polnear"
GOLDEN = Path(__file__).parent / "golden"
FIXTURES = Path(__file__).parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def example_text() -> str:
    if not EXAMPLE.exists():
        pytest.skip(f"the reference article is not at {EXAMPLE} (../shared beside the repo)")
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example(example_text: str):
    """The reference article, analysed once for the whole session, published 2022-03-04."""
    import dateline

    return dateline.analyze(example_text, published="2022-03-04")


@pytest.fixture(scope="session")
def nlp():
    from dateline.stages.nlp import load_nlp

    return load_nlp()
