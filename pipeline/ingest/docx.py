"""Word files (.docx, and .doc through LibreOffice) → RawDocument.

Forms it reads:
- body paragraphs and tables in document order (the body XML is walked, so a
  table stays where it stands), content controls (w:sdt), text boxes (each of
  their paragraphs on its own line after the paragraph that anchors them),
  tracked insertions; soft line breaks become line breaks;
- automatic list numbers (`1.`, `a)`, `I.`, `Điều 1.`) rendered from
  numbering.xml, since the outline of a plan is often numbered that way;
- the header table and the closing table (at most two filled cells in a row,
  at most four rows; one filled column, any number of rows) read column by
  column: the left cells top to bottom, then the right cells; other tables row
  by row, the cells of a row on one line joined with " | ". A merged cell is
  read once (gridSpan and vMerge continuation cells add nothing);
- legacy TCVN3/VNI text (converted, with a warning); runs set in the .VnTimeH
  capitals font are raised to capitals, which TCVN3 cannot store;
- pages from docProps/app.xml when Word recorded them, else None.

Forms it avoids: page headers and footers, footnotes and comments (not body);
deleted text of tracked changes; field codes (their results are read); the
fallback copy of a text box (mc:Fallback), which would repeat it.

Errors: a file that is not a Word package → CorruptFile; a .doc without
LibreOffice → MissingDependency; a document with no text → EmptyDocument.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CorruptFile, EmptyDocument, MissingDependency
from . import RawDocument, legacy

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 .doc
LAYOUT_MAX_ROWS = 4
SOFFICE_TIMEOUT_S = 180
_SKIPPED = {f"{{{W}}}{name}" for name in ("del", "instrText", "delInstrText", "footnoteReference",
                                           "endnoteReference", "commentReference", "pPr", "rPr")}
_SKIPPED.add(f"{{{MC}}}Fallback")
_CAPITALS_FONT = re.compile(r"^\.Vn\w*H$", re.IGNORECASE)  # .VnTimeH, .VnArialH


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def read(path: Path) -> RawDocument:
    """Read a .docx, or a .doc converted to .docx by LibreOffice."""
    path = Path(path)
    if path.suffix.lower() == ".doc" or _starts_with(path, OLE_MAGIC):
        return _read_through_libreoffice(path)
    return _read_docx(path, path)


def _read_docx(path: Path, shown: Path) -> RawDocument:
    """`shown` is the file the user gave (errors name it), `path` the .docx read."""
    document = _open(path, shown)
    body = document.element.body
    encoding = legacy.detect("\n".join(t.text or "" for t in body.iter(w("t"))))
    context = _Context(_Numbering.load(document), _style_numbering(document), encoding)
    text = "\n".join(_block_lines(body, context))
    if not text.strip():
        raise EmptyDocument(shown, "the Word document has no text (it may hold only pictures or scans): "
                                   "check that it is the right file, or give the scanned PDF so it can be OCR'd")
    warnings = [legacy.warning_for(encoding)] if encoding else []
    return RawDocument(text=text, format="docx", pages=_pages(path), warnings=warnings)


def _open(path: Path, shown: Path):
    import docx  # python-docx; imported here so the package loads fast
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    remedy = "open it in Word or LibreOffice and save it again as .docx, or re-download it"
    if not zipfile.is_zipfile(path):
        raise CorruptFile(shown, f"the file is not a Word .docx document (not a zip package): {remedy}")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, XMLSyntaxError) as error:
        raise CorruptFile(shown, f"the Word package is damaged ({error}): {remedy}") from error


def _starts_with(path: Path, magic: bytes) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(magic)) == magic


def _pages(path: Path) -> int | None:
    """Pages as Word last counted them (docProps/app.xml), when it did."""
    try:
        with zipfile.ZipFile(path) as package:
            app = package.read("docProps/app.xml").decode("utf-8", errors="replace")
    except KeyError:
        return None
    found = re.search(r"<(?:\w+:)?Pages>\s*(\d+)\s*<", app)
    return int(found.group(1)) or None if found else None


# -- .doc through LibreOffice ------------------------------------------------

def _read_through_libreoffice(path: Path) -> RawDocument:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise MissingDependency(path, "a Word 97–2003 .doc file needs LibreOffice to be read: install it "
                                      "(apt-get install libreoffice-writer) or save the file as .docx")
    with tempfile.TemporaryDirectory(prefix="cchc-doc-") as outdir:
        converted = _convert_with(soffice, path, Path(outdir))
        document = _read_docx(converted, path)
    document.warnings.append("the .doc file was converted to .docx by LibreOffice before reading")
    return document


def _convert_with(soffice: str, path: Path, outdir: Path) -> Path:
    # A private profile dir lets two conversions run at once (LibreOffice locks its profile).
    command = [soffice, f"-env:UserInstallation=file://{outdir}/profile", "--headless",
               "--convert-to", "docx", "--outdir", str(outdir), str(path)]
    try:
        subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise CorruptFile(path, f"LibreOffice did not convert the .doc in {SOFFICE_TIMEOUT_S} s: "
                                "open it in Word or LibreOffice and save it as .docx") from error
    converted = outdir / (path.stem + ".docx")
    if not converted.is_file():
        raise CorruptFile(path, "LibreOffice could not convert the .doc file (it may be damaged): "
                                "open it in Word or LibreOffice and save it as .docx, or re-download it")
    return converted


# -- body walk ---------------------------------------------------------------

@dataclass
class _Context:
    numbering: "_Numbering"
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # style id → (numId, ilvl)
    encoding: str | None = None  # legacy encoding of the body text, if any


def _block_lines(container, context: _Context) -> list[str]:
    """Lines of a body, cell, text box or content control, in document order."""
    lines: list[str] = []
    for child in container.iterchildren():
        if child.tag == w("p"):
            lines.extend(_paragraph_lines(child, context))
        elif child.tag == w("tbl"):
            lines.extend(_table_lines(child, context))
        elif child.tag in (w("sdt"), w("sdtContent"), w("customXml"), w("ins")):
            lines.extend(_block_lines(child, context))
    return lines


def _paragraph_lines(paragraph, context: _Context) -> list[str]:
    """A paragraph's own text (soft breaks split it), then its text boxes' lines."""
    segments: list[tuple[str, bool]] = [(context.numbering.label(paragraph, context.styles), False)]
    boxes: list[str] = []
    _collect_text(paragraph, segments, boxes, context)
    text = "".join(_to_unicode(part, capitals, context.encoding) for part, capitals in _merge(segments))
    return text.split("\n") + boxes


def _collect_text(element, segments: list[tuple[str, bool]], boxes: list[str], context: _Context,
                  capitals: bool = False) -> None:
    """Text pieces of a paragraph, each flagged when set in a TCVN3 capitals font."""
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == w("txbxContent"):
            boxes.extend(_block_lines(child, context))
        elif tag == w("t"):
            segments.append((child.text or "", capitals))
        else:
            segments.append((_SPECIAL.get(tag, ""), capitals))
            _collect_text(child, segments, boxes, context, capitals or (tag == w("r") and _capitals_font(child)))


def _merge(segments: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    merged: list[tuple[str, bool]] = []
    for text, capitals in segments:
        if merged and merged[-1][1] == capitals:
            merged[-1] = (merged[-1][0] + text, capitals)
        elif text:
            merged.append((text, capitals))
    return merged


def _to_unicode(text: str, capitals: bool, encoding: str | None) -> str:
    """TCVN3 stores capitals as lowercase codes drawn by a .VnTimeH font: raise them."""
    if capitals:
        return legacy.to_unicode(text, legacy.TCVN3).upper()
    return legacy.to_unicode(text, encoding) if encoding else text


_SPECIAL = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}


def _capitals_font(run) -> bool:
    fonts = run.find(f"{w('rPr')}/{w('rFonts')}")
    return fonts is not None and bool(_CAPITALS_FONT.match(fonts.get(w("ascii")) or fonts.get(w("hAnsi")) or ""))


# -- tables ------------------------------------------------------------------

@dataclass
class _Cell:
    column: int
    lines: list[str]  # empty for a vMerge continuation: merged text is read once


def _table_lines(table, context: _Context) -> list[str]:
    rows = [row for row in _grid(table, context) if any(cell.lines for cell in row)]
    if _is_layout_table(rows):
        return _read_by_columns(rows)
    return [" | ".join(" ".join(cell.lines).strip() for cell in row) for row in rows]


def _grid(table, context: _Context) -> list[list[_Cell]]:
    grid: list[list[_Cell]] = []
    for row in table.iterchildren(w("tr")):
        column = _int_attr(row.find(f"{w('trPr')}/{w('gridBefore')}"), 0)
        cells = []
        for cell in row.iterchildren(w("tc")):
            properties = cell.find(w("tcPr"))
            span = _int_attr(properties.find(w("gridSpan")) if properties is not None else None, 1)
            continued = _is_merge_continuation(properties)
            lines = [] if continued else [line for line in _block_lines(cell, context) if line.strip()]
            cells.append(_Cell(column, lines))
            column += span
        grid.append(cells)
    return grid


def _is_merge_continuation(properties) -> bool:
    merge = properties.find(w("vMerge")) if properties is not None else None
    return merge is not None and merge.get(w("val"), "continue") == "continue"


def _int_attr(element, default: int) -> int:
    value = element.get(w("val")) if element is not None else None
    return int(value) if value and value.isdigit() else default


def _is_layout_table(rows: list[list[_Cell]]) -> bool:
    """The header and closing tables: two filled cells side by side, few rows
    (or one filled column, which reads the same either way)."""
    widest = max((sum(1 for cell in row if cell.lines) for row in rows), default=0)
    return widest <= 1 or (widest == 2 and len(rows) <= LAYOUT_MAX_ROWS)


def _read_by_columns(rows: list[list[_Cell]]) -> list[str]:
    """Left cells top to bottom, then right cells; the right column starts at the
    first column where a row holds its second filled cell."""
    seconds = [[c for c in row if c.lines][1].column for row in rows if sum(1 for c in row if c.lines) == 2]
    split = min(seconds, default=None)
    left = [line for row in rows for cell in row if split is None or cell.column < split for line in cell.lines]
    right = [line for row in rows for cell in row if split is not None and cell.column >= split for line in cell.lines]
    return left + right


# -- automatic numbering -----------------------------------------------------

@dataclass
class _Level:
    start: int
    format: str
    text: str


class _Numbering:
    """Renders a numbered paragraph's label (`1.`, `a)`, `II.`) as Word shows it.

    Counters run per abstract list, and a deeper level restarts when a shallower
    one advances, as Word does by default."""

    def __init__(self, nums: dict[str, tuple[str, dict[int, int]]], abstracts: dict[str, dict[int, _Level]]):
        self.nums = nums  # numId → (abstractNumId, {ilvl: startOverride})
        self.abstracts = abstracts
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    @classmethod
    def load(cls, document) -> "_Numbering":
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return cls({}, {})
        abstracts = {a.get(w("abstractNumId")): _levels(a) for a in root.iterchildren(w("abstractNum"))}
        nums = {n.get(w("numId")): (_val(n.find(w("abstractNumId"))), _overrides(n)) for n in root.iterchildren(w("num"))}
        return cls(nums, abstracts)

    def label(self, paragraph, styles: dict[str, tuple[str, int]]) -> str:
        num_id, ilvl = _numbering_of(paragraph, styles)
        if num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        counters = self._advance(num_id, abstract_id, overrides, levels, ilvl)
        return _render(levels, counters, ilvl)

    def _advance(self, num_id, abstract_id, overrides, levels, ilvl) -> dict[int, int]:
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        return counters


def _levels(abstract) -> dict[int, _Level]:
    levels = {}
    for level in abstract.iterchildren(w("lvl")):
        levels[int(level.get(w("ilvl"), "0"))] = _Level(
            start=int(_val(level.find(w("start"))) or 1),
            format=_val(level.find(w("numFmt"))) or "decimal",
            text=_val(level.find(w("lvlText"))) or "")
    return levels


def _overrides(num) -> dict[int, int]:
    found = {}
    for override in num.iterchildren(w("lvlOverride")):
        start = _val(override.find(w("startOverride")))
        if start:
            found[int(override.get(w("ilvl"), "0"))] = int(start)
    return found


def _val(element) -> str | None:
    return element.get(w("val")) if element is not None else None


def _numbering_of(paragraph, styles: dict[str, tuple[str, int]]) -> tuple[str | None, int]:
    """(numId, ilvl) from the paragraph's own numPr, else from its style."""
    properties = paragraph.find(w("pPr"))
    num_pr = properties.find(w("numPr")) if properties is not None else None
    style = _val(properties.find(w("pStyle"))) if properties is not None else None
    style_num, style_level = styles.get(style or "", (None, 0))
    if num_pr is None:
        return style_num, style_level
    num_id = _val(num_pr.find(w("numId"))) or style_num
    return num_id, int(_val(num_pr.find(w("ilvl"))) or style_level)


