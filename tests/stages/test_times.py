"""Dates are resolved against the publication date; periods stay periods."""

from __future__ import annotations

import datetime as dt

import pytest

import dateline
from dateline.stages.times import resolve_relative

FRIDAY = dt.date(2022, 3, 4)  # a Friday


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("this Friday", "2022-03-04"),  # filed on a Friday: that day
        ("Friday", "2022-03-04"),
        ("on Tuesday", "2022-03-01"),  # the latest Tuesday before publication
        ("last Friday", "2022-02-25"),  # "last" on the same weekday: a week back
        ("next Monday", "2022-03-07"),
        ("today", "2022-03-04"),
        ("yesterday", "2022-03-03"),
        ("tomorrow", "2022-03-05"),
        ("two days ago", "2022-03-02"),
        ("last week", None),  # a week, not a day
    ],
)
def test_resolve_relative(expression: str, value: str | None) -> None:
    assert resolve_relative(expression, FRIDAY) == value


def test_times_in_an_article() -> None:
    article = dateline.analyze(
        "The ministers met this Friday. The war began on February 24, 2022. "
        "The alliance has kept the peace for decades.",
        published="2022-03-04",
    )
    found = {t.span.text: (t.kind, t.value) for t in article.times}
    assert found["this Friday"] == ("relative", "2022-03-04")
    assert found["February 24, 2022"] == ("date", "2022-02-24")
    assert found["decades"] == ("period", None)


def test_relative_dates_stay_unresolved_without_publication_date() -> None:
    article = dateline.analyze("The ministers met this Friday.")
    assert [(t.span.text, t.value) for t in article.times] == [("this Friday", None)]
