"""Bad and awkward inputs: each bad file raises its own error naming the file and
saying what to do; each awkward but readable file is read, with a warning where
the reader changed something."""
from __future__ import annotations

import codecs
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

import fixtures_build as fb  # tests/ is on sys.path (pytest prepend import mode)
from pipeline.errors import (CorruptFile, EmptyDocument, EncryptedFile, MissingDependency, UnreadableFile,
                             UnsupportedFormat)
from pipeline.ingest import read

REMEDY = re.compile(r"check|re-download|re-export|save|install|decrypt|export|give", re.IGNORECASE)


def _junk(size: int = 4096) -> bytes:
    return bytes((i * 7919 + 13) % 256 for i in range(size))


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "not a Word document")
    return buffer.getvalue()


def _truncated_pdf(tmp_path: Path) -> bytes:
    pytest.importorskip("reportlab")
    data = fb.build_pdf(tmp_path / "whole.pdf", body_repeats=1).read_bytes()
    return data[: len(data) // 2]


def _encrypted_pdf(tmp_path: Path) -> bytes:
    pytest.importorskip("reportlab")
    return fb.build_pdf(tmp_path / "locked.pdf", body_repeats=1, encrypt_user="mật khẩu").read_bytes()


def _empty_docx(tmp_path: Path) -> bytes:
    import docx

    docx.Document().save(tmp_path / "blank.docx")
    return (tmp_path / "blank.docx").read_bytes()


BAD_ROWS = [  # (file name, bytes or builder, error class, words the message must hold)
    ("Kế hoạch rỗng.txt", b"", EmptyDocument, "empty"),
    ("ghi chú.md", b"", EmptyDocument, "empty"),
    ("trắng.txt", b"  \n\t\r\n   \n", EmptyDocument, "blank"),
    ("chỉ BOM.txt", codecs.BOM_UTF8 + b"\n", EmptyDocument, "blank"),
    ("nhị phân.txt", b"Ke hoach\x00\x01\x02\x00\xff\xfe\x00\x00" * 40, CorruptFile, "binary"),
    ("rác.pdf", _junk(), CorruptFile, "not a readable PDF"),
    ("rác.docx", _junk(), CorruptFile, "not a Word .docx"),
    ("zip lạ.docx", _zip_without_word(), CorruptFile, "damaged"),
    ("bị cắt.pdf", _truncated_pdf, CorruptFile, "PDF"),
    ("có mật khẩu.pdf", _encrypted_pdf, EncryptedFile, "qpdf --decrypt"),
    ("trống.docx", _empty_docx, EmptyDocument, "no text"),
    ("bảng tính.xlsx", b"PK", UnsupportedFormat, ".xlsx"),
]


@pytest.mark.parametrize("name, content, error, words", BAD_ROWS, ids=[row[0] for row in BAD_ROWS])
def test_bad_input_raises_a_named_error_with_a_remedy(tmp_path, name, content, error, words):
    path = tmp_path / name
    path.write_bytes(content(tmp_path) if callable(content) else content)
    with pytest.raises(error) as raised:
        read(path)
    assert raised.value.path == str(path)
    assert str(raised.value).startswith(str(path))
    assert words in raised.value.message
    assert REMEDY.search(raised.value.message), raised.value.message


def test_missing_file_is_unreadable(tmp_path):
    with pytest.raises(UnreadableFile) as raised:
        read(tmp_path / "không có.pdf")
    assert "không có.pdf" in str(raised.value) and REMEDY.search(raised.value.message)


def test_doc_without_libreoffice_says_to_install_it(tmp_path, monkeypatch):
    import pipeline.ingest.docx as docx_reader

    monkeypatch.setattr(docx_reader.shutil, "which", lambda name: None)
    path = tmp_path / "văn bản cũ.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(MissingDependency) as raised:
        read(path)
    assert "apt-get install libreoffice-writer" in raised.value.message
    assert "save the file as .docx" in raised.value.message


def test_doc_named_docx_is_sent_to_libreoffice(tmp_path, monkeypatch):
    import pipeline.ingest.docx as docx_reader

    monkeypatch.setattr(docx_reader.shutil, "which", lambda name: None)
    path = tmp_path / "đổi tên.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(MissingDependency):
        read(path)


def test_pdf_without_any_text_layer_returns_empty_text_and_warnings(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    path = tmp_path / "bản quét.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(100, 100, 300, 500)  # a drawing, no text: what a scan looks like to a text reader
    pdf.showPage()
    pdf.showPage()
    pdf.save()
    document = read(path)
    assert document.text == "" and document.pages == 2
    assert document.warnings == ["page 1 has no text layer: it needs OCR", "page 2 has no text layer: it needs OCR"]


# -- awkward but readable ------------------------------------------------------

PLAN = "Căn cứ Luật Tổ chức chính quyền địa phương;\nKế hoạch cải cách hành chính năm 2022\n"
READABLE_ROWS = [  # (file name, bytes, expected NFC text, warning fragment or None)
    ("tcvn3.txt", "C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng;\nKÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2022\n"
     .encode("latin-1"), PLAN, "TCVN3"),
    ("vni.txt", "Caên cöù Luaät Toå chöùc chính quyeàn ñòa phöông;\nKeá hoaïch caûi caùch haønh chính naêm 2022\n"
     .encode("latin-1"), PLAN, "VNI"),
    ("utf16.txt", PLAN.encode("utf-16"), PLAN, None),
    ("nfd.txt", unicodedata.normalize("NFD", PLAN).encode("utf-8"), PLAN, None),
    ("Kế hoạch số 32 KH-UBND (bản cuối).txt", PLAN.encode("utf-8"), PLAN, None),
]


@pytest.mark.parametrize("name, data, expected, warning", READABLE_ROWS, ids=[row[0] for row in READABLE_ROWS])
def test_awkward_text_is_read(tmp_path, name, data, expected, warning):
    path = tmp_path / name
    path.write_bytes(data)
    document = read(path)
    assert unicodedata.normalize("NFC", document.text) == expected
    assert [w for w in document.warnings if warning and warning in w] or (warning is None and not document.warnings)


def test_nfd_text_is_left_for_normalize(tmp_path):
    """The reader keeps the characters as given; normalize.canonical does NFC."""
    path = tmp_path / "nfd.txt"
    path.write_bytes(unicodedata.normalize("NFD", PLAN).encode("utf-8"))
    from pipeline.normalize import canonical

    assert canonical(read(path).text).startswith("Căn cứ Luật Tổ chức")


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_vietnamese_file_names_with_spaces(tmp_path, suffix):
    if suffix == ".pdf":
        pytest.importorskip("reportlab")
        path = fb.build_pdf(tmp_path / "Kế hoạch kiểm tra CCHC năm 2020.pdf", body_repeats=1)
    else:
        path = fb.build_docx(tmp_path / "Kế hoạch kiểm tra CCHC năm 2020.docx")
    assert read(path).text.startswith("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nSố: 32/KH-UBND\n")
