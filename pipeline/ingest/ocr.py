"""Page images → words with boxes (Tesseract's Vietnamese model), in parallel.

Forms it reads:
- a PDF page, rasterised with pypdfium2 (pdfplumber's own renderer) at the
  resolution of the scan it carries (its largest image's pixels per inch,
  clamped to 200–400), or at RENDER_DPI when the page holds no image;
- an image frame (PNG, JPEG, each page of a multi-page TIFF) at its own pixels,
  its resolution read from the file (DEFAULT_IMAGE_DPI when it carries none).
Each image is turned to grayscale, deskewed by projection profile (a 1.5–2°
skew is the main source of errors on degraded scans), upscaled when coarser
than UPSCALE_BELOW_DPI, and read by Tesseract (`vie`, page segmentation mode
PSM, never outputting the characters of data/ocr_never_printed.yaml: `Ð` for
`Đ`, `Œ`, `†`…) as TSV: one Word per recognised word, its box converted to
points (1/72 inch) so the layout logic of pdf.py, written for text layers,
groups it into lines and two-column zones unchanged. Each word's box is
snapped to its Tesseract line's top and bottom, so accents on capitals do not
split a line. Specks (marks only, low confidence) and pen strokes (tiny boxes
read with low confidence: a signature's scribble read as `nhi hi`) are dropped.
A page read with mean confidence under REREAD_BELOW is read again through a
3×3 median filter and the surer reading kept (speckle breaks Tesseract's
layout analysis; the filter removes it, but thins a table's rules); then the
lines still read unsure are read again on their own (ocr_lines). A `|` alone
on its line (a web copy's table cell bar) is kept as printed.

Forms it avoids: `vie+eng` (it drops diacritics), a median filter on every
page and Otsu binarisation (both measured worse on degraded pages), OSD (it
only catches 90° turns). A missing `tesseract` or missing `vie` data raises
MissingDependency with the command that installs it, never an empty text.

Pages run in worker processes (one per core, OMP_THREAD_LIMIT=1: OpenMP in
Debian's libtesseract makes a page ~7x slower on two cores); each worker
loads its own page, so memory holds only the pages in flight.
"""
from __future__ import annotations

import functools
import os
import shutil
import statistics
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import MissingDependency
from .ocr_lines import line_key, reread_unsure_lines

LANGUAGE = "vie"
PSM = 3  # fully automatic segmentation: measured best on these pages (see README)
RENDER_DPI = 300  # a PDF page without an image (vector drawing) is rendered at this
DPI_RANGE = (200, 400)  # a scan's own resolution, clamped to what Tesseract reads well
UPSCALE_BELOW_DPI = 0  # images coarser than this are upscaled to it (0: never; see README)
DEFAULT_IMAGE_DPI = 300  # an image that does not say its resolution
MAX_SKEW = 3.0  # degrees: larger turns are not a scanner's skew
SKEW_STEP = 0.1  # degrees
MIN_SKEW = 0.3  # degrees: a smaller turn moves a line by under 3 pt across the page (less than
# the layout tolerates) and the resampling blurs small print (measured: see README)
POINTS_PER_INCH = 72.0
SPECK_CONFIDENCE = 0.80  # marks read below this confidence are specks of dirt, not text
SCRIBBLE_CONFIDENCE = 0.30  # with SCRIBBLE_HEIGHT: a pen stroke read as a word
SCRIBBLE_HEIGHT = 0.45  # share of the page's median word height
REREAD_BELOW = 0.90  # a page read with lower mean confidence is read again, filtered
MEDIAN_SIZE = 3  # pixels: the median filter of a re-read removes speckle this size
DASH_CONFIDENCE = 0.50  # a dash read at least this sure before a word of its line is a list mark or range
DASH_WIDTH = 1.8  # pt: a "dash" narrower than this is a speck (printed ones measured 2.5–3.6 pt)
OCR_PROCESSES_ENV = "CCHC_OCR_PROCESSES"  # worker processes per ocr_pages call (see ocr_pages)
LOW_CONFIDENCE = 0.80  # mean word confidence under which a page is named in a warning
_INSTALL = "install it with `sudo apt-get install tesseract-ocr tesseract-ocr-vie` (or run scripts/setup.sh)"


@dataclass(frozen=True)
class PageJob:
    """What a worker needs to load one page: picklable, a few bytes."""
    path: str
    index: int  # 0-based page (PDF) or frame (image)
    kind: str  # "pdf" or "image"


@dataclass
class OcrWord:
    text: str
    x0: float  # points
    x1: float
    top: float
    bottom: float
    confidence: float  # 0..1


@dataclass
class OcrPage:
    number: int  # 1-based
    width: float  # points
    height: float
    dpi: float
    words: list[OcrWord] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        """Mean word confidence, 0..1; None for a page with no words."""
        return statistics.fmean(w.confidence for w in self.words) if self.words else None


