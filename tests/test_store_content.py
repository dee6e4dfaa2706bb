"""pipeline.store, schema version 2: the plan's content tables on a real SQLite file.

Values come from the dev gold and canonical text of Kế hoạch 32/KH-UBND (Kiên
Giang, 2020: 001_7bee4535614414f0), Kế hoạch 341/KH-UBND (huyện Chợ Mới, 2023:
002_9a23d4ea0e0477f2), Quyết định /QĐ-UBND (Bình Định, 2024: 004_170eeb0380cd80e2)
and Kế hoạch 617/KH-UBND (Đồng Tháp, 2025: full-G02). Spans are found in the
excerpts below, so each points at the words it stands for.
"""
import sqlite3

import pytest

from pipeline import store
from pipeline.agencies import agency_key, canonical_agency
from pipeline.record import Record, Responsibility, Source, Target, Timeline

KIEN_GIANG_TEXT = """Số: 32 /KH-UBND
Kiên Giang, ngày 03 tháng 3 năm 2020
KẾ HOẠCH
Kiểm tra công tác cải cách hành chính năm 2020
b) Kiểm tra từ 30% số cơ quan hành chính nhà nước thuộc Ủy ban nhân dân tỉnh (sau đây gọi
tắt là sở, ban, ngành tỉnh) và Ủy ban nhân dân cấp huyện; 10 Ủy ban nhân dân cấp xã.
3. Thời gian kiểm tra: Quý III/2020.
2. Sở Nội vụ chủ trì tham mưu Chủ tịch Ủy ban nhân dân tỉnh thành lập Đoàn kiểm tra,
xây dựng kế hoạch và đề cương kiểm tra chi tiết; chuẩn bị kinh phí thực hiện (nằm trong
kinh phí thực hiện nhiệm vụ cải cách hành chính năm 2020) do Ủy ban nhân dân tỉnh phân bổ.
4. Đối với các cơ quan, địa phương không thuộc đối tượng kiểm tra trực tiếp: gửi báo cáo
về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 30/9/2020 để tổng hợp chung.
"""

CHO_MOI_TEXT = """Số: 341/KH-UBND
Chợ Mới, ngày 22 tháng 02 năm 2023
KẾ HOẠCH
Nâng cao chất lượng hiệu quả công tác cải cách hành chính trên địa bàn huyện Chợ Mới
- Cơ quan chủ trì: Văn phòng HĐND & UBND huyện.
- Cơ quan phối hợp: Phòng Nội vụ, các ngành liên quan, UBND xã - thị trấn.
- Thời gian thực hiện: thường xuyên trong năm 2023 và những năm tiếp theo.
III. KINH PHÍ THỰC HIỆN
- Các nhiệm vụ của Ban điều hành CCHC huyện do Phòng Nội vụ chủ trì tham mưu triển khai
thực hiện sử dụng từ nguồn kinh phí CCHC hàng năm do ngân sách huyện phân bổ, cấp phát cho
Phòng Nội vụ quản lý, sử dụng.
"""

KIEN_GIANG_SUBJECTS = [
    "Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội",
    "Sở Tài nguyên và Môi trường", "Sở Tài chính", "Sở Văn hóa và Thể thao",
    "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân huyện An Biên",
    "Ủy ban nhân dân huyện Hòn Đất", "Ủy ban nhân dân huyện Kiên Lương",
    "Ủy ban nhân dân thành phố Rạch Giá", "Ủy ban nhân dân thành phố Hà Tiên",
]
KIEN_GIANG_BUDGET = ("chuẩn bị kinh phí thực hiện (nằm trong kinh phí thực hiện nhiệm vụ cải "
                     "cách hành chính năm 2020) do Ủy ban nhân dân tỉnh phân bổ.")
CHO_MOI_BUDGET = ("Các nhiệm vụ của Ban điều hành CCHC huyện do Phòng Nội vụ chủ trì tham mưu "
                  "triển khai thực hiện sử dụng từ nguồn kinh phí CCHC hàng năm do ngân sách "
                  "huyện phân bổ, cấp phát cho Phòng Nội vụ quản lý, sử dụng.")
CONTENT = store.CONTENT_TABLES


