"""pipeline.store on a real SQLite file: schema, idempotent save, atomicity, get.

Values come from the dev gold of Kế hoạch 32/KH-UBND (Kiên Giang, 2020) and
Quyết định 1813/QĐ-UBND (Thái Nguyên, 2019).
"""
import json
import sqlite3

import pytest

from pipeline import store
from pipeline.record import CitedDoc, Period, Record, Section, Signer, Source

KIEN_GIANG_TEXT = """Số: 32 /KH-UBND
Kiên Giang, ngày 03 tháng 3 năm 2020
KẾ HOẠCH
Kiểm tra công tác cải cách hành chính năm 2020
Căn cứ Quyết định số 225/QĐ-TTg ngày 04 tháng 02 năm 2016 của Thủ tướng Chính phủ;
Thực hiện Kế hoạch số 164/KH-UBND ngày 09 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh
về công tác cải cách hành chính năm 2020, như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Để đánh giá đúng thực chất mức độ triển khai thực hiện các nhiệm vụ công tác CCHC.
"""

THAI_NGUYEN_TEXT = """Số: 1813/QĐ-UBND
Thái Nguyên, ngày 27 tháng 6 năm 2019
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2019
"""


def kien_giang(**changes) -> Record:
    record = Record(
        source=Source(file="001_7bee4535614414f0.txt", sha256="a" * 64, format="txt",
                      pages=5),
        doc_type="Kế hoạch", ref="32/KH-UBND", number="32", symbol="KH-UBND",
        title="Kiểm tra công tác cải cách hành chính năm 2020",
        issuer="Ủy ban nhân dân tỉnh Kiên Giang", place="Kiên Giang",
        issued_date="2020-03-03", province="Kiên Giang", level="tỉnh",
        period=Period(start="2020", end="2020"),
        signer=Signer(name="Lê Thị Minh Phụng", position="Phó Chủ tịch",
                      authority="KT. Chủ tịch"),
        recipients=["Bộ Nội vụ", "TT. HĐND tỉnh", "Các sở, ban, ngành tỉnh"],
        legal_bases=[
            CitedDoc(doc_type="Quyết định", ref="225/QĐ-TTg", date="2016-02-04",
                     issuer="Thủ tướng Chính phủ", relation="căn cứ", span=(94, 104)),
            CitedDoc(doc_type="Kế hoạch", ref="164/KH-UBND", date="2019-12-09",
                     issuer="Ủy ban nhân dân tỉnh", relation="thực hiện"),
        ],
        references=[
            CitedDoc(doc_type="Quyết định", ref="225/QĐ-TTg", date="2016-02-04",
                     issuer="Thủ tướng Chính phủ"),
            CitedDoc(doc_type="Kế hoạch", ref="164/KH-UBND", date="2019-12-09",
                     issuer="Ủy ban nhân dân tỉnh"),
        ],
        sections=[
            Section(id="I", heading="MỤC ĐÍCH, YÊU CẦU", text=""),
            Section(id="I.1", heading="Mục đích", text="Để đánh giá đúng thực chất",
                    parent="I"),
        ],
        warnings=["Không đọc được ngày ký ở trang 2"],
    )
    return record.model_copy(update=changes)


def thai_nguyen() -> Record:
    return Record(
        source=Source(file="web-013.txt", sha256="b" * 64, format="txt"),
        doc_type="Quyết định", ref="1813/QĐ-UBND", number="1813", symbol="QĐ-UBND",
        title="Về việc ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2019",
        issuer="Ủy ban nhân dân tỉnh Thái Nguyên", issued_date="2019-06-27",
        province="Thái Nguyên", level="tỉnh",
    )


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "outputs" / "cchc.db")
    yield database
    database.close()


def counts(db) -> dict:
    return {t: db[t].count for t in ("documents", "citations", "recipients", "sections",
                                     "documents_fts")}


