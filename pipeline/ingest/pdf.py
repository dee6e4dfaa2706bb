"""PDF text layer → RawDocument (pdfplumber, word positions).

Forms it reads:
- each page's words (pdfplumber extract_words, characters drawn twice for fake
  bold removed), grouped into lines by their `top`;
- the two-column zones Nghị định 30/2020 lays out side by side: the header at
  the top of page 1 (issuing body and số left; Quốc hiệu, tiêu ngữ and the
  place-date line right) and the closing (a block whose left part starts
  "Nơi nhận" and whose right part holds the signature: TM./KT./TL., position,
  name). In a zone the left column's lines come first, then the right
  column's, so neither is interleaved word by word with the other. The columns
  split at the widest empty vertical band near the page middle (at least
  HEADER_GUTTER wide over the header's first three rows, MIN_GUTTER
  elsewhere); the zone ends
  at the first line that crosses that band (the title, the body: a line with
  words on both sides and less than MIN_GUTTER between them there) or, for
  the header, at a line centred on the page;
- on an OCR'd page, the body's wrapped lines joined back into paragraphs and
  the Nơi nhận column's wrapped items into one line each (paragraphs.py), as
  the text versions hold them;
- page numbers (`2`, `- 2 -`, `Trang 2`, `2/5`) in the top or bottom margin, and
  running headers/footers repeated on at least half of the pages, are dropped;
- legacy TCVN3/VNI text layers (.VnTime fonts): converted, with a warning.
Pages are joined with "\\n"; pages = the page count.

Per page it decides between the text layer and OCR (ocr.py): a page is OCR'd
when it carries a scan (an image over half the page or more) and its text layer
is short (under MIN_LAYER_CHARS: an e-signature label, a stamp) or when its
text layer is unsound (mostly unmapped glyphs: `(cid:12)`, U+FFFD, private-use
characters). OCR'd words pass through the same line and zone logic
(`reading_order`), so a scanned header splits into its columns too.
RawDocument.ocr is true when any page was OCR'd; ocr_confidence is the mean
word confidence of the OCR'd pages; page_confidence holds one value per page
(None for a page read from its text layer).

Forms it avoids: a page with no text layer and nothing drawn on it is left
out with a warning (it needs OCR, but holds nothing to read); tables in the
body are read line by line as printed.

Errors: a user password → EncryptedFile (how to decrypt); a damaged,
truncated or non-PDF file → CorruptFile (re-download or re-export it).
An owner password alone (printing/copy restrictions) does not stop reading.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptFile, EncryptedFile
from . import RawDocument, legacy, ocr, paragraphs

MIN_GUTTER = 12.0  # pt: narrower empty bands are word spacing, not a column gutter
# the header's first three rows share their gutter, so a narrower common band
# is already a gutter there (a scanned Công văn's trích yếu wrapped 11 pt short
# of the Quốc hiệu column); a word space is 3–5 pt and does not line up on
# three rows
HEADER_GUTTER = 9.0  # pt
GUTTER_CLEARANCE = 3.0  # pt: a zone's words keep this far from its gutter (a word space is ~3–5 pt)
MIDDLE_BAND = (0.2, 0.8)  # share of the page width where a column gutter may sit
MARGIN_SHARE = 0.12  # top/bottom share of the page where page numbers and running heads sit
HEADER_START_LINES = 3  # the header zone starts within the first lines of page 1
GUTTER_PROBE_LINES = 4  # lines a zone's gutter is measured on
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
# `Nơi nhận`, and as a scan may print it: the N lost or read as a mark (`(ơi nhận:`)
_RECIPIENTS = re.compile(r"^(?:n[oơ]i\s*nh[aậ]n|[^\w\s]?[oơ]i\s+nh[aậâ]n\s*:)", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
MIN_LAYER_CHARS = 200  # a scanned page's own text layer shorter than this is a label, not the page
SCAN_SHARE = 0.5  # an image covering this share of the page is a scan of it
SOUND_SHARE = 0.9  # a text layer with fewer readable characters than this is broken
_UNREADABLE = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff]")
_ENCRYPTED_REMEDY = ("the PDF is protected by a password: decrypt it with "
                     "`qpdf --decrypt --password=PASSWORD in.pdf out.pdf` (or print it to a new PDF) and give that file")
_CORRUPT_REMEDY = "re-download it or re-export it from the original document"


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def x0(self) -> float:
        return min(word.x0 for word in self.words)

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in sorted(self.words, key=lambda word: word.x0))


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    ocr: bool = False  # read by OCR: its wrapped lines are joined into paragraphs


def read(path: Path) -> RawDocument:
    """Read a PDF in reading order, each page from its text layer or by OCR
    (see the module docstring)."""
    path = Path(path)
    _check_opens(path)
    layers = _pages(path)
    scanned = [layer.page.number for layer in layers if layer.needs_ocr]
    ocr_pages = {page.number: page for page in ocr.ocr_pages([ocr.PageJob(str(path), n - 1, "pdf") for n in scanned])}
    pages = [page_of_ocr(ocr_pages[layer.page.number]) if layer.page.number in ocr_pages else layer.page
             for layer in layers]
    warnings = [f"page {page.number} has no text layer: it needs OCR" for page in pages
                if not page.lines and page.number not in ocr_pages]
    texts = reading_order(pages)
    text, legacy_warnings = _legacy_to_unicode(texts, set(ocr_pages))
    document = RawDocument(text=text, format="pdf", pages=len(pages), warnings=warnings + legacy_warnings)
    return ocr.with_confidence(document, list(ocr_pages.values()), len(pages)) if ocr_pages else document


def reading_order(pages: list[Page]) -> dict[int, list[str]]:
    """Each page's lines in reading order, page furniture dropped, zones
    column by column: the one layout step text-layer and OCR pages share."""
    _drop_page_furniture(pages)
    return {page.number: _page_lines(page) for page in pages if page.lines}


def page_of_ocr(page: "ocr.OcrPage") -> Page:
    words = [Word(w.text, w.x0, w.x1, w.top, w.bottom) for w in page.words]
    return Page(page.number, page.width, page.height, group_lines(words), ocr=True)


def _legacy_to_unicode(texts: dict[int, list[str]], ocr_numbers: set[int]) -> tuple[str, list[str]]:
    """TCVN3/VNI text layers converted; OCR'd pages are Unicode already."""
    layer_text = "\n".join("\n".join(lines) for n, lines in texts.items() if n not in ocr_numbers)
    encoding = legacy.detect(layer_text)
    if not encoding:
        return "\n".join("\n".join(lines) for lines in texts.values()), []
    pages = ["\n".join(lines) if n in ocr_numbers else legacy.to_unicode("\n".join(lines), encoding)
             for n, lines in texts.items()]
    return "\n".join(pages), [legacy.warning_for(encoding)]


