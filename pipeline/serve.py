"""`cchc serve`: Datasette on 127.0.0.1 over the database, for browsing.

What it serves:
- the home page, with a search box;
- `documents_browse`, a view of `documents` with the year of issue, faceted by
  province, level, year and type, searched through `documents_fts` (the
  diacritic-folded title, text and ref) with or without diacritics; `đ` is
  folded to `d` before the query reaches FTS5, whose `remove_diacritics` keeps it;
- every table, with titles and descriptions of tables and columns
  (`data/datasette/metadata.yaml`), and the canned comparisons of
  `data/datasette/queries.yaml`;
- `/document/<id>`: the record's fields beside the canonical text, with the
  extracted spans (citations, timelines, targets, responsibilities) and the
  words of `?q=` highlighted.

The plugin hooks are in `data/datasette/plugins/cchc_browse.py` and the page's
template in `data/datasette/templates/`; what they show is computed here.

What it avoids: listening anywhere but loopback (the database is a working
copy, not a publication), and reading the extracted lists twice: the page reads
the record JSON, the same one `cchc show` prints.
"""
from __future__ import annotations

import functools
import json
import re
import sqlite3
import threading
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import yaml

from pipeline import store
from pipeline.errors import CchcError

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8001
DATA_DIR = Path(__file__).resolve().parent / "data" / "datasette"
TEMPLATE_DIR = DATA_DIR / "templates"
PLUGINS_DIR = DATA_DIR / "plugins"
_JOINER_GAP = re.compile(r"[\s\-‐‑–—/.]*")  # what may stand between two words of a phrase
METADATA_DATABASE_KEY = "cchc"  # the key metadata.yaml writes the database's tables under

BROWSE_VIEW = "documents_browse"
# The year is a column of its own so that it can be a facet: issued_date holds
# the precision printed (2020-03-03, 2022-03, 2024), which a date facet rejects.
# Few columns, so the trích yếu has room; `documents` and the page hold the rest.
BROWSE_VIEW_SQL = f"""CREATE VIEW {BROWSE_VIEW} AS
SELECT id, ref, doc_type, title, province, level,
       substr(issued_date, 1, 4) AS year, issued_date, issuer
FROM documents
ORDER BY issued_date DESC, id DESC"""

SETTINGS = {
    "default_page_size": 50,
    "suggest_facets": False,      # suggestions cost a query per column on every page
    "facet_time_limit_ms": 500,
    "sql_time_limit_ms": 2000,
}


class NoDatabase(CchcError):
    exit_code = 2


# --- the database and Datasette --------------------------------------------

def prepare_database(db_path: Union[str, Path]) -> None:
    """Migrate the database to the store's schema and create the browse view.

    The view is dropped and made again when its definition changed, so an older
    `cchc serve` never leaves a stale one behind.
    """
    db_path = Path(db_path)
    if not db_path.is_file():
        raise NoDatabase(db_path, "no such database: build it with `cchc ingest PATH --db "
                                  f"{db_path}`")
    db = store.open_db(db_path)
    found = db.execute("SELECT sql FROM sqlite_master WHERE type = 'view' AND name = ?",
                       [BROWSE_VIEW]).fetchone()
    if found is None or found[0] != BROWSE_VIEW_SQL:
        with db.atomic():
            db.execute(f"DROP VIEW IF EXISTS {BROWSE_VIEW}")
            db.execute(BROWSE_VIEW_SQL)
    db.close()


@functools.cache
def _yaml(name: str) -> dict:
    return yaml.safe_load((DATA_DIR / name).read_text(encoding="utf-8"))


def load_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a database served under the name `database`."""
    metadata = json.loads(json.dumps(_yaml("metadata.yaml")))  # a copy to fill in
    metadata["description_html"] = metadata["description_html"].replace("{database}", database)
    section = metadata["databases"].pop(METADATA_DATABASE_KEY)
    section["queries"] = json.loads(json.dumps(_yaml("queries.yaml")))
    metadata["databases"][database] = section
    return metadata


def make_datasette(db_path: Union[str, Path]):
    """A Datasette over one prepared database file, with this project's plugin."""
    from datasette.app import Datasette
    db_path = Path(db_path)
    return Datasette([str(db_path)], metadata=load_metadata(db_path.stem),
                     template_dir=str(TEMPLATE_DIR), plugins_dir=str(PLUGINS_DIR),
                     settings=SETTINGS)