def contents(db) -> dict:
    """Every row of every table, minus the ingestion time (which a re-save renews)."""
    def rows(table):
        return [{k: v for k, v in row.items() if k != "ingested_at"}
                for row in db.query(f"SELECT * FROM {table} ORDER BY id")]
    return {t: rows(t) for t in ("documents", "citations", "recipients", "sections")}


# --- open_db ---------------------------------------------------------------

def test_open_db_creates_folders_wal_foreign_keys_and_version(tmp_path):
    path = tmp_path / "a" / "b" / "cchc.db"
    db = store.open_db(path)
    assert path.exists()
    assert db.journal_mode == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert {"documents", "citations", "recipients", "sections", "documents_fts",
            *store.CONTENT_TABLES} <= set(db.table_names())
    assert "remove_diacritics 2" in db["documents_fts"].schema


def test_open_db_twice_keeps_rows(tmp_path):
    path = tmp_path / "cchc.db"
    db = store.open_db(path)
    store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    db.close()
    again = store.open_db(path)
    assert again["documents"].count == 1
    assert store.schema_version(again) == store.SCHEMA_VERSION


def test_open_db_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "cchc.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {store.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(store.DatabaseTooNew):
        store.open_db(path)


# --- save ------------------------------------------------------------------

@pytest.mark.parametrize("column, expected", [
    ("doc_type", "Kế hoạch"),
    ("ref", "32/KH-UBND"),
    ("ref_folded", "32/KHUBND"),
    ("issuer", "Ủy ban nhân dân tỉnh Kiên Giang"),
    ("period_start", "2020"),
    ("signer_authority", "KT. Chủ tịch"),
    ("ocr", 0),
    ("TypeName", "Kế hoạch"),
    ("CodeNumber", "32"),
    ("CodeNotation", "KH-UBND"),
    ("IssuedDate", "2020-03-03"),
    ("OrganName", "Ủy ban nhân dân tỉnh Kiên Giang"),
    ("Subject", "Kiểm tra công tác cải cách hành chính năm 2020"),
    ("Language", "vi"),
    ("PageAmount", 5),
    ("SignerInfo_Position", "Phó Chủ tịch"),
    ("SignerInfo_FullName", "Lê Thị Minh Phụng"),
    ("To", "Bộ Nội vụ; TT. HĐND tỉnh; Các sở, ban, ngành tỉnh"),
    ("title_folded", "kiem tra cong tac cai cach hanh chinh nam 2020"),
    ("warnings", '["Không đọc được ngày ký ở trang 2"]'),
])
def test_save_fills_record_and_archive_columns(db, column, expected):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    assert db["documents"].get(doc_id)[column] == expected


def test_save_keeps_text_and_its_fold(db):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    row = db["documents"].get(doc_id)
    assert row["text"] == KIEN_GIANG_TEXT
    assert "thuc hien ke hoach so 164/kh-ubnd" in row["text_folded"]
    assert json.loads(row["record_json"]) == json.loads(kien_giang().model_dump_json())


def test_save_writes_children(db):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    citations = list(db.query(
        "SELECT kind, relation, ref_folded, span_start, span_end FROM citations "
        "WHERE document_id = ? ORDER BY id", [doc_id]))
    assert citations == [
        {"kind": "legal_basis", "relation": "căn cứ", "ref_folded": "225/QDTTG",
         "span_start": 94, "span_end": 104},
        {"kind": "legal_basis", "relation": "thực hiện", "ref_folded": "164/KHUBND",
         "span_start": None, "span_end": None},
        {"kind": "reference", "relation": None, "ref_folded": "225/QDTTG",
         "span_start": None, "span_end": None},
        {"kind": "reference", "relation": None, "ref_folded": "164/KHUBND",
         "span_start": None, "span_end": None},
    ]
    assert [r["name"] for r in db.query(
        "SELECT name FROM recipients ORDER BY position")] == kien_giang().recipients
    assert [(s["section_id"], s["parent"]) for s in db.query(
        "SELECT section_id, parent FROM sections ORDER BY position")] == [
        ("I", None), ("I.1", "I")]