# -- opening -----------------------------------------------------------------

def _check_opens(path: Path) -> None:
    """PDFium tells a user password (error 4) from a damaged file (error 3)."""
    import pypdfium2

    try:
        pypdfium2.PdfDocument(str(path)).close()
    except pypdfium2.PdfiumError as error:
        if getattr(error, "err_code", None) == 4:
            raise EncryptedFile(path, _ENCRYPTED_REMEDY) from error
        raise CorruptFile(path, f"the file is not a readable PDF ({error}): {_CORRUPT_REMEDY}") from error


@dataclass
class Layer:
    """A page as its text layer gives it, and whether OCR must read it instead."""
    page: Page
    needs_ocr: bool


def _pages(path: Path) -> list[Layer]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(str(path)) as pdf:
            return [_read_page(page, number) for number, page in enumerate(pdf.pages, start=1)]
    except PdfminerException as error:
        if any(isinstance(arg, PDFPasswordIncorrect) for arg in error.args):
            raise EncryptedFile(path, _ENCRYPTED_REMEDY) from error
        raise CorruptFile(path, f"the PDF is damaged ({error}): {_CORRUPT_REMEDY}") from error
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CorruptFile(path, f"the PDF is damaged ({type(error).__name__}: {error}): {_CORRUPT_REMEDY}") from error