def serve(db_path: Union[str, Path], port: int = DEFAULT_PORT,
          open_browser: bool = False) -> None:
    """Serve the database on http://127.0.0.1:<port>/ until interrupted."""
    import asyncio

    import uvicorn
    prepare_database(db_path)
    datasette = make_datasette(db_path)
    asyncio.run(datasette.invoke_startup())  # as `datasette serve` does, before uvicorn
    url = f"http://{LOOPBACK}:{port}/"
    print(f"cchc serve: {url} (Ctrl+C stops)", flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(datasette.app(), host=LOOPBACK, port=port, log_level="warning",
                lifespan="on", workers=1)


# --- the document page -----------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """An extracted item's place in the text: [start, end) of one kind."""
    start: int
    end: int
    kind: str    # citation, timeline, target, responsibility, match
    label: str


@dataclass
class Segment:
    """A run of text covered by the same marks (none for plain text)."""
    text: str
    kinds: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


SPAN_KINDS = {   # kind → (legend, record list holding it)
    "citation": ("Citation", "references"),
    "timeline": ("Timeline", "timelines"),
    "target": ("Target", "targets"),
    "responsibility": ("Responsibility", "responsibilities"),
    "match": ("Search words", None),
}


def _label(kind: str, item: dict) -> str:
    if kind == "citation":
        return " ".join(p for p in (item.get("doc_type"), item.get("ref")) if p) or "citation"
    if kind == "timeline":
        return f"{item['kind']} {item.get('start') or '…'} – {item.get('end') or '…'}"
    if kind == "target":
        upper = f"–{item['max']:g}" if item.get("max") is not None else ""
        return f"{item['value']:g}{upper} {item['unit']} {item.get('object') or ''}".strip()
    return f"{item['agency']} · {item['role']}"


def record_marks(record: dict) -> list[Mark]:
    """The spans of the record's citations, timelines, targets and responsibilities.

    Legal bases are also references, so the same span is marked once.
    """
    marks = {}
    for kind, (_, key) in SPAN_KINDS.items():
        for item in record.get(key, []) if key else []:
            span = item.get("span")
            if span and span[1] > span[0]:
                marks.setdefault((span[0], span[1], kind), Mark(span[0], span[1], kind,
                                                                _label(kind, item)))
    return sorted(marks.values(), key=lambda m: (m.start, -m.end, m.kind))


def query_marks(text: str, query: str) -> list[Mark]:
    """Where the words of a search query stand in the text (folded alike);
    words that follow one another make one mark: `[Kiểm tra]`, not `[Kiểm] [tra]`."""
    from pipeline.search import match_spans, parse_query
    spans = sorted(span for found in match_spans(text, parse_query(query).units())
                   for span in found)
    joined: list[list[int]] = []
    for start, end in spans:
        if joined and (start <= joined[-1][1] or _JOINER_GAP.fullmatch(text[joined[-1][1]:start])):
            joined[-1][1] = max(end, joined[-1][1])
        else:
            joined.append([start, end])
    return [Mark(start, end, "match", query) for start, end in joined]


def highlight_segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Cut the text at every mark's edges; each piece lists the marks covering it.

    Marks may overlap or nest (a responsibility's sentence holding a deadline),
    so pieces, not nested tags: the page never has to close a tag out of order.
    """
    marks = [m for m in marks if 0 <= m.start < m.end <= len(text)]
    edges = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    segments = []
    for start, end in zip(edges, edges[1:]):
        covering = [m for m in marks if m.start <= start and end <= m.end]
        segments.append(Segment(text[start:end], sorted({m.kind for m in covering}),
                                list(dict.fromkeys(m.label for m in covering))))
    return segments


def _cited(items: list[dict]) -> list[str]:
    return [" ".join(p for p in (c.get("relation"), c.get("doc_type"), c.get("ref"),
                                 c.get("date") and f"({c['date']})") if p)
            for c in items]


def record_fields(record: dict) -> list[dict[str, Any]]:
    """The fields shown beside the text: key, label and a value or list of values."""
    period, signer, source = record.get("period") or {}, record.get("signer") or {}, record["source"]
    rows = [
        ("ref", "Số ký hiệu", record.get("ref")),
        ("doc_type", "Loại văn bản", record.get("doc_type")),
        ("title", "Trích yếu", record.get("title")),
        ("issuer", "Cơ quan ban hành", record.get("issuer")),
        ("place", "Địa danh", record.get("place")),
        ("issued_date", "Ngày ban hành", record.get("issued_date")),
        ("province", "Tỉnh / thành phố", record.get("province")),
        ("level", "Cấp", record.get("level")),
        ("period", "Thời kỳ", " – ".join(dict.fromkeys(
            p for p in (period.get("start"), period.get("end")) if p)) or None),
        ("signer", "Người ký", ", ".join(p for p in (
            signer.get("authority"), signer.get("position"), signer.get("name")) if p) or None),
        ("recipients", "Nơi nhận", record.get("recipients") or None),
        ("legal_bases", "Căn cứ", _cited(record.get("legal_bases", [])) or None),
        ("areas", "Lĩnh vực CCHC", record.get("areas") or None),
        ("inspection_subjects", "Đối tượng kiểm tra", record.get("inspection_subjects") or None),
        ("source", "Tệp nguồn", f"{source['file']} ({source['format']}"
                                f"{', OCR' if source.get('ocr') else ''})"),
        ("warnings", "Cảnh báo", record.get("warnings") or None),
    ]
    return [{"key": key, "label": label, "value": value, "is_list": isinstance(value, list)}
            for key, label, value in rows]


def document_context(conn: sqlite3.Connection, doc_id: int,
                     query: Optional[str] = None) -> Optional[dict[str, Any]]:
    """What the document page shows, or None when there is no such document."""
    row = conn.execute("SELECT record_json, text FROM documents WHERE id = ?",
                       [doc_id]).fetchone()
    if row is None:
        return None
    record, text = json.loads(row[0]), row[1] or ""
    marks = record_marks(record) + (query_marks(text, query) if query else [])
    counts = {kind: sum(1 for m in marks if m.kind == kind) for kind in SPAN_KINDS}
    return {
        "doc_id": doc_id, "record": record, "query": query or "",
        "heading": " ".join(p for p in (record.get("doc_type"), record.get("ref")) if p)
                   or record["source"]["file"],
        "fields": record_fields(record),
        "segments": highlight_segments(text, marks),
        "legend": [{"kind": kind, "label": legend, "count": counts[kind]}
                   for kind, (legend, _) in SPAN_KINDS.items() if counts[kind]],
    }