# -- the engine ------------------------------------------------------------------

@functools.cache
def check_engine() -> None:
    """Raise MissingDependency unless `tesseract` runs and has the `vie` model."""
    import pytesseract

    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise MissingDependency("tesseract", f"Tesseract OCR is not installed: {_INSTALL}")
    try:
        languages = pytesseract.get_languages(config="")
    except pytesseract.TesseractError as error:
        raise MissingDependency("tesseract", f"Tesseract does not run ({error}): {_INSTALL}") from error
    if LANGUAGE not in languages:
        raise MissingDependency("tesseract", f"Tesseract has no Vietnamese model ('{LANGUAGE}'): {_INSTALL}")


def ocr_pages(jobs: list[PageJob], workers: int | None = None) -> list[OcrPage]:
    """OCR the pages, in worker processes when there are several; results in job order.

    Worker count: `workers` when given; else the environment variable
    CCHC_OCR_PROCESSES when set to a whole number ≥ 1 (a batch that already
    runs one worker per document sets it to 1, so each document's pages are
    read in its own process instead of forking a pool per document); else one
    per core. Never more than the pages."""
    if not jobs:
        return []
    check_engine()
    workers = min(workers or _env_workers() or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        _limit_threads()
        return [read_page(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers, initializer=_limit_threads) as pool:
        # each worker loads its own page, so the pixels in memory are the pages
        # in flight (one per worker); what comes back is words
        return list(_progress(pool.map(read_page, jobs, chunksize=1), len(jobs)))


def _env_workers() -> int | None:
    """CCHC_OCR_PROCESSES as a process count, None when unset; a value that is
    not a whole number ≥ 1 is an error, not a silent default."""
    value = os.environ.get(OCR_PROCESSES_ENV, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{OCR_PROCESSES_ENV} must be a whole number of processes ≥ 1, not {value!r}")
    return int(value)


def _progress(results, total: int):
    """A page bar for a long OCR on a terminal; silent in pipes and tests."""
    import sys

    from tqdm import tqdm
    return tqdm(results, total=total, desc="OCR", unit="page", leave=False, disable=not sys.stderr.isatty())


def _limit_threads() -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"


def read_page(job: PageJob) -> OcrPage:
    """Load, clean and read one page (runs in a worker). A page read with
    low confidence is read again through a median filter, and the reading
    with the higher confidence is kept (see reread)."""
    image, dpi = load_image(job)
    return read_image(image, dpi, job.index + 1)


def read_image(image, dpi: float, number: int) -> OcrPage:
    """A page image (grayscale, its resolution) → words: deskew, read, read
    again what was read unsure (the page through a median filter, then its
    unsure lines on their own)."""
    image, dpi = prepare(image, dpi)
    data = tesseract_tsv(image, dpi)
    page = page_from_tsv(data, image.size, dpi, number)
    if (page.confidence or 1.0) < REREAD_BELOW:
        image, data = reread(page, data, image, dpi)
    data = reread_unsure_lines(data, image, lambda lines, psm: tesseract_tsv(lines, dpi, psm=psm))
    return page_from_tsv(data, image.size, dpi, number)


def reread(page: OcrPage, data: dict, image, dpi: float) -> tuple:
    """The page read again with a 3×3 median filter, if Tesseract is surer of
    that reading. Speckle (a grainy or dirty scan) breaks Tesseract's layout
    analysis into junk words; the filter removes it but blurs thin strokes, so
    it helps some pages and harms others, and the word confidence tells which:
    on the dev scans every page read under 0.90 gained 0.03–0.12 mean
    confidence and 5–12% more right words when speckled, and lost both when
    the filter thinned a table's rules into the text."""
    from PIL import ImageFilter

    filtered = image.filter(ImageFilter.MedianFilter(MEDIAN_SIZE))
    other_data = tesseract_tsv(filtered, dpi)
    other = page_from_tsv(other_data, image.size, dpi, page.number)
    return (filtered, other_data) if (other.confidence or 0.0) > (page.confidence or 0.0) else (image, data)


def with_confidence(document, pages: list[OcrPage], page_count: int):
    """Mark a RawDocument as OCR'd: mean word confidence over the OCR'd pages,
    one confidence per page (None where the text layer was read), and a
    warning naming each page read below LOW_CONFIDENCE."""
    words = [word.confidence for page in pages for word in page.words]
    by_number = {page.number: page.confidence or 0.0 for page in pages}
    document.ocr = True
    document.ocr_confidence = round(statistics.fmean(words), 3) if words else 0.0
    document.page_confidence = [_rounded(by_number.get(n)) for n in range(1, page_count + 1)]
    document.warnings.extend(
        f"page {n} was read by OCR with low confidence ({value:.2f}): check its text against the image"
        for n, value in sorted(by_number.items()) if value < LOW_CONFIDENCE)
    return document


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


# -- pixels ------------------------------------------------------------------------

def load_image(job: PageJob):
    """The page as a grayscale PIL image and its resolution (pixels per inch)."""
    if job.kind == "pdf":
        return render_pdf_page(job.path, job.index)
    return image_frame(job.path, job.index)


def render_pdf_page(path: str, index: int, dpi: float | None = None):
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        page = document[index]
        dpi = dpi or scan_dpi(page) or RENDER_DPI
        bitmap = page.render(scale=dpi / POINTS_PER_INCH)
        return ink_gray(bitmap.to_pil()), dpi
    finally:
        document.close()


def scan_dpi(page) -> float | None:
    """Pixels per inch of the largest image drawn on the page (the scan), clamped."""
    import pypdfium2.raw as pdfium_c

    best = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_bounds()
        width_pt = right - left
        if width_pt <= 0:
            continue
        pixels = obj.get_px_size()[0]
        if best is None or width_pt > best[0]:
            best = (width_pt, pixels * POINTS_PER_INCH / width_pt)
    if best is None:
        return None
    return min(max(best[1], DPI_RANGE[0]), DPI_RANGE[1])


def image_frame(path: str, index: int):
    from PIL import Image

    with Image.open(path) as image:
        image.seek(index)
        dpi = image.info.get("dpi", (DEFAULT_IMAGE_DPI,))[0] or DEFAULT_IMAGE_DPI
        return ink_gray(image), float(round(dpi))


def ink_gray(image):
    """The page in gray as the red channel sees it when it is in colour: a red
    seal stamped over the signature block (and a pink or red background) turns
    pale there while black print stays black, so Tesseract reads the position
    and name under the seal instead of the seal's rim and letters."""
    if image.mode in ("1", "L", "I;16", "I", "F"):
        return image.convert("L")
    return image.convert("RGB").getchannel("R")


def prepare(image, dpi: float):
    """Deskew, then upscale a coarse scan; returns the image and its new resolution."""
    image = deskew(image)
    if UPSCALE_BELOW_DPI and dpi < UPSCALE_BELOW_DPI:
        from PIL import Image

        scale = UPSCALE_BELOW_DPI / dpi
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
        dpi = UPSCALE_BELOW_DPI
    return image, dpi


def deskew(image):
    """Turn the page by the angle at which its text rows are sharpest."""
    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW:
        return image
    from PIL import Image

    return image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)


def skew_angle(image) -> float:
    """Projection profile: the rotation that maximises the variance of the dark
    pixels' row sums (rows of text and the white between them stand apart best
    when the lines are level). Measured on a 1/3 scale copy; coarse then fine."""
    import numpy as np
    from PIL import Image

    small = image.reduce(3) if min(image.size) > 1200 else image
    ink = small.point(lambda value: 255 if value < 128 else 0)

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(_steps(-MAX_SKEW, MAX_SKEW, 0.5), key=sharpness)
    return max(_steps(coarse - 0.5, coarse + 0.5, SKEW_STEP), key=sharpness)


def _steps(low: float, high: float, step: float) -> list[float]:
    count = int(round((high - low) / step))
    return [round(low + i * step, 3) for i in range(count + 1)]


# -- words --------------------------------------------------------------------------

def tesseract_tsv(image, dpi: float, psm: int = PSM) -> dict:
    """Tesseract's TSV output as columns (level, block_num, …, conf, text).
    The page goes to Tesseract as an uncompressed BMP file: pytesseract's own
    PNG encoding of a 300 dpi page costs a third of the OCR time (measured)."""
    import tempfile

    import pytesseract

    with tempfile.TemporaryDirectory(prefix="cchc-ocr-") as folder:
        path = os.path.join(folder, "page.bmp")
        image.save(path, dpi=(round(dpi), round(dpi)))
        return pytesseract.image_to_data(path, lang=LANGUAGE, config=tesseract_config(psm),
                                         output_type=pytesseract.Output.DICT)


@functools.cache
def tesseract_config(psm: int = PSM) -> str:
    """Page segmentation mode, and the characters never printed in these
    documents (data/ocr_never_printed.yaml) that Tesseract must not output."""
    import shlex
    from importlib import resources

    import yaml

    raw = resources.files("pipeline.data").joinpath("ocr_never_printed.yaml").read_text(encoding="utf-8")
    never = "".join(yaml.safe_load(raw).values())
    return f"--psm {psm} -c " + shlex.quote(f"tessedit_char_blacklist={never}")


def page_from_tsv(data: dict, size: tuple[int, int], dpi: float, number: int) -> OcrPage:
    """Words with boxes and confidences, boxes in points and snapped to their
    Tesseract line's top and bottom; specks and scribbles dropped."""
    scale = POINTS_PER_INCH / dpi
    page = OcrPage(number, size[0] * scale, size[1] * scale, dpi)
    rows = _drop_scribbles(data, _word_rows(data, dpi))
    extents = _line_extents(data, rows)
    for row in rows:
        top, bottom = extents[line_key(data, row)]
        left, right = data["left"][row], data["left"][row] + data["width"][row]
        page.words.append(OcrWord(data["text"][row].strip(), left * scale, right * scale, top * scale,
                                  bottom * scale, max(float(data["conf"][row]), 0.0) / 100))
    return page


def _word_rows(data: dict, dpi: float) -> list[int]:
    return [i for i, text in enumerate(data["text"])
            if data["level"][i] == 5 and text.strip()
            and (not _is_speck(text.strip(), float(data["conf"][i]) / 100) or _is_dash_before_word(data, i, dpi)
                 or _is_lone_bar(data, i))]


def _is_lone_bar(data: dict, row: int) -> bool:
    """A `|` read with middling confidence alone on its line is printed: web
    copies of tables print a bar line between cells (`STT` / `|` / `Tên nhiệm
    vụ` / `|` …), and a scan of such a copy keeps them. The text versions read
    them as cell breaks, so the scan must too; dirt is rarely read as a bar
    standing alone on a line."""
    if data["text"][row].strip() != "|" or float(data["conf"][row]) / 100 < DASH_CONFIDENCE:
        return False
    key = line_key(data, row)
    return not any(line_key(data, other) == key and data["text"][other].strip()
                   for other in (row - 1, row + 1) if 0 <= other < len(data["text"]) and data["level"][other] == 5)


_DASHES = {"-", "–", "—"}


def _is_dash_before_word(data: dict, row: int, dpi: float) -> bool:
    """A dash read with middling confidence (a thin stroke: Tesseract is
    rarely sure of it) and followed on its line by a word read with
    confidence is printed: the mark of a list item (`- Chính phủ;` in a Nơi
    nhận) or of a range (`2007 – 2010`). Dirt is not read as a dash before a
    sure word; dropping these lost the list marks of a whole Nơi nhận. A
    printed dash is 2.5–3.6 pt wide on the dev scans (9–16 pt lines); one
    narrower than DASH_WIDTH is a speck (a 1.1 pt `-` before `Căn cứ`)."""
    if data["text"][row].strip() not in _DASHES or float(data["conf"][row]) / 100 < DASH_CONFIDENCE:
        return False
    following = row + 1
    return (following < len(data["text"]) and data["level"][following] == 5
            and line_key(data, following) == line_key(data, row)
            and any(char.isalnum() for char in data["text"][following])
            and float(data["conf"][following]) / 100 >= SPECK_CONFIDENCE
            and data["width"][row] * POINTS_PER_INCH / dpi >= DASH_WIDTH)


def _is_speck(text: str, confidence: float) -> bool:
    """Specks of dirt read as marks: a word with no letter or digit, or a
    single character, read with low confidence. (A list dash or a full stop
    printed on the page is read with high confidence and kept.)"""
    if confidence < 0:
        return True
    marks_only = not any(char.isalnum() for char in text)
    return (marks_only and confidence < SPECK_CONFIDENCE) or (len(text) == 1 and confidence < SPECK_CONFIDENCE / 2)


def _drop_scribbles(data: dict, rows: list[int]) -> list[int]:
    """Rows without the marks a pen leaves: a word read with confidence under
    SCRIBBLE_CONFIDENCE whose box is under SCRIBBLE_HEIGHT of the page's median
    word height is a stroke of a signature, a seal's rim or a rule, read as
    letters (`nhi hi`, `„errrŠ` under PHÓ GIÁM ĐỐC); printed words that small
    are read with confidence (measured on the dev scans: 73 such rows, 4 of them
    letters of the text, all misread)."""
    if not rows:
        return rows
    median = statistics.median(data["height"][row] for row in rows)
    return [row for row in rows if not (float(data["conf"][row]) / 100 < SCRIBBLE_CONFIDENCE
                                         and data["height"][row] < SCRIBBLE_HEIGHT * median)]


def _line_extents(data: dict, rows: list[int]) -> dict[tuple, tuple[int, int]]:
    """Top and bottom of each Tesseract line, from its words' boxes."""
    extents: dict[tuple, tuple[int, int]] = {}
    for row in rows:
        key, top, bottom = line_key(data, row), data["top"][row], data["top"][row] + data["height"][row]
        low, high = extents.get(key, (top, bottom))
        extents[key] = (min(low, top), max(high, bottom))
    return extents
