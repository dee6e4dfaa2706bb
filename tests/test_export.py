"""pipeline.export and `cchc export` on a database built from corpus/docs."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline import store
from pipeline.cli_research import export as export_command
from pipeline.export import TABLES, XLSX_CELL_LIMIT, excel_value, write_jsonl
from pipeline.record import Record





def _count(db_path: Path, table: str) -> int:
    return store.open_db(db_path).execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _run(*args):
    return CliRunner().invoke(export_command, [str(a) for a in args])


def test_jsonl_holds_every_record(corpus_db, tmp_path):
    out = tmp_path / "records.jsonl"
    result = _run("--format", "jsonl", "--out", out, "--db", corpus_db)
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5
    first = json.loads(lines[0])
    record = Record.model_validate({k: v for k, v in first.items() if k != "id"})
    assert record.references and record.sections       # children are in the record
    assert "Kiên Giang" in lines[1]                      # diacritics kept, not \\u-escaped


def test_jsonl_to_stdout_with_a_filter(corpus_db):
    result = _run("--format", "jsonl", "--out", "-", "--db", corpus_db, "--province", "kien giang")
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    assert json.loads(line)["ref"] == "32/KH-UBND"


def test_csv_writes_one_file_per_table(corpus_db, tmp_path):
    out = tmp_path / "csv"
    result = _run("--format", "csv", "--out", out, "--db", corpus_db)
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in out.glob("*.csv")) == sorted(TABLES)
    for table in TABLES:
        with (out / f"{table}.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == _count(corpus_db, table), table
    with (out / "documents.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert {"ref", "CodeNotation", "text"} <= set(header)
    assert not {"text_folded", "title_folded", "record_json"} & set(header)


def test_csv_child_rows_carry_the_document_ref(corpus_db, tmp_path):
    out = tmp_path / "csv"
    _run("--format", "csv", "--out", out, "--db", corpus_db, "--level", "tỉnh")
    with (out / "targets.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["document_ref"] for r in rows} >= {"32/KH-UBND"}
    assert "/KH-UBND" not in {r["document_ref"] for r in rows}   # the huyện plan is left out
    assert (out / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel


def test_xlsx_has_one_sheet_per_table(corpus_db, tmp_path):
    out = tmp_path / "cchc.xlsx"
    result = _run("--format", "xlsx", "--out", out, "--db", corpus_db)
    assert result.exit_code == 0, result.output
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == list(TABLES)
    for table in TABLES:
        rows = sum(1 for _ in book[table].iter_rows(values_only=True))
        assert rows == _count(corpus_db, table) + 1, table
    header = [c.value for c in next(book["documents"].iter_rows(max_row=1))]
    refs = {row[header.index("ref")] for row in book["documents"].iter_rows(min_row=2, values_only=True)}
    assert "32/KH-UBND" in refs


@pytest.mark.parametrize("value, expected", [
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("a\x0bb\x0cc", "abc"),                 # vertical tab, form feed from PDF text
    (42, 42), (None, None), (0.5, 0.5),
])
def test_excel_value(value, expected):
    assert excel_value(value) == expected


def test_excel_value_cuts_at_the_cell_limit():
    cut = excel_value("x" * (XLSX_CELL_LIMIT + 10))
    assert len(cut) == XLSX_CELL_LIMIT and cut.endswith("…")


def test_write_jsonl_of_some_documents(corpus_db):
    import io
    buffer = io.StringIO()
    assert write_jsonl(store.open_db(corpus_db), buffer, ids={2, 4}) == 2
    assert [json.loads(l)["id"] for l in buffer.getvalue().splitlines()] == [2, 4]
