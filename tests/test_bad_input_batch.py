"""Bad input in a batch, through the `cchc` commands a user runs: each bad file becomes a
clear error (or a warning) in the `files` table, the batch goes on, and nothing stored
before is lost.

One archive-like folder is built once (file names in Vietnamese, with spaces): real plans
(corpus/docs, a Word file, a text PDF), then an empty file; junk named .pdf, .docx and
.png; a truncated PDF; an encrypted PDF with a user password and one with an owner
password only; a 500-page PDF; a blank page image; an English and a French document;
TCVN3 and VNI text; a dangling link and a file nobody may read; a symlink loop; the same
plan twice under two names. `cchc ingest DIR --db X` reads it into a database that
already holds a document, and the tests read X with sqlite-utils.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

import fixtures_build as fb  # tests/ is on sys.path (pytest prepend import mode)
from pipeline.errors import CchcError
from pipeline.flow import process
from pipeline.language import NOT_VIETNAMESE, looks_vietnamese, syllable_share

ROOT = Path(__file__).resolve().parents[1]
PLAN_32 = ROOT / "corpus" / "docs" / "001_7bee4535614414f0.txt"
PLANS = sorted((ROOT / "corpus" / "docs").glob("*.txt"))

ENGLISH = """PROVINCIAL PEOPLE'S COMMITTEE
No. 32/KH-UBND
PLAN
Administrative reform inspection in 2020
I. PURPOSE
1. To assess how the departments, agencies and district committees carry out the tasks of
administrative reform, and to find the weaknesses that slow the reform down.
2. The Department of Home Affairs shall lead the inspection and report the results to the
Provincial People's Committee before 30 November 2020. Funding comes from the state budget.
"""
FRENCH = """COMITÉ POPULAIRE DE LA PROVINCE
Plan de réforme administrative pour l'année 2021
I. OBJECTIFS
1. Évaluer la mise en œuvre des tâches de réforme administrative par les services, les organismes
et les districts, et relever les faiblesses qui freinent la réforme.
2. Le service de l'intérieur dirige l'inspection et rend compte des résultats au comité avant la
fin de l'année. Le financement provient du budget de l'État.
"""
TCVN3 = ("UBND TØNH KI£N GIANG\nKÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2022\n"
         "C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng;\nI. Môc ®Ých\n1. Së Néi vô chñ tr× kiÓm tra.\n")
VNI = ("UBND TÆNH KIEÂN GIANG\nKeá hoaïch caûi caùch haønh chính naêm 2022\n"
       "Caên cöù Luaät Toå chöùc chính quyeàn ñòa phöông;\nI. Muïc ñích\n1. Sôû Noäi vuï chuû trì kieåm tra.\n")


def _junk(seed: int, size: int = 4096) -> bytes:
    """Bytes that are no format at all; each seed its own, so no two junk files are copies."""
    return bytes((i * 7919 + seed) % 256 for i in range(size))


def _truncated_pdf(folder: Path) -> bytes:
    data = fb.build_pdf(folder / "whole.pdf", body_repeats=1).read_bytes()
    (folder / "whole.pdf").unlink()
    return data[: len(data) // 2]


def _pdf_locked(folder: Path, **passwords) -> bytes:
    path = fb.build_pdf(folder / "locked.pdf", body_repeats=1, **passwords)
    data = path.read_bytes()
    path.unlink()
    return data


def _five_hundred_pages(folder: Path) -> bytes:
    """A 500-page text PDF: the plan's header on page 1, one numbered task a page after it
    (short pages keep the test fast; the page count is what is tested)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(fb.DEJAVU)))
    path = folder / "long.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(fb.PAGE_W, fb.PAGE_H))
    pdf.setFont("DejaVu", 11)
    for row, line in enumerate(fb.HEADER_LEFT + fb.TITLE):
        pdf.drawString(fb.LEFT_X, 700 - 18 * row, line)
    pdf.showPage()
    for page in range(2, 501):
        pdf.setFont("DejaVu", 11)
        pdf.drawString(fb.LEFT_X, 600, f"{page}. Sở Nội vụ chủ trì kiểm tra đơn vị thứ {page} trong quý III/2020.")
        pdf.showPage()
    pdf.save()
    data = path.read_bytes()
    path.unlink()
    return data