def _read_page(page, number: int) -> Layer:
    raw = page.dedupe_chars().extract_words(keep_blank_chars=False, use_text_flow=False)
    words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw if w["text"].strip()]
    layer = Page(number, float(page.width), float(page.height), group_lines(words))
    return Layer(layer, _needs_ocr(page, "".join(word.text for word in words)))


def _needs_ocr(page, text: str) -> bool:
    """A scan whose text layer is missing or only a label, or a broken layer."""
    if text and not _sound(text):
        return True
    page_area = float(page.width) * float(page.height)
    scan = any((image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) >= SCAN_SHARE * page_area
               for image in page.images)
    return scan and len(text) < MIN_LAYER_CHARS


def _sound(text: str) -> bool:
    unreadable = sum(len(match) for match in _UNREADABLE.findall(text))
    return unreadable <= (1 - SOUND_SHARE) * len(text)


def group_lines(words: list[Word]) -> list[Line]:
    """Words whose tops lie within a third of a line height share a line."""
    if not words:
        return []
    tolerance = max(2.0, statistics.median(w.bottom - w.top for w in words) / 3)
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1].words[0].top) <= tolerance:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    return lines


# -- page numbers and running heads -------------------------------------------

def _drop_page_furniture(pages: list[Page]) -> None:
    for page in pages:
        page.lines = [line for line in page.lines if not _is_page_number(line, page)]
    for edge in (0, -1):
        running = _running_texts(pages, edge)
        for page in pages:
            if page.lines and _key(page.lines[edge]) in running and _in_margin(page.lines[edge], page):
                del page.lines[edge]


def _is_page_number(line: Line, page: Page) -> bool:
    return bool(_PAGE_NUMBER.match(line.text)) and _in_margin(line, page)


def _in_margin(line: Line, page: Page) -> bool:
    return line.top < MARGIN_SHARE * page.height or line.bottom > (1 - MARGIN_SHARE) * page.height


def _running_texts(pages: list[Page], edge: int) -> set[str]:
    """First (or last) lines repeated on at least half of the pages, two at least."""
    keys = [_key(page.lines[edge]) for page in pages if page.lines]
    needed = max(2, len(pages) / 2)
    return {key for key in set(keys) if keys.count(key) >= needed}


def _key(line: Line) -> str:
    return _DIGITS.sub("#", line.text.casefold())


# -- zones ---------------------------------------------------------------------

@dataclass
class Zone:
    start: int  # index of the first line
    end: int  # index after the last line
    gutter: float  # x where the columns split
    closing: bool = False  # the closing (Nơi nhận | signature), not the header


def _page_lines(page: Page) -> list[str]:
    """The page's lines in reading order: zones column by column, the rest as printed
    (an OCR'd page's wrapped lines joined into paragraphs, see paragraphs.py)."""
    body = paragraphs.body_lines if page.ocr else _texts
    out: list[str] = []
    index = 0
    for zone in _zones(page):
        out.extend(body(page.lines[index:zone.start], page.width))
        out.extend(_zone_lines(page.lines[zone.start:zone.end], zone.gutter, page.ocr and zone.closing))
        index = zone.end
    out.extend(body(page.lines[index:], page.width))
    return out


def _texts(lines: list[Line], width: float) -> list[str]:
    return [line.text for line in lines]


def _zones(page: Page) -> list[Zone]:
    zones = []
    header = _header_zone(page) if page.number == 1 else None
    if header:
        zones.append(header)
    closing = _closing_zone(page, header.end if header else 0)
    if closing:
        zones.append(closing)
    return zones


