"""pipeline.search on a real SQLite file holding five documents.

Header values come from the dev gold (32/KH-UBND Kiên Giang, 617/KH-UBND
Đồng Tháp, /KH-UBND Nghi Xuân, 12/QĐ-BCĐCCHC of the Ban Chỉ đạo, and the
Chương trình 10-CTr/TU that 617/KH-UBND cites); texts are their openings.
"""
import re

import pytest
from hypothesis import given, strategies as st

from pipeline import search as search_module
from pipeline import store
from pipeline.record import CitedDoc, Record, Source
from pipeline.search import fold_chars, match_spans, parse_query, search, snippet
from pipeline.textfold import fold_ascii

DOCS = {
    "kien_giang": (dict(
        doc_type="Kế hoạch", ref="32/KH-UBND", number="32", symbol="KH-UBND",
        title="Kiểm tra công tác cải cách hành chính năm 2020",
        issuer="Ủy ban nhân dân tỉnh Kiên Giang", issued_date="2020-03-03",
        province="Kiên Giang", level="tỉnh"),
        """Số: 32 /KH-UBND
Kiên Giang, ngày 03 tháng 3 năm 2020
KẾ HOẠCH
Kiểm tra công tác cải cách hành chính năm 2020
Thực hiện Kế hoạch số 164/KH-UBND ngày 09 tháng 12 năm 2019 của Ủy ban nhân dân tỉnh
về công tác cải cách hành chính năm 2020, Ủy ban nhân dân tỉnh ban hành Kế hoạch
kiểm tra công tác cải cách hành chính (CCHC) năm 2020, như sau:"""),
    "dong_thap": (dict(
        doc_type="Kế hoạch", ref="617/KH-UBND", number="617", symbol="KH-UBND",
        title="CHUYỂN ĐỔI SỐ CHO CÁC DOANH NGHIỆP, NHẤT LÀ DOANH NGHIỆP NHỎ VÀ VỪA, "
              "HỢP TÁC XÃ, HỘ KINH DOANH",
        issuer="Ủy ban nhân dân tỉnh Đồng Tháp", issued_date="2025-12-01",
        province="Đồng Tháp", level="tỉnh",
        references=[CitedDoc(doc_type="Chương trình", ref="10-CTr/TU", date="2025-08-13",
                             issuer="Ban Thường vụ Tỉnh uỷ")]),
        """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP
Số: 617/KH-UBND
Đồng Tháp,
ngày 01 tháng 12 năm 2025
KẾ HOẠCH
CHUYỂN ĐỔI SỐ CHO CÁC DOANH NGHIỆP, NHẤT LÀ DOANH NGHIỆP
NHỎ VÀ VỪA, HỢP TÁC XÃ, HỘ KINH DOANH
Thực hiện Kế hoạch số
283/KH-UBND ngày 24/9/2025 của Uỷ ban nhân dân Tỉnh và Chương trình hành động số 10-CTr/TU
ngày 13/8/2025 của Ban Thường vụ Tỉnh uỷ về đột phá phát triển khoa học, công nghệ, đổi
mới sáng tạo và chuyển đổi số trên địa bàn tỉnh Đồng Tháp; Ủy ban nhân dân Tỉnh ban
hành Kế hoạch chuyển đổi số cho các doanh nghiệp."""),
    "nghi_xuan": (dict(
        doc_type="Kế hoạch", ref="/KH-UBND", symbol="KH-UBND",
        title="Kiểm tra công tác cải cách hành chính Nhà nước năm 2022",
        issuer="Ủy ban nhân dân huyện Nghi Xuân", issued_date="2022-03",
        province="Hà Tĩnh", level="huyện"),
        """Số: /KH-UBND
Nghi Xuân, ngày tháng 3 năm 2022
KẾ HOẠCH
Kiểm tra công tác cải cách hành chính Nhà nước năm 2022
Căn cứ Kế hoạch số 520/KH-UBND ngày 24/12/2021 của UBND tỉnh về ban hành kế hoạch
Cải cách hành chính tỉnh Hà Tĩnh năm 2022; UBND huyện ban hành Kế hoạch kiểm tra
công tác CCHC Nhà nước năm 2022, với những nội dung như sau:"""),
    "ban_chi_dao": (dict(
        doc_type="Quyết định", ref="12/QĐ-BCĐCCHC", number="12", symbol="QĐ-BCĐCCHC",
        title="VỀ VIỆC BAN HÀNH KẾ HOẠCH KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023 "
              "CỦA BAN CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH CỦA CHÍNH PHỦ",
        issuer="Ban Chỉ đạo cải cách hành chính của Chính phủ", issued_date="2023-03-08",
        level="trung ương"),
        """BAN CHỈ ĐẠO CẢI
CÁCH HÀNH CHÍNH CỦA CHÍNH PHỦ
Số: 12/QĐ-BCĐCCHC
Hà Nội, ngày 08
tháng 3 năm 2023
QUYẾT ĐỊNH
VỀ
VIỆC BAN HÀNH KẾ HOẠCH KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2023 CỦA BAN
CHỈ ĐẠO CẢI CÁCH HÀNH CHÍNH CỦA CHÍNH PHỦ
Theo đề nghị của Bộ trưởng Bộ Nội vụ. Kế hoạch số 32/KH-UBND được tham khảo."""),
    "tinh_uy": (dict(
        doc_type="Chương trình", ref="10-CTr/TU", number="10", symbol="CTr/TU",
        title="Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị",
        issuer="Ban Thường vụ Tỉnh ủy Đồng Tháp", issued_date="2025-08-13",
        province="Đồng Tháp", level="tỉnh"),
        """TỈNH ỦY ĐỒNG THÁP
Số: 10-CTr/TU
Đồng Tháp, ngày 13 tháng 8 năm 2025
CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển
khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"""),
}