def _blank_page_image(folder: Path) -> bytes:
    from PIL import Image

    path = folder / "blank.png"
    Image.new("L", (1240, 1754), 255).save(path)  # an A4 page scanned at 150 dpi, nothing on it
    data = path.read_bytes()
    path.unlink()
    return data


# (file name, bytes or builder, status in `files`, words of its error or of the record's warnings)
ROWS = [
    pytest.param("Kế hoạch rỗng.txt", b"", "failed", "empty", id="empty file"),
    pytest.param("rác nhị phân.pdf", _junk(1), "failed", "not a readable PDF", id="junk named .pdf"),
    pytest.param("rác nhị phân.docx", _junk(2), "failed", "not a Word .docx", id="junk named .docx"),
    pytest.param("rác nhị phân.png", _junk(3), "failed", "cannot be read", id="junk named .png"),
    pytest.param("bị cắt giữa chừng.pdf", _truncated_pdf, "failed", "PDF", id="truncated PDF"),
    pytest.param("có mật khẩu mở.pdf", lambda f: _pdf_locked(f, encrypt_user="mật khẩu"), "failed",
                 "qpdf --decrypt", id="encrypted PDF, user password"),
    pytest.param("chỉ khóa in ấn.pdf", lambda f: _pdf_locked(f, encrypt_owner="chủ sở hữu"), "ok", None,
                 id="encrypted PDF, owner password only"),
    pytest.param("Kế hoạch 500 trang.pdf", _five_hundred_pages, "ok", None, id="500-page PDF"),
    pytest.param("trang trắng.png", _blank_page_image, "failed", "no text", id="blank page image"),
    pytest.param("English plan.txt", ENGLISH.encode(), "ok", "does not look Vietnamese", id="English"),
    pytest.param("Plan français.txt", FRENCH.encode(), "ok", "does not look Vietnamese", id="French"),
    pytest.param("bảng mã TCVN3.txt", TCVN3.encode("latin-1"), "ok", "TCVN3", id="TCVN3 text"),
    pytest.param("bảng mã VNI.txt", VNI.encode("latin-1"), "ok", "VNI", id="VNI text"),
    pytest.param("Kế hoạch kiểm tra CCHC năm 2020.docx", lambda f: fb.build_docx(f / "x.docx").read_bytes(), "ok",
                 None, id="Word file, Vietnamese name with spaces"),
    pytest.param("Kế hoạch số 32 (bản PDF).pdf", lambda f: fb.build_pdf(f / "x.pdf", body_repeats=1).read_bytes(),
                 "ok", None, id="PDF, Vietnamese name with spaces"),
]
GOOD = ["Kế hoạch 32 KH-UBND.txt", "bản sao/Kế hoạch 32 KH-UBND (bản sao).txt"]  # one document, two paths


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The folder, a database holding one earlier document, and one `cchc ingest` over the folder."""
    work = tmp_path_factory.mktemp("bad input")
    folder, db_path = work / "lưu trữ 2020", work / "cchc.db"
    folder.mkdir()
    earlier = work / "đã lưu.txt"
    earlier.write_text(PLANS[2].read_text(encoding="utf-8"), encoding="utf-8")
    first = cchc("ingest", str(earlier), "--db", str(db_path))
    assert first.returncode == 0, first.stderr
    before = list(sqlite_utils.Database(db_path).query("SELECT id, sha256, record_json FROM documents"))
    for param in ROWS:
        name, content = param.values[0], param.values[1]
        (folder / name).write_bytes(content(work) if callable(content) else content)
    for name in GOOD:
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text(PLAN_32.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "mất tệp gốc.pdf").symlink_to(folder / "đã xóa.pdf")  # a link whose file is gone
    (folder / "bản sao" / "vòng lặp").symlink_to(folder, target_is_directory=True)  # a loop back up
    locked = folder / "không được đọc.txt"
    locked.write_text(PLAN_32.read_text(encoding="utf-8") + "\n(bản khóa)\n", encoding="utf-8")
    locked.chmod(0)
    run = cchc("ingest", str(folder), "--db", str(db_path), "--workers", "2", timeout=600)
    locked.chmod(0o644)
    db = sqlite_utils.Database(db_path)
    rows = {Path(row["path"]).relative_to(folder).as_posix(): row for row in db.query("SELECT * FROM files")
            if Path(row["path"]).is_relative_to(folder)}
    return {"run": run, "db": db, "rows": rows, "before": before, "folder": folder}


def cchc(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """The `cchc` command as a user runs it, in its own process."""
    return subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def document_of(batch: dict, row: dict) -> dict:
    return next(batch["db"].query("SELECT * FROM documents WHERE id = ?", [row["document_id"]]))


# -- the files table -----------------------------------------------------------------

@pytest.mark.parametrize("name, content, status, words", ROWS)
def test_each_bad_file_gets_its_status_and_a_clear_message(batch, name, content, status, words):
    row = batch["rows"].get(name)
    assert row is not None, f"no files row for {name}: {sorted(batch['rows'])}"
    assert row["status"] == status, row
    assert row["seconds"] is not None and row["seconds"] >= 0
    if status == "failed":
        assert words in row["error"], row["error"]
        assert row["document_id"] is None
        return
    warnings = json.loads(document_of(batch, row)["warnings"] or "[]")
    assert (words is None and not warnings) or any(words in w for w in warnings), warnings


def test_the_batch_goes_on_past_every_bad_file(batch):
    run, rows = batch["run"], batch["rows"]
    assert run.returncode == 0, run.stderr  # something was stored: the batch succeeded as a whole
    stored = [row for row in rows.values() if row["status"] in ("ok", "partial")]
    expected = [p.values[0] for p in ROWS if p.values[2] == "ok"] + [GOOD[0]]  # one of the two copies
    assert sorted(row for row in rows if rows[row]["status"] in ("ok", "partial") and row != "không được đọc.txt") \
        == sorted(expected)
    assert batch["db"]["documents"].count == len(stored) + len(batch["before"])
    assert "failed" in run.stdout


def test_nothing_stored_before_is_lost(batch):
    for old in batch["before"]:
        now = next(batch["db"].query("SELECT id, sha256, record_json FROM documents WHERE id = ?", [old["id"]]))
        assert now == old


def test_the_500_page_pdf_records_its_pages(batch):
    row = batch["rows"]["Kế hoạch 500 trang.pdf"]
    assert row["pages"] == 500
    assert document_of(batch, row)["ref"] == "32/KH-UBND"


def test_one_document_under_two_names_is_stored_once(batch):
    first, copy = (batch["rows"][name] for name in GOOD)
    assert first["sha256"] == copy["sha256"]
    assert sorted([first["status"], copy["status"]]) == ["ok", "skipped"]
    kept, skipped = (first, copy) if first["status"] == "ok" else (copy, first)
    assert Path(kept["path"]).name in skipped["error"]
    assert batch["db"].execute("SELECT count(*) FROM documents WHERE sha256 = ?", [first["sha256"]]).fetchone() == (1,)


def test_a_symlink_loop_is_not_followed(batch):
    assert not [path for path in batch["rows"] if "vòng lặp" in path]
    assert len(batch["rows"]) == len(ROWS) + len(GOOD) + 2  # each file once: + the dangling link and the locked file


def test_a_dangling_link_is_failed_as_unreadable(batch):
    row = batch["rows"]["mất tệp gốc.pdf"]
    assert row["status"] == "failed" and row["sha256"] is None
    assert "not a readable file" in row["error"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_nobody_may_read_is_failed_as_unreadable(batch):
    row = batch["rows"]["không được đọc.txt"]
    assert row["status"] == "failed" and "not a readable file" in row["error"]


def test_file_names_keep_their_vietnamese_letters(batch):
    assert "Kế hoạch kiểm tra CCHC năm 2020.docx" in batch["rows"]
    row = batch["rows"]["Kế hoạch kiểm tra CCHC năm 2020.docx"]
    assert json.loads(document_of(batch, row)["record_json"])["source"]["file"] == "Kế hoạch kiểm tra CCHC năm 2020.docx"


# -- cchc extract: one error line per bad file, the good ones written -----------------

def test_extract_names_each_bad_file_and_writes_the_good_ones(tmp_path):
    bad = {"rỗng.txt": b"", "rác.pdf": _junk(4), "rác.png": _junk(5), "trắng.png": _blank_page_image(tmp_path)}
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    good = tmp_path / "Kế hoạch 32.txt"
    good.write_text(PLAN_32.read_text(encoding="utf-8"), encoding="utf-8")
    paths = [str(tmp_path / name) for name in ["rỗng.txt", "rác.pdf"]] + [str(good)] + \
            [str(tmp_path / name) for name in ["rác.png", "trắng.png"]]
    run = cchc("extract", *paths, "--out", str(tmp_path / "out"))
    assert run.returncode == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("Error: ")]
    assert [line.split(": ")[1] for line in errors] == [p for p in paths if p != str(good)]
    assert "Traceback" not in run.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["Kế hoạch 32.json"]


# -- process: each bad file is a CchcError, never another exception -------------------

@pytest.mark.parametrize("name, content, status, words", ROWS)
def test_process_refuses_by_name_or_reads_with_its_warning(tmp_path, name, content, status, words):
    path = tmp_path / name
    path.write_bytes(content(tmp_path) if callable(content) else content)
    if status == "failed":
        with pytest.raises(CchcError) as raised:
            process(path)
        assert words in raised.value.message and raised.value.path == str(path)
        return
    record = process(path)
    assert (words is None and not record.warnings) or any(words in w for w in record.warnings), record.warnings


# -- is it Vietnamese? -----------------------------------------------------------------

VIETNAMESE = [
    PLAN_32.read_text(encoding="utf-8"),
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Ủy ban nhân dân tỉnh ban hành "
    "Kế hoạch cải cách hành chính năm 2022 với các nội dung sau: Sở Nội vụ chủ trì, phối hợp với các sở, "
    "ban, ngành tỉnh kiểm tra việc thực hiện nhiệm vụ.",
    "Can cu Luat To chuc chinh quyen dia phuong ngay 19 thang 6 nam 2015; Uy ban nhan dan tinh ban hanh "
    "Ke hoach cai cach hanh chinh nam 2022 voi cac noi dung sau: So Noi vu chu tri, phoi hop voi cac so, "
    "ban, nganh tinh kiem tra viec thuc hien nhiem vu.",  # marks lost (OCR, an old export)
    "UBND TỈNH KIÊN GIANG CCHC KH-UBND SNV UBND HĐND " * 5 + "Sở Nội vụ tổ chức kiểm tra công tác năm 2020 "
    "tại các cơ quan, đơn vị, địa phương trên địa bàn tỉnh theo kế hoạch.",  # abbreviations are not counted
]
FOREIGN = [ENGLISH, FRENCH,
           "Das Volkskomitee der Provinz erlässt diesen Plan zur Verwaltungsreform für das Jahr 2021. "
           "Das Innenministerium leitet die Prüfung aller Behörden und Bezirke und berichtet vor Jahresende."]


@pytest.mark.parametrize("text", VIETNAMESE)
def test_vietnamese_text_looks_vietnamese(text):
    assert looks_vietnamese(text), syllable_share(text)


@pytest.mark.parametrize("text", FOREIGN)
def test_english_french_and_german_text_do_not(text):
    assert not looks_vietnamese(text), syllable_share(text)


@pytest.mark.parametrize("text", ["", "Số: 12/KH-UBND", "Plan of 2021", "12345 67 89"])
def test_too_few_words_to_tell_gives_no_warning(text):
    assert looks_vietnamese(text) and syllable_share(text) is None


def test_a_foreign_record_carries_the_warning(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert NOT_VIETNAMESE in process(path).warnings