def _header_zone(page: Page) -> Zone | None:
    """The header: a gutter in the first lines of page 1, down to the title."""
    # a short header (one name line, then số and date) has only two rows
    # before the body: probe two lines when three cross no common gutter
    lines = page.lines
    gutter = _gutter(lines[:HEADER_START_LINES], page.width, HEADER_GUTTER) or _gutter(lines[:2], page.width)
    if gutter is None:
        return None
    centre = (min(line.x0 for line in page.lines) + max(line.x1 for line in page.lines)) / 2
    end = 0
    while end < len(page.lines) and _fits(page.lines[end], gutter) and not _is_title(page.lines[end], gutter, centre, page.width):
        end += 1
    return Zone(0, end, gutter) if end >= 2 else None


def _closing_zone(page: Page, after: int) -> Zone | None:
    """The closing: from the "Nơi nhận" line (and signature lines right of the
    gutter just above it) down to the first line crossing the gutter."""
    start = next((i for i in range(after, len(page.lines)) if _starts_recipients(page.lines[i], page.width)), None)
    if start is None:
        return None
    gutter = _gutter(page.lines[start:start + GUTTER_PROBE_LINES], page.width)
    if gutter is None:
        return None
    while start > after and page.lines[start - 1].x0 > gutter:
        start -= 1  # the authority line (TM./KT./TL.) printed above "Nơi nhận"
    end = start
    while end < len(page.lines) and _fits(page.lines[end], gutter):
        end += 1
    return Zone(start, end, gutter, closing=True)


def _starts_recipients(line: Line, width: float) -> bool:
    first = min(line.words, key=lambda word: word.x0)
    return first.x0 < width / 2 and bool(_RECIPIENTS.match(line.text))


def _gutter(lines: list[Line], width: float, least: float = MIN_GUTTER) -> float | None:
    """Centre of the widest x band in the middle of the page that no word of
    `lines` covers, with words on both sides; None if no band is `least` wide."""
    words = sorted((word for line in lines for word in line.words), key=lambda word: word.x0)
    if not words:
        return None
    best, reach = None, words[0].x1
    low, high = MIDDLE_BAND[0] * width, MIDDLE_BAND[1] * width
    for word in words[1:]:
        gap = (reach, word.x0)
        if gap[1] - gap[0] >= least and low <= (gap[0] + gap[1]) / 2 <= high:
            if best is None or gap[1] - gap[0] > best[1] - best[0]:
                best = gap
        reach = max(reach, word.x1)
    return (best[0] + best[1]) / 2 if best else None


def _fits(line: Line, gutter: float) -> bool:
    """Every word clear of the gutter: a body line whose word space happens to
    fall on the gutter crosses it (its words come within GUTTER_CLEARANCE).
    A line with words on both sides must leave a column gap (MIN_GUTTER) at
    the gutter: a justified body line's widened word space is not one
    (`Theo đề nghị của | Bộ Tài chính…` under a scanned Công văn's header)."""
    if not all(word.x1 <= gutter - GUTTER_CLEARANCE or word.x0 >= gutter + GUTTER_CLEARANCE for word in line.words):
        return False
    left = [word.x1 for word in line.words if word.x1 <= gutter]
    right = [word.x0 for word in line.words if word.x0 >= gutter]
    return not (left and right) or min(right) - max(left) >= MIN_GUTTER


def _is_title(line: Line, gutter: float, centre: float, width: float) -> bool:
    """A title line: centred on the text area, all on one side of the gutter
    (a header row is centred too, but has words on both sides)."""
    one_side = line.x1 <= gutter or line.x0 >= gutter
    return one_side and abs((line.x0 + line.x1) / 2 - centre) < 0.03 * width


def _zone_lines(lines: list[Line], gutter: float, join_items: bool = False) -> list[str]:
    """Left column's lines top to bottom, then the right column's (with
    join_items, the left column's wrapped list items joined: an OCR'd Nơi nhận)."""
    left = [word for line in lines for word in line.words if word.center < gutter]
    right = [word for line in lines for word in line.words if word.center >= gutter]
    left_lines = [line.text for line in group_lines(left)]
    if join_items:
        left_lines = paragraphs.list_items(left_lines)
    return left_lines + [line.text for line in group_lines(right)]