def _style_numbering(document) -> dict[str, tuple[str, int]]:
    """Paragraph style id → (numId, ilvl), following basedOn."""
    try:
        root = document.styles.element
    except (KeyError, NotImplementedError):
        return {}
    own, parent = {}, {}
    for style in root.iterchildren(w("style")):
        style_id = style.get(w("styleId"))
        num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
        parent[style_id] = _val(style.find(w("basedOn")))
        if num_pr is not None:
            own[style_id] = (_val(num_pr.find(w("numId"))), int(_val(num_pr.find(w("ilvl"))) or 0))
    resolved = {}
    for style_id in parent:
        current, seen = style_id, set()
        while current and current not in own and current not in seen:
            seen.add(current)
            current = parent.get(current)
        if current in own:
            resolved[style_id] = own[current]
    return resolved


def _render(levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> str:
    level = levels[ilvl]
    if level.format == "none":
        return ""
    if level.format == "bullet":
        return (level.text if level.text.isprintable() and level.text.strip() and ord(level.text[0]) < 0xE000 else "-") + " "
    label = re.sub(r"%(\d)", lambda m: _format_number(levels, counters, int(m.group(1)) - 1), level.text)
    return label + " " if label else ""


def _format_number(levels: dict[int, _Level], counters: dict[int, int], level: int) -> str:
    value = counters.get(level, levels[level].start if level in levels else 1)
    style = levels[level].format if level in levels else "decimal"
    if style in ("lowerLetter", "upperLetter"):
        letters = _letters(value)
        return letters.upper() if style == "upperLetter" else letters
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if style == "lowerRoman" else roman
    if style == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int) -> str:
    """Word repeats the letter past z: 27 → aa."""
    value = max(value, 1)
    return "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    numerals = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for number, numeral in numerals:
        while value >= number:
            out += numeral
            value -= number
    return out