def span_of(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def kien_giang(**changes) -> Record:
    text = KIEN_GIANG_TEXT
    record = Record(
        source=Source(file="001_7bee4535614414f0.txt", sha256="1" * 64, format="txt"),
        doc_type="Kế hoạch", ref="32/KH-UBND", number="32", symbol="KH-UBND",
        title="Kiểm tra công tác cải cách hành chính năm 2020", province="Kiên Giang",
        issued_date="2020-03-03", level="tỉnh",
        targets=[
            Target(value=30, unit="%", object="số cơ quan hành chính nhà nước",
                   text="Kiểm tra từ 30% số cơ quan", section="I.2",
                   span=span_of(text, "Kiểm tra từ 30% số cơ quan")),
            Target(value=10, unit="Ủy ban nhân dân cấp xã", text="10 Ủy ban nhân dân cấp xã",
                   section="I.2", span=span_of(text, "10 Ủy ban nhân dân cấp xã")),
            Target(value=2, unit="xã"),
        ],
        timelines=[
            Timeline(kind="period", start="2020-07", end="2020-09", text="Quý III/2020",
                     section="II.3", span=span_of(text, "Quý III/2020")),
            Timeline(kind="deadline", end="2020-09-30", text="trước ngày 30/9/2020",
                     section="III.4", span=span_of(text, "trước ngày 30/9/2020")),
        ],
        responsibilities=[
            Responsibility(agency="Sở Nội vụ", role="chủ trì",
                           task="tham mưu Chủ tịch Ủy ban nhân dân tỉnh thành lập Đoàn kiểm tra",
                           section="III.2", span=span_of(text, "Sở Nội vụ")),
        ],
        inspection_subjects=KIEN_GIANG_SUBJECTS,
        areas=["công tác chỉ đạo điều hành", "cải cách thủ tục hành chính"],
        budget=[KIEN_GIANG_BUDGET],
    )
    return record.model_copy(update=changes)


def cho_moi(**changes) -> Record:
    text = CHO_MOI_TEXT
    record = Record(
        source=Source(file="002_9a23d4ea0e0477f2.txt", sha256="2" * 64, format="txt"),
        doc_type="Kế hoạch", ref="341/KH-UBND", number="341", symbol="KH-UBND",
        title="Nâng cao chất lượng hiệu quả công tác cải cách hành chính trên địa bàn "
              "huyện Chợ Mới", issued_date="2023-02-22",
        timelines=[Timeline(kind="ongoing", start="2023", end=None,
                            text="thường xuyên trong năm 2023 và những năm tiếp theo",
                            section="II.3",
                            span=span_of(text, "thường xuyên trong năm 2023"))],
        responsibilities=[
            Responsibility(agency="Văn phòng HĐND & UBND huyện", role="chủ trì",
                           section="II.3", span=span_of(text, "Văn phòng HĐND & UBND huyện")),
            Responsibility(agency="Phòng Nội vụ", role="phối hợp", section="II.3",
                           span=span_of(text, "Phòng Nội vụ")),
            Responsibility(agency="UBND xã - thị trấn", role="phối hợp", group=True,
                           section="II.3", span=span_of(text, "UBND xã - thị trấn")),
        ],
        areas=["cải cách thủ tục hành chính"],
        budget=[CHO_MOI_BUDGET],
    )
    return record.model_copy(update=changes)


def plan_naming(sha: str, agency: str) -> Record:
    """A plan whose only content is one body, in charge and to be inspected."""
    return Record(source=Source(file=f"{sha}.txt", sha256=sha * 64, format="txt"),
                  doc_type="Kế hoạch",
                  responsibilities=[Responsibility(agency=agency, role="thực hiện")],
                  inspection_subjects=[agency])


@pytest.fixture
def db(tmp_path):
    database = store.open_db(tmp_path / "cchc.db")
    yield database
    database.close()


def rows(db, table: str, columns: str = "*", doc_id=None) -> list[dict]:
    where = "" if doc_id is None else f" WHERE document_id = {int(doc_id)}"
    return list(db.query(f"SELECT {columns} FROM {table}{where} "
                         "ORDER BY document_id, position"))


def content(db) -> dict:
    """Every content row minus its own id (a child's rowid is nobody's key)."""
    return {t: [{k: v for k, v in row.items() if k != "id"} for row in rows(db, t)]
            for t in CONTENT}


# --- schema ------------------------------------------------------------------

def test_open_db_creates_version_2_content_tables(db):
    assert store.schema_version(db) == store.SCHEMA_VERSION >= 2
    assert set(CONTENT) <= set(db.table_names())
    for table in CONTENT:
        foreign = db[table].foreign_keys
        assert [(f.column, f.other_table, f.other_column) for f in foreign] == [
            ("document_id", "documents", "id")]
        assert "ON DELETE CASCADE" in db[table].schema


@pytest.mark.parametrize("query, index", [
    ("SELECT document_id FROM responsibilities WHERE agency_key = 'x' AND role = 'chủ trì'",
     "responsibilities_agency_key_role"),
    ("SELECT document_id FROM responsibilities WHERE agency_key = 'x'",
     "responsibilities_agency_key_role"),
    ("SELECT document_id FROM inspection_subjects WHERE name_key = 'x'",
     "inspection_subjects_name_key"),
    ("SELECT document_id FROM areas WHERE area = 'cải cách thể chế'", "areas_area"),
    ("SELECT document_id FROM timelines WHERE start >= '2020-07' AND start < '2021'",
     "timelines_start"),
    ("SELECT document_id FROM citations WHERE ref_folded = '225/QDTTG'",
     "citations_ref_folded"),
    ("SELECT * FROM budget WHERE document_id = 1", "budget_document_id"),
])
def test_researcher_lookups_use_an_index(db, query, index):
    plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + query))
    assert f"INDEX {index}" in plan


