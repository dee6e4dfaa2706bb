"""The database: one SQLite file written with sqlite-utils, read by search.

Tables (schema version in PRAGMA user_version, see `_MIGRATIONS`):
- `documents`: one row per source file, unique by sha256. It holds every
  scalar of the Record, the archive metadata of Nghị định 30/2020/NĐ-CP
  Phụ lục VI under the names that annex gives them (TypeName, CodeNumber,
  CodeNotation, IssuedDate, OrganName, Subject, Language, PageAmount,
  SignerInfo_Position, SignerInfo_FullName, To), the canonical text, its
  accent-free fold for search, and the whole record as JSON.
- `citations`, `recipients`, `sections`: children of a document, deleted with
  it (ON DELETE CASCADE).
- `documents_fts`: FTS5 over title_folded, text_folded and ref, kept in sync
  by triggers. The columns are folded to ASCII before indexing because
  `unicode61 remove_diacritics 2` never folds đ to d.
- version 2, the plan's content, children of a document like the above, each
  row with its `position` in the record's list: `timelines`, `targets` (with
  `is_percent`, the half of a target the scorer compares), `responsibilities`
  and `inspection_subjects` (a body's name as read, its display form
  `canonical_agency` gives and the `agency_key` two spellings of one body share:
  `UBND huyện Chợ Mới` and `Ủy ban nhân dân huyện Chợ Mới`), `areas` and
  `budget`. Items that point into the text keep `span_start`, `span_end` and
  `section`. Migrating a version-1 file fills them from each stored record_json.
- version 3, `files`: one row per input path a batch met (`pipeline.batch`
  defines its statuses: ok, partial, failed, skipped), with the file's sha256,
  the error message, pages, seconds and the `document_id` it gave. The id is a
  plain column, not a foreign key: `save` replaces a document by deleting and
  re-inserting it under the same id, which a cascade or SET NULL would undo.
  A batch looks a file's sha256 up here and in `documents` before reading it.

A later schema is a new entry of `_MIGRATIONS` plus a writer called from
`save`, like `_write_sections`.

What it avoids: partial writes (a document and its children are written in
one transaction), duplicates (re-saving a sha256 replaces the rows and keeps
the document id), and `with db.conn:` (sqlite-utils 4 commits a statement
that opens an implicit transaction, so only `db.atomic()` holds a transaction
across library calls).
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Optional, Union

import sqlite_utils

from pipeline.agencies import agency_key, canonical_agency
from pipeline.errors import CchcError
from pipeline.record import CitedDoc, Record, Span
from pipeline.textfold import fold_ascii

SCHEMA_VERSION = 4
LANGUAGE = "vi"  # Phụ lục VI `Language`: every document here is Vietnamese
FTS_COLUMNS = ["title_folded", "text_folded", "ref"]
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

# PDF and web copies drop or change the joiners of a số ký hiệu ("QĐUBND", "QĐ.TTg")
_REF_JOINERS = re.compile(r"[\s\-‐‑–—._]+")

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    file TEXT, format TEXT, pages INTEGER, ocr INTEGER, ocr_confidence REAL,
    doc_type TEXT, ref TEXT, ref_folded TEXT, number TEXT, symbol TEXT,
    title TEXT, issuer TEXT, place TEXT, issued_date TEXT,
    province TEXT, level TEXT, period_start TEXT, period_end TEXT,
    signer_name TEXT, signer_position TEXT, signer_authority TEXT,
    TypeName TEXT, CodeNumber TEXT, CodeNotation TEXT, IssuedDate TEXT,
    OrganName TEXT, Subject TEXT, Language TEXT, PageAmount INTEGER,
    SignerInfo_Position TEXT, SignerInfo_FullName TEXT, "To" TEXT,
    text TEXT, text_folded TEXT, title_folded TEXT,
    record_json TEXT NOT NULL, warnings TEXT, ingested_at TEXT
);
CREATE INDEX IF NOT EXISTS documents_ref_folded ON documents(ref_folded);
CREATE INDEX IF NOT EXISTS documents_province ON documents(province);
CREATE INDEX IF NOT EXISTS documents_issued_date ON documents(issued_date);

CREATE TABLE IF NOT EXISTS citations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('legal_basis', 'reference')),
    relation TEXT, doc_type TEXT, ref TEXT, ref_folded TEXT, date TEXT,
    issuer TEXT, title TEXT, text TEXT, span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS citations_document_id ON citations(document_id);
CREATE INDEX IF NOT EXISTS citations_ref_folded ON citations(ref_folded);

CREATE TABLE IF NOT EXISTS recipients (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS recipients_document_id ON recipients(document_id);

CREATE TABLE IF NOT EXISTS sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, section_id TEXT, heading TEXT, text TEXT,
    parent TEXT
);
CREATE INDEX IF NOT EXISTS sections_document_id ON sections(document_id);
"""