def _load(path) -> tuple:
    db = store.open_db(path)
    ids = {}
    for n, (name, (fields, text)) in enumerate(DOCS.items()):
        source = Source(file=f"{name}.txt", sha256=f"{n:064x}", format="txt")
        ids[name] = store.save(db, Record(source=source, **fields), text)
    return db, ids


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """(db, {name: id}) with the five documents saved."""
    db, ids = _load(tmp_path_factory.mktemp("search") / "cchc.db")
    yield db, ids
    db.close()


def names(loaded, hits) -> list[str]:
    by_id = {v: k for k, v in loaded[1].items()}
    return [by_id[h.id] for h in hits]


# --- diacritics ------------------------------------------------------------

@pytest.mark.parametrize("with_marks, without_marks, expected", [
    ("kiểm tra cải cách hành chính", "kiem tra cai cach hanh chinh",
     {"kien_giang", "nghi_xuan", "ban_chi_dao"}),
    ("Đồng Tháp", "dong thap", {"dong_thap", "tinh_uy"}),
    ("ĐỒNG THÁP", "Dong Thap", {"dong_thap", "tinh_uy"}),
    ("chuyển đổi số", "chuyen doi so", {"dong_thap", "tinh_uy"}),
    ("Nhà nước", "nha nuoc", {"nghi_xuan"}),
    ("Ban Chỉ đạo", "ban chi dao", {"ban_chi_dao"}),
])
def test_search_with_and_without_diacritics_finds_the_same(loaded, with_marks,
                                                           without_marks, expected):
    db = loaded[0]
    found = names(loaded, search(db, with_marks))
    assert names(loaded, search(db, without_marks)) == found
    assert set(found) == expected


def test_phrase_ranks_above_scattered_words(tmp_path):
    """`hoạt động` … `tháp` many times in a short text loses to `Đồng Tháp` once."""
    db = store.open_db(tmp_path / "cchc.db")
    texts = {
        "scattered": "Hoạt động xây tháp nước; vận động, lao động tại tháp canh.",
        "phrase": "Ủy ban nhân dân tỉnh Đồng Tháp ban hành Kế hoạch kiểm tra công tác "
                  "cải cách hành chính năm 2023 đối với các sở, ban, ngành tỉnh.",
    }
    ids = {name: store.save(db, Record(source=Source(file=name, sha256=name, format="txt")),
                            text) for name, text in texts.items()}
    hits = search(db, "dong thap")
    assert [h.id for h in hits] == [ids["phrase"], ids["scattered"]]
    assert hits[0].score > hits[1].score


# --- số ký hiệu --------------------------------------------------------------