# --- save ----------------------------------------------------------------------

@pytest.mark.parametrize("table, columns, expected", [
    ("timelines", "position, kind, start, \"end\", text, section", [
        {"position": 0, "kind": "period", "start": "2020-07", "end": "2020-09",
         "text": "Quý III/2020", "section": "II.3"},
        {"position": 1, "kind": "deadline", "start": None, "end": "2020-09-30",
         "text": "trước ngày 30/9/2020", "section": "III.4"},
    ]),
    ("targets", "position, value, \"max\", unit, is_percent, object", [
        {"position": 0, "value": 30.0, "max": None, "unit": "%", "is_percent": 1,
         "object": "số cơ quan hành chính nhà nước"},
        {"position": 1, "value": 10.0, "max": None, "unit": "Ủy ban nhân dân cấp xã",
         "is_percent": 0, "object": None},
        {"position": 2, "value": 2.0, "max": None, "unit": "xã", "is_percent": 0,
         "object": None},
    ]),
    ("responsibilities", "agency, agency_canonical, role, is_group, task, section", [
        {"agency": "Sở Nội vụ", "agency_canonical": "Sở Nội vụ", "role": "chủ trì",
         "is_group": 0, "task": "tham mưu Chủ tịch Ủy ban nhân dân tỉnh thành lập Đoàn kiểm tra",
         "section": "III.2"},
    ]),
    ("inspection_subjects", "name", [{"name": n} for n in KIEN_GIANG_SUBJECTS]),
    ("areas", "position, area", [
        {"position": 0, "area": "công tác chỉ đạo điều hành"},
        {"position": 1, "area": "cải cách thủ tục hành chính"},
    ]),
    ("budget", "position, text", [{"position": 0, "text": KIEN_GIANG_BUDGET}]),
])
def test_save_writes_a_row_per_item(db, table, columns, expected):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    assert rows(db, table, columns, doc_id) == expected


@pytest.mark.parametrize("table, words", [
    ("timelines", "Quý III/2020"),
    ("timelines", "trước ngày 30/9/2020"),
    ("targets", "Kiểm tra từ 30% số cơ quan"),
    ("targets", "10 Ủy ban nhân dân cấp xã"),
    ("responsibilities", "Sở Nội vụ"),
])
def test_saved_spans_point_at_their_words(db, table, words):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    text = db["documents"].get(doc_id)["text"]
    spans = [(r["span_start"], r["span_end"])
             for r in rows(db, table, "span_start, span_end", doc_id)]
    assert span_of(text, words) in spans


