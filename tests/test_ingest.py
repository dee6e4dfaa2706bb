"""Readers on real files: legacy encodings, text encodings, Word and PDF layout."""
from __future__ import annotations

import codecs
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from pipeline.ingest import legacy, read
import fixtures_build as fb  # tests/ is on sys.path (pytest prepend import mode)

DATA = Path(__file__).resolve().parent.parent / "pipeline" / "data"

# -- legacy: hand-checked strings, as .VnTime / VNI-Times documents hold them ----

TCVN3_ROWS = [  # (legacy surface, Unicode); TCVN3 has no Ủ, so old documents wrote Uỷ
    ("Uû ban nh©n d©n tØnh Qu¶ng Ng·i", "Uỷ ban nhân dân tỉnh Quảng Ngãi"),
    ("KÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2022", "Kế hoạch cải cách hành chính năm 2022"),
    ("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng", "Căn cứ Luật Tổ chức chính quyền địa phương"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    # capitals typed with caps lock: TCVN3 stores the accented ones lowercase
    ("CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Sè: 32/KH-UBND ngµy 03/3/2020", "Số: 32/KH-UBND ngày 03/3/2020"),
    # .VnTime in a PDF text layer: ư comes out as a minus sign
    ("nhµ n−íc vµ Thñ t−íng ChÝnh phñ", "nhà nước và Thủ tướng Chính phủ"),
]
VNI_ROWS = [
    ("UÛy ban nhaân daân tænh Quaûng Ngaõi", "Ủy ban nhân dân tỉnh Quảng Ngãi"),
    ("Keá hoaïch caûi caùch haønh chính naêm 2022", "Kế hoạch cải cách hành chính năm 2022"),
    ("Caên cöù Luaät Toå chöùc chính quyeàn ñòa phöông", "Căn cứ Luật Tổ chức chính quyền địa phương"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
    ("khaúng ñònh vai troø cuûa Ñaûng", "khẳng định vai trò của Đảng"),  # ẳ: missing from viparse's table
]
PHRASES = ["Ủy ban nhân dân tỉnh Quảng Ngãi", "Kế hoạch cải cách hành chính năm 2022",
           "Căn cứ Luật Tổ chức chính quyền địa phương"]


@pytest.mark.parametrize("surface, unicode_text", TCVN3_ROWS)
def test_tcvn3_converts(surface, unicode_text):
    assert legacy.detect(surface) == legacy.TCVN3
    assert legacy.to_unicode(surface, legacy.TCVN3) == unicode_text


@pytest.mark.parametrize("surface, unicode_text", VNI_ROWS)
def test_vni_converts(surface, unicode_text):
    assert legacy.detect(surface) == legacy.VNI
    assert legacy.to_unicode(surface, legacy.VNI) == unicode_text


# A VNI encoder written from the VNI-Windows chart, independent of legacy_vni.json.
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_CIRCUMFLEX = {None: "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {None: "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_SINGLE = {"đ": "ñ", "ơ": "ô", "ư": "ö", "ì": "ì", "í": "í", "ỉ": "æ", "ĩ": "ó", "ị": "ò"}


def vni_encode(text: str) -> str:
    return "".join(_vni_letter(char) for char in text)


def _vni_letter(char: str) -> str:
    upper = char.isupper()
    lower = char.lower()
    if lower in _VNI_SINGLE:
        code = _VNI_SINGLE[lower]
        return code.upper() if upper else code
    parts = unicodedata.normalize("NFD", lower)
    if len(parts) == 1:
        return char
    base, marks = parts[0], parts[1:]
    tone = next((mark for mark in marks if mark in _VNI_TONE), None)
    if "\u0302" in marks:
        code = base + _VNI_CIRCUMFLEX[tone]
    elif "\u0306" in marks:
        code = base + _VNI_BREVE[tone]
    elif "\u031b" in marks:
        code = _VNI_SINGLE[unicodedata.normalize("NFC", base + "\u031b")] + (_VNI_TONE[tone] if tone else "")
    else:
        code = base + _VNI_TONE[tone]
    return code.upper() if upper else code


@pytest.mark.parametrize("phrase", PHRASES + [p.upper() for p in PHRASES])
def test_vni_round_trip(phrase):
    encoded = vni_encode(phrase)
    assert encoded != phrase
    assert legacy.detect(encoded) == legacy.VNI
    assert legacy.to_unicode(encoded, legacy.VNI) == phrase


def _tcvn3_by_iconv(text: str) -> str:
    """glibc's TCVN5712-1 codec (TCVN3's lowercase block is the same bytes)."""
    encoded = subprocess.run(["iconv", "-f", "utf-8", "-t", "TCVN5712-1"], input=text.encode(),
                             capture_output=True, check=True).stdout
    return encoded.decode("latin-1")


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv (glibc) not installed")
@pytest.mark.parametrize("phrase", [p.replace("Ủy", "Uỷ") for p in PHRASES]
                         + ["Quyết định số 225/QĐ-TTg của Thủ tướng Chính phủ về việc phê duyệt"])
def test_tcvn3_round_trip_through_iconv(phrase):
    encoded = _tcvn3_by_iconv(phrase)
    assert legacy.detect(encoded) == legacy.TCVN3
    assert legacy.to_unicode(encoded, legacy.TCVN3) == phrase


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv (glibc) not installed")
def test_tcvn3_table_agrees_with_iconv_on_every_letter():
    table = legacy._table(legacy.TCVN3)
    for surface, letter in table.items():
        assert _tcvn3_by_iconv(letter) == surface, letter


@pytest.mark.parametrize("name", ["legacy_tcvn3.json", "legacy_vni.json"])
def test_legacy_tables_are_clean_data(name):
    entries = json.loads((DATA / name).read_text(encoding="utf-8"))["entries"]
    codes = [entry["bytes"] for entry in entries]
    assert len(codes) == len(set(codes)), "a byte sequence is mapped twice"
    for entry in entries:
        assert unicodedata.normalize("NFC", entry["letter"]) == entry["letter"]
        assert len(entry["letter"]) == 1 and not entry["letter"].isascii()


@pytest.mark.parametrize("text", [
    "Ủy ban nhân dân tỉnh Quảng Ngãi ban hành Kế hoạch cải cách hành chính năm 2022.",
    "Café crème brûlée à la française, señor.",
    "Số: 32/KH-UBND © 2020 «Bản quyền»",
    "Plain ASCII text with no marks at all.",
])
def test_unicode_and_foreign_text_is_not_converted(text):
    assert legacy.detect(text) is None


def test_mixed_document_converts_only_legacy_lines():
    text = "Ủy ban nhân dân tỉnh Quảng Ngãi\nC¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng"
    assert legacy.to_unicode(text, legacy.TCVN3) == (
        "Ủy ban nhân dân tỉnh Quảng Ngãi\nCăn cứ Luật Tổ chức chính quyền địa phương")


# -- text files ---------------------------------------------------------------

PLAN = "Ủy ban nhân dân tỉnh Quảng Ngãi\nKế hoạch cải cách hành chính năm 2022\n"
TEXT_ROWS = [  # (bytes, expected text, warning fragment or None)
    (PLAN.encode("utf-8"), PLAN, None),
    (codecs.BOM_UTF8 + PLAN.encode("utf-8"), PLAN, None),
    (PLAN.encode("utf-16"), PLAN, None),  # with BOM
    (codecs.BOM_UTF16_BE + PLAN.encode("utf-16-be"), PLAN, None),
    (PLAN.encode("utf-16-le"), PLAN, "UTF-16 without a byte-order mark"),
    (PLAN.encode("utf-32"), PLAN, None),
    (vni_encode(PLAN).encode("latin-1"), PLAN, "VNI"),
    ("Uû ban nh©n d©n tØnh Qu¶ng Ng·i\nKÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2022\n".encode("latin-1"),
     PLAN.replace("Ủy", "Uỷ"), "TCVN3"),
    # a .VnTime document saved as UTF-8: the legacy surface arrives as UTF-8 text
    ("Uû ban nh©n d©n tØnh Qu¶ng Ng·i\nKÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m 2022\n".encode("utf-8"),
     PLAN.replace("Ủy", "Uỷ"), "TCVN3"),
    (None, PLAN, "Windows-1258"),  # bytes built by cp1258_encode below
]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_encode(text: str) -> bytes:
    """Windows-1258 keeps â ê ô ơ ư ă đ whole and writes the tone as a combining mark."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(mark for mark in parts if mark in _TONES)
        base = unicodedata.normalize("NFC", "".join(mark for mark in parts if mark not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


@pytest.mark.parametrize("data, expected, warning", TEXT_ROWS)
def test_text_encodings(tmp_path, data, expected, warning):
    path = tmp_path / "plan.txt"
    path.write_bytes(cp1258_encode(expected) if data is None else data)
    document = read(path)
    assert unicodedata.normalize("NFC", document.text) == expected
    assert document.format == "txt"
    if warning is None:
        assert document.warnings == []
    else:
        assert any(warning in message for message in document.warnings), document.warnings


def test_tcvn3_warning_says_what_to_check(tmp_path):
    path = tmp_path / "old.md"
    path.write_bytes("C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph­¬ng".encode("latin-1"))
    document = read(path)
    assert document.format == "md"
    assert document.warnings == [legacy.warning_for(legacy.TCVN3)]
    assert "capital letters in headings" in document.warnings[0]


# -- Word ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def docx_lines(tmp_path_factory):
    path = fb.build_docx(tmp_path_factory.mktemp("docx") / "plan.docx", numbered=True)
    document = read(path)
    assert document.format == "docx"
    return document.text.split("\n")


def _positions(lines: list[str], wanted: list[str]) -> list[int]:
    return [lines.index(line) for line in wanted]


def test_docx_header_table_reads_column_by_column(docx_lines):
    left = _positions(docx_lines, fb.HEADER_LEFT)
    right = _positions(docx_lines, fb.HEADER_RIGHT)
    assert left == list(range(left[0], left[0] + 3)) and right == list(range(right[0], right[0] + 3))
    assert max(left) < min(right) < docx_lines.index(fb.TITLE[0])


def test_docx_closing_table_keeps_recipients_whole(docx_lines):
    recipients = _positions(docx_lines, fb.RECIPIENTS)
    signature = _positions(docx_lines, fb.SIGNATURE)
    assert recipients == list(range(recipients[0], recipients[0] + len(fb.RECIPIENTS)))
    assert signature == list(range(recipients[-1] + 1, recipients[-1] + 1 + len(fb.SIGNATURE)))


def test_docx_data_table_reads_row_by_row_in_place(docx_lines):
    header_row = " | ".join(fb.DATA_TABLE[0])
    assert header_row in docx_lines
    assert docx_lines.index(fb.BODY[-1]) < docx_lines.index(header_row) < docx_lines.index("Nơi nhận:")
    rows = [line for line in docx_lines if line.startswith(("1 | ", "2 | "))]
    assert rows[0].startswith("1 | Sở Kế hoạch và Đầu tư | Quý III/2020")
    assert "Quý III/2020" not in rows[1], "a merged cell's text was repeated"


def test_docx_automatic_numbers_are_rendered(docx_lines):
    assert "1. Sở Nội vụ chủ trì tham mưu." in docx_lines
    assert "2. Các cơ quan được kiểm tra chuẩn bị hồ sơ." in docx_lines


def test_docx_in_legacy_fonts_is_converted(tmp_path):
    document = read(fb.build_legacy_docx(tmp_path / "cũ .VnTime.docx"))
    lines = document.text.split("\n")
    assert lines[0] == "KẾ HOẠCH"  # .VnTimeH draws capitals
    assert lines[1] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    assert lines[2].startswith("Uỷ ban nhân dân tỉnh Quảng Ngãi ban hành Kế hoạch")
    assert document.warnings == [legacy.warning_for(legacy.TCVN3)]


# -- PDF ----------------------------------------------------------------------

reportlab = pytest.importorskip("reportlab", reason="reportlab builds the test PDFs (test extra)")


LAYOUTS = {  # how the header's right column and the signature sit against the left column
    "rows aligned": {},
    "right column between left lines": {"right_shift": 9.0},
    "authority above Nơi nhận": {"signature_above": True},
}


@pytest.fixture(scope="module", params=list(LAYOUTS))
def pdf_document(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    return read(fb.build_pdf(path, **LAYOUTS[request.param]))


def test_pdf_header_columns_are_not_interleaved(pdf_document):
    lines = pdf_document.text.split("\n")
    left = _positions(lines, fb.HEADER_LEFT)
    right = _positions(lines, fb.HEADER_RIGHT)
    assert left == [0, 1, 2] and right == [3, 4, 5]
    assert lines[6:8] == fb.TITLE


def test_pdf_closing_keeps_recipients_whole(pdf_document):
    lines = pdf_document.text.split("\n")
    recipients = _positions(lines, fb.RECIPIENTS)
    assert recipients == list(range(recipients[0], recipients[0] + len(fb.RECIPIENTS)))
    assert lines[recipients[-1] + 1:] == fb.SIGNATURE


def test_pdf_pages_and_page_numbers(pdf_document):
    assert pdf_document.pages == 3
    assert pdf_document.warnings == []
    assert not [line for line in pdf_document.text.split("\n") if line.strip().isdigit()]
    body_line = "III. TỔ CHỨC THỰC HIỆN"
    assert pdf_document.text.count(body_line) == 3  # the body, printed three times, is all there


def test_pdf_with_owner_password_only_reads(tmp_path):
    document = read(fb.build_pdf(tmp_path / "restricted.pdf", body_repeats=1, encrypt_owner="boss"))
    assert document.text.split("\n")[:3] == fb.HEADER_LEFT


def test_pdf_blank_page_warns_it_needs_ocr(tmp_path):
    document = read(fb.build_pdf(tmp_path / "scan tail.pdf", body_repeats=1, blank_last_page=True))
    assert document.pages == 2
    assert document.warnings == ["page 2 has no text layer: it needs OCR"]
    assert document.text.split("\n")[-1] == fb.SIGNATURE[-1]


def test_pdf_in_vntime_font_is_converted(tmp_path):
    """A .VnTime PDF's text layer holds the TCVN3 bytes as Latin-1 letters, and ư as a minus sign."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", str(fb.DEJAVU)))
    path = tmp_path / "vntime.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("DejaVu", 11)
    for row, line in enumerate(["C¨n cø LuËt Tæ chøc chÝnh quyÒn ®Þa ph\u2212¬ng;",
                                "Uû ban nh©n d©n tØnh Qu¶ng Ng·i ban hµnh KÕ ho¹ch."]):
        pdf.drawString(60, 760 - 16 * row, line)
    pdf.showPage()
    pdf.save()
    document = read(path)
    assert document.text == ("Căn cứ Luật Tổ chức chính quyền địa phương;\n"
                             "Uỷ ban nhân dân tỉnh Quảng Ngãi ban hành Kế hoạch.")
    assert document.warnings == [legacy.warning_for(legacy.TCVN3)]
