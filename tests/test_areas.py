"""Reform areas: the shipped model, its manifest, the keyword baseline, training."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract import areas
from pipeline.extract.areas import (LABELS, MODEL_DIR, classify_sections, document_areas,
                                    keyword_labels, load_model, section_text)
from pipeline.record import Section
from pipeline.train import read_sections, sha256_of, train_areas

ROOT = Path(__file__).resolve().parents[1]
SECTIONS = ROOT / "corpus" / "areas" / "sections.jsonl"
MANIFEST = MODEL_DIR / "manifest.json"
TC, TTHC, BM, CV, TCC, CQS, CD, TT = LABELS


def _rows():
    return read_sections(SECTIONS)


def _row(doc: str, section: str, nth: int = 0) -> dict:
    return [r for r in _rows() if r["doc"].startswith(doc) and r["section"] == section][nth]


def _section(row: dict) -> Section:
    return Section(id=row["section"], heading="", text=row["text"])


# Rows where the reading is plain: a section headed by its area, a KINH PHÍ
# section, a list of bodies. The held-out plans (000, 003) and trained ones.
CLEAR = [
    ("000", "III", 0, []),                       # KINH PHÍ: funding is not tài chính công
    ("000", "IV.2.1", 0, []),                    # forming the inspection team
    ("001", "II.2.a", 0, []),                    # bodies to inspect
    ("002", "II.1", 0, [CD]),                    # Công tác chỉ đạo, điều hành CCHC
    ("002", "II.2", 0, [TT]),                    # Đẩy mạnh công tác thông tin, tuyên truyền
    ("002", "II.3", 0, [TTHC]),                  # trễ hạn giải quyết thủ tục hành chính
    ("002", "II.5", 0, [BM, CV]),                # tổ chức bộ máy and đội ngũ
    ("003", "II.4", 0, [BM]),                    # sắp xếp tổ chức bộ máy, phân cấp
    ("003", "II.5", 0, [CV]),                    # đội ngũ cán bộ, công chức, viên chức
    ("003", "II.6", 0, [TCC]),                   # cơ chế tự chủ, tài sản công
    ("003", "IV.7.a", 0, []),                    # Kinh phí … từ nguồn kinh phí CCHC
    ("004", "Điều 2", 0, []),                    # hiệu lực thi hành
    ("004", "I.2", 1, [TC]),                     # Đề cương: 2. Cải cách thể chế
    ("004", "I.6", 0, [TCC]),                    # Đề cương: 6. Cải cách tài chính công
]


@pytest.mark.skipif(not (MODEL_DIR / "config.cfg").exists(), reason="models/areas not built")
@pytest.mark.parametrize("doc,section,nth,expected", CLEAR)
def test_model_classifies_clear_sections(doc, section, nth, expected):
    row = _row(doc, section, nth)
    model = areas.load_model(MODEL_DIR)
    assert areas.classify_with(model, [areas.section_text(_section(row))]) == [expected]


@pytest.mark.skipif(not (MODEL_DIR / "config.cfg").exists(), reason="models/areas not built")
def test_records_use_whichever_scored_better_on_the_held_out_split():
    scores = json.loads(MANIFEST.read_text(encoding="utf-8"))["scores"]
    better = "model" if scores["textcat"]["micro"]["f1"] >= scores["keywords"]["micro"]["f1"] else "keywords"
    assert areas.areas_source() == better


def test_manifest_matches_the_labelled_data():
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert manifest["training_data"]["sha256"] == sha256_of(SECTIONS)
    assert manifest["labels"] == list(LABELS)
    split = manifest["split"]
    assert not set(split["train_docs"]) & set(split["test_docs"])
    assert split["train_sections"] + split["test_sections"] == len(_rows())
    for method in ("textcat", "keywords"):
        assert set(manifest["scores"][method]["per_label"]) == set(LABELS)
    assert sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file()) < 5_000_000


def test_labelled_sections_cover_the_corpus():
    rows = _rows()
    docs = {p.stem for p in (ROOT / "corpus" / "docs").glob("*.txt")}
    assert len(rows) >= 150
    assert {r["doc"] for r in rows} == docs
    assert all(set(r["labels"]) <= set(LABELS) and r["text"].strip() for r in rows)
    assert all(r["labels"] == [l for l in LABELS if l in r["labels"]] for r in rows)


@pytest.mark.parametrize("path", sorted((ROOT / "corpus" / "docs").glob("*.txt")), ids=lambda p: p.stem)
def test_training_text_is_what_the_pipeline_reads(path):
    """sections.jsonl holds the ids and section_text() of process(): training
    and use read the same text; a layout change that moves sections fails here."""
    from pipeline.flow import process
    sections = [(s.id, section_text(s)) for s in process(path).sections]
    assert sections == [(r["section"], r["text"]) for r in _rows() if r["doc"] == path.stem]


KEYWORD_ROWS = [
    ("2. Cải cách thể chế\n- Việc kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật.", [TC]),
    ("3. Việc thực hiện kiểm soát thủ tục hành chính, cơ chế một cửa, một cửa liên thông", [TTHC]),
    ("- Thực hiện tinh giản biên chế công chức, số lượng người làm việc", [BM]),
    ("5. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức.", [CV]),
    ("6. Nâng cao năng lực tự chủ tài chính của đơn vị sự nghiệp công lập", [TCC]),
    ("7. Việc thực hiện xây dựng chính quyền điện tử, chính quyền số, chuyển đổi số", [CQS]),
    ("1. Công tác chỉ đạo, điều hành CCHC\n- Kiện toàn Ban điều hành CCHC cấp huyện", [CD]),
    ("d) Đài Phát thanh và Truyền hình Bình Định, Báo Bình Định: cử phóng viên tham dự "
     "cùng Đoàn kiểm tra để đưa tin và tuyên truyền", [TT]),
    ("Việc thực hiện cải cách chế độ công vụ, cải cách tài chính công, Xây dựng, phát triển "
     "chính quyền điện tử, chính quyền số.", [CV, TCC, CQS]),
    ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", [TTHC]),  # capitals fold alike
    ("c) Cơ quan chủ trì: Lãnh đạo UBND thành phố.", []),
    ("Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.", []),
]


@pytest.mark.parametrize("text,expected", KEYWORD_ROWS)
def test_keyword_baseline(text, expected):
    assert keyword_labels(text) == expected


def test_falls_back_to_keywords_without_a_model(tmp_path, monkeypatch):
    assert load_model(tmp_path) is None
    monkeypatch.setattr(areas, "MODEL_DIR", tmp_path)
    areas._model.cache_clear()
    try:
        assert areas.areas_source() == "keywords"
        sections = [Section(id="I.2", heading="Cải cách thể chế", text="2. Cải cách thể chế"),
                    Section(id="III", heading="KINH PHÍ", text="III. KINH PHÍ\nKinh phí …"),
                    Section(id="I.2", heading="", text="- Việc tuyên truyền CCHC")]
        assert classify_sections(sections) == {"I.2": [TC, TT], "III": []}
        assert document_areas(sections) == [TC, TT]
    finally:
        areas._model.cache_clear()


def test_document_areas_in_the_order_of_the_resolution():
    rows = [r for r in _rows() if r["doc"].startswith("002") and r["section"] in ("II.2", "II.6")]
    found = document_areas([_section(r) for r in rows])
    assert found == [l for l in LABELS if l in found] and found


def test_training_runs_and_writes_a_manifest(tmp_path):
    rows = [r for r in _rows() if r["doc"].startswith(("002", "003"))][:30]
    data = tmp_path / "sections.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    held = rows[-1]["doc"]
    manifest = train_areas(data, tmp_path / "model", seed=1, iterations=2, held_out=[held])
    assert manifest["split"]["test_docs"] == [held]
    assert manifest["training_data"]["sha256"] == sha256_of(data)
    assert manifest["code_version"]["train_py_sha256"] == sha256_of(ROOT / "pipeline" / "train.py")
    assert 0 <= manifest["scores"]["textcat"]["micro"]["f1"] <= 1
    nlp, thresholds = load_model(tmp_path / "model")
    assert set(nlp.pipe_names) == {"textcat_multilabel"} and set(thresholds) == set(LABELS)
