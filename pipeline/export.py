"""The database for people who work in spreadsheets: JSON lines, CSV, Excel.

- `jsonl`: one stored record per line (`{"id": …, "source": …, "doc_type": …}`), the
  record as pipeline/record.py defines it, children included;
- `csv`: a folder with one file per table (`documents.csv`, `citations.csv`, …, the
  content tables of schema v2), UTF-8 with a byte-order mark so Excel reads the
  diacritics; every child row carries `document_ref` beside `document_id`;
- `xlsx`: one workbook, one sheet per table, the same columns.

What it leaves out: the folded columns and the record JSON of `documents` (search
internals; jsonl carries the record); in xlsx, a cell longer than Excel's limit
(32,767 characters: a long canonical text) is cut there and ends with `…`, and control
characters Excel refuses are dropped.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Iterator, Optional

import sqlite_utils

from pipeline.store import CONTENT_TABLES

FORMATS = ("jsonl", "csv", "xlsx")
TABLES = ("documents", "citations", "recipients", "sections") + CONTENT_TABLES
HIDDEN_COLUMNS = {"text_folded", "title_folded", "record_json"}
XLSX_CELL_LIMIT = 32_767


def _columns(db: sqlite_utils.Database, table: str) -> list[str]:
    return [c.name for c in db[table].columns if c.name not in HIDDEN_COLUMNS]


def _select(db: sqlite_utils.Database, table: str, ids: Optional[set[int]]) -> tuple[str, list]:
    """The SQL reading `table` for the documents `ids` (all when None)."""
    quoted = ", ".join(f't."{c}"' for c in _columns(db, table))
    if table == "documents":
        sql, key = f"SELECT {quoted} FROM documents t", "t.id"
    else:
        sql = (f"SELECT {quoted}, d.ref AS document_ref FROM {table} t "
               "JOIN documents d ON d.id = t.document_id")
        key = "t.document_id"
    args = sorted(ids) if ids is not None else []
    if ids is not None:
        sql += f" WHERE {key} IN ({', '.join('?' for _ in args)})"
    return sql + f" ORDER BY {key}, t.id", args


def rows(db: sqlite_utils.Database, table: str,
         ids: Optional[set[int]] = None) -> tuple[list[str], Iterator[tuple]]:
    """(header, rows) of one table as exported."""
    sql, args = _select(db, table, ids)
    cursor = db.execute(sql, args)
    return [d[0] for d in cursor.description], iter(cursor.fetchall())


def write_jsonl(db: sqlite_utils.Database, out: IO[str], ids: Optional[set[int]] = None) -> int:
    """One record per line; return the number of lines."""
    count = 0
    for doc_id, record_json in db.execute("SELECT id, record_json FROM documents ORDER BY id"):
        if ids is None or doc_id in ids:
            out.write(json.dumps({"id": doc_id, **json.loads(record_json)},
                                 ensure_ascii=False) + "\n")
            count += 1
    return count


def write_csv(db: sqlite_utils.Database, folder: Path, ids: Optional[set[int]] = None
              ) -> dict[str, int]:
    """One `<table>.csv` per table in `folder`; return table → row count."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        header, body = rows(db, table, ids)
        with (folder / f"{table}.csv").open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            counts[table] = sum(1 for row in body if writer.writerow(row) or True)
    return counts


def write_xlsx(db: sqlite_utils.Database, path: Path, ids: Optional[set[int]] = None
               ) -> dict[str, int]:
    """One sheet per table in the workbook `path`; return table → row count."""
    from openpyxl import Workbook  # only this format needs it
    book = Workbook(write_only=True)
    counts = {}
    for table in TABLES:
        sheet = book.create_sheet(table)
        header, body = rows(db, table, ids)
        sheet.append(header)
        counts[table] = 0
        for row in body:
            sheet.append([excel_value(v) for v in row])
            counts[table] += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return counts


def excel_value(value):
    """A value Excel accepts: control characters dropped, text cut at the cell limit."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    clean = ILLEGAL_CHARACTERS_RE.sub("", value)
    return clean if len(clean) <= XLSX_CELL_LIMIT else clean[:XLSX_CELL_LIMIT - 1] + "…"