def test_resave_changes_nothing(db):
    store.save(db, thai_nguyen(), THAI_NGUYEN_TEXT)
    first_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    before_counts, before = counts(db), contents(db)
    again_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    assert again_id == first_id
    assert counts(db) == before_counts
    assert contents(db) == before


def test_resave_with_new_values_replaces_children(db):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    store.save(db, kien_giang(recipients=["Bộ Nội vụ"], references=[]), KIEN_GIANG_TEXT)
    assert db["documents"].count == 1
    assert db["recipients"].count_where("document_id = ?", [doc_id]) == 1
    assert db["citations"].count_where("kind = 'reference'") == 0
    assert db["documents"].get(doc_id)["To"] == "Bộ Nội vụ"


def test_failing_save_leaves_the_earlier_version_intact(db, monkeypatch):
    store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    before_counts, before = counts(db), contents(db)

    def broken_writer(*args):
        raise RuntimeError("disk full while writing sections")
    monkeypatch.setattr(store, "_write_sections", broken_writer)
    changed = kien_giang(title="Kiểm tra công tác cải cách hành chính năm 2021",
                         recipients=["Bộ Nội vụ"])
    with pytest.raises(RuntimeError):
        store.save(db, changed, KIEN_GIANG_TEXT)
    assert not db.conn.in_transaction
    assert counts(db) == before_counts
    assert contents(db) == before
    hits = db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH '2020'")
    assert len(hits.fetchall()) == 1


def test_failing_first_save_writes_nothing(db, monkeypatch):
    def broken_writer(*args):
        raise RuntimeError("boom")
    monkeypatch.setattr(store, "_write_recipients", broken_writer)
    with pytest.raises(RuntimeError):
        store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    assert counts(db) == {t: 0 for t in counts(db)}


def test_deleting_a_document_cascades_to_children(db):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    assert counts(db) == {t: 0 for t in counts(db)}


# --- get -------------------------------------------------------------------

@pytest.mark.parametrize("key, expected_ref", [
    ("32/KH-UBND", "32/KH-UBND"),
    ("32 /KH-UBND", "32/KH-UBND"),
    ("32/kh-ubnd", "32/KH-UBND"),
    ("32/KH.UBND", "32/KH-UBND"),
    ("32/KHUBND", "32/KH-UBND"),
    ("1813/QĐ-UBND", "1813/QĐ-UBND"),
    ("1813/QD-UBND", "1813/QĐ-UBND"),
    ("33/KH-UBND", None),
    ("/KH-UBND", None),
])
def test_get_by_ref(db, key, expected_ref):
    store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    store.save(db, thai_nguyen(), THAI_NGUYEN_TEXT)
    found = store.get(db, key)
    assert (found and found["ref"]) == expected_ref


def test_get_finds_a_ref_stored_with_spaces(db):
    store.save(db, kien_giang(ref="32 /KH-UBND"), KIEN_GIANG_TEXT)
    assert store.get(db, "32/KH-UBND")["ref"] == "32 /KH-UBND"


def test_get_by_id_returns_the_record_and_its_id(db):
    doc_id = store.save(db, thai_nguyen(), THAI_NGUYEN_TEXT)
    for key in (doc_id, str(doc_id)):
        found = store.get(db, key)
        assert found.pop("id") == doc_id
        assert Record.model_validate(found) == thai_nguyen()
    assert store.get(db, doc_id + 1) is None


@pytest.mark.parametrize("ref, folded", [
    ("32/KH-UBND", "32/KHUBND"),
    ("32 /KH-UBND", "32/KHUBND"),
    ("30/2018/QĐ-UBND", "30/2018/QDUBND"),
    ("05-NQ/HU", "05NQ/HU"),
    ("QĐ.TTg", "QDTTG"),
    ("2349/SNV-CCHC&VTLT", "2349/SNVCCHC&VTLT"),
    ("/KH-UBND", "/KHUBND"),
    ("", None),
    (None, None),
])
def test_fold_ref(ref, folded):
    assert store.fold_ref(ref) == folded
