"""pipeline.citegraph and `cchc cites`, `cited-by`, `most-cited`: resolution rules on
documents citing each other, and the questions on a database built from corpus/docs."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import store
from pipeline.citegraph import (cited_by, cites, edges, is_central, most_cited,
                                organisation_code, write_edges_csv)
from pipeline.cli_research import cited_by as cited_by_command
from pipeline.cli_research import cites as cites_command
from pipeline.cli_research import most_cited as most_cited_command
from pipeline.record import CitedDoc, Record, Source





# --- central or local ---------------------------------------------------------------

@pytest.mark.parametrize("ref, code", [
    ("225/QĐ-TTg", "TTg"), ("72/2025/QH15", "QH"), ("05-NQ/TW", "TW"),
    ("136/2001/QĐ.TTg", "TTg"), ("32/KH-UBND", "UBND"), ("10-CTr/TU", "TU"), (None, None),
])
def test_organisation_code(ref, code):
    assert organisation_code(ref) == code


@pytest.mark.parametrize("ref, issuer, central", [
    ("225/QĐ-TTg", "Thủ tướng Chính phủ", True),
    ("61/2018/NĐ-CP", "Chính phủ", True),
    ("57-NQ/TW", "Bộ Chính trị", True),
    ("12/QĐ-BCĐCCHC", None, True),
    ("2640/QĐ-BNV", None, True),
    (None, "Quốc hội", True),                          # a law cited by name and date
    (None, "Bộ trưởng Bộ Tư pháp", True),
    ("164/KH-UBND", "Ủy ban nhân dân tỉnh", False),
    ("10-CTr/TU", "Ban Thường vụ Tỉnh uỷ", False),
    ("2349/SNV-CCHC&VTLT", "Sở Nội vụ", False),
])
def test_is_central(ref, issuer, central):
    assert is_central(ref, issuer) is central


# --- resolution -------------------------------------------------------------------------

def _record(name: str, cited: list[CitedDoc], **fields) -> Record:
    return Record(source=Source(file=name, sha256=name, format="txt"),
                  references=cited, **fields)


STORED = {
    "kh164_kien_giang_2019": dict(ref="164/KH-UBND", issued_date="2019-12-09",
                                  province="Kiên Giang", level="tỉnh"),
    "kh164_kien_giang_2021": dict(ref="164/KH-UBND", issued_date="2021-06-01",
                                  province="Kiên Giang", level="tỉnh"),
    "kh164_can_tho_2019": dict(ref="164/KH-UBND", issued_date="2019-05-02",
                               province="Cần Thơ", level="tỉnh"),
    "qd225_ttg": dict(ref="225/QĐ-TTg", issued_date="2016-02-04", level="trung ương",
                      issuer="Thủ tướng Chính phủ"),
    "kh20_twin_a": dict(ref="20/KH-UBND", issued_date="2020-01-05", province="Sơn La",
                        level="tỉnh"),
    "kh20_twin_b": dict(ref="20/KH-UBND", issued_date="2020-01-05", province="Sơn La",
                        level="tỉnh"),
}

# (citing province, the citation) → the stored document it resolves to, or None
RESOLUTION = [
    ("Kiên Giang", CitedDoc(doc_type="Kế hoạch", ref="164/KH-UBND", date="2019-12-09",
                            issuer="Ủy ban nhân dân tỉnh"), "kh164_kien_giang_2019"),
    ("Kiên Giang", CitedDoc(doc_type="Kế hoạch", ref="164/KH.UBND", date="2021-06-01",
                            issuer="UBND tỉnh"), "kh164_kien_giang_2021"),
    ("Kiên Giang", CitedDoc(doc_type="Kế hoạch", ref="164/KH-UBND", issuer="UBND tỉnh"),
     None),                                                 # two years, no date: ambiguous
    ("Cần Thơ", CitedDoc(doc_type="Kế hoạch", ref="164/KH-UBND", date="2019-05-02",
                         issuer="UBND thành phố"), "kh164_can_tho_2019"),
    ("Hà Tĩnh", CitedDoc(doc_type="Kế hoạch", ref="164/KH-UBND", date="2019-12-09",
                         issuer="UBND tỉnh Kiên Giang"), "kh164_kien_giang_2019"),
    ("Hà Tĩnh", CitedDoc(doc_type="Kế hoạch", ref="164/KH-UBND", date="2019-12-09",
                         issuer="UBND tỉnh"), None),        # Hà Tĩnh's own 164: not stored
    ("Hà Tĩnh", CitedDoc(doc_type="Quyết định", ref="225/QD-TTg", date="2016-02-04",
                         issuer="Thủ tướng Chính phủ"), "qd225_ttg"),
    ("Hà Tĩnh", CitedDoc(doc_type="Quyết định", ref="225/QĐ-TTg", date="2017-02-04",
                         issuer="Thủ tướng Chính phủ"), None),  # another year's 225
    ("Sơn La", CitedDoc(doc_type="Kế hoạch", ref="20/KH-UBND", date="2020-01-05",
                        issuer="UBND tỉnh"), None),          # two stored copies: no guess
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    db = store.open_db(tmp_path_factory.mktemp("graph") / "cchc.db")
    ids = {name: store.save(db, _record(name, [], **fields), f"Số: {fields['ref']}")
           for name, fields in STORED.items()}
    citing = {}
    for n, (province, cited, _) in enumerate(RESOLUTION):
        record = _record(f"citing{n}", [cited], ref=f"{900 + n}/BC-UBND", province=province,
                         level="tỉnh", issued_date="2022-01-01")
        citing[n] = store.save(db, record, "Báo cáo")
    return db, ids, citing


@pytest.mark.parametrize("n", range(len(RESOLUTION)))
def test_resolution(graph, n):
    db, ids, citing = graph
    expected = RESOLUTION[n][2]
    [edge] = [e for e in edges(db) if e.citing_id == citing[n]]
    assert edge.cited_id == (ids[expected] if expected else None)


def test_a_document_never_resolves_to_itself(tmp_path):
    db = store.open_db(tmp_path / "cchc.db")
    own = CitedDoc(doc_type="Chỉ thị", ref="07/CT-UBND", date="2021-05-31", issuer="UBND tỉnh")
    store.save(db, _record("self", [own], ref="07/CT-UBND", issued_date="2021-05-31",
                           province="Lâm Đồng", level="tỉnh"), "Chỉ thị")
    assert [e.cited_id for e in edges(db)] == [None]


def test_cited_by_a_stored_document_lists_resolved_and_same_ref_edges(graph):
    db, ids, citing = graph
    found = {e.citing_id for e in cited_by(db, "225/QĐ-TTg")}
    assert found == {citing[6], citing[7]}


def test_most_cited_counts_citing_documents_per_document(graph):
    db, ids, _ = graph
    top = {(c.ref, c.date, c.cited_id): c.citing for c in most_cited(db, 50)}
    assert top[("164/KH-UBND", "2019-12-09", ids["kh164_kien_giang_2019"])] == 2
    assert top[("225/QD-TTg", "2016-02-04", ids["qd225_ttg"])] == 1


# --- on the corpus --------------------------------------------------------------------

def test_cites_lists_the_bases_with_their_relation(corpus_db):
    found = [(e.cited_ref, e.relation, e.central)
             for e in cites(store.open_db(corpus_db), "32/KH-UBND")]
    assert found == [("225/QĐ-TTg", "căn cứ", True), ("609/QĐ-TTg", "căn cứ", True),
                     ("164/KH-UBND", "thực hiện", False)]


def test_cited_by_finds_every_citing_document(corpus_db):
    db = store.open_db(corpus_db)
    refs = {e.citing_ref for e in cited_by(db, "1847/QD-TTg")}
    assert refs == {"/KH-UBND", "341/KH-UBND"}


def test_most_cited_central(corpus_db):
    top = most_cited(store.open_db(corpus_db), 1, central_only=True)
    assert [(c.ref, c.citing) for c in top] == [("1847/QĐ-TTg", 2)]


def test_edges_csv_has_one_row_per_cited_document(corpus_db):
    db = store.open_db(corpus_db)
    buffer = io.StringIO()
    count = write_edges_csv(edges(db), buffer)
    table = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert count == len(table) == db.execute(
        "SELECT count(*) FROM citations WHERE kind = 'reference'").fetchone()[0]
    assert {"citing_ref", "cited_ref", "relation", "cited_id"} <= set(table[0])


# --- commands ---------------------------------------------------------------------------

def _run(command, *args):
    return CliRunner().invoke(command, [str(a) for a in args])


def test_cites_command(corpus_db):
    result = _run(cites_command, "32/KH-UBND", "--db", corpus_db)
    assert result.exit_code == 0, result.output
    assert "căn cứ    Quyết định 225/QĐ-TTg 2016-02-04 Thủ tướng Chính phủ" in result.output


def test_cites_command_on_an_unknown_document(corpus_db):
    result = _run(cites_command, "999/KH-UBND", "--db", corpus_db)
    assert result.exit_code == 1
    assert "no such document" in result.output


def test_cited_by_command_json(corpus_db):
    result = _run(cited_by_command, "1847/QĐ-TTg", "--db", corpus_db, "--json")
    assert result.exit_code == 0, result.output
    assert {e["citing_ref"] for e in json.loads(result.output)} == {"/KH-UBND", "341/KH-UBND"}


def test_most_cited_command_writes_edges(corpus_db, tmp_path):
    out = tmp_path / "edges.csv"
    result = _run(most_cited_command, "--db", corpus_db, "--central", "--limit", 1,
                  "--edges", out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split() == ["2", "1847/QĐ-TTg", "·", "Thủ", "tướng",
                                                     "Chính", "phủ"]
    assert out.read_text(encoding="utf-8").startswith("citing_id,citing_ref")


@pytest.mark.parametrize("ref, doc_type, date, text, name", [
    ("225/QĐ-TTg", "Quyết định", "2016-02-04", "Quyết định số 225/QĐ-TTg ngày 04/02/2016",
     "225/QĐ-TTg"),
    (None, "Luật", "2015-06-19", "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015",
     "Luật Tổ chức chính quyền địa phương (2015)"),
    (None, "Luật", "2013-11-29", "Luật Đất đai năm 2013", "Luật Đất đai (2013)"),
    (None, "Luật", "2019-11-22",
     "Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
     "địa phương ngày 22 tháng 11 năm 2019",
     "Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức Chính… (2019)"),
    (None, "Hiến pháp", None, None, "Hiến pháp"),
])
def test_cited_name(ref, doc_type, date, text, name):
    from pipeline.citegraph import Edge, cited_name
    edge = Edge(1, None, None, ref, doc_type, date, None, None, text, None, True)
    assert cited_name(edge) == name
