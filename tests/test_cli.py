"""The `cchc` command, end to end on real files and a real SQLite database."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus" / "docs"
PLAN_32 = CORPUS / "001_7bee4535614414f0.txt"


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


@pytest.fixture
def db_path(tmp_path, run) -> Path:
    path = tmp_path / "cchc.db"
    result = run("ingest", CORPUS, "--db", path)
    assert result.exit_code == 0, result.output
    return path


def test_extract_prints_the_record(run) -> None:
    result = run("extract", PLAN_32)
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert (record["ref"], record["province"], record["issued_date"]) == ("32/KH-UBND", "Kiên Giang", "2020-03-03")


def test_extract_writes_one_file_per_input(run, tmp_path) -> None:
    out = tmp_path / "out"
    assert run("extract", *sorted(CORPUS.glob("*.txt")), "--out", out).exit_code == 0
    assert sorted(p.stem for p in out.glob("*.json")) == sorted(p.stem for p in CORPUS.glob("*.txt"))


@pytest.mark.parametrize("name, content, says", [
    ("empty.txt", b"", "empty"),
    ("junk.pdf", b"\x00\x01\x02 not a pdf at all \xff" * 20, "re-download"),
    ("plan.xls", b"a,b\n", "not read"),
])
def test_bad_input_is_named_and_the_batch_goes_on(run, tmp_path, name, content, says) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = run("extract", bad, PLAN_32, "--out", tmp_path / "o")
    assert result.exit_code != 0
    assert f"Error: {bad}" in result.output and says in result.output
    assert (tmp_path / "o" / f"{PLAN_32.stem}.json").exists()


def test_reingesting_changes_nothing(run, db_path) -> None:
    db = sqlite_utils.Database(db_path)
    before = {t: db[t].count for t in ("documents", "citations", "recipients", "sections")}
    rows_before = list(db.query("select id, sha256, ref, record_json from documents order by id"))
    assert run("ingest", CORPUS, "--db", db_path).exit_code == 0
    assert {t: db[t].count for t in before} == before
    assert list(db.query("select id, sha256, ref, record_json from documents order by id")) == rows_before


def test_search_without_diacritics_and_by_ref(run, db_path) -> None:
    plain = run("search", "kiem tra cai cach hanh chinh", "--db", db_path, "--json")
    marked = run("search", "kiểm tra cải cách hành chính", "--db", db_path, "--json")
    assert {h["id"] for h in json.loads(plain.output)} == {h["id"] for h in json.loads(marked.output)}
    by_ref = json.loads(run("search", "32/KH-UBND", "--db", db_path, "--json").output)
    assert by_ref[0]["ref"] == "32/KH-UBND"


def test_search_filters_by_province(run, db_path) -> None:
    hits = json.loads(run("search", "cai cach hanh chinh", "--db", db_path, "--province", "Kien Giang", "--json").output)
    assert hits and all(h["province"] == "Kiên Giang" for h in hits)


def test_show_by_ref_and_unknown_key(run, db_path) -> None:
    shown = json.loads(run("show", "32/KH-UBND", "--db", db_path).output)
    assert shown["title"] == "Kiểm tra công tác cải cách hành chính năm 2020"
    assert run("show", "999/KH-XYZ", "--db", db_path).exit_code != 0


def test_evaluate_scores_the_corpus(run, tmp_path) -> None:
    out = tmp_path / "out"
    run("extract", *sorted(CORPUS.glob("*.txt")), "--out", out)
    result = run("evaluate", ROOT / "corpus" / "gold", out)
    assert result.exit_code == 0
    ref_line = next(line for line in result.output.splitlines() if line.startswith("ref "))
    assert float(ref_line.split()[-1]) >= 0.95


COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_a_readme_entry(run, command) -> None:
    """As sqlite-utils' test_docs: a command without help or README text is a defect."""
    assert main.commands[command].help, f"`cchc {command}` has no help text"
    assert f"cchc {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_search_filters_by_cited_document_and_dates(run, db_path) -> None:
    hits = json.loads(run("search", "", "--db", db_path, "--cites", "1847/QD-TTg", "--json").output)
    assert {h["ref"] for h in hits} == {"/KH-UBND", "341/KH-UBND"}
    dated = json.loads(run("search", "", "--db", db_path, "--from", "2022", "--to", "2022", "--json").output)
    assert dated and all(h["issued_date"].startswith("2022") for h in dated)