def test_save_keeps_a_group_and_a_missing_span(db):
    doc_id = store.save(db, cho_moi(), CHO_MOI_TEXT)
    found = rows(db, "responsibilities", "agency_canonical, role, is_group", doc_id)
    assert found == [
        {"agency_canonical": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
         "role": "chủ trì", "is_group": 0},
        {"agency_canonical": "Phòng Nội vụ", "role": "phối hợp", "is_group": 0},
        {"agency_canonical": "Ủy ban nhân dân xã - thị trấn", "role": "phối hợp",
         "is_group": 1},
    ]
    kien_giang_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    last_target = rows(db, "targets", "span_start, span_end, section", kien_giang_id)[-1]
    assert last_target == {"span_start": None, "span_end": None, "section": None}


@pytest.mark.parametrize("one, other", [
    ("UBND huyện Chợ Mới", "Ủy ban nhân dân huyện Chợ Mới"),
    ("Uỷ ban nhân dân huyện Chợ Mới", "Ủy ban nhân dân huyện Chợ Mới"),
    ("Sở Văn hoá, Thể thao & Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Văn phòng HĐND & UBND huyện", "Văn phòng HĐND và UBND huyện"),
])
def test_one_body_written_two_ways_gets_one_key(db, one, other):
    first = store.save(db, plan_naming("c", one), "")
    second = store.save(db, plan_naming("d", other), "")
    duties = rows(db, "responsibilities", "document_id, agency, agency_canonical, agency_key")
    assert [d["agency"] for d in duties] == [one, other]
    assert duties[0]["agency_key"] == duties[1]["agency_key"] == agency_key(other)
    assert duties[0]["agency_canonical"] == duties[1]["agency_canonical"] \
        == canonical_agency(other)
    subjects = rows(db, "inspection_subjects", "name_canonical, name_key")
    assert {(s["name_canonical"], s["name_key"]) for s in subjects} == {
        (canonical_agency(other), agency_key(other))}
    # the lookup a researcher makes, typed either way, finds both documents
    found = db.execute("SELECT document_id FROM responsibilities WHERE agency_key = ? "
                       "AND role = 'thực hiện' ORDER BY document_id", [agency_key(one)])
    assert [r[0] for r in found] == [first, second]


@pytest.mark.parametrize("one, other", [
    ("Sở Nội vụ", "Phòng Nội vụ"),
    ("Ủy ban nhân dân huyện Chợ Mới", "Ủy ban nhân dân huyện An Biên"),
    ("Ủy ban nhân dân huyện Hòn Đất", "Ủy ban nhân dân thành phố Hà Tiên"),
    ("Sở Văn hóa và Thể thao", "Sở Văn hóa, Thể thao và Du lịch"),
])
def test_different_bodies_keep_different_keys(db, one, other):
    store.save(db, plan_naming("c", one), "")
    store.save(db, plan_naming("d", other), "")
    keys = {r["agency_key"] for r in rows(db, "responsibilities", "agency_key")}
    assert len(keys) == 2 and None not in keys


def test_resave_changes_nothing(db):
    kien_giang_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    store.save(db, cho_moi(), CHO_MOI_TEXT)
    before = content(db)
    assert all(before[t] for t in CONTENT)
    assert store.save(db, kien_giang(), KIEN_GIANG_TEXT) == kien_giang_id
    assert content(db) == before


def test_resave_with_new_values_replaces_content(db):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    other_id = store.save(db, cho_moi(), CHO_MOI_TEXT)
    store.save(db, kien_giang(timelines=[], inspection_subjects=KIEN_GIANG_SUBJECTS[:2],
                              areas=["cải cách thể chế"]), KIEN_GIANG_TEXT)
    assert rows(db, "timelines", "document_id") == [{"document_id": other_id}]
    assert [r["name"] for r in rows(db, "inspection_subjects", "name", doc_id)] == \
        KIEN_GIANG_SUBJECTS[:2]
    assert [r["area"] for r in rows(db, "areas", "area", doc_id)] == ["cải cách thể chế"]
    assert len(rows(db, "areas", "area", other_id)) == 1


