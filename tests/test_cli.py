"""`dateline analyze`: files, directories, stdin; a report, JSON or JSON lines; clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main

ARTICLE = (
    "GENEVA (Reuters) - The foreign minister said on Friday that the talks had failed.\n\n"
    "“We will not sign this agreement,” the minister told reporters.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Talks fail</title></head><body><article><h1>Talks fail</h1>"
        f"<p>{ARTICLE.splitlines()[0]}</p><p>{ARTICLE.splitlines()[2]}</p>"
        "<p>The ministers will meet again next month, officials said in a statement.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not read: not .txt or .html", encoding="utf-8")
    return tmp_path


def test_analyze_prints_a_report(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(main, ["analyze", str(corpus / "a.txt"), "--published", "2022-03-04"])
    assert result.exit_code == 0, result.output
    assert "Quotes" in result.output and "Entities" in result.output
    assert "Events" in result.output and "Dates" in result.output
    assert "2022-03-04" in result.output and "dateline GENEVA" in result.output


def test_analyze_json_is_one_article(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(main, ["analyze", str(corpus / "a.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "dateline/1" and data["text"] == ARTICLE


def test_analyze_jsonl_reads_a_directory_and_goes_past_a_bad_file(
    runner: CliRunner, corpus: Path
) -> None:
    result = runner.invoke(main, ["analyze", str(corpus), "--jsonl"])
    assert result.exit_code == 2  # one file failed
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(d["source"]).name for d in lines] == ["a.txt", "b.html"]
    assert lines[1]["title"] == "Talks fail"
    assert "will not sign" in lines[1]["text"]
    assert f"{corpus / 'empty.txt'}: the article is empty" in result.stderr
    assert "Traceback" not in result.output


def test_analyze_reads_standard_input(runner: CliRunner) -> None:
    result = runner.invoke(main, ["analyze", "-", "--jsonl"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["source"] == "-"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--published", "someday soon"], "cannot read 'someday soon' as a date"),  # bad date
        (["--json", "--jsonl"], "choose one of --json and --jsonl"),  # two formats
    ],
)
def test_analyze_errors_are_one_clear_line(
    runner: CliRunner, corpus: Path, args: list[str], message: str
) -> None:
    result = runner.invoke(main, ["analyze", str(corpus / "a.txt"), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_analyze_names_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(main, ["analyze", str(missing)])
    assert result.exit_code == 2
    assert f"{missing}: no such file or directory" in result.stderr


def test_analyze_json_refuses_several_documents(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(
        main, ["analyze", str(corpus / "a.txt"), str(corpus / "b.html"), "--json"]
    )
    assert result.exit_code == 2
    assert "--jsonl" in result.stderr


def test_analyze_reads_legacy_encodings(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("The minister’s visit to Genève was cancelled.".encode("cp1252"))
    result = runner.invoke(main, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"].startswith("The minister’s visit to Genève")


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"dateline {name}" in readme, f"`dateline {name}` is not in README.md"
        for sub in getattr(command, "commands", {}):
            assert f"dateline {name} {sub}" in readme, (
                f"`dateline {name} {sub}` is not in README.md"
            )