@pytest.mark.parametrize("query, first", [
    ("32/KH-UBND", "kien_giang"),       # also cited by 12/QĐ-BCĐCCHC
    ("32 /KH-UBND", "kien_giang"),
    ("32/kh-ubnd", "kien_giang"),
    ("617/KH-UBND", "dong_thap"),
    ("10-CTr/TU", "tinh_uy"),           # also cited by 617/KH-UBND
    ("10-ctr/tu chuyen doi so", "tinh_uy"),
    ("12/QD-BCDCCHC", "ban_chi_dao"),
    ("12/QĐ-BCĐCCHC", "ban_chi_dao"),
    ("/KH-UBND", "nghi_xuan"),
])
def test_ref_query_ranks_that_document_first(loaded, query, first):
    hits = search(loaded[0], query)
    assert names(loaded, hits)[0] == first
    assert all(hits[0].score > h.score for h in hits[1:])


def test_own_ref_outranks_a_document_that_cites_it_often(tmp_path):
    db = store.open_db(tmp_path / "cchc.db")
    own = Record(source=Source(file="own", sha256="own", format="txt"), ref="32/KH-UBND",
                 title="Kiểm tra công tác cải cách hành chính năm 2020")
    citing = Record(source=Source(file="citing", sha256="citing", format="txt"),
                    ref="45/BC-UBND",
                    title="Kết quả thực hiện Kế hoạch số 32/KH-UBND")
    own_id = store.save(db, own, "Số: 32 /KH-UBND\n" + "Nội dung kiểm tra. " * 50)
    store.save(db, citing, "Kế hoạch số 32/KH-UBND; Kế hoạch 32/KH-UBND, 32/KH-UBND.")
    assert [h.id for h in search(db, "32/KH-UBND")][0] == own_id


@pytest.mark.parametrize("query, citing", [
    ("32/KH-UBND", "ban_chi_dao"),
    ("10-CTr/TU", "dong_thap"),
])
def test_ref_query_lists_citing_documents_after(loaded, query, citing):
    assert citing in names(loaded, search(loaded[0], query))[1:]


@pytest.mark.parametrize("query, refs, phrases, words", [
    ("32/KH-UBND", ("32/KH-UBND",), (("32", "kh", "ubnd"),), ()),
    ("Kế hoạch 05-NQ/HU năm 2023", ("05-NQ/HU",), (("05", "nq", "hu"),),
     ("ke", "hoach", "nam", "2023")),
    ("30/2018/QĐ-UBND", ("30/2018/QĐ-UBND",), (("30", "2018", "qd", "ubnd"),), ()),
    ('"cải cách" và/hoặc', (), (("cai", "cach"),), ("va", "hoac")),
    ("giai đoạn 2021/2025", (), (), ("giai", "doan", "2021", "2025")),
    ("cải cách OR NEAR", (), (), ("cai", "cach", "or", "near")),
])
def test_parse_query(query, refs, phrases, words):
    parsed = parse_query(query)
    assert (parsed.refs, parsed.phrases, parsed.words) == (refs, phrases, words)


def test_fts_operators_are_searched_as_words(loaded):
    assert search(loaded[0], "cải cách OR NEAR*") == []


# --- filters ---------------------------------------------------------------

@pytest.mark.parametrize("filters, expected", [
    ({"province": "Đồng Tháp"}, {"dong_thap", "tinh_uy"}),
    ({"province": "dong thap"}, {"dong_thap", "tinh_uy"}),
    ({"province": "tỉnh Đồng Tháp"}, {"dong_thap", "tinh_uy"}),
    ({"province": "Hà Tĩnh"}, {"nghi_xuan"}),
    ({"level": "huyện"}, {"nghi_xuan"}),
    ({"level": "trung uong"}, {"ban_chi_dao"}),
    ({"year": 2025}, {"dong_thap", "tinh_uy"}),
    ({"year": "2022"}, {"nghi_xuan"}),
    ({"doc_type": "Quyết định"}, {"ban_chi_dao"}),
    ({"doc_type": "chuong trinh"}, {"tinh_uy"}),
    ({"province": "Đồng Tháp", "doc_type": "Kế hoạch"}, {"dong_thap"}),
    ({"province": "Kiên Giang", "year": 2025}, set()),
])
@pytest.mark.parametrize("query", ["", "ngày", "ngay"])
def test_filters_filter(loaded, query, filters, expected):
    assert set(names(loaded, search(loaded[0], query, **filters))) == expected


