"""OCR path with real Tesseract: fixtures rendered here (DejaVu, the plan of
fixtures_build laid out as Nghị định 30/2020 prints it), rasterised, then read
back as an image-only PDF, a PNG, a skewed page, a multi-page TIFF and a PDF
mixing a text page with a scanned one."""
from __future__ import annotations

import shutil

import pytest

import fixtures_build as fb  # tests/ is on sys.path (pytest prepend import mode)
from pipeline.errors import MissingDependency
from pipeline.ingest import ocr, pdf, read

pytest.importorskip("reportlab", reason="reportlab builds the test PDFs (test extra)")
pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract-ocr and tesseract-ocr-vie")

DPI = 300


def _rendered_pages(tmp_path, **layout):
    """The text PDF of the plan, each page rasterised to grayscale at DPI."""
    import pypdfium2

    source = fb.build_pdf(tmp_path / "text.pdf", body_repeats=1, **layout)
    document = pypdfium2.PdfDocument(str(source))
    try:
        return [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def _image_pdf(images, path):
    images[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return path


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    return _rendered_pages(tmp_path_factory.mktemp("render"))


@pytest.fixture(scope="module")
def scanned_pdf(pages, tmp_path_factory):
    return read(_image_pdf(pages, tmp_path_factory.mktemp("scan") / "scan.pdf"))


@pytest.fixture(scope="module")
def body_page(pages):
    """Page 1 with its header and title whitened: a later page of the same
    document (identical pages would have their first line taken for a running head)."""
    from PIL import ImageDraw

    page = pages[0].copy()
    ImageDraw.Draw(page).rectangle((0, 0, page.width, int(page.height * 0.2)), fill=255)
    return page


def _lines(document):
    return document.text.split("\n")


def test_scanned_pdf_is_read_by_ocr_with_confidence(scanned_pdf, pages):
    assert scanned_pdf.ocr and scanned_pdf.format == "pdf"
    assert scanned_pdf.pages == len(pages) == 1
    assert 0.85 < scanned_pdf.ocr_confidence <= 1
    assert len(scanned_pdf.page_confidence) == len(pages) and all(c > 0.85 for c in scanned_pdf.page_confidence)


def test_scanned_header_reads_column_by_column(scanned_pdf):
    lines = _lines(scanned_pdf)
    assert lines[:3] == fb.HEADER_LEFT
    assert lines[3:6] == fb.HEADER_RIGHT
    assert lines[6:8] == fb.TITLE


def test_scanned_closing_keeps_recipients_whole(scanned_pdf):
    lines = _lines(scanned_pdf)
    start = lines.index(fb.RECIPIENTS[0])
    assert lines[start:start + len(fb.RECIPIENTS)] == fb.RECIPIENTS
    assert lines[start + len(fb.RECIPIENTS):] == fb.SIGNATURE


def test_skewed_page_is_deskewed_and_read(pages, tmp_path):
    from PIL import Image

    skewed = pages[0].rotate(1.8, resample=Image.BICUBIC, fillcolor=255)
    path = tmp_path / "skewed.png"
    skewed.save(path, dpi=(DPI, DPI))
    document = read(path)
    assert document.format == "image" and document.ocr
    lines = _lines(document)
    assert lines[:3] == fb.HEADER_LEFT and lines[3:6] == fb.HEADER_RIGHT
    assert fb.BODY[2] in lines  # "I. MỤC ĐÍCH, YÊU CẦU"


@pytest.mark.parametrize("angle", [-2.5, -1.5, 0.0, 0.7, 2.0])
def test_skew_angle_is_measured(pages, angle):
    from PIL import Image

    turned = pages[0].rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    assert ocr.skew_angle(turned) == pytest.approx(-angle, abs=0.25)


def test_multipage_tiff_reads_every_frame(pages, body_page, tmp_path):
    """Two bitonal CCITT G4 frames, as scanners file a multi-page TIFF."""
    path = tmp_path / "scan.tiff"
    first, second = (page.point(lambda v: 255 if v > 160 else 0).convert("1") for page in (pages[0], body_page))
    first.save(path, compression="group4", dpi=(DPI, DPI), save_all=True, append_images=[second])
    document = read(path)
    assert document.pages == 2 and len(document.page_confidence) == 2
    assert _lines(document)[:3] == fb.HEADER_LEFT
    assert document.text.count(fb.SIGNATURE[-1]) == 2


def test_mixed_pdf_reads_text_layer_and_ocrs_the_scanned_page(body_page, tmp_path, monkeypatch):
    """Page 1 keeps its text layer; page 2 is a scan (an image, no text)."""
    import pypdfium2

    text_pdf = pypdfium2.PdfDocument(str(fb.build_pdf(tmp_path / "text.pdf", body_repeats=1)))
    scan_pdf = pypdfium2.PdfDocument(str(_image_pdf([body_page], tmp_path / "scan.pdf")))
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(text_pdf, [0])
    mixed.import_pages(scan_pdf, [0])
    mixed.save(str(tmp_path / "mixed.pdf"))
    for document in (text_pdf, scan_pdf, mixed):
        document.close()
    read_pages = []
    real_ocr_pages = ocr.ocr_pages
    monkeypatch.setattr(ocr, "ocr_pages", lambda jobs: read_pages.extend(jobs) or real_ocr_pages(jobs))
    document = read(tmp_path / "mixed.pdf")
    assert [job.index for job in read_pages] == [1]
    assert document.ocr and document.page_confidence[0] is None and document.page_confidence[1] > 0.85
    assert _lines(document)[:3] == fb.HEADER_LEFT
    assert document.text.count(fb.SIGNATURE[-1]) == 2  # once from the text layer, once by OCR


@pytest.mark.parametrize("layer, scan, expected", [
    ("", True, True),  # a scan with no text layer
    ("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", True, True),  # an e-signature label on a scan
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; " * 5, True, False),  # OCR'd before
    ("Căn cứ Luật Tổ chức chính quyền địa phương", False, False),  # a short text page
    ("(cid:12)(cid:40)(cid:7)(cid:3)" * 20, False, True),  # glyphs with no Unicode mapping
    ("", False, False),  # a blank page: nothing to read
])
def test_page_decision_text_layer_or_ocr(layer, scan, expected):
    class FakePage:
        width, height = 595.0, 842.0
        images = [{"x0": 0, "x1": 595, "top": 0, "bottom": 842}] if scan else []
    assert pdf._needs_ocr(FakePage(), layer) is expected


def test_missing_vietnamese_model_is_an_error_that_says_how_to_install(monkeypatch, tmp_path, pages):
    path = tmp_path / "page.png"
    pages[0].save(path, dpi=(DPI, DPI))
    ocr.check_engine.cache_clear()
    monkeypatch.setattr(ocr, "LANGUAGE", "xyz")
    with pytest.raises(MissingDependency, match="tesseract-ocr-vie"):
        read(path)
    ocr.check_engine.cache_clear()


def test_missing_tesseract_is_an_error_that_says_how_to_install(monkeypatch, tmp_path, pages):
    import pytesseract

    path = tmp_path / "page.png"
    pages[0].save(path, dpi=(DPI, DPI))
    ocr.check_engine.cache_clear()
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(MissingDependency, match="apt-get install tesseract-ocr"):
        read(path)
    ocr.check_engine.cache_clear()


def test_text_pdf_never_needs_tesseract(monkeypatch, tmp_path):
    monkeypatch.setattr(ocr, "check_engine", lambda: pytest.fail("a text PDF must not start OCR"))
    document = read(fb.build_pdf(tmp_path / "text.pdf", body_repeats=1))
    assert not document.ocr and document.page_confidence is None


# -- words from Tesseract's TSV (no engine needed) ------------------------------------

def _tsv(rows):
    """A TSV dict as pytesseract returns it, from (text, conf, left, top, width, height, line)."""
    keys = ["level", "page_num", "block_num", "par_num", "line_num", "word_num",
            "left", "top", "width", "height", "conf", "text"]
    data = {key: [] for key in keys}
    for word_num, (text, conf, left, top, width, height, line) in enumerate(rows, start=1):
        for key, value in zip(keys, [5, 1, 1, 1, line, word_num, left, top, width, height, conf, text]):
            data[key].append(value)
    return data


SPECKS = [  # (word, confidence 0..100, kept?)
    ("-", 93, True),  # a list dash
    ("Nơi", 96, True),
    ("_", 63, False),  # dirt read as a mark
    (".", 59, False),
    (":.", 20, False),
    ("l", 2, False),  # a speck read as a letter
    ("HÀNH", 7, True),  # a word, however unsure, is kept
    ("", 95, False),
]


@pytest.mark.parametrize("word, conf, kept", SPECKS)
def test_specks_are_dropped(word, conf, kept):
    page = ocr.page_from_tsv(_tsv([(word, conf, 100, 100, 40, 30, 1)]), (2480, 3508), 300, 1)
    assert [w.text for w in page.words] == ([word] if kept else [])


DASHES = [  # rows (text, conf) of one line → words kept
    ([("-", 61), ("Ban", 96), ("Tổ", 96), ("chức", 96)], ["-", "Ban", "Tổ", "chức"]),  # a list mark read unsure
    ([("2007", 96), ("–", 67), ("2010", 95)], ["2007", "–", "2010"]),  # a range
    ([("-", 40), ("Ban", 96)], ["Ban"]),  # too unsure to be a stroke of print
    ([("-", 61), ("Ban", 50)], ["Ban"]),  # nor before an unsure word
    ([("Ban", 96), ("-", 61)], ["Ban"]),  # a dash ending the line is dirt
    ([("_", 61), ("Ban", 96)], ["Ban"]),  # not a dash
]


def test_narrow_dash_before_a_word_is_a_speck():
    data = _tsv([("-", 61, 100, 100, 5, 30, 1), ("Căn", 96, 120, 100, 40, 30, 1)])  # 1.2 pt at 300 dpi
    assert [w.text for w in ocr.page_from_tsv(data, (2480, 3508), 300, 1).words] == ["Căn"]


@pytest.mark.parametrize("rows, kept", DASHES)
def test_unsure_dash_before_a_word_is_kept(rows, kept):
    data = _tsv([(text, conf, 100 + 60 * i, 100, 40, 30, 1) for i, (text, conf) in enumerate(rows)])
    assert [w.text for w in ocr.page_from_tsv(data, (2480, 3508), 300, 1).words] == kept


BARS = [  # rows (text, conf, line) → words kept
    ([("|", 73, 1), ("STT", 91, 2)], ["|", "STT"]),  # a web copy's cell bar alone on its line
    ([("|", 40, 1), ("STT", 91, 2)], ["STT"]),  # too unsure: dirt
    ([("|", 73, 1), ("STT", 91, 1)], ["STT"]),  # beside a word: a rule or dirt, not a bar line
    ([("/", 73, 1), ("STT", 91, 2)], ["STT"]),  # only the bar
]


@pytest.mark.parametrize("rows, kept", BARS)
def test_a_bar_alone_on_its_line_is_kept(rows, kept):
    data = _tsv([(text, conf, 100 + 60 * i, 100 + 40 * line, 40, 30, line) for i, (text, conf, line) in enumerate(rows)])
    assert [w.text for w in ocr.page_from_tsv(data, (2480, 3508), 300, 1).words] == kept


def test_dash_on_the_next_line_is_not_kept():
    data = _tsv([("-", 61, 100, 100, 40, 30, 1), ("Ban", 96, 100, 160, 40, 30, 2)])
    assert [w.text for w in ocr.page_from_tsv(data, (2480, 3508), 300, 1).words] == ["Ban"]


@pytest.mark.parametrize("value, expected", [("1", 1), ("3", 3), (None, 2)])
def test_ocr_processes_follow_the_environment(monkeypatch, value, expected):
    """CCHC_OCR_PROCESSES=1 keeps a batch worker's OCR in its own process."""
    seen = []

    class Pool:
        def __init__(self, max_workers, initializer):
            seen.append(max_workers)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, function, jobs, chunksize):
            return [ocr.OcrPage(job.index + 1, 1, 1, 300) for job in jobs]

    if value is None:
        monkeypatch.delenv(ocr.OCR_PROCESSES_ENV, raising=False)
    else:
        monkeypatch.setenv(ocr.OCR_PROCESSES_ENV, value)
    monkeypatch.setattr(ocr, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(ocr, "read_page", lambda job: seen.append("in-process") or ocr.OcrPage(job.index + 1, 1, 1, 300))
    monkeypatch.setattr(ocr.os, "cpu_count", lambda: 2)
    pages = ocr.ocr_pages([ocr.PageJob("a.pdf", i, "pdf") for i in range(3)])
    assert [page.number for page in pages] == [1, 2, 3]
    assert seen == (["in-process"] * 3 if expected == 1 else [expected])


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_bad_ocr_process_count_is_an_error(monkeypatch, value):
    monkeypatch.setenv(ocr.OCR_PROCESSES_ENV, value)
    with pytest.raises(ValueError, match="CCHC_OCR_PROCESSES"):
        ocr.ocr_pages([ocr.PageJob("a.pdf", 0, "pdf")])


def test_words_are_in_points_and_snapped_to_their_line():
    data = _tsv([("ỦY", 96, 300, 90, 60, 45, 1), ("BAN", 96, 380, 100, 80, 35, 1), ("Số:", 95, 300, 200, 60, 35, 2)])
    page = ocr.page_from_tsv(data, (2480, 3508), 300, 1)
    uy, ban, so = page.words
    assert (uy.x0, uy.x1) == pytest.approx((72.0, 86.4))  # 300 px at 300 dpi = 72 pt
    assert (uy.top, uy.bottom) == (ban.top, ban.bottom) == pytest.approx((21.6, 32.4))
    assert so.top == 48.0
    assert page.width == pytest.approx(595.2) and page.confidence == pytest.approx(0.9567, abs=1e-3)
    assert [line.text for line in pdf.page_of_ocr(page).lines] == ["ỦY BAN", "Số:"]


def test_low_confidence_page_is_named_in_a_warning():
    from pipeline.ingest import RawDocument

    good = ocr.OcrPage(1, 595, 842, 300, [ocr.OcrWord("Căn", 0, 10, 0, 10, 0.95)])
    poor = ocr.OcrPage(3, 595, 842, 300, [ocr.OcrWord("cú", 0, 10, 0, 10, 0.42), ocr.OcrWord("x", 0, 1, 0, 1, 0.5)])
    document = ocr.with_confidence(RawDocument(text="", format="pdf"), [good, poor], 3)
    assert document.page_confidence == [0.95, None, 0.46]
    assert document.ocr_confidence == pytest.approx(0.623, abs=1e-3)
    assert document.warnings == ["page 3 was read by OCR with low confidence (0.46): check its text against the image"]


SCRIBBLES = [  # (word, confidence 0..100, box height in pixels, kept?) on a page of 35 px words
    ("nhi", 0, 9, False),  # a signature's stroke read as letters
    ("„errrŠ", 0, 8, False),
    ("hi", 25, 12, False),
    ("Cù", 12, 35, True),  # a word of full height, however unsure, is kept
    ("12", 91, 12, True),  # small print read with confidence (a footnote mark) is kept
]


@pytest.mark.parametrize("word, conf, height, kept", SCRIBBLES)
def test_pen_strokes_read_as_words_are_dropped(word, conf, height, kept):
    rows = [("Minh", 96, 100, 100, 80, 35, 1), ("Trọng", 95, 200, 100, 90, 35, 1),
            ("CHỦ", 96, 100, 200, 80, 35, 2), ("TỊCH", 96, 200, 200, 80, 35, 2), (word, conf, 300, 300, 60, height, 3)]
    page = ocr.page_from_tsv(_tsv(rows), (2480, 3508), 300, 1)
    assert (word in [w.text for w in page.words]) is kept


VIETNAMESE_LETTERS = ("aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợ"
                      "uùúủũụưừứửữựyỳýỷỹỵđ")


def test_no_vietnamese_letter_or_document_mark_is_kept_from_tesseract():
    import shlex

    never = shlex.split(ocr.tesseract_config())[-1].split("tessedit_char_blacklist=", 1)[1]
    printed = VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper() + "0123456789.,;:-–/()[]%&°\"'"
    assert "Ð" in never and "Œ" in never  # Đ read as Icelandic eth, CT as ŒT
    assert not set(never) & set(printed)


def test_blacklisted_character_is_never_output(tmp_path):
    """`Đ` printed in a ký hiệu is read as `Đ`, never as the look-alike `Ð`."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(fb.DEJAVU_BOLD), 48)
    image = Image.new("L", (1400, 200), 255)
    ImageDraw.Draw(image).text((40, 60), "Số: 1389/QĐ-UBND-HC ĐOÀN", font=font, fill=0)
    words = [w for w in ocr.page_from_tsv(ocr.tesseract_tsv(image, 300), image.size, 300, 1).words]
    text = " ".join(w.text for w in words)
    assert "Ð" not in text and "Đ" in text


def test_speckled_page_is_read_again_through_a_median_filter(pages):
    """Salt-and-pepper speckle over the page: the filtered reading is surer and
    finds more of the printed words; the surer reading is the one kept."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(pages[0]).copy()
    noise = np.random.default_rng(7).random(pixels.shape)
    pixels[noise < 0.04] = 0
    speckled = Image.fromarray(pixels)
    data = ocr.tesseract_tsv(speckled, DPI)
    first = ocr.page_from_tsv(data, speckled.size, DPI, 1)
    kept_image, kept_data = ocr.reread(first, data, speckled, DPI)
    kept = ocr.page_from_tsv(kept_data, speckled.size, DPI, 1)
    assert kept_image is not speckled  # the filtered image is the one read
    assert kept.confidence >= first.confidence
    assert first.confidence < ocr.REREAD_BELOW < kept.confidence


def test_clean_page_is_read_once(pages, tmp_path, monkeypatch):
    path = tmp_path / "page.png"
    pages[0].save(path, dpi=(DPI, DPI))
    monkeypatch.setattr(ocr, "reread", lambda *args: pytest.fail("a clean page must be read once"))
    assert ocr.read_page(ocr.PageJob(str(path), 0, "image")).confidence >= ocr.REREAD_BELOW


# -- wrapped lines of an OCR'd page (no engine needed) -----------------------------------

def _line(text, x0, x1, top):
    """A pdf.Line of `text` from x0 to x1 (points), its words spread evenly."""
    words = text.split()
    step = (x1 - x0) / len(words)
    return pdf.Line([pdf.Word(w, x0 + i * step, x0 + (i + 1) * step - 3, top, top + 12) for i, w in enumerate(words)])


LEFT, RIGHT, INDENT = 85.0, 540.0, 120.0
WRAPS = [  # (lines as (text, x0, x1), expected texts)
    ([("a) Cấp tỉnh gồm các Sở: Kế hoạch và Đầu tư, Lao động - Thương binh và Xã hội,", INDENT, RIGHT),
      ("Tài nguyên và Môi trường, Tài chính.", LEFT, 300),
      ("b) Cấp huyện gồm Ủy ban nhân dân các huyện.", INDENT, 400)],
     ["a) Cấp tỉnh gồm các Sở: Kế hoạch và Đầu tư, Lao động - Thương binh và Xã hội, Tài nguyên và Môi trường, Tài chính.",
      "b) Cấp huyện gồm Ủy ban nhân dân các huyện."]),
    ([("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", INDENT, RIGHT),
      ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ", LEFT, RIGHT),
      ("về thực hiện cơ chế một cửa;", LEFT, 250)],  # a clause ends with `;`: the next line is new
     ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
      "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa;"]),
    ([("Kiểm tra việc thực hiện các nhiệm vụ cải cách hành chính năm 2023 tại các", INDENT, RIGHT),
      ("- Sở Nội vụ chủ trì", LEFT, 300),  # a list item opens a line of its own
      ("II. TỔ CHỨC THỰC HIỆN", LEFT, 260)],
     ["Kiểm tra việc thực hiện các nhiệm vụ cải cách hành chính năm 2023 tại các", "- Sở Nội vụ chủ trì",
      "II. TỔ CHỨC THỰC HIỆN"]),
    ([("Trên đây là Kế hoạch kiểm tra công tác cải cách hành chính năm 2023 của", INDENT, 400),
      ("thành phố, đề nghị các cơ quan thực hiện.", LEFT, 330),  # the line above ends short: not a wrap
      ("Các cơ quan, đơn vị báo cáo kết quả về Sở Nội vụ trước ngày 30 tháng 11", INDENT, RIGHT)],
     ["Trên đây là Kế hoạch kiểm tra công tác cải cách hành chính năm 2023 của",
      "thành phố, đề nghị các cơ quan thực hiện.",
      "Các cơ quan, đơn vị báo cáo kết quả về Sở Nội vụ trước ngày 30 tháng 11"]),
    ([("VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH VĨNH", LEFT, RIGHT),  # a title: kept
      ("LONG NĂM 2025", LEFT, 180), ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", INDENT, RIGHT)],
     ["VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH VĨNH", "LONG NĂM 2025",
      "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"]),
]


@pytest.mark.parametrize("rows, expected", WRAPS)
def test_wrapped_paragraph_lines_are_joined(rows, expected):
    from pipeline.ingest import paragraphs

    lines = [_line(text, x0, x1, 100 + 20 * i) for i, (text, x0, x1) in enumerate(rows)]
    assert paragraphs.body_lines(lines, 595.0) == expected


TASK = "Triển khai nền tảng đào tạo trực tuyến mở đại trà cho người dân, doanh nghiệp."
GAPS = [  # (line tops, expected texts): a gap over BLANK_PITCHES line pitches holds an empty line
    ([80, 100, 120, 140, 160], [TASK, "Sở KH&CN", "Các sở, ban, ngành tỉnh", "Thường xuyên", "2"]),
    ([80, 100, 120, 180, 200], [TASK, "Sở KH&CN", "Các sở, ban, ngành tỉnh", "", "Thường xuyên", "2"]),  # a break
    ([80, 100, 120, 145, 165], [TASK, "Sở KH&CN", "Các sở, ban, ngành tỉnh", "Thường xuyên", "2"]),  # looser: none
]


@pytest.mark.parametrize("tops, expected", GAPS)
def test_an_empty_lines_height_of_white_breaks_the_text(tops, expected):
    """A web copy's table printed one cell a line with a bar line between cells:
    where the scan lost the bar, the white it stood in still parts the cells."""
    from pipeline.ingest import paragraphs

    texts = [TASK, "Sở KH&CN", "Các sở, ban, ngành tỉnh", "Thường xuyên", "2"]
    lines = [_line(text, LEFT, RIGHT if text == TASK else LEFT + 6 * len(text), top) for text, top in zip(texts, tops)]
    assert paragraphs.body_lines(lines, 595.0) == expected


ITEMS = [
    (["Nơi nhận:", "- Như Điều 3;", "- Ủy ban MTTQVN tỉnh Vĩnh", "Long;", "- Lưu: VT."],
     ["Nơi nhận:", "- Như Điều 3;", "- Ủy ban MTTQVN tỉnh Vĩnh Long;", "- Lưu: VT."]),
    (["Nơi nhận:", "Chính phủ;", "Các Bộ, cơ quan ngang Bộ,", "cơ quan thuộc CP;", "Lưu: HC, PLTP."],
     ["Nơi nhận:", "Chính phủ;", "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc CP;", "Lưu: HC, PLTP."]),
    (["Nơi nhận:", "- Bộ Nội vụ;", "- TT TU, TT HĐND TP;"], ["Nơi nhận:", "- Bộ Nội vụ;", "- TT TU, TT HĐND TP;"]),
]


@pytest.mark.parametrize("texts, expected", ITEMS)
def test_wrapped_recipients_are_joined(texts, expected):
    from pipeline.ingest import paragraphs

    assert paragraphs.list_items(texts) == expected


def test_text_layer_lines_are_never_joined():
    rows = WRAPS[0][0]
    lines = [_line(text, x0, x1, 300 + 20 * i) for i, (text, x0, x1) in enumerate(rows)]
    layer, scan = pdf.Page(2, 595.0, 842.0, list(lines)), pdf.Page(2, 595.0, 842.0, list(lines), ocr=True)
    assert len(pdf.reading_order([layer])[2]) == 3
    assert pdf.reading_order([scan])[2] == WRAPS[0][1]


def _row(*columns):
    """A pdf.Line from (text, x0, x1) column runs on one row."""
    top = _row.top = getattr(_row, "top", 40.0) + 17
    return pdf.Line([word for text, x0, x1 in columns for word in _line(text, x0, x1, top).words])


@pytest.mark.parametrize("gap, columns", [(11.0, True), (20.0, True), (6.0, False)])
def test_header_gutter_narrower_than_a_body_gutter(gap, columns):
    """A scanned Công văn's header: the trích yếu wraps close to the Quốc hiệu
    column (11 pt), yet the first three rows share that band, so they read
    column by column; a 6 pt band is word spacing."""
    _row.top = 40.0
    left_end = 270.0
    right = left_end + gap
    lines = [_row(("VĂN PHÒNG CHÍNH PHỦ", 70, 230), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", right, 546)),
             _row(("Số: 3354/VPCP-KGVX V/v ban hành", 61, left_end + 3), ("Độc lập - Tự do - Hạnh phúc", right + 20, 460)),
             _row(("Thông tư hướng dẫn về quy trình xác", 61, left_end + 3), ("Hà Nội, ngày 26 tháng 04 năm 2013", right + 35, 511)),
             _row(("định, trình tự thủ tục hồ sơ xác nhận", 63, 265)),
             _row(("Kính gửi: Bộ Lao động - Thương binh và Xã hội", 150, 450))]
    texts = pdf.reading_order([pdf.Page(1, 595.0, 842.0, lines, ocr=True)])[1]
    assert (texts[:4] == ["VĂN PHÒNG CHÍNH PHỦ", "Số: 3354/VPCP-KGVX V/v ban hành",
                          "Thông tư hướng dẫn về quy trình xác", "định, trình tự thủ tục hồ sơ xác nhận"]) is columns


# -- second reading of unsure lines ------------------------------------------------------

def _line_rows(data, words):
    """The TSV rows of the first line holding `words` in order."""
    texts = [t.strip() for t in data["text"]]
    for row in range(len(texts)):
        if texts[row:row + len(words)] == words:
            return list(range(row, row + len(words)))
    raise AssertionError(f"{words} not read")


def test_unsure_line_is_read_again_on_its_own(pages):
    """A line the page reading garbled (its words replaced by junk read with low
    confidence, as Tesseract does under a stamp) is cut out and read again; the
    new words land where the line is printed, in page pixels."""
    from pipeline.ingest import ocr_lines

    data = ocr.tesseract_tsv(pages[0], DPI)
    rows = _line_rows(data, ["-", "Bộ", "Nội", "vụ;"])
    boxes = [(data["left"][r], data["top"][r]) for r in rows]
    for row, junk in zip(rows, ["Ngài", "di", "xx", "ÿ"]):
        data["text"][row], data["conf"][row] = junk, 12
    fixed = ocr_lines.reread_unsure_lines(data, pages[0], lambda image, psm: ocr.tesseract_tsv(image, DPI, psm=psm))
    page = ocr.page_from_tsv(fixed, pages[0].size, DPI, 1)
    text = " ".join(w.text for w in page.words)
    assert "- Bộ Nội vụ;" in text and "Ngài" not in text
    bo = next(w for w in page.words if w.text == "Bộ")
    assert abs(bo.x0 - boxes[1][0] * 72 / DPI) < 3 and abs(bo.top - boxes[1][1] * 72 / DPI) < 6  # in page points


def test_sure_page_is_not_read_again(pages):
    from pipeline.ingest import ocr_lines

    data = ocr.tesseract_tsv(pages[0], DPI)
    for row in range(len(data["conf"])):
        data["conf"][row] = max(float(data["conf"][row]), 90)
    assert ocr_lines.reread_unsure_lines(data, pages[0], lambda image, psm: pytest.fail("nothing to re-read")) is data


RUNS = [  # words of one Tesseract line (text, left px, width px), height 30 → runs
    ([("bề", 237, 8), ("láng", 291, 39), ("TỔ", 1000, 51), ("PHÓ", 1062, 75)], [["bề", "láng"], ["TỔ", "PHÓ"]]),
    ([("Sở", 508, 55), ("KH&CGN", 577, 193)], [["Sở", "KH&CGN"]]),  # a word space: one run
]


@pytest.mark.parametrize("words, runs", RUNS)
def test_a_line_across_both_columns_is_cut_in_two(words, runs):
    """Tesseract runs the header's or closing's two columns into one line; only the unsure side is re-read."""
    from pipeline.ingest import ocr_lines

    data = _tsv([(text, 50, left, 100, width, 30, 1) for text, left, width in words])
    got = ocr_lines._runs(data, list(range(len(words))))
    assert [[data["text"][r] for r in run] for run in got] == runs
