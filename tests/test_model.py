"""The data model serialises to one versioned JSON form, described by a shipped schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

import dateline
from dateline.errors import SchemaError
from dateline.model import Article


def schema() -> dict:
    return json.loads(
        resources.files("dateline").joinpath("schema/article.schema.json").read_text("utf-8")
    )


def test_article_json_round_trips(example) -> None:
    data = example.to_dict()
    assert data["schema"] == "dateline/1"
    again = Article.from_dict(json.loads(json.dumps(data)))
    assert again.to_dict() == data


def test_article_json_matches_the_shipped_schema(example) -> None:
    jsonschema.validate(example.to_dict(), schema())


def test_schema_rejects_what_the_model_would_not_write(example) -> None:
    data = example.to_dict()
    data["quotes"] = [
        {"id": "Q1", "kind": "shouted", "content": {"start": 0, "end": 1, "text": "B"}}
    ]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_reading_another_schema_version_says_what_to_do() -> None:
    with pytest.raises(SchemaError, match="dateline analyze"):
        Article.from_dict({"schema": "dateline/0", "text": ""})


def test_public_api_is_small_and_explicit() -> None:
    assert sorted(dateline.__all__) == sorted(
        [
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
    )
    for name in dateline.__all__:
        assert hasattr(dateline, name)
