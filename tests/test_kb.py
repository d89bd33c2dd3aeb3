"""The knowledge base: the shipped artefact, dated roles and memberships, imports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.errors import ImportFormatError
from dateline.kb.build import ARTEFACT, build_kb, default_phoenix_folder, source_versions
from dateline.kb.dates import parse_bound
from dateline.kb.lookup import KnowledgeBase, load_kb
from dateline.kb.overlay import import_csv

DATA = ARTEFACT.parent


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase(ARTEFACT, None)


def test_kb_artefact_is_small_enough_to_ship():
    assert ARTEFACT.stat().st_size <= 40_000_000


def test_kb_every_shipped_table_says_where_it_came_from():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `"): line for line in readme.splitlines()
            if line.startswith("| `")}
    for table in sorted(DATA.glob("*.csv")) + [ARTEFACT]:
        assert table.name in rows, f"{table.name} is not documented in kb/data/README.md"
        assert any(word in rows[table.name] for word in ("MIT", "CC BY", "LGPL")), table.name


def test_kb_artefact_matches_a_fresh_build(tmp_path):
    # The committed artefact must be what `dateline kb build` makes from the sources.
    if not default_phoenix_folder().exists():
        pytest.skip("the Phoenix dictionaries (../shared/data/kb/phoenix) are not here")
    with sqlite3.connect(ARTEFACT) as db:
        built_with = dict(db.execute("SELECT key, value FROM meta").fetchall())
    for name, installed in source_versions().items():
        if built_with.get(name) != installed:
            pytest.skip(f"the artefact was built with {name} {built_with.get(name)}, "
                        f"{installed} is installed")
    fresh = tmp_path / "kb.sqlite"
    build_kb(out=fresh)
    assert _dump(fresh) == _dump(ARTEFACT)


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [line for line in db.iterdump() if not line.startswith("INSERT INTO \"meta\"")]


@pytest.mark.parametrize(
    "on, code, first_role",
    [
        ("2012-05-01", "NORGOV", "Prime Minister of Norway"),  # second term as prime minister
        ("2022-03-04", "IGOWSTNAT", "Secretary General of NATO"),
        ("2024-12-01", "NORELI", "former Secretary General of NATO"),  # between offices
    ],
)
def test_kb_codes_a_person_by_the_role_held_on_the_date(kb, on, code, first_role):
    link = kb.link("person:jens-stoltenberg", on)
    assert link.code == code
    assert link.roles[0] == first_role


def test_kb_hands_an_office_over_on_the_day_of_the_change(kb):
    assert kb.holders("secretary_general", "igo:NATO", "2024-09-30") == ["person:jens-stoltenberg"]
    assert kb.holders("secretary_general", "igo:NATO", "2024-10-01") == ["person:mark-rutte"]


@pytest.mark.parametrize(
    "country, joined",
    [("country:FIN", "2023-04-04"), ("country:SWE", "2024-03-07")],
)
def test_kb_memberships_start_on_the_accession_date(kb, country, joined):
    before = parse_bound(joined, end=False).replace(joined[-2:], f"{int(joined[-2:]) - 1:02d}")
    assert country not in kb.members("igo:NATO", before)
    assert country in kb.members("igo:NATO", joined)
    assert "country:NOR" in kb.members("igo:NATO", before)


@pytest.mark.parametrize(
    "igo, country, member_on, not_yet_on",
    [
        ("igo:UN", "country:SSD", "2012-01-01", "2011-01-01"),   # admitted 2011-07-14
        ("igo:AU", "country:MAR", "2018-01-01", "2010-01-01"),   # readmitted 2017-01-30
        ("igo:OSCE", "country:MNG", "2012-11-21", "2012-11-20"),  # participating from 2012-11-21
    ],
)
def test_kb_memberships_of_the_un_osce_and_au_are_dated(kb, igo, country, member_on, not_yet_on):
    assert country in kb.members(igo, member_on)
    assert country not in kb.members(igo, not_yet_on)


def test_kb_un_osce_and_au_have_their_full_membership_today(kb):
    assert len(kb.members("igo:UN", "2025-01-01")) == 193
    assert len(kb.members("igo:OSCE", "2025-01-01")) == 57
    assert len(kb.members("igo:AU", "2025-01-01")) == 55
    # the 51 original UN members joined on 1945-10-24 (49 of them under a present-day code)
    assert {"country:USA", "country:RUS", "country:UKR"} <= kb.members("igo:UN", "1945-10-24")
    assert "country:CHE" not in kb.members("igo:UN", "2002-09-09")
    assert "country:CHE" in kb.members("igo:UN", "2002-09-10")


def test_kb_knows_alternate_names_of_places(kb):
    kiev = [c for c in kb.lookup("Kiev") if c.type == "city"]
    assert [c.name for c in kiev] == ["Kyiv"]
    assert kiev[0].lat == pytest.approx(50.45, abs=0.05)


def test_kb_knows_namesakes(kb):
    assert {c.id for c in kb.lookup("Georgia")} >= {"country:GEO", "adm1:US-GA"}


GOOD_CSV = """person,qid,position,country,start,end
Zanele Testperson,Q123456789,Minister of Foreign Affairs,ZAF,2031-01-05T00:00:00Z,
"""


def test_kb_import_merges_office_holders_into_the_overlay(tmp_path, kb):
    source = tmp_path / "holders.csv"
    source.write_text(GOOD_CSV, encoding="utf-8")
    overlay = tmp_path / "overlay.csv"
    assert import_csv(source, kb, overlay) == 1
    assert import_csv(source, kb, overlay) == 0  # merging twice adds nothing
    merged = KnowledgeBase(ARTEFACT, overlay)
    link = merged.link("person:zanele-testperson", "2031-06-01")
    assert link.code == "ZAFGOV"
    assert link.wikidata == "Q123456789"
    assert link.roles == ["Minister of Foreign Affairs of South Africa"]
    assert merged.holders("foreign_minister", "country:ZAF", "2031-06-01") == [
        "person:zanele-testperson"]


@pytest.mark.parametrize(
    "content, line, reason",
    [
        ("person,position,start,end\nA,B,2020,\n", 1, "lacks the column"),  # no country column
        (GOOD_CSV + "Ann Other,,President,ZAF,2032-13-01,\n", 3, "no month 13"),
        (GOOD_CSV + "Ann Other,,President,Atlantis,2032-01-01,\n", 3, "no country or organisation"),
        (GOOD_CSV + "Ann Other,,President,ZAF,2033-01-01,2032-01-01\n", 3, "ends"),
        (GOOD_CSV + "Ann Other,Q12x,President,ZAF,2033-01-01,\n", 3, "not a Wikidata id"),
        (GOOD_CSV + ",,President,ZAF,2033-01-01,\n", 3, "name is empty"),
        (GOOD_CSV + "Ann Other,,President,ZAF\n", 3, "fields"),
        ("", 1, "empty"),
    ],
)
def test_kb_import_refuses_a_malformed_file_and_changes_nothing(
    tmp_path, kb, content, line, reason
):
    overlay = tmp_path / "overlay.csv"
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    import_csv(good, kb, overlay)
    before = overlay.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError) as caught:
        import_csv(bad, kb, overlay)
    assert f"line {line}" in str(caught.value)
    assert reason in str(caught.value)
    assert overlay.read_bytes() == before


def test_kb_import_command_reports_the_line_and_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD_CSV + "Ann Other,,President,ZAF,someday,\n", encoding="utf-8")
    overlay = tmp_path / "overlay.csv"
    result = CliRunner().invoke(main, ["kb", "import", str(bad), "--kb", str(overlay)])
    assert result.exit_code == 2
    assert "line 3" in result.output and "not a date" in result.output
    assert not overlay.exists()


def test_kb_import_command_merges_into_the_overlay_named_by_the_environment(tmp_path, monkeypatch):
    good = tmp_path / "good.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    overlay = tmp_path / "env-overlay.csv"
    monkeypatch.setenv("DATELINE_KB_OVERLAY", str(overlay))
    result = CliRunner().invoke(main, ["kb", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "merged 1 new" in result.output
    assert "Zanele Testperson" in overlay.read_text(encoding="utf-8")
    assert load_kb().lookup("Zanele Testperson")[0].id == "person:zanele-testperson"


def test_kb_links_carry_wikidata_ids_where_known(kb):
    assert kb.link("igo:NATO", "2022-03-04").wikidata == "Q7184"
    assert kb.link("country:RUS", "2022-03-04").wikidata == "Q159"
    assert kb.link("person:vladimir-putin", "2022-03-04").wikidata == "Q7747"