# The content of a plan (RECORD.md targets … budget). Indexes serve the lookups
# researchers make across documents: who is put in charge of what (agency_key,
# role), which bodies get inspected, which reform areas, what falls due when, and
# which documents cite a given one (citations.ref_folded, already there in v1).
_SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS timelines (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('period', 'deadline', 'ongoing', 'recurring', 'relative')),
    start TEXT, "end" TEXT, text TEXT, section TEXT,
    span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS timelines_document_id ON timelines(document_id);
CREATE INDEX IF NOT EXISTS timelines_start ON timelines(start);

CREATE TABLE IF NOT EXISTS targets (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value REAL NOT NULL, "max" REAL, unit TEXT NOT NULL,
    is_percent INTEGER NOT NULL CHECK (is_percent IN (0, 1)),
    object TEXT, text TEXT, section TEXT,
    span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS targets_document_id ON targets(document_id);

CREATE TABLE IF NOT EXISTS responsibilities (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    agency TEXT NOT NULL, agency_canonical TEXT, agency_key TEXT,
    role TEXT NOT NULL CHECK (role IN ('chủ trì', 'phối hợp', 'thực hiện')),
    is_group INTEGER NOT NULL CHECK (is_group IN (0, 1)),
    task TEXT, section TEXT,
    span_start INTEGER, span_end INTEGER
);
CREATE INDEX IF NOT EXISTS responsibilities_document_id ON responsibilities(document_id);
CREATE INDEX IF NOT EXISTS responsibilities_agency_key_role
    ON responsibilities(agency_key, role);

CREATE TABLE IF NOT EXISTS inspection_subjects (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL, name_canonical TEXT, name_key TEXT
);
CREATE INDEX IF NOT EXISTS inspection_subjects_document_id
    ON inspection_subjects(document_id);
CREATE INDEX IF NOT EXISTS inspection_subjects_name_key ON inspection_subjects(name_key);

CREATE TABLE IF NOT EXISTS areas (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, area TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS areas_document_id ON areas(document_id);
CREATE INDEX IF NOT EXISTS areas_area ON areas(area);

CREATE TABLE IF NOT EXISTS budget (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS budget_document_id ON budget(document_id);

CREATE INDEX IF NOT EXISTS citations_ref_folded ON citations(ref_folded);
"""

# One row per input path of a batch: what became of it, so a re-run skips what
# is stored and the errors stay queryable after the run.
_SCHEMA_V3 = """
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT,
    status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed', 'skipped')),
    error TEXT, pages INTEGER, seconds REAL,
    document_id INTEGER,
    ingested_at TEXT
);
CREATE INDEX IF NOT EXISTS files_sha256 ON files(sha256);
CREATE INDEX IF NOT EXISTS files_status ON files(status);
CREATE INDEX IF NOT EXISTS files_document_id ON files(document_id);
"""

FILE_STATUSES = ("ok", "partial", "failed", "skipped")

CONTENT_TABLES = ("timelines", "targets", "responsibilities", "inspection_subjects",
                  "areas", "budget")


class DatabaseTooNew(CchcError):
    """The file was written by a newer pipeline; reading it could lose data."""


def fold_ref(ref: Optional[str]) -> Optional[str]:
    """`32 /KH-UBND`, `32/KH.UBND`, `32/kh-ubnd` → `32/KHUBND`; `30/QĐ-TTg` → `30/QDTTG`.

    Upper case, marks dropped (đ → d: OCR and users type refs without them),
    joiners removed, the slashes kept.
    """
    if not ref:
        return None
    bare = unicodedata.normalize("NFD", ref.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return _REF_JOINERS.sub("", bare.upper()) or None


# --- opening ---------------------------------------------------------------

def open_db(path: Union[str, Path]) -> sqlite_utils.Database:
    """Open (creating folders and schema as needed) the database at `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    # WAL with synchronous=NORMAL: a crash can lose the last commits but never leaves a
    # half-written document; it cuts the writer's time per document by about a quarter
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    _migrate(db, path)
    return db


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _create_v1(db: sqlite_utils.Database) -> None:
    db.executescript(_SCHEMA_V1)
    db["documents"].enable_fts(FTS_COLUMNS, create_triggers=True, tokenize=FTS_TOKENIZE)


def _create_v2(db: sqlite_utils.Database) -> None:
    """The content tables, filled for documents a version-1 pipeline stored.

    The backfill reads record_json with today's Record and writers; a later
    migration that changes these tables must come after it, not edit it.
    """
    db.executescript(_SCHEMA_V2)
    for doc_id, record_json in db.execute("SELECT id, record_json FROM documents").fetchall():
        _write_content(db, doc_id, Record.model_validate_json(record_json))


def _create_v3(db: sqlite_utils.Database) -> None:
    """The `files` table. Documents stored before it have no row: a batch finds
    them by sha256 in `documents` and skips them all the same."""
    db.executescript(_SCHEMA_V3)


_SCHEMA_V4 = """
CREATE INDEX IF NOT EXISTS documents_level ON documents(level);
CREATE INDEX IF NOT EXISTS documents_doc_type ON documents(doc_type);
"""


def _create_v4(db: sqlite_utils.Database) -> None:
    """Indexes for the level and type filters of search, compare and export: search
    reads the few stored spellings from them and filters inside the ranking query."""
    db.executescript(_SCHEMA_V4)


# version → step that brings the schema from version-1 to version
_MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_v1, 2: _create_v2, 3: _create_v3, 4: _create_v4}


def _migrate(db: sqlite_utils.Database, path: Path) -> None:
    current = schema_version(db)
    if current > SCHEMA_VERSION:
        raise DatabaseTooNew(path, f"schema version {current} is newer than this "
                                   f"pipeline's ({SCHEMA_VERSION}): upgrade cchc to read it")
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            _MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version}")


# --- writing ---------------------------------------------------------------

def save(db: sqlite_utils.Database, record: Record, text: str) -> int:
    """Write one document and its children atomically; return its id.

    A record whose sha256 is already stored replaces the old rows (children
    go with the cascade) and keeps the old id, so links to it stay valid.
    """
    db.execute("PRAGMA foreign_keys = ON")  # per connection; the cascade needs it
    with db.atomic():
        old_id = _delete_by_sha256(db, record.source.sha256)
        row = _document_row(record, text)
        if old_id is not None:
            row["id"] = old_id
        doc_id = db["documents"].insert(row).last_pk
        _write_citations(db, doc_id, record)
        _write_recipients(db, doc_id, record)
        _write_sections(db, doc_id, record)
        _write_content(db, doc_id, record)
    return doc_id


def _delete_by_sha256(db: sqlite_utils.Database, sha256: str) -> Optional[int]:
    found = db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
    if found is None:
        return None
    db.execute("DELETE FROM documents WHERE id = ?", [found[0]])
    return found[0]


def _document_row(record: Record, text: str) -> dict[str, Any]:
    source, signer = record.source, record.signer
    period = record.period
    return {
        "sha256": source.sha256, "file": source.file, "format": source.format,
        "pages": source.pages, "ocr": int(source.ocr),
        "ocr_confidence": source.ocr_confidence,
        "doc_type": record.doc_type, "ref": record.ref, "ref_folded": fold_ref(record.ref),
        "number": record.number, "symbol": record.symbol, "title": record.title,
        "issuer": record.issuer, "place": record.place, "issued_date": record.issued_date,
        "province": record.province, "level": record.level,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "signer_name": signer.name if signer else None,
        "signer_position": signer.position if signer else None,
        "signer_authority": signer.authority if signer else None,
        **_archive_metadata(record),
        "text": text, "text_folded": fold_ascii(text),
        "title_folded": fold_ascii(record.title or ""),
        "record_json": record.model_dump_json(),
        "warnings": json.dumps(record.warnings, ensure_ascii=False),
        "ingested_at": _now(),
    }


def _archive_metadata(record: Record) -> dict[str, Any]:
    """The fields of Nghị định 30/2020/NĐ-CP Phụ lục VI that the text gives."""
    signer = record.signer
    return {
        "TypeName": record.doc_type, "CodeNumber": record.number,
        "CodeNotation": record.symbol, "IssuedDate": record.issued_date,
        "OrganName": record.issuer, "Subject": record.title, "Language": LANGUAGE,
        "PageAmount": record.source.pages,
        "SignerInfo_Position": signer.position if signer else None,
        "SignerInfo_FullName": signer.name if signer else None,
        "To": "; ".join(record.recipients) or None,
    }


def _citation_row(doc_id: int, kind: str, cited: CitedDoc) -> dict[str, Any]:
    span = cited.span or (None, None)
    return {
        "document_id": doc_id, "kind": kind, "relation": cited.relation,
        "doc_type": cited.doc_type, "ref": cited.ref, "ref_folded": fold_ref(cited.ref),
        "date": cited.date, "issuer": cited.issuer, "title": cited.title,
        "text": cited.text, "span_start": span[0], "span_end": span[1],
    }


def _insert(db: sqlite_utils.Database, table: str, rows: list[dict]) -> None:
    """Insert a document's child rows (sqlite-utils cannot insert an empty list)."""
    if rows:
        db[table].insert_all(rows)


def _write_citations(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    rows = [_citation_row(doc_id, "legal_basis", c) for c in record.legal_bases]
    rows += [_citation_row(doc_id, "reference", c) for c in record.references]
    _insert(db, "citations", rows)


def _insert_children(db: sqlite_utils.Database, table: str, doc_id: int, items: list, columns) -> None:
    """One row per item of a document's list, in its order: document_id, position, then columns(item)."""
    _insert(db, table, [{"document_id": doc_id, "position": i, **columns(item)} for i, item in enumerate(items)])


def _write_recipients(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    _insert_children(db, "recipients", doc_id, record.recipients, lambda name: {"name": name})


def _write_sections(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    _insert_children(db, "sections", doc_id, record.sections, lambda s: {
        "section_id": s.id, "heading": s.heading, "text": s.text, "parent": s.parent})


def _span_columns(span: Span) -> dict[str, Optional[int]]:
    start, end = span or (None, None)
    return {"span_start": start, "span_end": end}


def _name_forms(name: str) -> tuple[str, Optional[str]]:
    """A body's display form and comparison key (None when nothing is left to compare)."""
    return canonical_agency(name), agency_key(name) or None


def _write_content(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    _write_timelines(db, doc_id, record)
    _write_targets(db, doc_id, record)
    _write_responsibilities(db, doc_id, record)
    _write_inspection_subjects(db, doc_id, record)
    _write_areas(db, doc_id, record)
    _write_budget(db, doc_id, record)


def _write_timelines(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    _insert_children(db, "timelines", doc_id, record.timelines, lambda t: {
        "kind": t.kind, "start": t.start, "end": t.end, "text": t.text, "section": t.section,
        **_span_columns(t.span)})


def _write_targets(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    _insert_children(db, "targets", doc_id, record.targets, lambda t: {
        "value": t.value, "max": t.max, "unit": t.unit, "is_percent": int(t.unit.strip() == "%"),
        "object": t.object, "text": t.text, "section": t.section, **_span_columns(t.span)})


def _write_responsibilities(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    def columns(duty) -> dict:
        display, key = _name_forms(duty.agency)
        return {"agency": duty.agency, "agency_canonical": display, "agency_key": key, "role": duty.role,
                "is_group": int(duty.group), "task": duty.task, "section": duty.section,
                **_span_columns(duty.span)}
    _insert_children(db, "responsibilities", doc_id, record.responsibilities, columns)


def _write_inspection_subjects(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    def columns(name: str) -> dict:
        display, key = _name_forms(name)
        return {"name": name, "name_canonical": display, "name_key": key}
    _insert_children(db, "inspection_subjects", doc_id, record.inspection_subjects, columns)


def _write_areas(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    _insert_children(db, "areas", doc_id, record.areas, lambda area: {"area": area})


def _write_budget(db: sqlite_utils.Database, doc_id: int, record: Record) -> None:
    _insert_children(db, "budget", doc_id, record.budget, lambda sentence: {"text": sentence})


def record_file(db: sqlite_utils.Database, path: str, sha256: Optional[str], status: str, *,
                error: Optional[str] = None, pages: Optional[int] = None,
                seconds: Optional[float] = None, document_id: Optional[int] = None) -> None:
    """Write (or overwrite) the `files` row of one input path.

    A batch calls it inside the transaction that saves the document, so the
    two are stored together or not at all.
    """
    if status not in FILE_STATUSES:
        raise ValueError(f"file status {status!r} is not one of {FILE_STATUSES}")
    db.execute(
        "INSERT INTO files (path, sha256, status, error, pages, seconds, document_id, ingested_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET "
        "sha256 = excluded.sha256, status = excluded.status, error = excluded.error, "
        "pages = excluded.pages, seconds = excluded.seconds, "
        "document_id = excluded.document_id, ingested_at = excluded.ingested_at",
        [path, sha256, status, error, pages,
         None if seconds is None else round(seconds, 3), document_id, _now()])


def drop_if_orphan(db: sqlite_utils.Database, doc_id: Optional[int]) -> bool:
    """Delete a document no input path gives any more (its file was edited
    in place); True when it was deleted."""
    if doc_id is None or db.execute("SELECT 1 FROM files WHERE document_id = ? LIMIT 1",
                                    [doc_id]).fetchone():
        return False
    return db.execute("DELETE FROM documents WHERE id = ?", [doc_id]).rowcount > 0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- reading ---------------------------------------------------------------

def stored_copy(db: sqlite_utils.Database, sha256: str) -> Optional[tuple[int, Optional[str]]]:
    """(document id, the path it was read from or None) of the stored document
    with this content; None when no document has it."""
    return db.execute(
        "SELECT d.id, f.path FROM documents d LEFT JOIN files f "
        "ON f.document_id = d.id AND f.status IN ('ok', 'partial') "
        "WHERE d.sha256 = ? ORDER BY f.id LIMIT 1", [sha256]).fetchone()


def file_row(db: sqlite_utils.Database, path: str) -> Optional[dict[str, Any]]:
    """The `files` row of an input path, as a dict; None if no batch met it."""
    cursor = db.execute("SELECT * FROM files WHERE path = ?", [path])
    row = cursor.fetchone()
    return dict(zip([c[0] for c in cursor.description], row)) if row else None


def get(db: sqlite_utils.Database, key: Union[int, str]) -> Optional[dict[str, Any]]:
    """The stored record (as a dict, plus `id`) by id or by số ký hiệu; None if absent.

    A ref is compared folded (`32/KH-UBND` finds `32 /KH-UBND`); when several
    documents share it (drafts, the same number in another year) the most
    recently issued one wins.
    """
    row = _row_by_id(db, key) if _is_id(key) else _row_by_ref(db, str(key))
    if row is None:
        return None
    return {"id": row[0], **json.loads(row[1])}


def _is_id(key: Union[int, str]) -> bool:
    return isinstance(key, int) or (isinstance(key, str) and key.strip().isdigit())


def _row_by_id(db: sqlite_utils.Database, key: Union[int, str]) -> Optional[tuple]:
    return db.execute("SELECT id, record_json FROM documents WHERE id = ?",
                      [int(key)]).fetchone()


def _row_by_ref(db: sqlite_utils.Database, ref: str) -> Optional[tuple]:
    folded = fold_ref(ref)
    if folded is None:
        return None
    return db.execute(
        "SELECT id, record_json FROM documents WHERE ref_folded = ? "
        "ORDER BY issued_date DESC, id DESC LIMIT 1", [folded]).fetchone()