@pytest.mark.parametrize("filters, expected", [
    ({"date_from": "2025"}, {"dong_thap", "tinh_uy"}),
    ({"date_from": "2025-09"}, {"dong_thap"}),
    ({"date_to": "2022"}, {"kien_giang", "nghi_xuan"}),          # 2022-03 is in 2022
    ({"date_from": "2022-03", "date_to": "2023-03-08"}, {"nghi_xuan", "ban_chi_dao"}),
    ({"date_from": "2020-03-04", "date_to": "2022-02"}, set()),
    ({"cites": "10-CTr/TU"}, {"dong_thap"}),
    ({"cites": "10-ctr/tu"}, {"dong_thap"}),
    ({"cites": "99/KH-UBND"}, set()),
    ({"agency": "UBND tỉnh Đồng Tháp"}, {"dong_thap"}),          # the issuer, spelt short
    ({"agency": "Ủy ban nhân dân huyện Nghi Xuân"}, {"nghi_xuan"}),
    ({"agency": "Ban Chỉ đạo cải cách hành chính của Chính phủ"}, {"ban_chi_dao"}),
    ({"agency": "Sở Nội vụ"}, set()),
    ({"cites": "10-CTr/TU", "date_to": "2024"}, set()),
])
@pytest.mark.parametrize("query", ["", "ngày"])
def test_range_citation_and_agency_filters(loaded, query, filters, expected):
    assert set(names(loaded, search(loaded[0], query, **filters))) == expected


@pytest.mark.parametrize("agency, expected", [
    ("Sở Nội vụ", {"lead"}),
    ("sở nội vụ", {"lead"}),
    ("Phòng Nội vụ", set()),
    ("UBND huyện Chợ Mới", {"lead", "partner"}),                  # = Ủy ban nhân dân huyện Chợ Mới
    ("Sở Tài chính", {"partner"}),
])
def test_agency_filter_reads_responsibilities(tmp_path, agency, expected):
    from pipeline.record import Responsibility
    db = store.open_db(tmp_path / "cchc.db")
    duties = {
        "lead": [Responsibility(agency="Sở Nội vụ", role="chủ trì"),
                 Responsibility(agency="Ủy ban nhân dân huyện Chợ Mới", role="thực hiện")],
        "partner": [Responsibility(agency="Sở Tài chính", role="phối hợp"),
                    Responsibility(agency="UBND huyện Chợ Mới", role="phối hợp")],
    }
    ids = {name: store.save(db, Record(source=Source(file=name, sha256=name, format="txt"),
                                       responsibilities=items), "Kế hoạch kiểm tra")
           for name, items in duties.items()}
    found = {h.id for h in search(db, "kiem tra", agency=agency)}
    assert found == {ids[name] for name in expected}


def test_limit(loaded):
    assert len(search(loaded[0], "ngay", limit=2)) == 2


def test_hit_carries_the_document_header(loaded):
    hit = search(loaded[0], "617/KH-UBND")[0]
    assert (hit.ref, hit.doc_type, hit.province, hit.issued_date) == (
        "617/KH-UBND", "Kế hoạch", "Đồng Tháp", "2025-12-01")
    assert hit.title.startswith("CHUYỂN ĐỔI SỐ")


# --- snippets --------------------------------------------------------------

@pytest.mark.parametrize("query, doc, marked", [
    ("dong thap", "dong_thap", "[ĐỒNG THÁP]"),
    ("Đồng Tháp", "tinh_uy", "[ĐỒNG THÁP]"),
    ("kiem tra cai cach hanh chinh", "kien_giang", "[Kiểm tra]"),
    ("32/KH-UBND", "kien_giang", "[32 /KH-UBND]"),
    ("chuyen doi so", "tinh_uy", "[chuyển đổi số]"),
    ("Nhà nước", "nghi_xuan", "[Nhà nước]"),
])
def test_snippet_marks_the_original_words(loaded, query, doc, marked):
    hit = next(h for h in search(loaded[0], query) if h.id == loaded[1][doc])
    assert marked in hit.snippet
    assert "\n" not in hit.snippet