def test_failing_save_leaves_the_earlier_content_intact(db, monkeypatch):
    store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    before = content(db)

    def broken_writer(*args):
        raise RuntimeError("disk full while writing budget")
    monkeypatch.setattr(store, "_write_budget", broken_writer)
    changed = kien_giang(
        timelines=[Timeline(kind="deadline", end="2021-09-30", text="trước ngày 30/9/2021")],
        responsibilities=[Responsibility(agency="Sở Tư pháp", role="phối hợp")],
        areas=["cải cách thể chế"])
    with pytest.raises(RuntimeError):
        store.save(db, changed, KIEN_GIANG_TEXT)
    assert not db.conn.in_transaction
    assert content(db) == before


def test_deleting_a_document_cascades_to_content(db):
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    other_id = store.save(db, cho_moi(), CHO_MOI_TEXT)
    db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    for table in CONTENT:
        assert {r["document_id"] for r in rows(db, table, "document_id")} <= {other_id}
    assert rows(db, "budget", "text") == [{"text": CHO_MOI_BUDGET}]


# --- migration from version 1 --------------------------------------------------------

V1_TABLES = ("documents", "citations", "recipients", "sections")


def v1_contents(db) -> dict:
    return {t: list(db.query(f"SELECT * FROM {t} ORDER BY id")) for t in V1_TABLES}


def write_v1_database(path, monkeypatch, *records) -> dict:
    """A file as the version-1 pipeline left it: its schema, its save, no content tables."""
    with monkeypatch.context() as patch:
        patch.setattr(store, "SCHEMA_VERSION", 1)
        patch.setattr(store, "_write_content", lambda *args: None)
        db = store.open_db(path)
        for record, text in records:
            store.save(db, record, text)
        assert store.schema_version(db) == 1
        assert not set(CONTENT) & set(db.table_names())
        kept = v1_contents(db)
        db.close()
    return kept


def test_migration_from_version_1_keeps_rows_and_fills_content(tmp_path, monkeypatch):
    path = tmp_path / "cchc.db"
    kept = write_v1_database(path, monkeypatch, (kien_giang(), KIEN_GIANG_TEXT),
                             (cho_moi(), CHO_MOI_TEXT))
    db = store.open_db(path)
    assert store.schema_version(db) == store.SCHEMA_VERSION
    assert v1_contents(db) == kept
    hits = db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'cho'")
    assert [r[0] for r in hits] == [kept["documents"][1]["id"]]
    # the stored records fill the new tables as a fresh save would
    migrated = content(db)
    fresh = store.open_db(tmp_path / "fresh.db")
    store.save(fresh, kien_giang(), KIEN_GIANG_TEXT)
    store.save(fresh, cho_moi(), CHO_MOI_TEXT)
    assert migrated == content(fresh)
    assert len(migrated["inspection_subjects"]) == len(KIEN_GIANG_SUBJECTS)


def test_migrated_database_takes_new_saves(tmp_path, monkeypatch):
    path = tmp_path / "cchc.db"
    kept = write_v1_database(path, monkeypatch, (cho_moi(), CHO_MOI_TEXT))
    db = store.open_db(path)
    doc_id = store.save(db, kien_giang(), KIEN_GIANG_TEXT)
    assert store.save(db, cho_moi(), CHO_MOI_TEXT) == kept["documents"][0]["id"]
    assert db["documents"].count == 2
    assert len(rows(db, "inspection_subjects", "name", doc_id)) == len(KIEN_GIANG_SUBJECTS)
    assert len(rows(db, "budget", "text")) == 2


def test_failing_migration_leaves_version_1_intact(tmp_path, monkeypatch):
    path = tmp_path / "cchc.db"
    kept = write_v1_database(path, monkeypatch, (kien_giang(), KIEN_GIANG_TEXT))

    def broken_writer(*args):
        raise RuntimeError("disk full while migrating")
    with monkeypatch.context() as patch:
        patch.setattr(store, "_write_budget", broken_writer)
        with pytest.raises(RuntimeError):
            store.open_db(path)
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not set(CONTENT) & tables
    raw.close()
    db = store.open_db(path)  # the next open migrates it cleanly
    assert v1_contents(db) == kept
    assert len(rows(db, "budget", "text")) == 1