@pytest.mark.parametrize("text, units, expected", [
    ("Thực hiện Kế hoạch số 164/KH-UBND ngày 09", [("164", "kh", "ubnd")],
     "Thực hiện Kế hoạch số [164/KH-UBND] ngày 09"),
    ("cải cách\nhành chính", [("cai", "cach", "hanh", "chinh")], "[cải cách hành chính]"),
    ("Đôn đốc, hướng dẫn", [("don",), ("doc",)], "[Đôn đốc], hướng dẫn"),
    ("không khớp gì", [("xyz",)], "không khớp gì"),
    ("thanh tra, kiểm tra", [("tra",)], "thanh [tra], kiểm [tra]"),
])
def test_snippet(text, units, expected):
    assert snippet(text, units) == expected


def test_snippet_windows_a_long_text_around_the_match():
    text = "Mở đầu văn bản. " * 40 + "Kiểm tra tại Sở Nội vụ. " + "Phần cuối. " * 40
    cut = snippet(text, [("so", "noi", "vu")], width=80)
    assert cut.startswith("…") and cut.endswith("…")
    assert "[Sở Nội vụ]" in cut
    assert len(cut) < 100


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh Đồng Tháp", "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH",
    "Sở Lao động - Thương binh và Xã hội", "Uỷ ban, hoà, khoẻ",
])
def test_fold_chars_agrees_with_fold_ascii(text):
    assert fold_chars(text) == fold_ascii(text)


@given(st.text())
def test_fold_chars_keeps_length(text):
    assert len(fold_chars(text)) == len(text)


# The patterns search the original text; what they must find is what a plain
# pattern finds in the fold, offset for offset.
_LETTERS = "".join(chr(c) for r in (range(0x20, 0x250), range(0x1EA0, 0x1EFA)) for c in r)


def _spans_in_fold(text: str, unit: tuple[str, ...]) -> list[tuple[int, int]]:
    body = r"[\W_]+".join(re.escape(t) for t in unit)
    return [m.span() for m in re.finditer(rf"(?<![^\W_]){body}(?![^\W_])", fold_chars(text))]


@given(st.text(alphabet=_LETTERS + "\n\t", max_size=80), st.data())
def test_unit_pattern_finds_what_the_fold_finds(text, data):
    tokens = re.findall(r"[^\W_]+", fold_chars(text)) or ["a"]
    start = data.draw(st.integers(0, len(tokens) - 1))
    unit = tuple(tokens[start:start + data.draw(st.integers(1, 3))])
    assert match_spans(text, [unit]) == [_spans_in_fold(text, unit)]


@pytest.mark.parametrize("text, unit, spans", [
    ("Ủy ban nhân dân tỉnh ĐỒNG THÁP", ("dong", "thap"), [(21, 30)]),
    ("Sở Nội vụ; sở nội vụ", ("so", "noi", "vu"), [(0, 9), (11, 20)]),
    ("Số: 32 /KH-UBND", ("32", "kh", "ubnd"), [(4, 15)]),
    ("Đôn đốc, hướng dẫn", ("don", "doc"), [(0, 7)]),
    ("hành chính công", ("hanh",), [(0, 4)]),
    ("chínhhành", ("hanh",), []),                      # inside a word: no match
])
def test_match_spans_in_the_original(text, unit, spans):
    assert match_spans(text, [unit]) == [spans]


# --- speed: what is not done ------------------------------------------------

def test_lower_tiers_run_only_when_the_upper_leave_room(loaded, monkeypatch):
    """Three documents hold `cải cách hành chính` as a phrase: with limit 2 the
    all-words tier cannot add to the page, so it is not run."""
    ran = []
    real = search_module._text_matches
    monkeypatch.setattr(search_module, "_text_matches",
                        lambda db, units, *rest: ran.append(units) or real(db, units, *rest))
    assert len(search(loaded[0], "cai cach hanh chinh", limit=2)) == 2
    assert ran == [(("cai", "cach", "hanh", "chinh"),)]
    ran.clear()
    search(loaded[0], "cai cach hanh chinh", limit=20)
    assert len(ran) == 2


@pytest.mark.parametrize("filters, sql", [
    ({"province": "dong thap"}, "d.province IN (?)"),
    ({"province": "Quảng Trị"}, "0"),                   # no document: nothing passes
    ({"year": 2025}, "d.issued_date >= ? AND d.issued_date < ?"),
    ({"date_from": "2022-03"}, "d.issued_date >= ?"),
])
def test_place_and_time_filters_are_index_conditions(loaded, filters, sql):
    """No function call per row: the province index and the date index answer them."""
    where, _ = search_module.Filters(**filters).sql(loaded[0])
    assert where == " AND " + sql
    plan = " ".join(row[3] for row in loaded[0].execute(
        f"EXPLAIN QUERY PLAN SELECT d.id FROM documents d WHERE 1{where}",
        search_module.Filters(**filters).sql(loaded[0])[1]))
    assert sql == "0" or "USING COVERING INDEX" in plan or "USING INDEX" in plan


@pytest.mark.parametrize("filters", [
    {"province": "ha tinh"},   # the province index lists the passing ids in the ranking query
    {"level": "huyện"},        # no index: checked down the ranking in batches
])
def test_filters_are_checked_down_the_ranking(tmp_path, monkeypatch, filters):
    """Sixty documents match; the one the filter keeps ranks last (the phrase
    once in a long text), past the first batches of the ranking, and is found."""
    monkeypatch.setattr(search_module, "_MAX_BATCH", 16)
    db = store.open_db(tmp_path / "cchc.db")
    for n in range(60):
        last = n == 45
        text = ("Cải cách hành chính. " + "Nội dung khác. " * 80 if last
                else "Kiểm tra công tác cải cách hành chính. " * (2 + n % 5))
        record = Record(source=Source(file=f"{n}", sha256=f"{n:064x}", format="txt"),
                        province="Hà Tĩnh" if last else "Kiên Giang",
                        level="huyện" if last else "tỉnh")
        store.save(db, record, text)
    assert search(db, "cai cach hanh chinh", limit=60)[-1].province == "Hà Tĩnh"
    hits = search(db, "cai cach hanh chinh", limit=5, **filters)
    assert [h.province for h in hits] == ["Hà Tĩnh"]
    assert len(search(db, "cai cach hanh chinh", province="Kiên Giang", limit=5)) == 5


@pytest.mark.parametrize("filters", [
    {"cites": "99/KH-UBND"}, {"province": "Quảng Trị"}, {"year": 2019},
])
def test_an_indexed_filter_nothing_passes_ranks_nothing(loaded, monkeypatch, filters):
    ran = []
    monkeypatch.setattr(search_module, "_text_matches", lambda *a: ran.append(a) or [])
    assert search(loaded[0], "cai cach hanh chinh", **filters) == []
    assert ran == []


@pytest.mark.parametrize("filters, reads_every_row", [
    ({"province": "Hà Tĩnh"}, False), ({"year": 2022}, False), ({"cites": "10-CTr/TU"}, False),
    ({"province": "Hà Tĩnh", "level": "huyện"}, False),     # the index narrows first
    ({"level": "huyện"}, False), ({"doc_type": "Kế hoạch"}, False),  # schema v4 indexes them
    ({"agency": "Sở Nội vụ"}, True),                        # the issuer's key has no index
])
def test_which_filters_are_listed_whole(loaded, filters, reads_every_row):
    where, args = search_module.Filters(**filters).sql(loaded[0])
    assert search_module._Passing(loaded[0], where, args).indexed != reads_every_row


@pytest.mark.parametrize("filters, expected", [
    ({"level": "huyen"}, {"nghi_xuan"}),
    ({"level": "Trung ương"}, {"ban_chi_dao"}),
    ({"doc_type": "ke hoach"}, {"kien_giang", "dong_thap", "nghi_xuan"}),
    ({"doc_type": "Chỉ thị"}, set()),
])
def test_level_and_type_use_their_index(tmp_path, filters, expected):
    db, ids = _load(tmp_path / "cchc.db")
    where, _ = search_module.Filters(**filters).sql(db)
    assert "cchc_fold" not in where and ("IN (" in where or where == " AND 0")
    by_id = {v: k for k, v in ids.items()}
    assert {by_id[h.id] for h in search(db, "ngay", **filters)} == expected
